package io.momentic.cli.backtest;

import io.momentic.cli.ExitCodes;
import io.momentic.cli.MomenticCommand;
import io.momentic.cli.Output;
import io.momentic.report.Json;
import io.momentic.report.Numbers.Kind;
import io.momentic.report.Numbers;
import io.momentic.report.text.Tables;
import io.momentic.workflow.backtest.BacktestRun.BacktestRecord;
import io.momentic.workflow.backtest.BacktestRun.RunRequest;
import io.momentic.workflow.backtest.BacktestRun;
import io.momentic.workflow.backtest.VariantsRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code momentic backtest}: one strategy over one or more bar files, with a fee-stress run beside
 * it; settings from {@code --config FILE.toml}, overridden by the command line; {@code --variants}
 * runs each variant of a variants file and compares them.
 */
@Command(name = "backtest", mixinStandardHelpOptions = true,
    description = "Backtest a strategy (built-in or registered: see 'momentic strategies') on bar files of any supported layout. "
        + "Writes equity.csv, trades.csv, fills.csv, metrics.json, manifest.json, chart.json and report.html (and "
        + "with --plot plot.png) to "
        + "<workspace>/data/results/<run-id>/ (or --out).")
public final class BacktestCommand implements Callable<Integer> {

  @ParentCommand
  MomenticCommand root;

  @Mixin
  Output output;

  @Option(names = "--variants", paramLabel = "FILE.toml",
      description = "Run every [[variant]] of this file (each overrides some params of the base run) and compare.")
  Path variants;

  @Option(names = "--rank-by", paramLabel = "OBJECTIVE",
      description = "With --variants: rank by calmar (default), sharpe, sortino, cagr, return or drawdown.")
  String rankBy;

  @Mixin
  RunOptions run;

  @Option(names = "--out", paramLabel = "DIR", description = "Output folder. Default: <workspace>/data/results/<run-id>.")
  Path out;

  @Option(names = "--save-state", arity = "0..1", fallbackValue = "", paramLabel = "FILE",
      description = "Save the portfolio (cash, positions, ledger, working orders) after the run (default "
          + "<workspace>/state/portfolio.json).")
  String saveState;

  @Option(names = "--resume", paramLabel = "FILE",
      description = "Continue from a saved portfolio state: trade from the first bar after it was saved.")
  Path resume;

  @Option(names = "--write-features",
      description = "Also write the processed feature table (momentic features) to "
          + "<workspace>/data/processed/features_<strategy>_<run-id>.csv.")
  boolean writeFeatures;

  @Option(names = "--newest-first",
      description = "Write equity.csv, trades.csv and fills.csv newest row first (reference 002 §5.1's order; "
          + "the default with --output-layout reference).")
  boolean newestFirst;

  @Option(names = "--oldest-first", description = "Oldest row first even with --output-layout reference (the default otherwise).")
  boolean oldestFirst;

  @Option(names = "--breakdown", paramLabel = "month|year",
      description = "Also print the run per calendar month or year: trades closed, wins, draws, losses, win rate, "
          + "P&L, fees and the account's return (freqtrade's --breakdown; both are always in metrics.json's "
          + "tear_sheet).")
  String breakdown;

  @Option(names = "--plot",
      description = "Also draw plot.png (equity, drawdown, rolling Sharpe) and show it on the report; always with "
          + "--output-layout reference. The report's own charts are inline SVG and an interactive chart.")
  boolean plot;

  @Option(names = "--benchmark", paramLabel = "SYMBOL|FILE",
      description = "Compare the run against a buy-and-hold of this series instead of the traded instruments: a "
          + "symbol of the run's data or of a --data folder (<SYMBOL>.csv), or a bar file. It is aggregated to the "
          + "run's interval, bought on the run's first traded bar with the same cash and costs, and carried flat over "
          + "bars it lacks.")
  String benchmark;

  @Option(names = "--output-layout", paramLabel = "momentic|reference",
      description = "reference: also write reference 002's equity_<strategy>_<run_id>.csv, trades_…csv, "
          + "metrics_…json and plot_…png in <workspace>/data/results/, newest row first. Default: momentic.")
  String layout = "momentic";

  /** The run folder's layout from --layout, --newest-first and --oldest-first. */
  private io.momentic.report.RunFolder.Layout layout(RunRequest base) {
    if (!layout.equals("momentic") && !layout.equals("reference")) {
      throw new io.momentic.core.ConfigException("output-layout", "expected momentic or reference, found '" + layout + "'");
    }
    if (newestFirst && oldestFirst) {
      throw new io.momentic.core.ConfigException("newest-first", "expected --newest-first or --oldest-first, found "
          + "both; fix: keep one");
    }
    boolean reference = layout.equals("reference");
    return new io.momentic.report.RunFolder.Layout(newestFirst || reference && !oldestFirst,
        reference ? root.workspace().results() : null, base.strategy(), plot || reference);
  }

