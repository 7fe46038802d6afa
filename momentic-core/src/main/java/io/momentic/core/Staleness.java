package io.momentic.core;

import java.time.LocalDate;
import java.time.Period;
import java.util.Optional;

/**
 * Whether data is too old for the date it is read at: a screen run on bars that ended months ago
 * must say so rather than print an empty shortlist or "0 golden, 0 death" as if nothing happened.
 * Stale means the newest bar closed more than {@link #slackMillis(Interval)} before the as-of
 * instant: five days or two intervals, whichever is longer — a weekend after a holiday leaves a
 * daily equity file four days behind and is not stale.
 */
public final class Staleness {

  private static final long DAY = 86_400_000L;

  private Staleness() {}

  /** The gap tolerated between the newest bar's close and the as-of instant. */
  public static long slackMillis(Interval interval) {
    return Math.max(5 * DAY, 2 * interval.millis());
  }

  /** Whether the bar opening at {@code newestOpenMillis} closed more than the slack before {@code asOfMillis}. */
  public static boolean stale(long newestOpenMillis, Interval interval, long asOfMillis) {
    return asOfMillis - (newestOpenMillis + interval.millis()) > slackMillis(interval);
  }

  /**
   * "newest bar 2026-01-02, 11 months before the as-of date 2026-12-02" when the bar whose open
   * is {@code newestOpenMillis} is stale at {@code asOfMillis}; empty when it is fresh.
   */
  public static Optional<String> warning(long newestOpenMillis, Interval interval, long asOfMillis) {
    if (!stale(newestOpenMillis, interval, asOfMillis)) {
      return Optional.empty();
    }
    LocalDate newest = LocalDate.ofEpochDay(Math.floorDiv(newestOpenMillis, DAY));
    // An as-of instant at midnight ends the day before it (the end of "as of 2026-12-02" is 12-03 00:00).
    LocalDate asOf = LocalDate.ofEpochDay(Math.floorDiv(asOfMillis - 1, DAY));
    return Optional.of("newest bar " + Timestamps.formatDate(newestOpenMillis) + ", " + age(newest, asOf)
        + " before the as-of date " + asOf + "; results describe " + Timestamps.formatDate(newestOpenMillis)
        + ", not " + asOf + " — refresh the data (momentic fetch, or pipeline run)");
  }

  /** How long before {@code toMillis} the instant {@code fromMillis} was: "40 minutes", "5 hours", "12 days", "11 months". */
  public static String ago(long fromMillis, long toMillis) {
    long ms = Math.max(0, toMillis - fromMillis);
    if (ms < 3_600_000L) {
      return plural(ms / 60_000L, "minute");
    }
    if (ms < DAY) {
      return plural(ms / 3_600_000L, "hour");
    }
    return age(LocalDate.ofEpochDay(Math.floorDiv(fromMillis, DAY)), LocalDate.ofEpochDay(Math.floorDiv(toMillis, DAY)));
  }

  /** "12 days", "11 months", "2 years 3 months": the calendar distance, in the largest sensible unit. */
  static String age(LocalDate from, LocalDate to) {
    Period p = Period.between(from, to);
    long days = to.toEpochDay() - from.toEpochDay();
    if (p.toTotalMonths() < 2) {
      return plural(days, "day");
    }
    if (p.getYears() == 0) {
      return plural(p.getMonths(), "month");
    }
    return plural(p.getYears(), "year") + (p.getMonths() == 0 ? "" : " " + plural(p.getMonths(), "month"));
  }

  private static String plural(long n, String unit) {
    return n + " " + unit + (n == 1 ? "" : "s");
  }
}
