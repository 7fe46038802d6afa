package io.momentic.research;

import io.momentic.engine.BacktestConfig;
import io.momentic.engine.BacktestResult;
import io.momentic.engine.exec.FillTiming;
import io.momentic.engine.exec.PessimisticIntrabarFillModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The same run under three fill assumptions, side by side: same-bar close (optimistic: the price
 * the decision was made on), next open (the default), and next open with the pessimistic intrabar
 * model (a stop or a target that needs the bar's extremes in a lucky order never fills that way).
 * The spread between them is a robustness number; a result whose edge disappears under the
 * pessimistic assumption is flagged — its gain came from how fills were assumed, not from the signal.
 */
public final class FillSensitivity {

  /** The three assumptions, in the order reports show them. */
  public static final List<String> ASSUMPTIONS = List.of("same_close", "next_open", "pessimistic_intrabar");

  private FillSensitivity() {}

  /** The config for an assumption (costs, cash, start and everything else kept). */
  public static BacktestConfig under(BacktestConfig base, String assumption) {
    return switch (assumption) {
      case "same_close" -> base.withFillTiming(FillTiming.SAME_CLOSE);
      case "next_open" -> base.withFillTiming(FillTiming.NEXT_OPEN);
      case "pessimistic_intrabar" -> base.withFillTiming(FillTiming.NEXT_OPEN)
          .withFillModel(new PessimisticIntrabarFillModel());
      default -> throw new IllegalArgumentException("Expected one of " + ASSUMPTIONS + ", but found " + assumption);
    };
  }

  /**
   * Runs {@code run} under each assumption and summarises: each one's headline metrics, the spread
   * (largest − smallest) of the Sharpe ratio and of the total return, and whether an edge — a
   * positive Sharpe ratio or return under the optimistic or default fills — is gone (≤ 0) under the
   * pessimistic one.
   */
  public static Map<String, Object> of(Function<BacktestConfig, BacktestResult> run, BacktestConfig base,
      double periodsPerYear) {
    return of(run, base, periodsPerYear, null);
  }

  /** As above, with {@code baseResult} the run under {@code base} already made: not run again. */
  public static Map<String, Object> of(Function<BacktestConfig, BacktestResult> run, BacktestConfig base,
      double periodsPerYear, BacktestResult baseResult) {
    Map<String, Object> out = new LinkedHashMap<>();
    double minSharpe = Double.POSITIVE_INFINITY;
    double maxSharpe = Double.NEGATIVE_INFINITY;
    double minReturn = Double.POSITIVE_INFINITY;
    double maxReturn = Double.NEGATIVE_INFINITY;
    boolean edgeElsewhere = false;
    double pessimisticSharpe = Double.NaN;
    double pessimisticReturn = Double.NaN;
    for (String a : ASSUMPTIONS) {
      BacktestConfig c = under(base, a);
      Map<String, Object> m = RunMetrics.of(baseResult != null && c.equals(base) ? baseResult : run.apply(c),
          periodsPerYear);
      Map<String, Object> h = new LinkedHashMap<>();
      for (String k : List.of("final_equity", "total_return_pct", "sharpe", "max_drawdown_pct", "trades",
          "profit_factor")) {
        h.put(k, m.get(k));
      }
      out.put(a, h);
      double sharpe = ((Number) m.get("sharpe")).doubleValue();
      double ret = ((Number) m.get("total_return_pct")).doubleValue();
      if (Double.isFinite(sharpe)) {
        minSharpe = Math.min(minSharpe, sharpe);
        maxSharpe = Math.max(maxSharpe, sharpe);
      }
      minReturn = Math.min(minReturn, ret);
      maxReturn = Math.max(maxReturn, ret);
      if (a.equals("pessimistic_intrabar")) {
        pessimisticSharpe = sharpe;
        pessimisticReturn = ret;
      } else {
        edgeElsewhere |= sharpe > 0 && ret > 0;
      }
    }
    out.put("sharpe_spread", maxSharpe >= minSharpe ? maxSharpe - minSharpe : Double.NaN);
    out.put("return_spread_pct", maxReturn - minReturn);
    boolean lost = edgeElsewhere && !(pessimisticSharpe > 0 && pessimisticReturn > 0);
    out.put("edge_lost_under_pessimistic_fills", lost);
    return out;
  }

  /** The warning a report carries when the edge is gone under pessimistic fills. */
  public static final String EDGE_LOST_WARNING = "the edge disappears under pessimistic intrabar fills: the "
      + "result depends on the order of each bar's extremes, which bar data cannot tell";
}
