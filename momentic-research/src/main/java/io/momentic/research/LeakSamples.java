package io.momentic.research;

import io.momentic.core.BarSeries;
import io.momentic.core.Clock;
import io.momentic.core.Interval;
import io.momentic.core.Resampler;
import io.momentic.engine.BarContext;
import io.momentic.engine.Feature;
import io.momentic.engine.order.Order;
import io.momentic.engine.PrepareContext;
import io.momentic.engine.order.Side;
import io.momentic.engine.order.Sizing;
import io.momentic.engine.Strategy;
import io.momentic.indicators.BarIndicator;
import java.util.Arrays;
import java.util.List;

/**
 * Deliberately leaking features and a leaking strategy: the audit's own test set. Each is a
 * mistake users make; the audit must flag every one (and they are never used by anything else).
 */
public final class LeakSamples {

  private LeakSamples() {}

  /** Every leaking indicator, one per kind of mistake. */
  public static List<BarIndicator> indicators() {
    return List.of(
        leak("leak: next close (one-bar forward shift)", 0, LeakSamples::nextClose),
        leak("leak: z-score with whole-history mean and std", 0, LeakSamples::fullSampleZScore),
        leak("leak: centred 11-bar moving average", 5, b -> centredMean(b, 5)),
        leak("leak: next bar's high", 0, LeakSamples::nextHigh),
        leak("leak: weekly close before the week closed", 0, LeakSamples::weeklyCloseBroadcast),
        leak("leak: 5-bar forward return label as a feature", 0, b -> forwardReturn(b, 5)));
  }

  /** A strategy that buys when tomorrow's close is higher: its prepare step reads the future. */
  public static Strategy peekingStrategy() {
    return new Strategy() {
      private Feature tomorrow;

      @Override
      public void prepare(PrepareContext c) {
        tomorrow = c.feature("next_close", nextClose(c.data().series(0)));
      }

      @Override
      public void onBar(BarContext c) {
        double next = c.get(tomorrow, 0);
        if (next > c.close(0) && c.position(0) == 0) {
          c.submit(Order.market(0, Side.BUY, Sizing.allCash()));
        } else if (next < c.close(0) && c.position(0) > 0) {
          c.submit(Order.market(0, Side.SELL, Sizing.closePosition()));
        }
      }
    };
  }

  static double[] nextClose(BarSeries b) {
    return ahead(b.closes(), 1);
  }

  static double[] nextHigh(BarSeries b) {
    return ahead(b.highs(), 1);
  }

  /** {@code x[t + bars]} at t: the value from the future (NaN where there is none). */
  private static double[] ahead(double[] x, int bars) {
    double[] out = new double[x.length];
    Arrays.fill(out, Double.NaN);
    System.arraycopy(x, Math.min(bars, x.length), out, 0, Math.max(0, x.length - bars));
    return out;
  }

  static double[] fullSampleZScore(BarSeries b) {
    int n = b.size();
    double mean = 0;
    for (int t = 0; t < n; t++) {
      mean += b.close(t);
    }
    mean /= n;
    double var = 0;
    for (int t = 0; t < n; t++) {
      var += (b.close(t) - mean) * (b.close(t) - mean);
    }
    double std = Math.sqrt(var / Math.max(1, n - 1));
    double[] out = new double[n];
    for (int t = 0; t < n; t++) {
      out[t] = (b.close(t) - mean) / std;
    }
    return out;
  }

  static double[] centredMean(BarSeries b, int half) {
    int n = b.size();
    double[] out = new double[n];
    Arrays.fill(out, Double.NaN);
    for (int t = half; t + half < n; t++) {
      double sum = 0;
      for (int i = t - half; i <= t + half; i++) {
        sum += b.close(i);
      }
      out[t] = sum / (2 * half + 1);
    }
    return out;
  }

  /**
   * Each day gets its week's close — resampled with a clock far in the future, so the week still
   * in progress counts as closed: on a Monday the feature already knows Friday's close.
   */
  static double[] weeklyCloseBroadcast(BarSeries b) {
    BarSeries weekly = Resampler.resample(b, Interval.W1, Clock.frozen(java.time.Instant.parse("9999-01-01T00:00:00Z")));
    double[] out = new double[b.size()];
    Arrays.fill(out, Double.NaN);
    int w = 0;
    for (int t = 0; t < b.size(); t++) {
      long week = Resampler.bucketStart(b.time(t), Interval.W1);
      while (w < weekly.size() && weekly.time(w) < week) {
        w++;
      }
      if (w < weekly.size() && weekly.time(w) == week) {
        out[t] = weekly.close(w);
      }
    }
    return out;
  }

  static double[] forwardReturn(BarSeries b, int horizon) {
    double[] out = new double[b.size()];
    Arrays.fill(out, Double.NaN);
    for (int t = 0; t + horizon < b.size(); t++) {
      out[t] = b.close(t + horizon) / b.close(t) - 1;
    }
    return out;
  }

  private interface Kernel {
    double[] apply(BarSeries b);
  }

  private static BarIndicator leak(String name, int warmup, Kernel kernel) {
    return new BarIndicator() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public int warmup() {
        return warmup;
      }

      @Override
      public List<String> outputs() {
        return List.of(name);
      }

      @Override
      public double[][] compute(BarSeries bars) {
        return new double[][] {kernel.apply(bars)};
      }
    };
  }
}
