package io.momentic.research;

import io.momentic.analytics.TradeStats;
import io.momentic.core.Panel;
import io.momentic.engine.account.Trade;
import io.momentic.indicators.MovingAverages;
import io.momentic.indicators.TrueRange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trade statistics per regime (reference 001: "an aggregate PF = 1.4 can hide PF = 2.8 in STRONG
 * and PF = 0.9 in WEAK"). A labelling gives every bar a regime; a trade belongs to the regime of
 * the bar on which it was decided — the bar before its entry fill — so the label uses nothing the
 * strategy could not have known.
 */
public final class RegimeBreakdown {

  /** One regime's trades. */
  public record Row(String regime, int trades, double winRatePct, double profitFactor, double averageTradePct,
      double netPnl) {}

  private RegimeBreakdown() {}

  /** Labels {@code labels[t]} (index into {@code names}, −1 for none) → one row per name, in order. */
  public static List<Row> of(List<Trade> trades, int[] labels, String[] names) {
    List<List<Trade>> byRegime = new ArrayList<>();
    for (int i = 0; i < names.length; i++) {
      byRegime.add(new ArrayList<>());
    }
    for (Trade t : trades) {
      int decisionBar = Math.max(0, t.entryBar() - 1);
      int label = decisionBar < labels.length ? labels[decisionBar] : -1;
      if (label >= 0) {
        byRegime.get(label).add(t);
      }
    }
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < names.length; i++) {
      List<Trade> ts = byRegime.get(i);
      double[] pnl = ts.stream().mapToDouble(Trade::pnl).toArray();
      double[] ret = ts.stream().mapToDouble(Trade::returnPct).toArray();
      int[] bars = ts.stream().mapToInt(Trade::barsHeld).toArray();
      TradeStats s = TradeStats.of(pnl, ret, bars);
      double net = 0;
      for (double p : pnl) {
        net += p;
      }
      rows.add(new Row(names[i], s.count(), s.winRatePct(), s.profitFactor(), s.averageTradePct(), net));
    }
    return List.copyOf(rows);
  }

  /** The names of {@link #atrRatioLabels}, in label order. */
  public static final String[] VOLATILITY_REGIMES = {"STRONG", "MID", "WEAK"};

  /**
   * The ATR-ratio proxy: {@code ATR(atrPeriod) / mean of ATR over the last baselineBars bars}, both
   * up to and including bar t. STRONG (0) when the ratio is ≥ {@code strongAbove}, WEAK (2) when it
   * is &lt; {@code weakBelow}, MID (1) between; −1 until both averages exist.
   */
  public static int[] atrRatioLabels(Panel panel, int symbol, int atrPeriod, int baselineBars, double strongAbove,
      double weakBelow) {
    int n = panel.size();
    double[] high = new double[n];
    double[] low = new double[n];
    double[] close = panel.closes(symbol);
    for (int t = 0; t < n; t++) {
      high[t] = panel.high(symbol, t);
      low[t] = panel.low(symbol, t);
    }
    double[] atr = TrueRange.atr(high, low, close, atrPeriod);
    double[] baseline = MovingAverages.sma(atr, baselineBars);
    int[] labels = new int[n];
    for (int t = 0; t < n; t++) {
      double ratio = atr[t] / baseline[t];
      labels[t] = Double.isNaN(ratio) ? -1 : ratio >= strongAbove ? 0 : ratio < weakBelow ? 2 : 1;
    }
    return labels;
  }

  /** Rows as snake_case maps keyed by regime, for JSON. */
  public static Map<String, Object> toMap(List<Row> rows) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Row r : rows) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("trades", r.trades());
      m.put("win_rate_pct", r.winRatePct());
      m.put("profit_factor", r.profitFactor());
      m.put("average_trade_pct", r.averageTradePct());
      m.put("net_pnl", r.netPnl());
      out.put(r.regime(), m);
    }
    return out;
  }
}
