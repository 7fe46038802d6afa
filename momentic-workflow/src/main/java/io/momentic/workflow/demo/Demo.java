package io.momentic.workflow.demo;

import io.momentic.analytics.hmm.UnivariateHmm;
import io.momentic.core.BarSeries;
import io.momentic.core.BuildInfo;
import io.momentic.core.Clock;
import io.momentic.data.BarFiles;
import io.momentic.data.CanonicalCsv;
import io.momentic.data.LoadOptions;
import io.momentic.data.SyntheticMarket;
import io.momentic.data.Workspace;
import io.momentic.report.text.Summaries;
import io.momentic.report.page.Theme;
import io.momentic.strategies.MomentumScreen;
import io.momentic.workflow.Progress;
import io.momentic.workflow.backtest.BacktestRun;
import io.momentic.workflow.backtest.BacktestRun.RunData;
import io.momentic.workflow.backtest.BacktestRun.RunRecord;
import io.momentic.workflow.backtest.BacktestRun.RunRequest;
import io.momentic.workflow.config.StrategyConfigFile;
import io.momentic.workflow.data.Synthetic;
import io.momentic.workflow.pipeline.DailyPipeline;
import io.momentic.workflow.regime.RegimeRuns;
import io.momentic.workflow.screen.ScreenRuns;
import io.momentic.workflow.sweep.SweepGrid;
import io.momentic.workflow.sweep.SweepRun;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code momentic demo}: the main job on built-in demo data, in a fresh workspace. It generates a
 * seeded synthetic universe plus a QQQ-like index with its 3× long and 3× inverse funds, installs
 * the shipped configs, backtests the QQQ long/short strategy (report, chart, fee stress), sweeps
 * sma-cross with its honest statistics, screens the universe for weekly momentum (table and both
 * page themes), fits the drawdown HMM of the index (feed and page), then stores every series in the
 * bar store and runs the daily pipeline. Every step calls its workflow, as a user's command would.
 */
public final class Demo {

  public static final long DEMO_SEED = 20_260_101L;
  public static final String QQQ_CONFIG = "config/strategy/qqq_long_short.toml";
  public static final String QQQ_VARIANTS = "config/strategy/qqq_long_short_variants.toml";
  public static final String SWEEP_CONFIG = "config/strategy/sma_cross_sweep.toml";
  public static final String PAPER_CONFIG = "config/paper.toml";
  /** The configs shipped in the repository's {@code config/} (the pipeline's is written for the demo). */
  public static final List<String> SHIPPED_CONFIGS = List.of(QQQ_CONFIG, QQQ_VARIANTS, SWEEP_CONFIG,
      "config/strategy/xsec_momentum_sweep.toml", "config/schedule.toml", PAPER_CONFIG);

  /** Where the demo works and writes its narrative. */
  public record DemoRequest(Workspace workspace, PrintWriter out, PrintWriter err) {}

  /** The outcome: whether every step succeeded, and the configs a user's next command refers to. */
  public record DemoRecord(boolean ok, Path qqqConfig, Path qqqVariants) {}

  private Demo() {}

