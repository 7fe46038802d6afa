package io.momentic.core;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Aggregates bars into longer bars: open = first open, high = max, low = min, close = last
 * close, volume = sum (NaN if any input volume is NaN). Buckets are in UTC:
 * <ul>
 *   <li>weekly: ISO weeks, Monday 00:00 to the next Monday 00:00; the bar is stamped Monday;</li>
 *   <li>monthly: first day of the month 00:00 to the first of the next month;</li>
 *   <li>4-hourly: 00:00, 04:00, … 20:00.</li>
 * </ul>
 *
 * <p><b>Closed buckets only</b> (reference 000 §1). A bucket is kept when its end has passed by
 * the clock's "now" <em>and</em> the data covers it: later data exists (in any series of the
 * panel), or its last expected session is present — the last trading day of the week or month on
 * the series' calendar (Friday, or the last weekday, on exchange and 24×5 calendars; Sunday, or the
 * last day, on 24/7 ones), or for an intraday target the bar ending at the bucket's end. A file
 * that ends on a Wednesday never yields a 3-day "week"; a holiday week or a delisting mid-week is
 * kept once later data shows the week is over.
 */
public final class Resampler {

  private static final long DAY_MILLIS = 86_400_000L;

  private Resampler() {}

  /** Resamples {@code series} to {@code target} ({@link Interval#W1}, {@link Interval#MN1} or a multiple of the source). */
  public static BarSeries resample(BarSeries series, Interval target, Clock clock) {
    return resample(series, target, clock, series.isEmpty() ? Long.MIN_VALUE
        : series.time(series.size() - 1) + series.interval().millis());
  }

  /**
   * As {@link #resample(BarSeries, Interval, Clock)}, with {@code dataEndMillis} the end of the
   * latest bar in all the data the series belongs to (a bucket ending by then is covered).
   */
  static BarSeries resample(BarSeries series, Interval target, Clock clock, long dataEndMillis) {
    Checks.notNull(clock, "clock");
    if (target.millis() < series.interval().millis() || target == series.interval()) {
      throw new IllegalArgumentException("Expected a target interval longer than " + series.interval().code()
          + ", but found " + target.code());
    }
    if (target != Interval.W1 && target != Interval.MN1 && target.millis() % series.interval().millis() != 0) {
      throw new IllegalArgumentException("Expected a target interval that is a multiple of "
          + series.interval().code() + ", but found " + target.code());
    }
    long now = clock.nowMillis();
    BarSeries.Builder out = BarSeries.builder(series.instrument(), target);
    int n = series.size();
    int i = 0;
    while (i < n) {
      long start = bucketStart(series.time(i), target);
      long end = bucketEnd(start, target);
      double o = series.open(i);
      double h = series.high(i);
      double l = series.low(i);
      double c = series.close(i);
      double v = series.volume(i);
      i++;
      while (i < n && series.time(i) < end) {
        h = Math.max(h, series.high(i));
        l = Math.min(l, series.low(i));
        c = series.close(i);
        v += series.volume(i);
        i++;
      }
      if (end <= now && (dataEndMillis >= end || lastSessionPresent(series.time(i - 1), series, target, end))) {
        out.add(start, o, h, l, c, v);
      }
    }
    return out.build();
  }

  /** Resamples every symbol of a panel and re-aligns. */
  public static Panel resample(Panel panel, Interval target, Clock clock) {
    long dataEnd = Long.MIN_VALUE;
    for (int s = 0; s < panel.symbolCount(); s++) {
      BarSeries b = panel.series(s);
      if (!b.isEmpty()) {
        dataEnd = Math.max(dataEnd, b.time(b.size() - 1) + b.interval().millis());
      }
    }
    List<BarSeries> out = new ArrayList<>(panel.symbolCount());
    for (int s = 0; s < panel.symbolCount(); s++) {
      out.add(resample(panel.series(s), target, clock, dataEnd));
    }
    return Panel.align(out);
  }

  /**
   * Whether the bucket's last bar, at {@code lastBarMillis}, is its last expected session: on the
   * bucket's last trading day for weekly and monthly targets (by the series' calendar), or ending
   * at the bucket's end for intraday and daily targets.
   */
  static boolean lastSessionPresent(long lastBarMillis, BarSeries series, Interval target, long end) {
    if (target != Interval.W1 && target != Interval.MN1) {
      return lastBarMillis + series.interval().millis() >= end;
    }
    long lastDay = Math.floorDiv(end, DAY_MILLIS) - 1; // the bucket's last calendar day
    if (series.instrument().calendar() != TradingCalendar.CONTINUOUS) {
      while (Math.floorMod(lastDay + 3, 7) >= 5) { // back from the weekend to the Friday
        lastDay--;
      }
    }
    return Math.floorDiv(lastBarMillis, DAY_MILLIS) >= lastDay;
  }

  /** Start (inclusive) of the bucket holding {@code timeMillis}. */
  public static long bucketStart(long timeMillis, Interval target) {
    return switch (target) {
      case W1 -> {
        long day = Math.floorDiv(timeMillis, DAY_MILLIS);
        // 1970-01-01 was a Thursday: day + 3 is 0 on Mondays (mod 7).
        long mondayDay = day - Math.floorMod(day + 3, 7);
        yield mondayDay * DAY_MILLIS;
      }
      case MN1 -> {
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(timeMillis, DAY_MILLIS));
        yield date.withDayOfMonth(1).toEpochDay() * DAY_MILLIS;
      }
      default -> Math.floorDiv(timeMillis, target.millis()) * target.millis();
    };
  }

  /** End (exclusive) of the bucket starting at {@code startMillis}. */
  public static long bucketEnd(long startMillis, Interval target) {
    if (target == Interval.MN1) {
      LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(startMillis, DAY_MILLIS));
      return date.plusMonths(1).toEpochDay() * DAY_MILLIS;
    }
    return startMillis + target.millis();
  }
}
