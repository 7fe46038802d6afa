package io.momentic.core;

import java.util.Locale;

/**
 * How many periods make a year for a series, and why: from its bar interval and trading calendar
 * (or set by the user), beside the figure observed in the data (bars per 365.25 days between its
 * first and last bar). Every report states {@link #periodsPerYear()} and {@link #basis()}.
 *
 * @param periodsPerYear the figure every annualised metric uses
 * @param basis where it comes from, in words ("1h bars on a 24×5 (260 days × 24 h) calendar")
 * @param observedPerYear bars a year in the data (NaN with fewer than 2 bars)
 */
public record Annualisation(double periodsPerYear, String basis, double observedPerYear) {

  private static final double YEAR_MILLIS = 365.25 * 86_400_000L;
  /** Observed and used figures further apart than this share get a warning. */
  public static final double MISMATCH_SHARE = 0.25;

  /** From the interval and calendar; {@code override} (NaN: none) replaces it, and the basis says so. */
  public static Annualisation of(Interval interval, TradingCalendar calendar, long[] times, double override) {
    double observed = observedPerYear(times);
    if (!Double.isNaN(override)) {
      if (!(override > 0) || Double.isInfinite(override)) {
        throw new ConfigException("periods-per-year", "expected a number > 0, found " + override);
      }
      return new Annualisation(override, "set by --periods-per-year", observed);
    }
    String on = interval == Interval.W1 || interval == Interval.MN1 ? "" : ", " + calendar.description();
    return new Annualisation(interval.periodsPerYear(calendar), interval.code() + " bars" + on, observed);
  }

  /** Bars a year between the first and last time (NaN with fewer than 2). */
  public static double observedPerYear(long[] times) {
    if (times.length < 2 || times[times.length - 1] == times[0]) {
      return Double.NaN;
    }
    return (times.length - 1) * YEAR_MILLIS / Math.abs(times[times.length - 1] - times[0]);
  }

  /**
   * The calendar bars show: any Saturday bar → 24/7; bars at 20 or more distinct hours of the day
   * (intraday) or on Sundays but never Saturdays (daily; FX weeks open on Sunday evening) → 24×5;
   * else exchange sessions (always for weekly and monthly bars).
   */
  public static TradingCalendar inferCalendar(long[] times, Interval interval) {
    if (interval == null || interval.millis() > Interval.D1.millis()) {
      return TradingCalendar.EXCHANGE; // a weekly or monthly bar's stamp says nothing of the trading days
    }
    boolean sunday = false;
    boolean[] hours = new boolean[24];
    for (long t : times) {
      long day = Math.floorDiv(t, 86_400_000L);
      int weekday = (int) Math.floorMod(day + 3, 7); // 1970-01-01 was a Thursday: 0 is Monday
      if (weekday == 5) {
        return TradingCalendar.CONTINUOUS;
      }
      sunday |= weekday == 6;
      hours[(int) (Math.floorMod(t, 86_400_000L) / 3_600_000L)] = true;
    }
    int distinctHours = 0;
    for (boolean h : hours) {
      distinctHours += h ? 1 : 0;
    }
    boolean intraday = interval.millis() < Interval.D1.millis();
    if ((intraday && distinctHours >= 20) || (interval == Interval.D1 && sunday)) {
      return TradingCalendar.WEEKDAYS;
    }
    return TradingCalendar.EXCHANGE;
  }

  /** Whether the data's own figure is far from the one used (a wrong calendar, or gaps). */
  public boolean mismatched() {
    return Double.isFinite(observedPerYear)
        && Math.abs(observedPerYear - periodsPerYear) > MISMATCH_SHARE * periodsPerYear;
  }

  /** The warning a report carries when {@link #mismatched()}. */
  public String warning() {
    return String.format(Locale.ROOT, "annualised with %.0f periods a year (%s), but the data has %.0f bars a year: "
        + "check the asset class (--asset-class) or set --periods-per-year", periodsPerYear, basis, observedPerYear);
  }
}
