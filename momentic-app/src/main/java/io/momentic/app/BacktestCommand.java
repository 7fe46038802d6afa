package io.momentic.app;

import io.momentic.core.ConfigException;
import io.momentic.engine.account.PortfolioState;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code momentic backtest}: one strategy over one or more bar files, with a fee-stress run beside
 * it; settings from {@code --config FILE.toml}, overridden by the command line; {@code --variants}
 * runs each variant of a variants file and compares them.
 */
@Command(name = "backtest", mixinStandardHelpOptions = true,
    description = "Backtest a built-in strategy (buy-and-hold, sma-cross, qqq-long-short) on bar files of any "
        + "supported layout. Writes equity.csv, trades.csv, fills.csv, metrics.json, manifest.json, plot.png and "
        + "report.html to <workspace>/data/results/<run-id>/ (or --out).")
final class BacktestCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @ParentCommand
  MomenticCommand root;

  @Option(names = "--variants", paramLabel = "FILE.toml",
      description = "Run every [[variant]] of this file (each overrides some params of the base run) and compare.")
  Path variants;

  @Mixin
  RunOptions run;

  @Option(names = "--out", paramLabel = "DIR", description = "Output folder. Default: <workspace>/data/results/<run-id>.")
  Path out;

  @Option(names = "--json", description = "Print the metrics as JSON on stdout.")
  boolean json;

  @Option(names = "--save-state", arity = "0..1", fallbackValue = "", paramLabel = "FILE",
      description = "Save the paper broker's cash, positions and ledger after the run (default "
          + "<workspace>/state/portfolio.json).")
  String saveState;

  @Option(names = "--resume", paramLabel = "FILE",
      description = "Continue from a saved portfolio state: trade from the first bar after it was saved.")
  Path resume;

  @Override
  public Integer call() throws IOException {
    BacktestRunner.RunSpec base = run.spec();
    PrintWriter o = spec.commandLine().getOut();
    if (variants != null) {
      return runVariants(base, o);
    }
    BacktestRunner.RunData runData = BacktestRunner.load(base, run.load.options());
    PortfolioState resumeFrom = resume == null ? null : PortfolioState.read(resume);
    BacktestRunner.Outcome outcome = BacktestRunner.run(base, runData, root.workspace().results(), out, resumeFrom);
    if (saveState != null) {
      Path file = saveState.isEmpty() ? root.workspace().state().resolve("portfolio.json") : Path.of(saveState);
      outcome.result().finalState().write(file);
      if (!json) {
        o.println("portfolio state: " + file);
      }
    }
    if (json) {
      o.println(RunOutputs.JSON.writeValueAsString(outcome.metrics()));
    } else {
      printSummary(o, base, runData, outcome);
    }
    return Main.EXIT_OK;
  }

  private void printSummary(PrintWriter o, BacktestRunner.RunSpec s, BacktestRunner.RunData d,
      BacktestRunner.Outcome r) {
    Map<String, Object> m = r.metrics();
    List<String> symbols = d.panel().symbols();
    String on = symbols.size() <= 8 ? String.join(", ", symbols)
        : symbols.size() + " symbols (" + String.join(", ", symbols.subList(0, 3)) + ", … "
            + symbols.get(symbols.size() - 1) + ")";
    o.println(s.strategy() + " on " + on + " (" + r.result().times().length
        + " bars from " + r.manifest().get("first_bar").toString().substring(0, 10) + ", "
        + d.panel().interval().code() + ", " + (int) r.periodsPerYear() + " periods/yr), fill " + s.fill());
    o.printf(Locale.ROOT, "final equity %.2f (%.2f%%), CAGR %.2f%%, Sharpe %.2f, max drawdown %.2f%%, "
            + "%d trades, win rate %.1f%%, fees %.2f%n", r.result().finalEquity(), m.get("total_return_pct"),
        m.get("cagr_pct"), m.get("sharpe"), m.get("max_drawdown_pct"), r.result().trades().size(),
        m.get("win_rate_pct"), r.result().totalFees());
    if (m.get("attribution") instanceof Map<?, ?> a) {
      o.println("attribution: " + a.get("headline"));
    }
    o.printf(Locale.ROOT, "fee stress x%.2f: final equity %.2f, Sharpe %.2f%n", s.feeStress(),
        r.stressed().finalEquity(), ((Map<?, ?>) m.get("fee_stress")).get("sharpe"));
    o.println("outputs: " + r.dir() + " (report.html, plot.png, equity.csv, trades.csv, metrics.json)");
  }

  private static final List<String> VARIANT_COLUMNS = List.of("total_return_pct", "cagr_pct", "sharpe",
      "max_drawdown_pct", "calmar", "trades", "fees");

  /**
   * Runs the base and every variant on the same data; ranks by Calmar (the reference's "best
   * trade-off between Sharpe and drawdown" needs one number: return per unit of drawdown), and says
   * how many variants were tried, because the best of N is flattered by the choice.
   */
  private int runVariants(BacktestRunner.RunSpec base, PrintWriter o) throws IOException {
    StrategyConfigFile file = StrategyConfigFile.read(variants);
    if (file.variant().isEmpty()) {
      throw new ConfigException("variant", "expected at least one [[variant]] table in " + variants + ", found none");
    }
    List<String> names = new ArrayList<>(List.of("base"));
    List<BacktestRunner.RunSpec> specs = new ArrayList<>(List.of(base));
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
    BacktestRunner.RunData runData = BacktestRunner.load(base, run.load.options(), specs);
    Path resultsRoot = out != null ? out : root.workspace().results();
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      BacktestRunner.Outcome r = BacktestRunner.run(specs.get(i), runData, resultsRoot, null);
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("variant", names.get(i));
      row.put("run_id", r.runId());
      for (String c : VARIANT_COLUMNS) {
        row.put(c, r.metrics().get(c));
      }
      row.put("fee_stress_sharpe", ((Map<?, ?>) r.metrics().get("fee_stress")).get("sharpe"));
      row.put("params", new java.util.TreeMap<>(specs.get(i).params()).toString());
      rows.add(row);
    }
    int best = 0;
    for (int i = 1; i < rows.size(); i++) {
      if (calmar(rows.get(i)) > calmar(rows.get(best))) {
        best = i;
      }
    }
    String id = "variants-" + BacktestRunner.sha256Hex(rows.toString().getBytes(StandardCharsets.UTF_8))
        .substring(0, 12);
    Path csv = resultsRoot.resolve(id + ".csv");
    Files.createDirectories(resultsRoot);
    try (Writer w = Files.newBufferedWriter(csv)) {
      w.write(String.join(",", rows.get(0).keySet()) + ",best\n");
      for (int i = 0; i < rows.size(); i++) {
        List<String> cells = new ArrayList<>();
        for (Object v : rows.get(i).values()) {
          String text = v instanceof Double d ? RunOutputs.num(d) : String.valueOf(v);
          cells.add(text.contains(",") ? "\"" + text.replace("\"", "\"\"") + "\"" : text);
        }
        w.write(String.join(",", cells) + "," + (i == best) + "\n");
      }
    }
    if (json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("trials", rows.size());
      doc.put("best", rows.get(best).get("variant"));
      doc.put("ranked_by", "calmar");
      doc.put("variants", rows);
      o.println(RunOutputs.JSON.writeValueAsString(doc));
      return Main.EXIT_OK;
    }
    List<String> header = new ArrayList<>(List.of("variant", "return %", "CAGR %", "Sharpe", "max DD %", "Calmar",
        "trades", "fees", "stress Sharpe"));
    List<List<String>> table = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      Map<String, Object> r = rows.get(i);
      table.add(List.of((i == best ? "* " : "  ") + r.get("variant"), f2(r.get("total_return_pct")),
          f2(r.get("cagr_pct")), f2(r.get("sharpe")), f2(r.get("max_drawdown_pct")), f2(r.get("calmar")),
          String.valueOf(r.get("trades")), f2(r.get("fees")), f2(r.get("fee_stress_sharpe"))));
    }
    Tables.print(o, header, table);
    o.println();
    o.println("* best Calmar of " + rows.size() + " variants tried on the same data: the best of " + rows.size()
        + " is flattered by the choice; judge it out of sample.");
    o.println("comparison: " + csv + " (each variant's run folder is named by its run_id)");
    return Main.EXIT_OK;
  }

  private static double calmar(Map<String, Object> row) {
    return row.get("calmar") instanceof Double d && !Double.isNaN(d) ? d : Double.NEGATIVE_INFINITY;
  }

  private static String f2(Object v) {
    return v instanceof Number n ? RunPage.fmt(n.doubleValue(), "money") : String.valueOf(v);
  }
}
