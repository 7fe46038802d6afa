package io.momentic.report.page;

import io.momentic.report.Numbers;
import io.momentic.report.Numbers.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code report.html} of a walk-forward: the headline (folds, edge hit rate, the stitched
 * out-of-sample run's return, CAGR, Sharpe and drawdown), a row per fold (its windows, the
 * parameters chosen on train, train and test numbers, whether the edge held), and the stitched
 * out-of-sample equity. Built from {@code walkforward.json}'s own document.
 *
 * @param equitySvg the stitched OOS wealth as an inline SVG chart
 */
public record WalkForwardReportView(Chrome chrome, String strategy, String lead, List<Cell> headline,
    List<FoldRow> folds, String equitySvg) {

  /** A labelled value. */
  public record Cell(String name, String value) {}

  /** One fold, formatted. */
  public record FoldRow(int fold, String train, String test, String params, String trainObjective,
      String testReturn, String testSharpe, String testProfitFactor, String testTrades, boolean edgeHit) {}

  public static WalkForwardReportView of(String id, Map<String, Object> summary, String equitySvg) {
    List<Cell> headline = new ArrayList<>();
    headline.add(new Cell("Folds", String.valueOf(((List<?>) summary.get("folds")).size())));
    headline.add(new Cell("Trials per fold", String.valueOf(summary.get("trials_per_fold"))));
    headline.add(new Cell("Edge hit rate (folds with OOS profit factor ≥ 1)",
        Numbers.fmt(100 * Numbers.num(summary.get("edge_hit_rate")), Kind.PCT)));
    Map<?, ?> oos = (Map<?, ?>) summary.get("oos");
    headline.add(new Cell("Out-of-sample total return", Numbers.fmt(summary.get("oos_total_return_pct"), Kind.PCT)));
    headline.add(new Cell("Out-of-sample CAGR", Numbers.fmt(oos.get("cagr_pct"), Kind.PCT)));
    headline.add(new Cell("Out-of-sample Sharpe", Numbers.fmt(oos.get("sharpe"), Kind.NUM)));
    headline.add(new Cell("Out-of-sample max drawdown", Numbers.fmt(oos.get("max_drawdown_pct"), Kind.PCT)));
    headline.add(new Cell("Out-of-sample bars", String.valueOf(oos.get("bars"))));
    String objective = String.valueOf(summary.get("objective"));
    List<FoldRow> folds = new ArrayList<>();
    for (Object o : (List<?>) summary.get("folds")) {
      Map<?, ?> f = (Map<?, ?>) o;
      Map<?, ?> train = (Map<?, ?>) f.get("train_metrics");
      Map<?, ?> test = (Map<?, ?>) f.get("test_metrics");
      folds.add(new FoldRow(((Number) f.get("fold")).intValue(), window(f.get("train")), window(f.get("test")),
          params(f.get("best_params")), Numbers.fmt(train.get(objectiveKey(objective)), Kind.NUM),
          Numbers.fmt(test.get("total_return_pct"), Kind.PCT), Numbers.fmt(test.get("sharpe"), Kind.NUM),
          Numbers.fmt(test.get("profit_factor"), Kind.NUM), Numbers.fmt(test.get("trades"), Kind.INT),
          Boolean.TRUE.equals(f.get("edge_hit"))));
    }
    String lead = (Boolean.TRUE.equals(summary.get("anchored")) ? "Anchored" : "Rolling") + " walk-forward of "
        + summary.get("strategy") + ": on each train window every one of the " + summary.get("trials_per_fold")
        + " trials is ranked by " + objective + ", and only the winner runs on the test window that follows; the "
        + "test windows are stitched into one out-of-sample run.";
    return new WalkForwardReportView(Chrome.file(id + " — Momentic walk-forward", Theme.DEFAULT),
        String.valueOf(summary.get("strategy")), lead, headline, folds, equitySvg);
  }

  /**
   * The train metric the objective ranks by ({@code -max_drawdown_pct} ranks by drawdown); a fold's
   * document keeps the headline metrics only, so another objective shows as "–", never as a stand-in.
   */
  private static String objectiveKey(String objective) {
    return objective.startsWith("-") ? objective.substring(1) : objective;
  }

  private static String window(Object w) {
    Map<?, ?> m = (Map<?, ?>) w;
    return date(m.get("first_bar")) + " to " + date(m.get("last_bar")) + " (" + m.get("bars") + " bars)";
  }

  private static String date(Object timestamp) {
    String t = String.valueOf(timestamp);
    return t.length() >= 10 ? t.substring(0, 10) : t;
  }

  private static String params(Object p) {
    StringBuilder sb = new StringBuilder();
    ((Map<?, ?>) p).forEach((k, v) -> sb.append(sb.isEmpty() ? "" : ", ").append(k).append('=').append(v));
    return sb.toString();
  }
}
