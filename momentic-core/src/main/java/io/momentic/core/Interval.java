package io.momentic.core;

import java.util.Locale;

/**
 * Bar intervals, from one minute to one week (plus calendar months for resampling). The code
 * is the exchange-style short name ({@code 1m}, {@code 4h}, {@code 1d}, {@code 1w}).
 */
public enum Interval {
  M1("1m", 60_000L),
  M3("3m", 3 * 60_000L),
  M5("5m", 5 * 60_000L),
  M15("15m", 15 * 60_000L),
  M30("30m", 30 * 60_000L),
  H1("1h", 3_600_000L),
  H2("2h", 2 * 3_600_000L),
  H4("4h", 4 * 3_600_000L),
  H6("6h", 6 * 3_600_000L),
  H8("8h", 8 * 3_600_000L),
  H12("12h", 12 * 3_600_000L),
  D1("1d", 86_400_000L),
  W1("1w", 7 * 86_400_000L),
  /** Calendar month; {@link #millis()} is the average month (30.436875 days) and is only indicative. */
  MN1("1M", 2_629_746_000L);

  private final String code;
  private final long millis;

  Interval(String code, long millis) {
    this.code = code;
    this.millis = millis;
  }

  public String code() {
    return code;
  }

  /** Nominal length in milliseconds. */
  public long millis() {
    return millis;
  }

  /**
   * Bars per year: daily bars give 252 on a trading calendar and 365 on a 24/7 one; weekly 52;
   * monthly 12; intraday bars scale from the daily figure (6.5 trading hours a day for
   * exchange-hours instruments, 24 for 24/7 markets).
   */
  public double periodsPerYear(TradingCalendar calendar) {
    return switch (this) {
      case W1 -> 52;
      case MN1 -> 12;
      case D1 -> calendar == TradingCalendar.CONTINUOUS ? 365 : 252;
      default -> calendar == TradingCalendar.CONTINUOUS
          ? 365.0 * 86_400_000L / millis
          : 252.0 * 23_400_000L / millis;
    };
  }

  /** Parses a code such as {@code 1d}, {@code 4h} or {@code 1w} (case-sensitive for {@code 1m}/{@code 1M}). */
  public static Interval parse(String code) {
    for (Interval interval : values()) {
      if (interval.code.equals(code)) {
        return interval;
      }
    }
    String lower = code == null ? "" : code.toLowerCase(Locale.ROOT);
    for (Interval interval : values()) {
      if (interval != M1 && interval.code.toLowerCase(Locale.ROOT).equals(lower)) {
        return interval;
      }
    }
    throw new ConfigException("interval", "expected one of 1m,3m,5m,15m,30m,1h,2h,4h,6h,8h,12h,1d,1w,1M, found '" + code + "'");
  }
}