  @Override
  public Integer call() throws IOException {
    RunRequest base = run.request().withBenchmark(benchmark);
    PrintWriter o = output.out();
    if (breakdown != null && !breakdown.equals("month") && !breakdown.equals("year")) {
      throw new io.momentic.core.ConfigException("breakdown", "expected month or year, found '" + breakdown + "'");
    }
    if (variants != null) {
      return printVariants(o, VariantsRun.run(new VariantsRun.VariantsRequest(base, variants, run.loadOptions(),
          out != null ? out : root.workspace().results(), VariantsRun.Objective.parse(rankBy))));
    }
    Path stateFile = saveState == null ? null
        : saveState.isEmpty() ? root.workspace().state().resolve("portfolio.json") : Path.of(saveState);
    io.momentic.report.RunFolder.Layout layout = layout(base);
    BacktestRecord r = BacktestRun.backtest(new BacktestRun.BacktestRequest(base, run.loadOptions(),
        root.workspace().results(), out, resume, stateFile, layout));
    Path features = null;
    if (writeFeatures) {
      features = root.workspace().processed().resolve("features_" + base.strategy() + "_" + r.run().runId() + ".csv");
      java.nio.file.Files.createDirectories(features.getParent());
      io.momentic.core.AtomicFiles.writeString(features, io.momentic.research.FeatureTable.csv(r.data().panel(),
          io.momentic.strategies.StrategyCatalog.resolve(base.strategy(), base.params()).create(),
          BacktestRun.measuredConfig(base, r.data())));
    }
    if (output.json()) {
      o.println(Json.pretty(r.run().metrics()));
      return ExitCodes.OK;
    }
    if (features != null) {
      o.println("features: " + features);
    }
    if (r.savedState() != null) {
      o.println("portfolio state: " + r.savedState());
    }
    BacktestSummary.print(o, base, r.data(), r.run());
    if (breakdown != null) {
      printBreakdown(o, r.run().metrics());
    }
    if (layout.referenceRoot() != null) {
      String stem = base.strategy() + "_" + r.run().runId();
      o.println("reference layout (" + layout.rowOrder() + "): " + layout.referenceRoot() + " (equity_" + stem
          + ".csv, trades_" + stem + ".csv, metrics_" + stem + ".json, plot_" + stem + ".png)");
    }
    return ExitCodes.OK;
  }

  private void printBreakdown(PrintWriter o, java.util.Map<String, Object> metrics) {
    java.util.Map<?, ?> sheet = (java.util.Map<?, ?>) metrics.get("tear_sheet");
    List<?> rows = sheet == null ? List.of() : (List<?>) sheet.get("breakdown_" + breakdown);
    List<List<String>> table = new java.util.ArrayList<>();
    for (Object row : rows) {
      java.util.Map<?, ?> m = (java.util.Map<?, ?>) row;
      table.add(List.of(String.valueOf(m.get("period")), String.valueOf(m.get("trades")), String.valueOf(m.get("wins")),
          String.valueOf(m.get("draws")), String.valueOf(m.get("losses")), f2(m.get("win_rate_pct")), f2(m.get("pnl")),
          f2(m.get("fees")), f2(m.get("return_pct"))));
    }
    o.println("By " + breakdown + " (trades by exit time):");
    Tables.print(o, List.of(breakdown, "trades", "wins", "draws", "losses", "win %", "P&L", "fees", "return %"), table);
  }

  private int printVariants(PrintWriter o, VariantsRun.VariantsRecord v) {
    if (output.json()) {
      o.println(Json.pretty(v.document()));
      return ExitCodes.OK;
    }
    List<String> header = List.of("#", "variant", "period", "return %", "CAGR %", "Sharpe", "max DD %", "Calmar",
        "trades", "fees", "stress Sharpe", "front");
    List<List<String>> table = new ArrayList<>();
    for (int i = 0; i < v.rows().size(); i++) {
      Map<String, Object> r = v.rows().get(i);
      table.add(List.of(String.valueOf(r.get("rank")), (i == 0 ? "* " : "  ") + r.get("variant"),
          r.get("period_start") + " – " + r.get("period_end"), f2(r.get("total_return_pct")),
          f2(r.get("cagr_pct")), f2(r.get("sharpe")), f2(r.get("max_drawdown_pct")), f2(r.get("calmar")),
          String.valueOf(r.get("trades")), f2(r.get("fees")), f2(r.get("fee_stress_sharpe")),
          Boolean.TRUE.equals(r.get("pareto")) ? "pareto" : ""));
    }
    Tables.print(o, header, table);
    o.println();
    o.printf(Locale.ROOT, "* best %s of %d variants tried on the same data: the best of %d is flattered by the "
        + "choice; judge it out of sample.%n", v.rankBy().code(), v.rows().size(), v.rows().size());
    o.println("pareto: on the Sharpe-vs-drawdown front (no other variant has both a higher Sharpe and a shallower "
        + "drawdown); the choice between them is a matter of taste for risk, not of skill");
    if (v.periodsDiffer()) {
      o.println("note: the variants' periods differ (each starts when the instruments it trades do); for a "
          + "like-for-like comparison pass --start");
    }
    o.println("comparison: " + v.csv() + " (each variant's run folder is named by its run_id)");
    return ExitCodes.OK;
  }

  private static String f2(Object v) {
    return v instanceof Number ? Numbers.fmt(v, Kind.MONEY) : String.valueOf(v);
  }
}