  public static DemoRecord run(DemoRequest request) throws IOException {
    Workspace ws = request.workspace();
    PrintWriter out = request.out();
    ws.create();
    // Twelve correlated equities with occasional jumps and a calm/stress regime: enough texture
    // for every later stage (trends, crashes, dispersion) while staying small and fast.
    SyntheticMarket.Spec s = SyntheticMarket.Spec.gbmUniverse(12, 1500, DEMO_SEED)
        .withDriftAndVolatility(0.15, 0.22)
        .withJumps(1.0, -0.02, 0.04)
        .withRegimes(1.6, -0.10, 0.004);
    out.println("Momentic " + BuildInfo.version() + " demo, workspace " + ws.root());
    out.println();
    List<BarSeries> universe = Synthetic.write(ws, s);
    Synthetic.printSummary(out, universe, ws, s);

    out.println();
    out.println("QQQ long/short (reference 002 §8.2) on a synthetic index with 3x and -3x daily funds "
        + "(and a UVXY-like hedge):");
    writeLeveragedFamily(ws);
    // Every shipped config, so each command the demo or the README suggests finds its file here.
    for (String shipped : SHIPPED_CONFIGS) {
      installConfig(ws, shipped);
    }
    Path config = installConfig(ws, QQQ_CONFIG);
    Path variants = installConfig(ws, QQQ_VARIANTS);
    RunRequest run = BacktestRun.request(StrategyConfigFile.read(config),
        BacktestRun.Overrides.none().withData(List.of(ws.raw())));
    RunData data = BacktestRun.load(run, LoadOptions.DEFAULT);
    // The demo shows every output, plot.png included (a backtest draws it when asked).
    RunRecord o = BacktestRun.run(run, data, ws.results(), null, null,
        io.momentic.report.RunFolder.Layout.DEFAULT.withPlot(true));
    Map<String, Object> m = o.metrics();
    out.printf(Locale.ROOT, "  %d bars from %s: final equity %.2f (%.2f%%), CAGR %.2f%%, Sharpe %.2f, "
            + "max drawdown %.2f%%, %d trades, fees %.2f%n", o.result().times().length,
        o.manifest().get("first_bar").toString().substring(0, 10), o.result().finalEquity(),
        num(m.get("total_return_pct")), num(m.get("cagr_pct")), num(m.get("sharpe")), num(m.get("max_drawdown_pct")),
        o.result().trades().size(), o.result().totalFees());
    out.printf(Locale.ROOT, "  fee stress x%.2f: final equity %.2f, Sharpe %.2f%n", run.feeStress(),
        o.stressed().finalEquity(), num(((Map<?, ?>) m.get("fee_stress")).get("sharpe")));
    out.println("  report: " + o.dir().resolve("report.html"));

    out.println();
    out.println("A parameter sweep of sma-cross on " + universe.get(0).symbol() + ", and how far to trust its winner:");
    Path sweepConfig = installConfig(ws, SWEEP_CONFIG);
    StrategyConfigFile sweepFile = StrategyConfigFile.read(sweepConfig);
    SweepRun.SweepRecord sweep = SweepRun.run(new SweepRun.SweepRequest(BacktestRun.request(sweepFile,
        BacktestRun.Overrides.none().withData(List.of(ws.rawFile(universe.get(0).symbol())))),
        new SweepGrid.Spec(List.of(), List.of(), null, null, null, null), sweepFile.sweep(), LoadOptions.DEFAULT, null,
        null, null, 500, List.of(), ws.results(), null), Progress.NONE);
    Summaries.sweep(out, sweep.summary());
    out.println("outputs: " + sweep.dir() + " (report.html, trials.csv, summary.json)");

    out.println();
    out.println("Weekly momentum shortlist (reference 000) of the demo universe, with its pages:");
    momentumScreen(ws, out);

    out.println();
    out.println("Drawdown regimes of the synthetic index (reference 004): a 3-state HMM, its feed and page:");
    RegimeRuns.FeedRecord feed = RegimeRuns.feed(new RegimeRuns.FeedRequest(ws.rawFile("QQQ"), LoadOptions.DEFAULT,
        "QQQ", demoModel(),
        LocalDate.now(ZoneOffset.UTC), ws.results().resolve("regime")));
    Map<?, ?> model = (Map<?, ?>) feed.feed().get("model");
    List<?> viterbi = (List<?>) ((Map<?, ?>) feed.feed().get("series")).get("viterbi");
    out.printf(Locale.ROOT, "%s on %s: log-likelihood %s, today's Viterbi state %s%n", model.get("label"),
        feed.assetName(), model.get("log_likelihood"), viterbi.get(viterbi.size() - 1));
    out.println("Wrote " + feed.feedFile());
    out.println("Wrote " + feed.page());

    out.println();
    out.println("Paper trading (" + PAPER_CONFIG + "): the same strategies, each order journaled before a paper venue "
        + "fills it with the backtest's execution core:");
    paperTrading(ws, out);

    out.println();
    out.println("Daily pipeline (reference 000 §7): the demo bars into the store, crosses, shortlist, pages, archive:");
    DailyPipeline.Run pipeline = dailyPipeline(ws, out, request.err());
    return new DemoRecord(pipeline.ok(), config, variants);
  }

  private static void paperTrading(Workspace ws, PrintWriter out) throws IOException {
    try {
      io.momentic.workflow.paper.PaperRuns.RunRecord paper = io.momentic.workflow.paper.PaperRuns.run(
          new io.momentic.workflow.paper.PaperRuns.RunRequest(ws.root().resolve(PAPER_CONFIG), ws.root(), null,
              Progress.NONE));
      io.momentic.workflow.paper.PaperRuns.printSummary(out, paper.strategies());
      out.println("journal: " + paper.journal() + " (momentic paper status)");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted during the paper replay", e);
    }
  }

