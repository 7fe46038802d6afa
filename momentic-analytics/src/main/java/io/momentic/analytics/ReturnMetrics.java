package io.momentic.analytics;

import io.momentic.core.Checks;
import java.util.Arrays;

/**
 * Metrics of a series of periodic simple returns (fractions), following the empyrical /
 * quantstats conventions unless stated. {@code periodsPerYear}: 252 daily exchange, 365 daily
 * crypto, 52 weekly. Standard deviations are sample ({@code ddof = 1}). NaN returns are skipped.
 * Definitions with their annualisation are in {@code docs/METRICS.md}.
 */
public final class ReturnMetrics {

  private ReturnMetrics() {}

  /** Compound growth: {@code Π(1 + r) − 1}. */
  public static double totalReturn(double[] r) {
    double w = 1;
    for (double v : r) {
      if (!Double.isNaN(v)) {
        w *= 1 + v;
      }
    }
    return w - 1;
  }

  /** Geometric annual return: {@code (Π(1 + r))^(ppy / n) − 1} (empyrical {@code annual_return}). */
  public static double annualReturn(double[] r, double periodsPerYear) {
    int n = count(r);
    if (n == 0) {
      return Double.NaN;
    }
    return Math.pow(1 + totalReturn(r), periodsPerYear / n) - 1;
  }

  /** {@code std(r) · √ppy}. */
  public static double annualVolatility(double[] r, double periodsPerYear) {
    return std(r) * Math.sqrt(periodsPerYear);
  }

  /** {@code mean(r) / std(r) · √ppy} (risk-free rate 0). */
  public static double sharpe(double[] r, double periodsPerYear) {
    double sd = std(r);
    return sd == 0 ? Double.NaN : mean(r) / sd * Math.sqrt(periodsPerYear);
  }

  /** {@code √(mean(min(r, 0)²)) · √ppy} over all periods (empyrical {@code downside_risk}). */
  public static double downsideRisk(double[] r, double periodsPerYear) {
    double ss = 0;
    int n = 0;
    for (double v : r) {
      if (!Double.isNaN(v)) {
        double d = Math.min(v, 0);
        ss += d * d;
        n++;
      }
    }
    return n == 0 ? Double.NaN : Math.sqrt(ss / n) * Math.sqrt(periodsPerYear);
  }

  /** {@code mean(r) · ppy / downsideRisk} (empyrical {@code sortino_ratio}). */
  public static double sortino(double[] r, double periodsPerYear) {
    double dr = downsideRisk(r, periodsPerYear);
    return dr == 0 ? Double.NaN : mean(r) * periodsPerYear / dr;
  }

  /**
   * Largest peak-to-trough loss of the wealth path {@code 1, 1 + r₀, …}, as a negative fraction
   * (the starting value counts as a peak, as in empyrical).
   */
  public static double maxDrawdown(double[] r) {
    return EquityMetrics.maxDrawdown(wealth(r));
  }

  /** {@code annualReturn / |maxDrawdown|}. */
  public static double calmar(double[] r, double periodsPerYear) {
    double mdd = maxDrawdown(r);
    return mdd == 0 ? Double.NaN : annualReturn(r, periodsPerYear) / -mdd;
  }

  /** {@code Σ max(r, 0) / −Σ min(r, 0)} with a zero threshold (empyrical {@code omega_ratio}). */
  public static double omega(double[] r) {
    return TradeStats.profitFactor(r); // the same ratio, on returns instead of trade P&L
  }

  /** {@code |p95| / |p5|} with numpy's linear-interpolation percentiles. */
  public static double tailRatio(double[] r) {
    double[] sorted = finiteSorted(r);
    return Math.abs(percentile(sorted, 95)) / Math.abs(percentile(sorted, 5));
  }

  /** Fraction of periods with a positive return. */
  public static double hitRate(double[] r) {
    int pos = 0;
    int n = 0;
    for (double v : r) {
      if (!Double.isNaN(v)) {
        n++;
        if (v > 0) {
          pos++;
        }
      }
    }
    return n == 0 ? Double.NaN : (double) pos / n;
  }

  /** Mean positive return over the absolute mean negative return. */
  public static double winLossRatio(double[] r) {
    double win = 0;
    double loss = 0;
    int nw = 0;
    int nl = 0;
    for (double v : r) {
      if (v > 0) {
        win += v;
        nw++;
      } else if (v < 0) {
        loss += v;
        nl++;
      }
    }
    return nw == 0 || nl == 0 ? Double.NaN : (win / nw) / Math.abs(loss / nl);
  }

  /** Bias-adjusted sample skewness (pandas {@code Series.skew}). */
  public static double skew(double[] r) {
    return skewOf(centralMoments(r));
  }

