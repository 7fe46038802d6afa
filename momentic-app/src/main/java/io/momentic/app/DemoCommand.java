package io.momentic.app;

import io.momentic.core.BarSeries;
import io.momentic.data.CanonicalCsv;
import io.momentic.data.LoadOptions;
import io.momentic.data.SyntheticMarket;
import io.momentic.data.Workspace;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code momentic demo}: the main job on built-in demo data, in a fresh workspace
 * ({@code ./momentic-demo} unless {@code --workspace} is given). It generates a seeded synthetic
 * universe plus a QQQ-like index with its 3× long and 3× inverse funds, installs the shipped
 * strategy config, and backtests the QQQ long/short strategy with its fee-stress run, report and
 * chart. Later stages (screens, pages) grow from here.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Run the main job on built-in demo data: generate a synthetic market into a fresh workspace "
        + "(./momentic-demo unless --workspace is given), then backtest qqq-long-short on it and write its report, sweep sma-cross with its honest statistics, "
        + "and screen the universe for weekly momentum (table and pages), then fit the drawdown HMM of the index "
        + "and write its regime feed and page.")
final class DemoCommand implements Callable<Integer> {

  static final long DEMO_SEED = 20_260_101L;
  static final String QQQ_CONFIG = "config/strategy/qqq_long_short.toml";
  static final String QQQ_VARIANTS = "config/strategy/qqq_long_short_variants.toml";
  static final String SWEEP_CONFIG = "config/strategy/sma_cross_sweep.toml";

  @Spec
  CommandSpec spec;

  @ParentCommand
  MomenticCommand root;

  @picocli.CommandLine.Option(names = "--no-serve", description = "Build the store, pages and archive, then exit "
      + "instead of serving them.")
  boolean noServe;

  @picocli.CommandLine.Option(names = "--port", paramLabel = "N", description = "Port to serve on (default 7070).")
  int port = 7070;

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    Workspace ws = root.workspaceGiven() ? root.workspace() : Workspace.at(Path.of("momentic-demo"));
    ws.create();
    // Twelve correlated equities with occasional jumps and a calm/stress regime: enough texture
    // for every later stage (trends, crashes, dispersion) while staying small and fast.
    SyntheticMarket.Spec s = SyntheticMarket.Spec.gbmUniverse(12, 1500, DEMO_SEED)
        .withDriftAndVolatility(0.15, 0.22)
        .withJumps(1.0, -0.02, 0.04)
        .withRegimes(1.6, -0.10, 0.004);
    out.println("Momentic " + MomenticCommand.version() + " demo, workspace " + ws.root());
    out.println();
    List<BarSeries> universe = GenerateCommand.write(ws, s);
    GenerateCommand.printSummary(out, universe, ws, s);

