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
   * Bars per year on a calendar: daily bars give its days (252 exchange, 260 for 24×5 FX, 365 for
   * 24/7); weekly 52; monthly 12; intraday bars divide its trading hours a year by the bar length
   * (6.5 hours a day on an exchange, 24 otherwise).
   */
  public double periodsPerYear(TradingCalendar calendar) {
    return switch (this) {
      case W1 -> 52;
      case MN1 -> 12;
      case D1 -> calendar.daysPerYear();
      default -> calendar.daysPerYear() * calendar.hoursPerDay() * 3_600_000L / millis;
    };
  }

  /** The interval whose bars are spaced by {@code millis} (27 to 32 days: monthly), or null. */
  public static Interval ofSpacing(long millis) {
    long day = 86_400_000L;
    if (millis >= 27 * day && millis <= 32 * day) {
      return MN1;
    }
    for (Interval interval : values()) {
      if (interval.millis == millis) {
        return interval;
      }
    }
    return null;
  }

  /** The most common spacing between consecutive times among the first {@code limit} (the shorter on a tie). */
  public static long modeSpacing(long[] times, int limit) {
    java.util.Map<Long, Integer> counts = new java.util.HashMap<>();
    int end = Math.min(times.length, limit);
    for (int i = 1; i < end; i++) {
      counts.merge(Math.abs(times[i] - times[i - 1]), 1, Integer::sum);
    }
    long mode = 0;
    int best = -1;
    for (java.util.Map.Entry<Long, Integer> e : counts.entrySet()) {
      if (e.getValue() > best || (e.getValue() == best && e.getKey() < mode)) {
        best = e.getValue();
        mode = e.getKey();
      }
    }
    return mode;
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
