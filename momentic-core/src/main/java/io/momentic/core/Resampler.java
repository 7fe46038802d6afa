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
 * <p><b>In-progress guard</b> (reference 000 §1): a bucket whose end has not been reached by the
 * clock's "now" is dropped, so a partial week is never treated as a closed one. A bucket whose
 * end has passed is kept even if it has fewer bars (a holiday week, a delisting mid-week).
 */
public final class Resampler {

  private static final long DAY_MILLIS = 86_400_000L;

  private Resampler() {}

  /** Resamples {@code series} to {@code target} ({@link Interval#W1}, {@link Interval#MN1} or a multiple of the source). */
  public static BarSeries resample(BarSeries series, Interval target, Clock clock) {
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
      if (end <= now) {
        out.add(start, o, h, l, c, v);
      }
    }
    return out.build();
  }

  /** Resamples every symbol of a panel and re-aligns. */
  public static Panel resample(Panel panel, Interval target, Clock clock) {
    List<BarSeries> out = new ArrayList<>(panel.symbolCount());
    for (int s = 0; s < panel.symbolCount(); s++) {
      out.add(resample(panel.series(s), target, clock));
    }
    return Panel.align(out);
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
