package io.momentic.core;

/** Broad asset classes; they decide the default calendar and whether units are whole. */
public enum AssetClass {
  EQUITY(TradingCalendar.EXCHANGE, true),
  ETF(TradingCalendar.EXCHANGE, true),
  INDEX(TradingCalendar.EXCHANGE, false),
  FX(TradingCalendar.WEEKDAYS, false),
  CRYPTO(TradingCalendar.CONTINUOUS, false);

  private final TradingCalendar calendar;
  private final boolean wholeUnits;

  AssetClass(TradingCalendar calendar, boolean wholeUnits) {
    this.calendar = calendar;
    this.wholeUnits = wholeUnits;
  }

  public TradingCalendar calendar() {
    return calendar;
  }

  public boolean wholeUnits() {
    return wholeUnits;
  }
}
