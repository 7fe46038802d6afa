package io.momentic.research;

import io.momentic.core.Timestamps;
import io.momentic.engine.BacktestResult;
import io.momentic.engine.account.Fill;
import io.momentic.engine.account.Trade;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The tables of a tear sheet (quantstats' and pyfolio's, on Momentic's own numbers): monthly and
 * yearly returns, the worst drawdown periods, the best and worst bar, month and year, historical
 * value at risk, per-symbol results and exit reasons. Every figure comes from the run's equity,
 * trades and fills; definitions are in {@code docs/METRICS.md}.
 *
 * <ul>
 *   <li>A month's (year's) return: equity at its last bar over equity at the previous month's
 *       (year's) last bar, the initial cash before the first, minus 1. Months are UTC calendar months.</li>
 *   <li>A drawdown period: from a peak of the wealth path (the initial cash counting as the first)
 *       to the valley, then to the first bar back at the peak (the recovery; none while under water);
 *       the five deepest, by depth.</li>
 *   <li>Value at risk at 95 %: the 5th percentile of per-bar returns (linear between order
 *       statistics, as {@code numpy.percentile}); conditional VaR: the mean of the returns at or below it.</li>
 * </ul>
 */
public final class TearSheet {

  /** Drawdown periods listed. */
  public static final int WORST_DRAWDOWNS = 5;

  private TearSheet() {}

  public static Map<String, Object> of(BacktestResult r) {
    long[] times = r.times();
    double[] equity = r.equity();
    Map<String, Object> m = new LinkedHashMap<>();
    if (times.length == 0) {
      return m;
    }
    List<Map<String, Object>> months = periodReturns(times, equity, r.initialCash(), true);
    List<Map<String, Object>> years = periodReturns(times, equity, r.initialCash(), false);
    m.put("monthly_returns", months);
    m.put("yearly_returns", years);
    m.put("drawdown_periods", drawdownPeriods(times, RunMetrics.wealth(r)));
    double[] returns = io.momentic.analytics.EquityMetrics.returns(RunMetrics.wealth(r));
    Map<String, Object> extremes = new LinkedHashMap<>();
    int best = 0;
    int worst = 0;
    for (int t = 1; t < returns.length; t++) {
      best = returns[t] > returns[best] ? t : best;
      worst = returns[t] < returns[worst] ? t : worst;
    }
    extremes.put("best_bar", period(Timestamps.formatDate(times[best]), 100 * returns[best]));
    extremes.put("worst_bar", period(Timestamps.formatDate(times[worst]), 100 * returns[worst]));
    extremes.put("best_month", extreme(months, true));
    extremes.put("worst_month", extreme(months, false));
    extremes.put("best_year", extreme(years, true));
    extremes.put("worst_year", extreme(years, false));
    m.put("extremes", extremes);
    double var = percentile(returns, 5);
    double tail = 0;
    int n = 0;
    for (double x : returns) {
      if (x <= var) {
        tail += x;
        n++;
      }
    }
    m.put("value_at_risk_95_pct", 100 * var);
    m.put("conditional_value_at_risk_95_pct", n == 0 ? null : 100 * tail / n);
    m.put("by_symbol", bySymbol(r));
    m.put("exit_reasons", exitReasons(r.fills()));
    m.put("breakdown_month", breakdown(r, months, true));
    m.put("breakdown_year", breakdown(r, years, false));
    return m;
  }

  /**
   * freqtrade's {@code --breakdown}: per calendar month (or year) with bars, the trades closed in
   * it (by exit time), wins, draws and losses, win rate, their net P&L and fees, and the period's
   * return of the whole account (from {@code periods}, the period returns).
   */
  static List<Map<String, Object>> breakdown(BacktestResult r, List<Map<String, Object>> periods, boolean monthly) {
    Map<String, double[]> acc = new java.util.HashMap<>(); // trades, wins, draws, losses, pnl, fees
    for (Trade t : r.trades()) {
      int key = period(t.exitTime(), monthly);
      String label = monthly ? String.format(java.util.Locale.ROOT, "%04d-%02d", key / 100, key % 100)
          : Integer.toString(key);
      double[] a = acc.computeIfAbsent(label, k -> new double[6]);
      a[0]++;
      a[t.pnl() > 0 ? 1 : t.pnl() == 0 ? 2 : 3]++;
      a[4] += t.pnl();
      a[5] += t.fees();
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> p : periods) {
      double[] a = acc.getOrDefault((String) p.get("period"), new double[6]);
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("period", p.get("period"));
      row.put("trades", (int) a[0]);
      row.put("wins", (int) a[1]);
      row.put("draws", (int) a[2]);
      row.put("losses", (int) a[3]);
      row.put("win_rate_pct", a[0] == 0 ? null : 100 * a[1] / a[0]);
      row.put("pnl", a[4]);
      row.put("fees", a[5]);
      row.put("return_pct", p.get("return_pct"));
      out.add(row);
    }
    return out;
  }

  private static Map<String, Object> period(String label, double returnPct) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("period", label);
    p.put("return_pct", returnPct);
    return p;
  }

  private static Map<String, Object> extreme(List<Map<String, Object>> periods, boolean best) {
    Map<String, Object> chosen = null;
    for (Map<String, Object> p : periods) {
      double v = (double) p.get("return_pct");
      if (chosen == null || (best ? v > (double) chosen.get("return_pct") : v < (double) chosen.get("return_pct"))) {
        chosen = p;
      }
    }
    return chosen == null ? null : period(String.valueOf(chosen.get("period")), (double) chosen.get("return_pct"));
  }

  /** One row per calendar month (or year) that has bars: its label and compounded return in percent. */
  static List<Map<String, Object>> periodReturns(long[] times, double[] equity, double initialCash, boolean monthly) {
    List<Map<String, Object>> out = new ArrayList<>();
    double before = initialCash;
    int key = period(times[0], monthly);
    for (int t = 0; t < times.length; t++) {
      int next = t == times.length - 1 ? Integer.MIN_VALUE : period(times[t + 1], monthly);
      if (next != key) {
        String label = monthly ? String.format(java.util.Locale.ROOT, "%04d-%02d", key / 100, key % 100)
            : Integer.toString(key);
        out.add(period(label, 100 * (equity[t] / before - 1)));
        before = equity[t];
        key = next;
      }
    }
    return out;
  }

  /** {@code yyyymm} (or {@code yyyy}) of an instant, UTC, without allocating: it runs once a bar. */
  private static int period(long millis, boolean monthly) {
    int ymd = Timestamps.yearMonthDay(Math.floorDiv(millis, 86_400_000L));
    return monthly ? ymd / 100 : ymd / 10_000;
  }

  /**
   * The deepest drawdown periods of {@code wealth} (index 0 the initial cash, index t+1 bar t):
   * peak, valley and recovery dates, depth in percent, and length in bars from the peak to the
   * recovery (or to the last bar).
   */
  static List<Map<String, Object>> drawdownPeriods(long[] times, double[] wealth) {
    record Period(int peak, int valley, int recovery, double depth) {}
    List<Period> periods = new ArrayList<>();
    int peak = 0;
    int valley = 0;
    for (int i = 1; i < wealth.length; i++) {
      if (wealth[i] >= wealth[peak]) {
        if (valley != peak) {
          periods.add(new Period(peak, valley, i, wealth[valley] / wealth[peak] - 1));
        }
        peak = i;
        valley = i;
      } else if (wealth[i] < wealth[valley]) {
        valley = i;
      }
    }
    if (valley != peak) {
      periods.add(new Period(peak, valley, -1, wealth[valley] / wealth[peak] - 1));
    }
    periods.sort((a, b) -> Double.compare(a.depth(), b.depth()));
    List<Map<String, Object>> out = new ArrayList<>();
    for (Period p : periods.subList(0, Math.min(WORST_DRAWDOWNS, periods.size()))) {
      Map<String, Object> row = new LinkedHashMap<>();
      // Wealth index i is bar i-1; the initial cash (index 0) is dated at the first bar.
      row.put("start", Timestamps.formatDate(times[Math.max(0, p.peak() - 1)]));
      row.put("valley", Timestamps.formatDate(times[p.valley() - 1]));
      row.put("recovery", p.recovery() < 0 ? null : Timestamps.formatDate(times[p.recovery() - 1]));
      row.put("depth_pct", 100 * p.depth());
      row.put("length_bars", (p.recovery() < 0 ? wealth.length - 1 : p.recovery()) - p.peak());
      out.add(row);
    }
    return out;
  }

  /** numpy.percentile's default over the returns that are numbers. */
  static double percentile(double[] values, double p) {
    return io.momentic.analytics.ReturnMetrics.percentile(
        Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray(), p);
  }

  /** Per instrument: closed trades, win rate, net P&L of closed trades, its share of the total. */
  static List<Map<String, Object>> bySymbol(BacktestResult r) {
    Map<String, double[]> acc = new TreeMap<>(); // trades, wins, pnl
    double total = 0;
    for (Trade t : r.trades()) {
      double[] a = acc.computeIfAbsent(t.instrument(), k -> new double[3]);
      a[0]++;
      a[1] += t.pnl() > 0 ? 1 : 0;
      a[2] += t.pnl();
      total += t.pnl();
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map.Entry<String, double[]> e : acc.entrySet()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("symbol", e.getKey());
      row.put("trades", (int) e.getValue()[0]);
      row.put("win_rate_pct", 100 * e.getValue()[1] / e.getValue()[0]);
      row.put("pnl", e.getValue()[2]);
      row.put("share_of_pnl", total == 0 ? null : e.getValue()[2] / total);
      out.add(row);
    }
    return out;
  }

  /** Exit fills (sells and short covers) counted by the reason the execution core gave ("signal": the strategy's order). */
  static Map<String, Integer> exitReasons(List<Fill> fills) {
    Map<String, Integer> out = new TreeMap<>();
    for (Fill f : fills) {
      if (f.action().equals("sell") || f.action().equals("short_cover")) {
        out.merge(f.reason() == null || f.reason().isEmpty() ? "signal" : f.reason(), 1, Integer::sum); // the strategy's own order
      }
    }
    return out;
  }
}