  /** The regime command's defaults: the notebook's K = 3 Gaussian model, restart seed 20260603. */
  private static UnivariateHmm.Settings demoModel() {
    UnivariateHmm.Settings base = UnivariateHmm.Settings.notebook(UnivariateHmm.Family.GAUSSIAN, 3);
    return new UnivariateHmm.Settings(base.family(), 3, base.restarts(), base.maxIterations(), base.tolerance(),
        20_260_603L);
  }

  private static double num(Object v) {
    return v instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  /**
   * Stores the demo bars through the csv provider and runs the daily pipeline as of the day after
   * the last demo bar (the synthetic history ends in the past; "now" would leave the rolling
   * windows empty).
   */
  private static DailyPipeline.Run dailyPipeline(Workspace ws, PrintWriter out, PrintWriter err) throws IOException {
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
    long lastBar = BarFiles.read(ws.rawFile("QQQ")).single().lastTime();
    Clock asOf = Clock.frozen(Instant.ofEpochMilli(lastBar + 86_400_000L));
    return DailyPipeline.run(ws, asOf, out, err);
  }

  /**
   * The shortlist of the demo universe plus three thinly traded names (well under the
   * $5M floor, so the page shows the floor at work), as a table and as both page themes.
   */
  private static void momentumScreen(Workspace ws, PrintWriter out) throws IOException {
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
    MomentumScreen.Settings d = MomentumScreen.Settings.DEFAULTS;
    MomentumScreen.Settings settings = new MomentumScreen.Settings(26, 1, 10, d.minAddv(), d.gateMa(),
        d.riskOnBreadth());
    ScreenRuns.MomentumRecord plain = ScreenRuns.momentum(new ScreenRuns.MomentumRequest(ws, List.of(), "demo",
        LoadOptions.DEFAULT, null, settings, pages.resolve("momentum.html"), Theme.DEFAULT));
    Summaries.shortlist(out, plain.document());
    out.println("page: " + plain.page());
    ScreenRuns.MomentumRecord groovy = ScreenRuns.momentum(new ScreenRuns.MomentumRequest(ws, List.of(), "demo",
        LoadOptions.DEFAULT, null, settings, pages.resolve("momentum-groovy.html"), Theme.GROOVY));
    out.println("page (groovy theme): " + groovy.page());
  }

  /**
   * QQQ-like index (GBM with jumps and a stress regime), its 3x / -3x daily funds (0.95 %/yr fee),
   * and a UVXY-like hedge for the variants file's {@code uvxy-hedge}: −4× the index's daily move less
   * a 60 %/yr roll cost — a stand-in for a VIX-futures fund (it spikes in sell-offs and decays in
   * calm), so the demo's own {@code next:} command runs every variant.
   */
  private static void writeLeveragedFamily(Workspace ws) {
    SyntheticMarket.Spec index = SyntheticMarket.Spec.gbmUniverse(1, 1500, DEMO_SEED + 1)
        .withSymbols(List.of("QQQ"))
        .withDriftAndVolatility(0.14, 0.20)
        .withJumps(1.5, -0.025, 0.03)
        .withRegimes(2.0, -0.25, 0.006);
    BarSeries qqq = SyntheticMarket.generate(index).get(0);
    for (BarSeries s : SyntheticMarket.leveragedFamily(qqq, List.of("TQQQ", "SQQQ"), 0.0095, 252, 40)) {
      CanonicalCsv.write(s, ws.rawFile(s.symbol()));
    }
    CanonicalCsv.write(SyntheticMarket.leveraged(qqq, "UVXY", -4, 0.60, 252, 40), ws.rawFile("UVXY"));
  }

  /** Copies the shipped config into the workspace (kept if the user already has one there). */
  public static Path installConfig(Workspace ws, String name) throws IOException {
    Path target = ws.root().resolve(name);
    if (!Files.exists(target)) {
      Files.createDirectories(target.getParent());
      try (InputStream in = Demo.class.getResourceAsStream("/" + name)) {
        if (in == null) {
          throw new IllegalStateException("The bundled " + name + " is missing from the jar; rebuild it");
        }
        Files.copy(in, target);
      }
    }
    return target;
  }
}
