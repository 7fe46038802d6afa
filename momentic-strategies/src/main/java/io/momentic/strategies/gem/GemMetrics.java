package io.momentic.strategies.gem;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The snapshot metrics of spec §1.6 — the reference's own conventions, kept as they are so the
 * published numbers can be checked: total return from the first snapshot (after day 0's trades),
 * annualised over days/365, Sharpe and Sortino on daily returns with the population standard
 * deviation and √252, Calmar = annual return / max drawdown, HHI of the last snapshot with cash.
 */
public record GemMetrics(double totalReturnPct, double annualizedReturnPct, double maxDrawdownPct, double sharpeRatio,
    double sortinoRatio, double calmarRatio, int rebalanceCount, double hhi, double finalValue) {

  /** With fewer than two snapshots: all zeros, HHI 1, final value 0. */
  public static final GemMetrics EMPTY = new GemMetrics(0, 0, 0, 0, 0, 0, 0, 1, 0);

  public static GemMetrics of(GemBacktest.Result r) {
    double[] v = r.values();
    int days = v.length;
    if (days < 2) {
      return EMPTY;
    }
    double total = (v[days - 1] - v[0]) / v[0];
    double years = days / 365.0;
    double annual = Math.pow(1 + total, 1 / Math.max(years, 1e-9)) - 1;
    double peak = v[0];
    double maxDd = 0;
    for (double x : v) {
      peak = Math.max(peak, x);
      maxDd = Math.max(maxDd, (peak - x) / peak);
    }
    int n = days - 1;
    double[] returns = new double[n];
    double mean = 0;
    for (int t = 1; t < days; t++) {
      returns[t - 1] = v[t] / v[t - 1] - 1;
      mean += returns[t - 1];
    }
    mean /= n;
    double var = 0;
    double downside = 0;
    for (double x : returns) {
      var += (x - mean) * (x - mean);
      if (x < 0) {
        downside += x * x;
      }
    }
    double std = Math.sqrt(var / n);
    double dd = Math.sqrt(downside / n);
    double sharpe = std <= 1e-12 ? 0 : mean / std * Math.sqrt(252);
    double sortino = dd <= 1e-12 ? 0 : mean / dd * Math.sqrt(252);
    double calmar = maxDd > 1e-12 ? annual / maxDd : 0;
    double last = v[days - 1];
    double denominator = last <= 0 ? 1 : last;
    double hhi = 0;
    double invested = 0;
    for (double value : r.finalPositions().values()) {
      double w = value / denominator;
      invested += w;
      hhi += w * w;
    }
    double cashWeight = 1 - invested;
    if (cashWeight > 1e-9) {
      hhi += cashWeight * cashWeight;
    }
    return new GemMetrics(100 * total, 100 * annual, -100 * maxDd, sharpe, sortino, calmar, r.rebalanceCount(), hhi,
        last);
  }

  /** Snapshots per "month" of the notebook's win rate. */
  public static final int MONTH_SNAPSHOTS = 30;

  /**
   * The notebook's monthly win rate (§1.6): the values split into consecutive 30-snapshot chunks
   * (the last may be shorter; a chunk of one is skipped), each chunk's return last/first − 1, and
   * the percentage of chunks with a return above 0; NaN without a chunk.
   */
  public static double monthlyWinRatePct(double[] values) {
    int chunks = 0;
    int wins = 0;
    for (int start = 0; start < values.length; start += MONTH_SNAPSHOTS) {
      int end = Math.min(start + MONTH_SNAPSHOTS, values.length);
      if (end - start < 2) {
        continue;
      }
      chunks++;
      wins += values[end - 1] / values[start] - 1 > 0 ? 1 : 0;
    }
    return chunks == 0 ? Double.NaN : 100.0 * wins / chunks;
  }

  /** The §1.6 record as snake_case fields. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("total_return_pct", totalReturnPct);
    m.put("annualized_return_pct", annualizedReturnPct);
    m.put("max_drawdown_pct", maxDrawdownPct);
    m.put("sharpe_ratio", sharpeRatio);
    m.put("sortino_ratio", sortinoRatio);
    m.put("calmar_ratio", calmarRatio);
    m.put("rebalance_count", rebalanceCount);
    m.put("hhi", hhi);
    m.put("final_value", finalValue);
    return m;
  }
}
