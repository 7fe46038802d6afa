package io.momentic.core;

/**
 * When an instrument trades, which sets how many bars make a year: exchange sessions (equities:
 * 252 days of 6.5 hours), around the clock on weekdays (FX: 260 days of 24 hours, so hourly
 * EURUSD is about 6,240 bars a year) or around the clock every day (crypto: 365 days of 24 hours).
 */
public enum TradingCalendar {
  /** Exchange trading days and hours: 252 days a year, 6.5 hours a day. */
  EXCHANGE(252, 6.5),
  /** 24×5 markets such as spot FX: 52 weeks of 5 days, 24 hours a day. */
  WEEKDAYS(260, 24),
  /** 24/7 markets such as crypto spot: 365 days a year, 24 hours a day. */
  CONTINUOUS(365, 24);

  private final int daysPerYear;
  private final double hoursPerDay;

  TradingCalendar(int daysPerYear, double hoursPerDay) {
    this.daysPerYear = daysPerYear;
    this.hoursPerDay = hoursPerDay;
  }

  public int daysPerYear() {
    return daysPerYear;
  }

  public double hoursPerDay() {
    return hoursPerDay;
  }

  /** In words, with its figures: "exchange sessions: 252 days × 6.5 h", "24×5: 260 days × 24 h", … */
  public String description() {
    return switch (this) {
      case EXCHANGE -> "exchange sessions: 252 days × 6.5 h";
      case WEEKDAYS -> "24×5: 260 days × 24 h";
      case CONTINUOUS -> "24/7: 365 days × 24 h";
    };
  }
}
