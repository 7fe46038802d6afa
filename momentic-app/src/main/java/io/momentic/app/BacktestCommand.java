package io.momentic.app;

import io.momentic.core.ConfigException;
import io.momentic.engine.PortfolioState;
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

  static final String DEFAULT_COMMISSION = "0";
  static final double DEFAULT_CASH = 10_000;
  static final double DEFAULT_FEE_STRESS = 1.5;

  @Spec
  CommandSpec spec;

  @ParentCommand
  MomenticCommand root;

  @Option(names = "--config", paramLabel = "FILE.toml",
      description = "Strategy config: [backtest] settings and [params] (see config/strategy/qqq_long_short.toml). "
          + "Command-line options override it.")
  Path config;

  @Option(names = "--variants", paramLabel = "FILE.toml",
      description = "Run every [[variant]] of this file (each overrides some params of the base run) and compare.")
  Path variants;

  @Option(names = "--data", paramLabel = "FILE|DIR",
      description = "Bar file (repeatable). A folder loads <SYMBOL>.csv for each symbol the strategy trades.")
  List<Path> data = new ArrayList<>();

  @Option(names = "--symbols", split = ",", paramLabel = "A,B",
      description = "Symbols to load from a --data folder (default: the strategy's own universe).")
  List<String> symbols = new ArrayList<>();

  @Mixin
  LoadMixin load;

  @Option(names = "--strategy", paramLabel = "NAME", description = "buy-and-hold, sma-cross or qqq-long-short.")
  String strategy;

  @Option(names = "--param", paramLabel = "K=V", description = "Strategy parameter (repeatable), e.g. fast=10.")
  Map<String, String> params = new LinkedHashMap<>();

  @Option(names = "--cash", description = "Initial cash (default 10000).")
  Double cash;

  @Option(names = "--commission", paramLabel = "RATE|FIXED+RATE",
      description = "Per-side fee: a rate of notional (0.001 = 10 bps) or fixed+rate (1+0.001). Default 0.")
  String commission;

  @Option(names = "--slippage-bps", description = "Slippage against the trader, bps (default 0).")
  Double slippageBps;

  @Option(names = "--fill", description = "next-open (default) or close (same-bar close, optimistic).")
  String fill;

  @Option(names = "--close-at-end", description = "Close open positions at the last close.")
  Boolean closeAtEnd;

  @Option(names = "--fee-stress", paramLabel = "K",
      description = "Multiplier for the fee-stress run beside every run (default 1.5).")
  Double feeStress;

  @Option(names = "--start", paramLabel = "DATE",
      description = "First bar to trade (earlier bars only warm up indicators). Default: the first bar, or for a "
          + "multi-instrument strategy the first bar where all its instruments trade.")
  String start;

  @Option(names = "--end", paramLabel = "DATE", description = "Last bar to use (default: the last bar).")
  String end;

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
    BacktestRunner.RunSpec base = spec();
    PrintWriter o = spec.commandLine().getOut();
    if (variants != null) {
      return runVariants(base, o);
    }
    BacktestRunner.RunData runData = BacktestRunner.load(base, load.options());
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

  /** Merges defaults, then the config file, then the command line. */
  BacktestRunner.RunSpec spec() {
    StrategyConfigFile file = config == null ? null : StrategyConfigFile.read(config);
    StrategyConfigFile.Settings s = file == null ? null : file.backtest();
    String strategyName = pick(strategy, s == null ? null : s.strategy(), null);
    if (strategyName == null) {
      throw new ConfigException("strategy", "expected --strategy NAME or strategy = \"NAME\" in [backtest] of a "
          + "--config file, found neither");
    }
    Map<String, String> merged = new LinkedHashMap<>();
    if (file != null) {
      merged.putAll(StrategyConfigFile.asText(file.params()));
    }
    merged.putAll(params);
    List<Path> dataPaths = !data.isEmpty() ? data : file == null ? List.of() : file.dataPaths();
    if (dataPaths.isEmpty()) {
      throw new ConfigException("data", "expected --data FILE|DIR or data = [...] in [backtest] of the config");
    }
    List<String> syms = !symbols.isEmpty() ? symbols
        : s != null && s.symbols() != null ? s.symbols() : List.of();
    return new BacktestRunner.RunSpec(strategyName, merged, dataPaths, syms,
        pick(cash, s == null ? null : s.cash(), DEFAULT_CASH),
        pick(commission, s == null ? null : s.commission(), DEFAULT_COMMISSION),
        pick(slippageBps, s == null ? null : s.slippageBps(), 0.0),
        pick(fill, s == null ? null : s.fill(), "next-open"),
        pick(closeAtEnd, s == null ? null : s.closeAtEnd(), false),
        pick(feeStress, s == null ? null : s.feeStress(), DEFAULT_FEE_STRESS),
        pick(start, s == null ? null : s.start(), null),
        pick(end, s == null ? null : s.end(), null));
  }

  private static <T> T pick(T cli, T file, T fallback) {
    return cli != null ? cli : file != null ? file : fallback;
  }

  private void printSummary(PrintWriter o, BacktestRunner.RunSpec s, BacktestRunner.RunData d,
      BacktestRunner.Outcome r) {
    Map<String, Object> m = r.metrics();
    o.println(s.strategy() + " on " + String.join(", ", d.panel().symbols()) + " (" + r.result().times().length
        + " bars from " + r.manifest().get("first_bar").toString().substring(0, 10) + ", "
        + d.panel().interval().code() + ", " + (int) r.periodsPerYear() + " periods/yr), fill " + s.fill());
    o.printf(Locale.ROOT, "final equity %.2f (%.2f%%), CAGR %.2f%%, Sharpe %.2f, max drawdown %.2f%%, "
            + "%d trades, win rate %.1f%%, fees %.2f%n", r.result().finalEquity(), m.get("total_return_pct"),
        m.get("cagr_pct"), m.get("sharpe"), m.get("max_drawdown_pct"), r.result().trades().size(),
        m.get("win_rate_pct"), r.result().totalFees());
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
    BacktestRunner.RunData runData = BacktestRunner.load(base, load.options(), specs);
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
