package io.momentic.report;

import io.momentic.core.Panel;
import io.momentic.engine.BacktestResult;
import io.momentic.engine.account.Fill;
import io.momentic.engine.account.Trade;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The data of a run's interactive trade chart ({@code chart.json}, drawn by {@code trade-chart.js}
 * like backtesting.py's plot): per traded symbol its candles and volume over the traded bars and
 * the strategy's price-scale features (its moving averages, say); every trade with its entry, exit,
 * size, P&L and exit reason; the equity curve with its peak and its deepest drawdown. Times are
 * epoch seconds. A long run is drawn as at most {@code maxCandles} candles per symbol, each the
 * merge of consecutive bars (open of the first, high and low of all, close of the last, volume
 * summed; features and equity at the last bar), and says so.
 */
public final class TradeChart {

  public static final int MAX_CANDLES = 20_000;

  private TradeChart() {}

  /**
   * @param panel the run's data (all bars, warm-up included)
   * @param features the strategy's registered features by name (values by symbol and bar), or none
   */
  public static Map<String, Object> of(Panel panel, BacktestResult r, Map<String, double[][]> features,
      int maxCandles) {
    long[] times = r.times();
    int n = times.length;
    int first = panel.size() - n; // the first traded bar in the panel
    int step = Math.max(1, (n + maxCandles - 1) / maxCandles);
    List<Trade> trades = RunFolder.allTrades(r);
    boolean[] traded = new boolean[panel.symbolCount()];
    trades.forEach(t -> traded[t.symbol()] = true);
    if (trades.isEmpty()) {
      traded[0] = true;
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("bars_per_candle", step);
    List<Map<String, Object>> symbols = new ArrayList<>();
    for (int s = 0; s < panel.symbolCount(); s++) {
      if (!traded[s]) {
        continue;
      }
      Map<String, Object> sym = new LinkedHashMap<>();
      sym.put("symbol", panel.symbol(s));
      List<double[]> candles = new ArrayList<>();
      for (int from = 0; from < n; from += step) {
        int to = Math.min(n, from + step);
        double open = panel.open(s, first + from);
        double high = Double.NEGATIVE_INFINITY;
        double low = Double.POSITIVE_INFINITY;
        double volume = 0;
        for (int k = from; k < to; k++) {
          high = Math.max(high, panel.high(s, first + k));
          low = Math.min(low, panel.low(s, first + k));
          volume += panel.volume(s, first + k);
        }
        candles.add(new double[] {seconds(times[to - 1]), open, high, low, panel.close(s, first + to - 1), volume});
      }
      sym.put("candles", candles);
      Map<String, Object> lines = new LinkedHashMap<>();
      for (Map.Entry<String, double[][]> f : features.entrySet()) {
        double[] values = f.getValue()[s];
        if (priceScale(values, panel, s, first) && ownSymbol(f.getValue(), panel, s, first)) {
          List<double[]> points = new ArrayList<>();
          for (int from = 0; from < n; from += step) {
            int last = Math.min(n, from + step) - 1;
            double v = values[first + last];
            if (Double.isFinite(v)) {
              points.add(new double[] {seconds(times[last]), v});
            }
          }
          lines.put(f.getKey(), points);
        }
      }
      sym.put("features", lines);
      symbols.add(sym);
    }
    doc.put("symbols", symbols);
    doc.put("trades", trades(trades, r.fills()));
    double[] equity = r.equity();
    List<double[]> curve = new ArrayList<>();
    for (int from = 0; from < n; from += step) {
      int last = Math.min(n, from + step) - 1;
      curve.add(new double[] {seconds(times[last]), equity[last]});
    }
    doc.put("equity", curve);
    // The peak and the deepest drawdown on the bars themselves, not on the merged candles.
    int peak = 0;
    int runningPeak = 0;
    int valley = 0;
    int valleyPeak = 0;
    double depth = 0;
    for (int t = 0; t < n; t++) {
      if (equity[t] > equity[runningPeak]) {
        runningPeak = t;
      }
      if (equity[t] > equity[peak]) {
        peak = t;
      }
      double dd = equity[t] / equity[runningPeak] - 1;
      if (dd < depth) {
        depth = dd;
        valley = t;
        valleyPeak = runningPeak;
      }
    }
    // An ordered map: Map.of's iteration order changes from one JVM to the next, and the bytes must not.
    Map<String, Object> peakPoint = new LinkedHashMap<>();
    peakPoint.put("time", seconds(times[peak]));
    peakPoint.put("equity", equity[peak]);
    doc.put("peak", peakPoint);
    Map<String, Object> drawdown = new LinkedHashMap<>();
    drawdown.put("peak_time", seconds(times[valleyPeak]));
    drawdown.put("valley_time", seconds(times[valley]));
    drawdown.put("valley_equity", equity[valley]);
    drawdown.put("depth_pct", 100 * depth);
    doc.put("max_drawdown", drawdown);
    return doc;
  }

  /** Each trade with the reason of the fill that closed it (the opening fill's for one still open). */
  static List<Map<String, Object>> trades(List<Trade> trades, List<Fill> fills) {
    Map<String, String> reasons = new HashMap<>();
    for (Fill f : fills) {
      reasons.putIfAbsent(f.symbol() + "@" + f.timeMillis(), f.reason());
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (Trade t : trades) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("symbol", t.instrument());
      m.put("side", t.direction() > 0 ? "long" : "short");
      m.put("quantity", t.quantity());
      m.put("entry_time", seconds(t.entryTime()));
      m.put("entry_price", t.entryPrice());
      m.put("entry_reason", reasons.get(t.symbol() + "@" + t.entryTime()));
      m.put("exit_time", t.open() ? null : seconds(t.exitTime()));
      m.put("exit_price", t.open() ? null : t.exitPrice());
      m.put("exit_reason", t.open() ? null : reasons.get(t.symbol() + "@" + t.exitTime()));
      m.put("pnl", t.pnl());
      m.put("return_pct", t.returnPct());
      m.put("open", t.open());
      out.add(m);
    }
    return out;
  }

  /**
   * Whether symbol {@code s} is the one a feature belongs to: always for a feature computed per
   * symbol; for one array shared by every symbol (a signal instrument's moving average, say), only
   * the symbol whose prices it tracks most closely — never another symbol's candles.
   */
  static boolean ownSymbol(double[][] bySymbol, Panel panel, int s, int first) {
    for (double[] row : bySymbol) {
      if (row != bySymbol[0]) {
        return true;
      }
    }
    if (bySymbol.length < 2) {
      return true;
    }
    int closest = 0;
    double best = Double.POSITIVE_INFINITY;
    for (int k = 0; k < panel.symbolCount(); k++) {
      double distance = Math.abs(Math.log(medianRatio(bySymbol[0], panel, k, first)));
      if (distance < best) {
        best = distance;
        closest = k;
      }
    }
    return closest == s;
  }

  /** Whether a feature lives on the price's scale: its median within a factor 2 of the median close. */
  static boolean priceScale(double[] values, Panel panel, int s, int first) {
    double ratio = medianRatio(values, panel, s, first);
    return ratio > 0.5 && ratio < 2;
  }

  private static double medianRatio(double[] values, Panel panel, int s, int first) {
    double[] v = Arrays.stream(values, first, values.length).filter(Double::isFinite).sorted().toArray();
    if (v.length == 0) {
      return Double.NaN;
    }
    double[] c = new double[panel.size() - first];
    for (int t = first; t < panel.size(); t++) {
      c[t - first] = panel.close(s, t);
    }
    Arrays.sort(c);
    return v[v.length / 2] / c[c.length / 2];
  }

  private static double seconds(long millis) {
    return millis / 1000;
  }
}
