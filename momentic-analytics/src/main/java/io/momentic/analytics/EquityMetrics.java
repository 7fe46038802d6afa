package io.momentic.analytics;

/** Metrics of an equity (wealth) curve. */
public final class EquityMetrics {

  private EquityMetrics() {}

  private static final double DAYS_PER_YEAR = 365.25;

  /** Per-period simple returns {@code e_t / e_{t−1} − 1} (length n − 1). */
  public static double[] returns(double[] equity) {
    double[] r = new double[Math.max(0, equity.length - 1)];
    for (int i = 1; i < equity.length; i++) {
      r[i - 1] = equity[i] / equity[i - 1] - 1;
    }
    return r;
  }

  /** Largest peak-to-trough loss, negative fraction (0 if none). */
  public static double maxDrawdown(double[] equity) {
    double peak = Double.NEGATIVE_INFINITY;
    double worst = 0;
    for (double e : equity) {
      peak = Math.max(peak, e);
      worst = Math.min(worst, e / peak - 1);
    }
    return worst;
  }

  /** Longest stretch, in periods, from a peak until equity regains it (or the end). */
  public static int maxDrawdownDuration(double[] equity) {
    double peak = Double.NEGATIVE_INFINITY;
    int peakIndex = 0;
    int longest = 0;
    for (int i = 0; i < equity.length; i++) {
      if (equity[i] >= peak) {
        peak = equity[i];
        peakIndex = i;
      } else {
        longest = Math.max(longest, i - peakIndex);
      }
    }
    return longest;
  }

  /** Mean of the deepest point of each drawdown episode (negative fraction; 0 if none). */
  public static double averageDrawdown(double[] equity) {
    double peak = Double.NEGATIVE_INFINITY;
    double episodeWorst = 0;
    double sum = 0;
    int episodes = 0;
    for (double e : equity) {
      if (e >= peak) {
        if (episodeWorst < 0) {
          sum += episodeWorst;
          episodes++;
          episodeWorst = 0;
        }
        peak = e;
      } else {
        episodeWorst = Math.min(episodeWorst, e / peak - 1);
      }
    }
    if (episodeWorst < 0) {
      sum += episodeWorst;
      episodes++;
    }
    return episodes == 0 ? 0 : sum / episodes;
  }

  /**
   * Compound annual growth over calendar time: {@code (e_end / e_start)^(1 / years) − 1} with
   * years = elapsed milliseconds / 365.25 days.
   */
  public static double cagr(double[] equity, long firstTimeMillis, long lastTimeMillis) {
    double years = (lastTimeMillis - firstTimeMillis) / (DAYS_PER_YEAR * 86_400_000.0);
    if (years <= 0 || equity.length == 0) {
      return Double.NaN;
    }
    return Math.pow(equity[equity.length - 1] / equity[0], 1 / years) - 1;
  }
}
