package io.momentic.report.page;

import io.momentic.report.Numbers;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The server's runs as a research notebook (one row per run folder), or the runs chosen to
 * compare; with the regime walks of the workspace's results TSVs and its research loops' reports.
 */
public record RunsView(Chrome chrome, List<Row> runs, List<RegimeRow> regimeWalks, List<LoopRow> loops,
    List<VariantSet> variantSets, List<BreakoutRow> breakouts) {

  public RunsView(Chrome chrome, List<Row> runs) {
    this(chrome, runs, List.of(), List.of(), List.of(), List.of());
  }

  /** A stored breakout analysis: its signal, how far its steps went, its grade and verdict, its page. */
  public record BreakoutRow(String name, String symbol, String interval, String barTime, String direction,
      String steps, String grade, String verdict, String link) {}

  /** One variants comparison ({@code backtest --variants}): its id and its variants, best first. */
  public record VariantSet(String id, List<Variant> variants) {

    /** The page comparing every run of the set. */
    public String compareLink() {
      return "/compare?runs=" + variants.stream().map(Variant::runId).collect(Collectors.joining(","));
    }
  }

  /** A variant of a set: its name, its run, and whether it is on the Sharpe-vs-drawdown front. */
  public record Variant(String name, String runId, boolean pareto) {}

  /** One row of a regime results TSV (spec §4.10), as written; {@code source} names the file. */
  public record RegimeRow(String experiment, String model, String score, List<String> periods, String argmaxAccuracy,
      String flips, String comment, String source) {}

  /** One research loop's shutdown report: its file name, when it was written, and its link. */
  public record LoopRow(String name, String created, String link) {}

  /**
   * One run: texts as shown, and the raw numbers (null: none) the page sorts by. {@code chart}
   * and {@code equity} (the equity JSON) are null for a run without an equity file.
   */
  public record Row(String id, String kind, String strategy, String params, String symbols, String period,
      String created, Double cagr, Double sharpe, Double maxDrawdown, Integer trades, Double dsr, Double pbo,
      Integer trials, String report, String chart, String equity, String variantSet, String variant) {

    /** From a row of {@code /api/runs}. */
    public static Row of(Map<String, Object> r) {
      Map<?, ?> params = (Map<?, ?>) r.get("params");
      String paramText = params == null ? "" : params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
          .collect(Collectors.joining(" "));
      List<?> symbols = (List<?>) r.get("symbols");
      Object first = r.get("first_bar");
      Object last = r.get("last_bar");
      return new Row(String.valueOf(r.get("id")), String.valueOf(r.get("kind")), text(r.get("strategy")), paramText,
          symbols == null ? "" : symbols.stream().map(String::valueOf).collect(Collectors.joining(" ")),
          first == null ? "" : first + " → " + last, minutes(text(r.get("created"))), (Double) r.get("cagr_pct"),
          (Double) r.get("sharpe"), (Double) r.get("max_drawdown_pct"), (Integer) r.get("trades"), (Double) r.get("dsr"),
          (Double) r.get("pbo"), (Integer) r.get("trials"), String.valueOf(r.get("report")), (String) r.get("chart"),
          (String) r.get("equity"), (String) r.get("variant_set"), (String) r.get("variant"));
    }

    /** {@code 2026-12-02T14:46:10Z} as {@code 2026-12-02 14:46 UTC}. */
    static String minutes(String instant) {
      return instant.replace('T', ' ').replaceFirst(":\\d\\dZ$", " UTC");
    }

    private static String text(Object o) {
      return o == null ? "" : String.valueOf(o);
    }

    public String cagrText() {
      return Numbers.pattern(cagr, "%.2f%%");
    }

    public String sharpeText() {
      return Numbers.pattern(sharpe, "%.2f");
    }

    public String maxDrawdownText() {
      return Numbers.pattern(maxDrawdown, "%.2f%%");
    }

    public String tradesText() {
      return trades == null ? "–" : trades.toString();
    }

    public String dsrText() {
      return Numbers.pattern(dsr, "%.3f");
    }

    public String pboText() {
      return Numbers.pattern(pbo, "%.3f");
    }

    /** A number as the sort key ({@code data-sort}): empty when missing, so it sorts last. */
    public static String key(Number n) {
      return n == null ? "" : n.toString();
    }
  }
}