    out.println();
    out.println("QQQ long/short (reference 002 §8.2) on a synthetic index with 3x and -3x daily funds:");
    writeLeveragedFamily(ws);
    Path config = installConfig(ws, QQQ_CONFIG);
    Path variants = installConfig(ws, QQQ_VARIANTS);
    RunOptions options = new RunOptions();
    options.config = config;
    options.data = List.of(ws.raw());
    BacktestRunner.RunSpec run = options.spec();
    BacktestRunner.RunData data = BacktestRunner.load(run, LoadOptions.DEFAULT);
    BacktestRunner.Outcome o = BacktestRunner.run(run, data, ws.results(), null);
    Map<String, Object> m = o.metrics();
    out.printf(Locale.ROOT, "  %d bars from %s: final equity %.2f (%.2f%%), CAGR %.2f%%, Sharpe %.2f, "
            + "max drawdown %.2f%%, %d trades, fees %.2f%n", o.result().times().length,
        o.manifest().get("first_bar").toString().substring(0, 10), o.result().finalEquity(),
        m.get("total_return_pct"), m.get("cagr_pct"), m.get("sharpe"), m.get("max_drawdown_pct"),
        o.result().trades().size(), o.result().totalFees());
    out.printf(Locale.ROOT, "  fee stress x%.2f: final equity %.2f, Sharpe %.2f%n", run.feeStress(),
        o.stressed().finalEquity(), ((Map<?, ?>) m.get("fee_stress")).get("sharpe"));
    out.println("  report: " + o.dir().resolve("report.html"));
    out.println();
    out.println("A parameter sweep of sma-cross on " + universe.get(0).symbol() + ", and how far to trust its winner:");
    Path sweepConfig = installConfig(ws, SWEEP_CONFIG);
    int code = Main.commandLine(out, spec.commandLine().getErr()).execute("--workspace", ws.root().toString(),
        "sweep", "--config", sweepConfig.toString(), "--data", ws.rawFile(universe.get(0).symbol()).toString(),
        "--resamples", "500");
    if (code != Main.EXIT_OK) {
      return code;
    }
    out.println();
    out.println("Weekly momentum shortlist (reference 000) of the demo universe, with its pages:");
    code = momentumScreen(ws, out);
    if (code != Main.EXIT_OK) {
      return code;
    }
    out.println();
    out.println("Drawdown regimes of the synthetic index (reference 004): a 3-state HMM, its feed and page:");
    code = Main.commandLine(out, spec.commandLine().getErr()).execute("--workspace", ws.root().toString(), "regime",
        "feed", "--data", ws.rawFile("QQQ").toString(), "--asset", "QQQ");
    if (code != Main.EXIT_OK) {
      return code;
    }
    out.println();
    out.println("Daily pipeline (reference 000 §7): the demo bars into the store, crosses, shortlist, pages, archive:");
    DailyPipeline.Run pipeline = dailyPipeline(ws, out);
    if (!pipeline.ok()) {
      return Main.EXIT_FAILURE;
    }
    out.println();
    out.println("next: ./momentic backtest --workspace " + ws.root() + " --config " + config + " --data " + ws.raw()
        + " --variants " + variants);
    if (noServe) {
      out.println("      ./momentic serve --workspace " + ws.root());
      return Main.EXIT_OK;
    }
    out.println();
    return ServeCommand.serve(ws, "127.0.0.1", port, null, out);
  }

  /**
   * Stores the demo bars through the csv provider and runs the daily pipeline as of the day after
   * the last demo bar (the synthetic history ends in the past; "now" would leave the rolling
   * windows empty).
   */
  private DailyPipeline.Run dailyPipeline(Workspace ws, PrintWriter out) throws IOException {
    Path pipelineConfig = ws.root().resolve(DailyPipeline.CONFIG);
    if (!Files.exists(pipelineConfig)) {
      Files.createDirectories(pipelineConfig.getParent());
      Files.writeString(pipelineConfig, """
          # The demo's daily pipeline: the generated bars in data/raw are the "venue".
          [[source]]
          venue = "csv"
          folder = "data/raw"
          interval = "1d"
          since = "2000-01-01"

          [crosses]
          interval = "1d"
          window_days = 30

          [momentum]
          universe = "demo"
          top = 10
          lookback = 26
          skip = 1
          """);
    }
    long lastBar = io.momentic.data.BarFiles.read(ws.rawFile("QQQ")).single().lastTime();
    io.momentic.core.Clock asOf = io.momentic.core.Clock.frozen(java.time.Instant.ofEpochMilli(lastBar + 86_400_000L));
    return DailyPipeline.run(ws, asOf, out, spec.commandLine().getErr());
  }

  /**
   * The shortlist of the demo universe plus three thinly traded names (well under the
   * $5M floor, so the page shows the floor at work), as a table and as both page themes.
   */
  private int momentumScreen(Workspace ws, PrintWriter out) throws IOException {
    SyntheticMarket.Spec thin = SyntheticMarket.Spec.gbmUniverse(3, 1500, DEMO_SEED + 2)
        .withSymbols(List.of("THIN1", "THIN2", "THIN3"))
        .withDriftAndVolatility(0.35, 0.45)
        .withBaseVolume(1_000);
    for (BarSeries s : SyntheticMarket.generate(thin)) {
      CanonicalCsv.write(s, ws.rawFile(s.symbol()));
    }
    Path universeFile = ws.universes().resolve("demo.csv");
    Files.createDirectories(universeFile.getParent());
    StringBuilder members = new StringBuilder("symbol,exchange,name\n");
    for (int i = 1; i <= 12; i++) {
      members.append(String.format(Locale.ROOT, "SYN%02d,,synthetic demo equity\n", i));
    }
    for (int i = 1; i <= 3; i++) {
      members.append("THIN").append(i).append(",,synthetic thinly traded equity\n");
    }
    Files.writeString(universeFile, members.toString());
    Path pages = ws.results().resolve("screens");
    int code = Main.commandLine(out, spec.commandLine().getErr()).execute("--workspace", ws.root().toString(),
        "screen", "momentum", "--universe", "demo", "--top", "10", "--lookback", "26", "--skip", "1",
        "--html", pages.resolve("momentum.html").toString());
    if (code != Main.EXIT_OK) {
      return code;
    }
    code = Main.commandLine(new PrintWriter(java.io.Writer.nullWriter()), spec.commandLine().getErr()).execute(
        "--workspace", ws.root().toString(), "screen", "momentum", "--universe", "demo", "--top", "10",
        "--lookback", "26", "--skip", "1", "--theme", "groovy", "--html", pages.resolve("momentum-groovy.html")
            .toString());
    out.println("page (groovy theme): " + pages.resolve("momentum-groovy.html"));
    return code;
  }

  /** QQQ-like index (GBM with jumps and a stress regime) and its 3x / -3x daily funds (0.95 %/yr fee). */
  private static void writeLeveragedFamily(Workspace ws) {
    SyntheticMarket.Spec index = SyntheticMarket.Spec.gbmUniverse(1, 1500, DEMO_SEED + 1)
        .withSymbols(List.of("QQQ"))
        .withDriftAndVolatility(0.14, 0.20)
        .withJumps(1.5, -0.025, 0.03)
        .withRegimes(2.0, -0.25, 0.006);
    for (BarSeries s : SyntheticMarket.leveragedFamily(SyntheticMarket.generate(index).get(0),
        List.of("TQQQ", "SQQQ"), 0.0095, 252, 40)) {
      CanonicalCsv.write(s, ws.rawFile(s.symbol()));
    }
  }

  /** Copies the shipped config into the workspace (kept if the user already has one there). */
  private static Path installConfig(Workspace ws, String name) throws IOException {
    Path target = ws.root().resolve(name);
    if (!Files.exists(target)) {
      Files.createDirectories(target.getParent());
      try (InputStream in = DemoCommand.class.getResourceAsStream("/" + name)) {
        if (in == null) {
          throw new IllegalStateException("The bundled " + name + " is missing from the jar; rebuild it");
        }
        Files.copy(in, target);
      }
    }
    return target;
  }
}
