package io.momentic.workflow.backtest;

import io.momentic.core.AtomicFiles;
import io.momentic.core.ConfigException;
import io.momentic.core.Timestamps;
import io.momentic.data.LoadOptions;
import io.momentic.core.Csv;
import io.momentic.report.Numbers;
import io.momentic.workflow.Inputs;
import io.momentic.workflow.backtest.BacktestRun.RunData;
import io.momentic.workflow.backtest.BacktestRun.RunRecord;
import io.momentic.workflow.backtest.BacktestRun.RunRequest;
import io.momentic.workflow.config.StrategyConfigFile;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code momentic backtest --variants} (reference {@code 002} §8.2): the base run and every
 * {@code [[variant]]} on the same files, ranked by one objective (default Calmar: the reference's
 * "best trade-off between Sharpe and drawdown" needs one number, return per unit of drawdown), with
 * the Sharpe-versus-drawdown trade-off shown as a Pareto mark — a variant no other beats on both
 * Sharpe and maximum drawdown — and the number of variants tried, because the best of N is
 * flattered by the choice. Each variant trades from the first bar where the instruments it uses
 * trade (a variant without the UVXY hedge does not wait for UVXY's first bar), so each row states
 * its own period, and the comparison says when the periods differ.
 */
public final class VariantsRun {

  /** What variants can be ranked by; every one is "higher is better" (drawdowns are negative percentages). */
  public enum Objective {
    CALMAR("calmar"), SHARPE("sharpe"), SORTINO("sortino"), CAGR("cagr_pct"), RETURN("total_return_pct"),
    DRAWDOWN("max_drawdown_pct");

    private final String metric;

    Objective(String metric) {
      this.metric = metric;
    }

    /** The metrics.json key ranked on. */
    public String metric() {
      return metric;
    }

    public String code() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** {@code calmar}, {@code sharpe}, … (null: calmar). */
    public static Objective parse(String text) {
      if (text == null) {
        return CALMAR;
      }
      for (Objective o : values()) {
        if (o.code().equals(text.strip().toLowerCase(java.util.Locale.ROOT))) {
          return o;
        }
      }
      throw new ConfigException("rank-by", "expected one of " + java.util.Arrays.stream(values()).map(Objective::code)
          .toList() + ", found '" + text + "'");
    }
  }

  /** The base run, the variants file, where each variant's run folder goes, and the ranking objective. */
  public record VariantsRequest(RunRequest base, Path variantsFile, LoadOptions load, Path resultsRoot,
      Objective rankBy) {

    public VariantsRequest(RunRequest base, Path variantsFile, LoadOptions load, Path resultsRoot) {
      this(base, variantsFile, load, resultsRoot, Objective.CALMAR);
    }
  }

  /**
   * One row per variant, best first by the objective (the first row, {@code rank} 1, is the best); whether the
   * variants' measured periods differ; the comparison CSV.
   */
  public record VariantsRecord(List<Map<String, Object>> rows, Path csv, Objective rankBy,
      boolean periodsDiffer) {

    /** The document {@code --json} prints. */
    public Map<String, Object> document() {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("trials", rows.size());
      doc.put("best", rows.get(0).get("variant"));
      doc.put("ranked_by", rankBy.code());
      doc.put("pareto", "sharpe vs max_drawdown_pct: a variant is on the front when no other has a Sharpe at least "
          + "as high and a drawdown at least as shallow, one of them strictly");
      doc.put("periods_differ", periodsDiffer);
      doc.put("variants", rows);
      return doc;
    }
  }

  /** The columns every row carries from its run's metrics. */
  public static final List<String> COLUMNS = List.of("total_return_pct", "cagr_pct", "sharpe", "sortino",
      "max_drawdown_pct", "calmar", "trades", "fees");

  private VariantsRun() {}

  public static VariantsRecord run(VariantsRequest request) throws IOException {
    StrategyConfigFile file = StrategyConfigFile.read(request.variantsFile());
    if (file.variant().isEmpty()) {
      throw new ConfigException("variant", "expected at least one [[variant]] table in " + request.variantsFile()
          + ", found none");
    }
    RunRequest base = request.base();
    List<String> names = new ArrayList<>(List.of("base"));
    List<RunRequest> specs = new ArrayList<>(List.of(base));
    for (StrategyConfigFile.Variant v : file.variant()) {
      if (v.name() == null || v.name().isBlank()) {
        throw new ConfigException("variant.name", "expected every [[variant]] to have a name, found one without");
      }
      Map<String, String> p = new LinkedHashMap<>(base.params());
      if (v.params() != null) {
        p.putAll(StrategyConfigFile.asText(v.params()));
      }
      names.add(v.name());
      specs.add(base.withParams(p));
    }
    // One load for all: every symbol any variant trades; each variant starts where its own instruments trade.
    RunData data = BacktestRun.load(base, request.load(), specs);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      RunRecord r = BacktestRun.run(specs.get(i), BacktestRun.forRun(data, specs.get(i)), request.resultsRoot(), null);
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("variant", names.get(i));
      row.put("run_id", r.runId());
      long[] times = r.result().times();
      row.put("period_start", times.length == 0 ? null : Timestamps.formatDate(times[0]));
      row.put("period_end", times.length == 0 ? null : Timestamps.formatDate(times[times.length - 1]));
      row.put("bars", times.length);
      for (String c : COLUMNS) {
        row.put(c, r.metrics().get(c));
      }
      row.put("fee_stress_sharpe", ((Map<?, ?>) r.metrics().get("fee_stress")).get("sharpe"));
      row.put("params", new TreeMap<>(specs.get(i).params()).toString());
      rows.add(row);
    }
    markPareto(rows);
    Objective objective = request.rankBy() == null ? Objective.CALMAR : request.rankBy();
    // Best first; ties (and NaN, ranked last) keep the file's order.
    rows.sort(java.util.Comparator.comparingDouble((Map<String, Object> row) -> value(row, objective.metric()))
        .reversed());
    for (int i = 0; i < rows.size(); i++) {
      rows.get(i).put("rank", i + 1);
    }
    boolean periodsDiffer = rows.stream().map(row -> row.get("period_start") + "/" + row.get("period_end"))
        .distinct().count() > 1;
    String id = "variants-" + Inputs.sha256Hex(rows.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 12);
    Path csv = request.resultsRoot().resolve(id + ".csv");
    StringWriter w = new StringWriter();
    List<String> header = new ArrayList<>(rows.get(0).keySet());
    header.add("best");
    Csv.row(w, header);
    for (int i = 0; i < rows.size(); i++) {
      List<String> cells = new ArrayList<>();
      for (Object v : rows.get(i).values()) {
        cells.add(v instanceof Double d ? Numbers.csv(d) : String.valueOf(v));
      }
      cells.add(String.valueOf(i == 0));
      Csv.row(w, cells);
    }
    AtomicFiles.writeString(csv, w.toString());
    return new VariantsRecord(rows, csv, objective, periodsDiffer);
  }

  /**
   * {@code pareto = true} on the rows no other row dominates in (Sharpe ↑, max drawdown % ↑ — the
   * drawdown is negative, so higher is shallower); a row with either measure NaN is never on the front.
   */
  static void markPareto(List<Map<String, Object>> rows) {
    for (Map<String, Object> row : rows) {
      double sharpe = value(row, "sharpe");
      double drawdown = value(row, "max_drawdown_pct");
      boolean front = sharpe > Double.NEGATIVE_INFINITY && drawdown > Double.NEGATIVE_INFINITY;
      for (Map<String, Object> other : rows) {
        double s = value(other, "sharpe");
        double d = value(other, "max_drawdown_pct");
        if (front && other != row && s >= sharpe && d >= drawdown && (s > sharpe || d > drawdown)) {
          front = false;
        }
      }
      row.put("pareto", front);
    }
  }

  private static double value(Map<String, Object> row, String metric) {
    return row.get(metric) instanceof Number n && !Double.isNaN(n.doubleValue()) ? n.doubleValue()
        : Double.NEGATIVE_INFINITY;
  }
}