  /** The skew from {@link #centralMoments}' {n, m2, m3, m4} (one pass serves it and the kurtosis). */
  public static double skewOf(double[] m) {
    double n = m[0];
    if (n < 3) {
      return Double.NaN;
    }
    double g1 = m[2] / Math.pow(m[1], 1.5);
    return Math.sqrt(n * (n - 1)) / (n - 2) * g1;
  }

  /** Bias-adjusted sample excess kurtosis (pandas {@code Series.kurt}; normal = 0). */
  public static double excessKurtosis(double[] r) {
    return excessKurtosisOf(centralMoments(r));
  }

  /** The excess kurtosis from {@link #centralMoments}' {n, m2, m3, m4}. */
  public static double excessKurtosisOf(double[] m) {
    double n = m[0];
    if (n < 4) {
      return Double.NaN;
    }
    double g2 = m[3] / (m[1] * m[1]) - 3;
    return (n - 1) / ((n - 2) * (n - 3)) * ((n + 1) * g2 + 6);
  }

  /** {n, m2, m3, m4}: the count and the biased central moments of the non-NaN values. */
  public static double[] centralMoments(double[] r) {
    double[] x = finite(r);
    double m = mean(x);
    double m2 = 0;
    double m3 = 0;
    double m4 = 0;
    for (double v : x) {
      double d = v - m;
      m2 += d * d;
      m3 += d * d * d;
      m4 += d * d * d * d;
    }
    int n = x.length;
    return new double[] {n, m2 / n, m3 / n, m4 / n};
  }

  /** {@code cov(r, b) / var(b)} over periods where both are present. */
  public static double beta(double[] r, double[] benchmark) {
    double[][] ab = aligned(r, benchmark);
    double ma = mean(ab[0]);
    double mb = mean(ab[1]);
    double cov = 0;
    double var = 0;
    for (int i = 0; i < ab[0].length; i++) {
      cov += (ab[0][i] - ma) * (ab[1][i] - mb);
      var += (ab[1][i] - mb) * (ab[1][i] - mb);
    }
    return var == 0 ? Double.NaN : cov / var;
  }

  /** Annualised alpha, compounded as in empyrical: {@code (1 + mean(r − β·b))^ppy − 1}. */
  public static double alpha(double[] r, double[] benchmark, double periodsPerYear) {
    double beta = beta(r, benchmark);
    double[][] ab = aligned(r, benchmark);
    double sum = 0;
    for (int i = 0; i < ab[0].length; i++) {
      sum += ab[0][i] - beta * ab[1][i];
    }
    return Math.pow(1 + sum / ab[0].length, periodsPerYear) - 1;
  }

  /** {@code mean(r − b) / std(r − b) · √ppy} (annualised; empyrical's excess Sharpe is not). */
  public static double informationRatio(double[] r, double[] benchmark, double periodsPerYear) {
    double[][] ab = aligned(r, benchmark);
    double[] active = new double[ab[0].length];
    for (int i = 0; i < active.length; i++) {
      active[i] = ab[0][i] - ab[1][i];
    }
    return sharpe(active, periodsPerYear);
  }

  /** Rolling Sharpe over {@code window} periods (NaN until full). */
  public static double[] rollingSharpe(double[] r, int window, double periodsPerYear) {
    return Rolling.sharpe(r, window, periodsPerYear);
  }

  /** Rolling annualised volatility over {@code window} periods (NaN until full). */
  public static double[] rollingVolatility(double[] r, int window, double periodsPerYear) {
    return Rolling.volatility(r, window, periodsPerYear);
  }

  /** Rolling beta against {@code benchmark} over {@code window} periods (NaN until full or when it is flat). */
  public static double[] rollingBeta(double[] r, double[] benchmark, int window) {
    return Rolling.beta(r, benchmark, window);
  }

  /** Rolling Sortino over {@code window} periods (NaN until full). */
  public static double[] rollingSortino(double[] r, int window, double periodsPerYear) {
    return Rolling.sortino(r, window, periodsPerYear);
  }

  /**
   * The definitions above on every trailing window, in O(n): running moments over the window (NaN
   * skipped, as the point metrics skip it), recomputed from scratch every {@code window} steps so
   * rounding cannot build up over a million bars. A window whose values are all equal has a standard
   * deviation of exactly 0 (Sharpe NaN), and one without a loss a downside risk of exactly 0 (Sortino
   * NaN), as the point metrics give — not the residue of subtracted sums.
   */
  static final class Rolling {

    private Rolling() {}

