package io.momentic.workflow.backtest;

import io.momentic.core.AtomicFiles;
import io.momentic.core.ConfigException;
import io.momentic.data.LoadOptions;
import io.momentic.report.Csv;
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
 * {@code momentic backtest --variants}: the base run and every {@code [[variant]]} on the same data,
 * ranked by Calmar (the reference's "best trade-off between Sharpe and drawdown" needs one number:
 * return per unit of drawdown), with the number of variants tried, because the best of N is
 * flattered by the choice.
 */
public final class VariantsRun {

  /** The base run, the variants file, and where each variant's run folder goes. */
  public record VariantsRequest(RunRequest base, Path variantsFile, LoadOptions load, Path resultsRoot) {}

  /** One row per variant (base first), which is best, and the comparison CSV. */
  public record VariantsRecord(List<Map<String, Object>> rows, int best, Path csv) {

    /** The document {@code --json} prints. */
    public Map<String, Object> document() {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("trials", rows.size());
      doc.put("best", rows.get(best).get("variant"));
      doc.put("ranked_by", "calmar");
      doc.put("variants", rows);
      return doc;
    }
  }

  /** The columns every row carries from its run's metrics. */
  public static final List<String> COLUMNS = List.of("total_return_pct", "cagr_pct", "sharpe", "max_drawdown_pct",
      "calmar", "trades", "fees");

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
    // One data set for all: every symbol any variant trades, so they are compared over the same bars.
    RunData data = BacktestRun.load(base, request.load(), specs);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      RunRecord r = BacktestRun.run(specs.get(i), data, request.resultsRoot(), null);
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("variant", names.get(i));
      row.put("run_id", r.runId());
      for (String c : COLUMNS) {
        row.put(c, r.metrics().get(c));
      }
      row.put("fee_stress_sharpe", ((Map<?, ?>) r.metrics().get("fee_stress")).get("sharpe"));
      row.put("params", new TreeMap<>(specs.get(i).params()).toString());
      rows.add(row);
    }
    int best = 0;
    for (int i = 1; i < rows.size(); i++) {
      if (calmar(rows.get(i)) > calmar(rows.get(best))) {
        best = i;
      }
    }
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
      cells.add(String.valueOf(i == best));
      Csv.row(w, cells);
    }
    AtomicFiles.writeString(csv, w.toString());
    return new VariantsRecord(rows, best, csv);
  }

  private static double calmar(Map<String, Object> row) {
    return row.get("calmar") instanceof Double d && !Double.isNaN(d) ? d : Double.NEGATIVE_INFINITY;
  }
}
