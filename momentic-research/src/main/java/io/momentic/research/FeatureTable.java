package io.momentic.research;

import io.momentic.core.Panel;
import io.momentic.core.Timestamps;
import io.momentic.engine.BacktestConfig;
import io.momentic.engine.BacktestEngine;
import io.momentic.engine.BarContext;
import io.momentic.engine.Strategy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The processed feature table of a strategy on its data (reference 002 §4.3, §5.3): one row per
 * traded bar, newest first, with each symbol's closing price and return, every feature the
 * strategy registers (the values it decides on, read at that bar), and what it held at the close —
 * each symbol's weight of equity and the cash weight. Timestamps in Momentic's canonical format.
 * One symbol's columns carry no suffix; several symbols' end in {@code _<SYMBOL>}.
 */
public final class FeatureTable {

  private FeatureTable() {}

  /** Runs {@code strategy} on {@code panel} with {@code config} and returns the table as CSV text. */
  public static String csv(Panel panel, Strategy strategy, BacktestConfig config) {
    Recorder r = new Recorder(strategy, panel.symbolCount());
    BacktestEngine.run(panel, r, config);
    int m = panel.symbolCount();
    boolean one = m == 1;
    // A feature given as one array for every symbol (a market regime) is one column.
    Map<String, double[][]> shared = new LinkedHashMap<>();
    Map<String, double[][]> perSymbol = new LinkedHashMap<>();
    r.features().forEach((name, v) -> (sharedArray(v) ? shared : perSymbol).put(name, v));
    List<String> header = new ArrayList<>(List.of("timestamp"));
    header.addAll(shared.keySet());
    for (int s = 0; s < m; s++) {
      String sfx = one ? "" : "_" + panel.symbol(s);
      header.add("closing_price" + sfx);
      header.add("daily_return" + sfx);
      for (String f : perSymbol.keySet()) {
        header.add(f + sfx);
      }
      header.add("position_weight" + sfx);
    }
    header.add("cash_weight");
    StringBuilder out = new StringBuilder(String.join(",", header)).append('\n');
    for (int k = r.bars.size() - 1; k >= 0; k--) { // newest first, as the reference's contract
      int t = r.bars.get(k);
      out.append(Timestamps.format(panel.time(t)));
      for (double[][] f : shared.values()) {
        cell(out, f[0][t]);
      }
      double[] w = r.weights.get(k);
      for (int s = 0; s < m; s++) {
        double c = panel.close(s, t);
        double prev = t > 0 ? panel.close(s, t - 1) : Double.NaN;
        cell(out, c);
        cell(out, prev > 0 ? c / prev - 1 : Double.NaN);
        for (double[][] f : perSymbol.values()) {
          cell(out, f[s][t]);
        }
        cell(out, w[s]);
      }
      cell(out, w[m]);
      out.append('\n');
    }
    return out.toString();
  }

  private static boolean sharedArray(double[][] v) {
    for (double[] row : v) {
      if (row != v[0]) {
        return false;
      }
    }
    return v.length > 1;
  }

  private static void cell(StringBuilder out, double v) {
    out.append(',');
    if (Double.isFinite(v)) {
      out.append(v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v));
    }
  }

  /** Passes everything through, keeping the features registered and the holdings at each decision. */
  private static final class Recorder extends io.momentic.engine.FeatureWatch {
    final int symbols;
    final List<Integer> bars = new ArrayList<>();
    final List<double[]> weights = new ArrayList<>();

    Recorder(Strategy inner, int symbols) {
      super(inner);
      this.symbols = symbols;
    }

    @Override
    public void onBar(BarContext c) {
      double equity = c.equity();
      double[] w = new double[symbols + 1];
      for (int s = 0; s < symbols; s++) {
        double q = c.position(s);
        w[s] = q == 0 ? 0 : q * c.close(s) / equity;
      }
      w[symbols] = c.cash() / equity;
      bars.add(c.bar());
      weights.add(w);
      super.onBar(c);
    }
  }
}