    static double[] sharpe(double[] r, int window, double periodsPerYear) {
      double[] sd = new double[r.length];
      double[] mean = moments(r, window, sd);
      double[] out = new double[r.length];
      for (int t = 0; t < r.length; t++) {
        out[t] = sd[t] > 0 ? mean[t] / sd[t] * Math.sqrt(periodsPerYear) : Double.NaN;
      }
      return out;
    }

    static double[] volatility(double[] r, int window, double periodsPerYear) {
      double[] sd = new double[r.length];
      moments(r, window, sd);
      for (int t = 0; t < r.length; t++) {
        sd[t] *= Math.sqrt(periodsPerYear);
      }
      return sd;
    }

    /**
     * The trailing window's mean (returned) and sample standard deviation (into {@code sdOut}), NaN
     * until the window is full or with fewer than two values; exactly 0 when all its values are equal.
     */
    private static double[] moments(double[] r, int window, double[] sdOut) {
      Checks.positive(window, "window");
      double[] meanOut = new double[r.length];
      Arrays.fill(meanOut, Double.NaN);
      Arrays.fill(sdOut, Double.NaN);
      // Welford's running mean and sum of squared deviations, with values added and removed: stable
      // where Σr² − (Σr)²/n would cancel.
      double mean = 0;
      double m2 = 0;
      int n = 0;
      int equalRun = 0; // consecutive equal values ending at t (NaN breaks a run)
      for (int t = 0; t < r.length; t++) {
        double v = r[t];
        equalRun = Double.isNaN(v) ? 0 : t > 0 && v == r[t - 1] ? equalRun + 1 : 1;
        if ((t + 1) % window == 0 && t >= window) {
          mean = 0;
          m2 = 0;
          n = 0;
          for (int i = t - window + 1; i <= t; i++) {
            if (!Double.isNaN(r[i])) {
              n++;
              double d = r[i] - mean;
              mean += d / n;
              m2 += d * (r[i] - mean);
            }
          }
        } else {
          if (!Double.isNaN(v)) {
            n++;
            double d = v - mean;
            mean += d / n;
            m2 += d * (v - mean);
          }
          double old = t >= window ? r[t - window] : Double.NaN;
          if (!Double.isNaN(old)) {
            n--;
            if (n == 0) {
              mean = 0;
              m2 = 0;
            } else {
              double d = old - mean;
              mean -= d / n;
              m2 -= d * (old - mean);
            }
          }
        }
        if (t < window - 1 || n < 2) {
          continue;
        }
        meanOut[t] = mean;
        // Every value the same: the deviation is exactly 0, not the residue of removed values.
        sdOut[t] = equalRun >= window ? 0 : Math.sqrt(Math.max(m2, 0) / (n - 1));
      }
      return meanOut;
    }

    /**
     * Rolling {@code cov(r, b) / var(b)} over the pairs where both are present: running co-moments
     * (Welford's update for two series), recomputed every {@code window} steps.
     */
    static double[] beta(double[] r, double[] b, int window) {
      Checks.positive(window, "window");
      if (r.length != b.length) {
        throw new IllegalArgumentException("Expected returns and benchmark of equal length, but found " + r.length
            + " and " + b.length);
      }
      double[] out = new double[r.length];
      Arrays.fill(out, Double.NaN);
      CoMoments m = new CoMoments();
      int equalRun = 0; // consecutive bars with the same benchmark return and both present
      for (int t = 0; t < r.length; t++) {
        boolean here = !Double.isNaN(r[t]) && !Double.isNaN(b[t]);
        equalRun = !here ? 0 : t > 0 && b[t] == b[t - 1] && !Double.isNaN(r[t - 1]) ? equalRun + 1 : 1;
        if ((t + 1) % window == 0 && t >= window) {
          m.reset();
          for (int i = t - window + 1; i <= t; i++) {
            m.add(r[i], b[i]);
          }
        } else {
          m.add(r[t], b[t]);
          if (t >= window) {
            m.remove(r[t - window], b[t - window]);
          }
        }
        if (t < window - 1 || m.n < 2 || equalRun >= window || !(m.m2b > 0)) {
          continue; // not full yet, or a flat benchmark (variance exactly 0: beta undefined)
        }
        out[t] = m.cab / m.m2b;
      }
      return out;
    }

    /** Running means, co-moment and benchmark second moment of the pairs where both values are present. */
    private static final class CoMoments {
      int n;
      double ma;
      double mb;
      double cab;
      double m2b;

      void reset() {
        n = 0;
        ma = mb = cab = m2b = 0;
      }

      void add(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b)) {
          return;
        }
        n++;
        double da = a - ma;
        ma += da / n;
        double db = b - mb;
        mb += db / n;
        cab += da * (b - mb);
        m2b += db * (b - mb);
      }

      void remove(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b)) {
          return;
        }
        if (--n == 0) {
          reset();
          return;
        }
        double da = a - ma;
        ma -= da / n;
        double db = b - mb;
        mb -= db / n;
        cab -= da * (b - mb);
        m2b -= db * (b - mb);
      }
    }

    static double[] sortino(double[] r, int window, double periodsPerYear) {
      Checks.positive(window, "window");
      double[] out = new double[r.length];
      Arrays.fill(out, Double.NaN);
      // Compensated (Neumaier) sums: a window's few small losses after large ones keep their digits.
      double[] sum = new double[2];
      double[] downSq = new double[2];
      int n = 0;
      int losses = 0;
      for (int t = 0; t < r.length; t++) {
        if ((t + 1) % window == 0 && t >= window) {
          sum[0] = sum[1] = downSq[0] = downSq[1] = 0;
          n = 0;
          losses = 0;
          for (int i = t - window + 1; i <= t; i++) {
            double x = r[i];
            if (!Double.isNaN(x)) {
              add(sum, x);
              n++;
              if (x < 0) {
                add(downSq, x * x);
                losses++;
              }
            }
          }
        } else {
          double v = r[t];
          if (!Double.isNaN(v)) {
            add(sum, v);
            n++;
            if (v < 0) {
              add(downSq, v * v);
              losses++;
            }
          }
          double old = t >= window ? r[t - window] : Double.NaN;
          if (!Double.isNaN(old)) {
            add(sum, -old);
            n--;
            if (old < 0) {
              add(downSq, -old * old);
              losses--;
            }
          }
        }
        if (t < window - 1 || n == 0 || losses == 0) {
          continue; // not full yet, or no loss in the window (downside risk exactly 0)
        }
        double downsideRisk = Math.sqrt(Math.max(downSq[0] + downSq[1], 0) / n) * Math.sqrt(periodsPerYear);
        out[t] = (sum[0] + sum[1]) / n * periodsPerYear / downsideRisk;
      }
      return out;
    }

    /** Neumaier's compensated addition: {@code acc[0]} the sum, {@code acc[1]} the lost low-order part. */
    private static void add(double[] acc, double x) {
      double s = acc[0] + x;
      acc[1] += Math.abs(acc[0]) >= Math.abs(x) ? (acc[0] - s) + x : (x - s) + acc[0];
      acc[0] = s;
    }
  }

  //-------------------------------------------------------------------------
  static double[] wealth(double[] r) {
    double[] w = new double[r.length + 1];
    w[0] = 1;
    for (int i = 0; i < r.length; i++) {
      w[i + 1] = w[i] * (1 + (Double.isNaN(r[i]) ? 0 : r[i]));
    }
    return w;
  }

  public static double mean(double[] x) {
    double s = 0;
    int n = 0;
    for (double v : x) {
      if (!Double.isNaN(v)) {
        s += v;
        n++;
      }
    }
    return n == 0 ? Double.NaN : s / n;
  }

  /** Sample standard deviation (ddof = 1). */
  public static double std(double[] x) {
    double m = mean(x);
    double ss = 0;
    int n = 0;
    for (double v : x) {
      if (!Double.isNaN(v)) {
        ss += (v - m) * (v - m);
        n++;
      }
    }
    return n < 2 ? Double.NaN : Math.sqrt(ss / (n - 1));
  }

  private static int count(double[] x) {
    int n = 0;
    for (double v : x) {
      if (!Double.isNaN(v)) {
        n++;
      }
    }
    return n;
  }

  private static double[] finite(double[] x) {
    return Arrays.stream(x).filter(v -> !Double.isNaN(v)).toArray();
  }

  private static double[] finiteSorted(double[] x) {
    double[] f = finite(x);
    Arrays.sort(f);
    return f;
  }

  /** numpy's default (linear) percentile ({@code pct} in 0–100) of sorted data; NaN when empty. */
  public static double percentile(double[] sorted, double pct) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    double pos = pct / 100 * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }

  private static double[][] aligned(double[] a, double[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("Expected returns and benchmark of equal length, but found " + a.length
          + " and " + b.length);
    }
    int n = 0;
    for (int i = 0; i < a.length; i++) {
      if (!Double.isNaN(a[i]) && !Double.isNaN(b[i])) {
        n++;
      }
    }
    double[] x = new double[n];
    double[] y = new double[n];
    int k = 0;
    for (int i = 0; i < a.length; i++) {
      if (!Double.isNaN(a[i]) && !Double.isNaN(b[i])) {
        x[k] = a[i];
        y[k++] = b[i];
      }
    }
    return new double[][] {x, y};
  }
}
