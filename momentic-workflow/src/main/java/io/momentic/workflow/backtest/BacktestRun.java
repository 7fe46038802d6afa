package io.momentic.workflow.backtest;

import io.momentic.core.Annualisation;
import io.momentic.core.AssetClass;
import io.momentic.core.AtomicFiles;
import io.momentic.core.BarSeries;
import io.momentic.core.BuildInfo;
import io.momentic.core.Clock;
import io.momentic.core.ConfigException;
import io.momentic.core.Csv;
import io.momentic.core.Interval;
import io.momentic.core.LoadFailure;
import io.momentic.core.Membership;
import io.momentic.core.Panel;
import io.momentic.core.Resampler;
import io.momentic.core.Symbols;
import io.momentic.core.Timestamps;
import io.momentic.data.BarFiles;
import io.momentic.data.LoadOptions;
import io.momentic.data.LoadedBars;
import io.momentic.engine.BacktestConfig;
import io.momentic.engine.BacktestEngine;
import io.momentic.engine.BacktestResult;
import io.momentic.engine.Strategy;
import io.momentic.engine.WarmUp;
import io.momentic.engine.account.PortfolioState;
import io.momentic.engine.exec.FeeModel;
import io.momentic.engine.exec.FillTiming;
import io.momentic.engine.exec.SlippageModel;
import io.momentic.report.Numbers;
import io.momentic.report.RunFolder;
import io.momentic.research.FillSensitivity;
import io.momentic.research.RunAttribution;
import io.momentic.research.RunMetrics;
import io.momentic.strategies.MembershipFilter;
import io.momentic.strategies.MetaLabeledStrategy;
import io.momentic.strategies.ResolvedStrategy;
import io.momentic.strategies.StrategyCatalog;
import io.momentic.strategies.StrategyRegistry;
import io.momentic.workflow.Inputs;
import io.momentic.workflow.config.StrategyConfigFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One backtest from settings to files: load the data, run the strategy and its fee-stress twin,
 * compute the metrics and write the run folder. Shared by {@code backtest}, its variants mode and
 * the demo, so all three produce the same outputs.
 */
public final class BacktestRun {

  /**
   * Everything that defines a run (after merging the config file and the command line).
   * {@code benchmark}: what the report compares against — null for a buy-and-hold of the traded
   * instruments, else a symbol of the run's data or of a {@code --data} folder, or a bar file.
   */
  public record RunRequest(String strategy, Map<String, String> params, List<Path> data, List<String> symbols, double cash,
      String commission, double slippageBps, String fill, boolean closeAtEnd, double feeStress, String start,
      String end, double periodsPerYear, String costBasis, Path membership, String benchmark) {

    public RunRequest withParams(Map<String, String> newParams) {
      return new RunRequest(strategy, newParams, data, symbols, cash, commission, slippageBps, fill, closeAtEnd,
          feeStress, start, end, periodsPerYear, costBasis, membership, benchmark);
    }

    public RunRequest withBenchmark(String newBenchmark) {
      return new RunRequest(strategy, params, data, symbols, cash, commission, slippageBps, fill, closeAtEnd,
          feeStress, start, end, periodsPerYear, costBasis, membership, newBenchmark);
    }

    /** Whether the run models no trading costs at all (its fee-stress run is then the same run). */
    public boolean costFree() {
      return slippageBps == 0 && FeeModel.parse(commission).isZero();
    }
  }

  /** One data file of a run, with its content hash for the manifest. */
  public record DataFile(Path path, String sha256, String layout, String interval, List<String> symbols) {}

  /**
   * The loaded panel and where trading starts (earlier bars are indicator warm-up);
   * {@code resampledFrom} is the files' interval when the panel was aggregated for the strategy
   * (null when it runs on the bars as loaded).
   */
  public record RunData(Panel panel, List<DataFile> files, long startMillis, Interval resampledFrom,
      List<LoadFailure> dropped, List<String> notes) {

    public RunData(Panel panel, List<DataFile> files, long startMillis, Interval resampledFrom) {
      this(panel, files, startMillis, resampledFrom, List.of(), List.of());
    }
  }

  /** A finished run and where its files are. */
  public record RunRecord(String runId, Path dir, BacktestResult result, BacktestResult stressed, Map<String, Object> metrics,
      Map<String, Object> manifest, double periodsPerYear) {}

  /**
   * Run settings as given on a command line or by a caller (null: not given). They override the
   * config file's {@code [backtest]} table and {@code [params]}, which override the defaults.
   */
  public record Overrides(String strategy, Map<String, String> params, List<Path> data, List<String> symbols,
      Double cash, String commission, Double slippageBps, String fill, Boolean closeAtEnd, Double feeStress,
      String start, String end, Double periodsPerYear, AssetClass assetClass, Path membership) {

    public static Overrides none() {
      return new Overrides(null, Map.of(), List.of(), List.of(), null, null, null, null, null, null, null, null, null,
          null, null);
    }

    public Overrides withData(List<Path> paths) {
      return new Overrides(strategy, params, paths, symbols, cash, commission, slippageBps, fill, closeAtEnd, feeStress,
          start, end, periodsPerYear, assetClass, membership);
    }
  }

  /** An asset class's default costs: the commission (as --commission takes it) and the slippage. */
  public record ClassCosts(String commission, double slippageBps, String why) {}

  /**
   * The costs {@code --asset-class} brings when the user sets none (README, "Costs"): US equities
   * and ETFs trade commission-free with a few bps of spread and impact; spot FX costs about a pip
   * (≈ 1 bp on EURUSD); crypto spot pays the exchange's 0.1 % taker fee plus slippage.
   */
  public static ClassCosts defaultCosts(AssetClass assetClass) {
    return switch (assetClass) {
      case EQUITY, ETF, INDEX -> new ClassCosts("0", 5, "commission-free US broker, 5 bps spread and impact a side");
      case FX -> new ClassCosts("0", 1, "no commission, about a pip (1 bp) of spread a side");
      case CRYPTO -> new ClassCosts("0.001", 5, "0.1 % taker fee (Binance spot) and 5 bps slippage a side");
    };
  }

  public static final String DEFAULT_COMMISSION = "0";
  public static final double DEFAULT_CASH = 10_000;
  public static final double DEFAULT_FEE_STRESS = 1.5;

  /** A backtest to run and where its outputs go; {@code resume} and {@code saveState} are optional files. */
  public record BacktestRequest(RunRequest run, LoadOptions load, Path resultsRoot, Path out, Path resume,
      Path saveState, RunFolder.Layout layout) {

    public BacktestRequest(RunRequest run, LoadOptions load, Path resultsRoot, Path out, Path resume, Path saveState) {
      this(run, load, resultsRoot, out, resume, saveState, RunFolder.Layout.DEFAULT);
    }
  }

  /** A finished backtest: its data, its run, and where the portfolio was saved (or null). */
  public record BacktestRecord(RunData data, RunRecord run, Path savedState) {}

  private BacktestRun() {}

  /** Merges defaults, then the config file (may be null), then {@code cli}. */
  public static RunRequest request(StrategyConfigFile file, Overrides cli) {
    StrategyConfigFile.Settings s = file == null ? null : file.backtest();
    String strategyName = pick(cli.strategy(), s == null ? null : s.strategy(), null);
    if (strategyName == null) {
      throw new ConfigException("strategy", "expected --strategy NAME or strategy = \"NAME\" in [backtest] of a "
          + "--config file, found neither");
    }
    Map<String, String> merged = new LinkedHashMap<>();
    if (file != null) {
      merged.putAll(StrategyConfigFile.asText(file.params()));
    }
    merged.putAll(cli.params());
    List<Path> dataPaths = !cli.data().isEmpty() ? cli.data() : file == null ? List.of() : file.dataPaths();
    if (dataPaths.isEmpty()) {
      throw new ConfigException("data", "expected --data FILE|DIR or data = [...] in [backtest] of the config");
    }
    // --asset-class brings its class's costs when neither the command line nor the file sets any.
    boolean costsGiven = cli.commission() != null || cli.slippageBps() != null
        || (s != null && (s.commission() != null || s.slippageBps() != null));
    ClassCosts classCosts = costsGiven || cli.assetClass() == null ? null : defaultCosts(cli.assetClass());
    List<String> syms = !cli.symbols().isEmpty() ? cli.symbols()
        : s != null && s.symbols() != null ? s.symbols() : List.of();
    return new RunRequest(strategyName, merged, dataPaths, syms,
        pick(cli.cash(), s == null ? null : s.cash(), DEFAULT_CASH),
        pick(cli.commission(), s == null ? null : s.commission(), classCosts == null ? DEFAULT_COMMISSION
            : classCosts.commission()),
        pick(cli.slippageBps(), s == null ? null : s.slippageBps(), classCosts == null ? 0.0 : classCosts.slippageBps()),
        pick(cli.fill(), s == null ? null : s.fill(), "next-open"),
        pick(cli.closeAtEnd(), s == null ? null : s.closeAtEnd(), false),
        pick(cli.feeStress(), s == null ? null : s.feeStress(), DEFAULT_FEE_STRESS),
        pick(cli.start(), s == null ? null : s.start(), null),
        pick(cli.end(), s == null ? null : s.end(), null),
        pick(cli.periodsPerYear(), null, Double.NaN),
        costsGiven ? "as given" : classCosts != null ? cli.assetClass().name().toLowerCase(java.util.Locale.ROOT)
            + " defaults: " + classCosts.why() : "none set",
        cli.membership(), null);
  }

  /** The first value given: the caller's, else the file's, else the fallback. */
  public static <T> T pick(T cli, T file, T fallback) {
    return cli != null ? cli : file != null ? file : fallback;
  }

  /** {@code momentic backtest}: load, run (or continue a saved portfolio), write the run folder, save the state. */
  public static BacktestRecord backtest(BacktestRequest request) throws IOException {
    if (request.layout() != null && (request.layout().plot() || request.layout().referenceRoot() != null)) {
      io.momentic.report.chart.RunCharts.warmUpInBackground(); // fonts and Java2D load while the data does
    }
    RunData data = load(request.run(), request.load());
    PortfolioState resumeFrom = request.resume() == null ? null : PortfolioState.read(request.resume());
    RunRecord record = run(request.run(), data, request.resultsRoot(), request.out(), resumeFrom,
        request.layout() == null ? RunFolder.Layout.DEFAULT : request.layout());
    if (request.saveState() != null) {
      record.result().finalState().write(request.saveState());
    }
    return new BacktestRecord(data, record, request.saveState());
  }

  public static RunData load(RunRequest spec, LoadOptions options) {
    return load(spec, options, List.of(spec));
  }

  /** Loads the data for {@code spec}; a folder supplies every symbol any of {@code runs} trades. */
  public static RunData load(RunRequest spec, LoadOptions options, List<RunRequest> runs) {
    List<String> universe = new ArrayList<>(spec.symbols());
    if (universe.isEmpty()) {
      for (RunRequest r : runs) {
        for (String symbol : StrategyRegistry.universe(r.strategy(), r.params())) {
          if (!universe.contains(symbol)) {
            universe.add(symbol);
          }
        }
      }
    }
    List<Path> files = new ArrayList<>();
    List<LoadedBars> preloaded = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    for (Path p : spec.data()) {
      if (Files.isDirectory(p)) {
        if (universe.isEmpty()) {
          // No symbols named: every bar file in the folder is the universe; other files are listed.
          BarFiles.FolderBars folder = BarFiles.readFolder(p, options);
          if (folder.loaded().isEmpty()) {
            throw new ConfigException("data", "expected bar files in the folder " + p + ", found none; pass the files "
                + "or a folder of <SYMBOL>.csv bar files");
          }
          preloaded.addAll(folder.loaded());
          notes.addAll(folder.notes());
          continue;
        }
        for (String symbol : universe) {
          Path f = Symbols.file(p, symbol, ".csv");
          if (!Files.isRegularFile(f)) {
            throw new ConfigException("data", "expected " + f + " for symbol " + symbol + ", found no such file");
          }
          files.add(f);
        }
      } else {
        files.add(p);
      }
    }
    if (files.isEmpty() && preloaded.isEmpty()) {
      throw new ConfigException("data", "expected at least one bar file (--data FILE or data = [...] in the config)");
    }
    List<BarSeries> series = new ArrayList<>();
    List<DataFile> described = new ArrayList<>();
    List<LoadFailure> dropped = new ArrayList<>();
    for (LoadedBars bars : preloaded) {
      series.addAll(bars.series());
      dropped.addAll(bars.dropped());
      Path f = Path.of(bars.source());
      described.add(new DataFile(f, sha256(f), bars.layout().code(), bars.interval().code(),
          bars.series().stream().map(BarSeries::symbol).toList()));
    }
    for (Path f : files) {
      LoadedBars bars = BarFiles.read(f, files.size() == 1 && preloaded.isEmpty() ? options
          : options.withSymbol(null));
      series.addAll(bars.series());
      dropped.addAll(bars.dropped());
      described.add(new DataFile(f, sha256(f), bars.layout().code(), bars.interval().code(),
          bars.series().stream().map(BarSeries::symbol).toList()));
    }
    Shaped shaped = shape(spec, Panel.align(series), universe);
    Panel panel = shaped.panel();
    Interval resampledFrom = shaped.resampledFrom();
    long start = shaped.startMillis();
    if (!dropped.isEmpty()) {
      notes.add(0, "dropped " + dropped.size() + " invalid row(s) (--drop-invalid); first: " + dropped.get(0).message());
    }
    return new RunData(panel, described, start, resampledFrom, List.copyOf(dropped), List.copyOf(notes));
  }

  /** Bars cut at the run's end, aggregated to its strategy's interval, and where trading starts. */
  private record Shaped(Panel panel, Interval resampledFrom, long startMillis) {}

  /**
   * A run's data from bars already in memory (the paper runtime's store feed): cut at {@code end},
   * aggregated to the strategy's interval under the closed-bucket rule, started where the backtest
   * from files would start.
   */
  public static RunData fromPanel(RunRequest spec, Panel aligned) {
    Shaped shaped = shape(spec, aligned, StrategyRegistry.universe(spec.strategy(), spec.params()));
    return new RunData(shaped.panel(), List.of(), shaped.startMillis(), shaped.resampledFrom());
  }

  private static Shaped shape(RunRequest spec, Panel aligned, List<String> universe) {
    Panel panel = trimEnd(aligned, spec.end());
    Interval loaded = panel.interval();
    Interval target = StrategyRegistry.barInterval(spec.strategy()).orElse(loaded);
    Interval resampledFrom = null;
    if (target.millis() > loaded.millis()) {
      // The in-progress guard (reference 000 §1): a week that has not ended by "now" — the end of
      // the --end day, else the wall clock — is dropped, never traded as if it had closed.
      Clock clock = spec.end() == null ? Clock.system()
          : Clock.frozen(java.time.Instant.ofEpochMilli(endOfDay("end", spec.end())));
      panel = Resampler.resample(panel, target, clock);
      resampledFrom = loaded;
    }
    return new Shaped(panel, resampledFrom, startMillis(panel, spec, universe));
  }

  public static RunRecord run(RunRequest spec, RunData data, Path resultsRoot, Path out) throws IOException {
    return run(spec, data, resultsRoot, out, null);
  }

  /** Runs {@code spec}, continuing the saved portfolio {@code resumeFrom} when it is not null. */
  public static RunRecord run(RunRequest spec, RunData data, Path resultsRoot, Path out, PortfolioState resumeFrom)
      throws IOException {
    return run(spec, data, resultsRoot, out, resumeFrom, RunFolder.Layout.DEFAULT);
  }

  /** As above, the files laid out as {@code layout} says (row order, the reference contract's names). */
  public static RunRecord run(RunRequest spec, RunData data, Path resultsRoot, Path out, PortfolioState resumeFrom,
      RunFolder.Layout layout) throws IOException {
    Panel panel = data.panel();
    BacktestConfig config = resumeFrom == null ? measuredConfig(spec, data) : config(spec, data);
    Annualisation annualisation = annualisation(panel, spec.periodsPerYear());
    double ppy = annualisation.periodsPerYear();
    BacktestConfig stressConfig = config.withFees(config.fees().scaled(spec.feeStress()));
    ResolvedStrategy strategy = StrategyCatalog.resolve(spec.strategy(), spec.params());
    Membership membership = membership(spec, panel);
    java.util.function.Supplier<Strategy> make = () -> membership == null ? strategy.create()
        : new MembershipFilter(strategy.create(), membership);
    Strategy instance = make.get();
    // The main run also keeps the features the strategy registers, for the trade chart; it is the
    // same run (the watch passes everything through).
    io.momentic.engine.FeatureWatch watched = new io.momentic.engine.FeatureWatch(instance);
    BacktestResult result = resumeFrom == null
        ? BacktestEngine.run(panel, watched, config)
        : BacktestEngine.resume(panel, watched, config, resumeFrom);
    BacktestResult stressed = resumeFrom == null
        ? BacktestEngine.run(panel, make.get(), stressConfig)
        : BacktestEngine.resume(panel, make.get(), stressConfig, resumeFrom);

    Map<String, Object> metrics = RunMetrics.of(result, ppy);
    Map<String, Object> stress = RunMetrics.of(stressed, ppy);
    Map<String, Object> stressSummary = new LinkedHashMap<>();
    stressSummary.put("factor", spec.feeStress());
    for (String k : List.of("final_equity", "total_return_pct", "sharpe", "max_drawdown_pct", "profit_factor", "fees")) {
      stressSummary.put(k, stress.get(k));
    }
    metrics.put("fill", spec.fill());
    metrics.put("fee_stress", stressSummary);
    if (instance instanceof MetaLabeledStrategy meta && resumeFrom == null) {
      // The filtered and the unfiltered run side by side: what the meta-label changed.
      BacktestResult unfiltered = BacktestEngine.run(panel, membership == null ? strategy.createUnfiltered()
          : new MembershipFilter(strategy.createUnfiltered(), membership), config);
      metrics.put("meta_label", metaLabelSummary(meta, RunMetrics.of(unfiltered, ppy), metrics));
    }
    // Fees are every fill's, including the entry fee of positions still open at the end.
    metrics.put("fees_include_open_entries", true);
    metrics.put("fees_open_entries", result.openEntryFees());
    if (result.tradingStopped() != null) {
      metrics.put("trading_stopped", result.tradingStopped());
    }
    Map<String, Object> fills = null;
    if (resumeFrom == null) {
      fills = FillSensitivity.of(c -> BacktestEngine.run(panel, make.get(), c), config, ppy, result);
      metrics.put("fill_sensitivity", fills);
    }
    // Reference 002's contract keys beside Momentic's names; the information ratio is against a
    // buy-and-hold of the same instruments over the same bars.
    Benchmark benchmark = resumeFrom == null ? Benchmark.of(spec, data, config, result) : null;
    RunMetrics.contract(result, benchmark == null ? null : benchmark.result(),
        benchmark == null ? RunMetrics.DEFAULT_BENCHMARK : benchmark.name(), ppy).forEach(metrics::putIfAbsent);
    if (benchmark != null) {
      metrics.put("benchmark", RunMetrics.versus(result, benchmark.result(), benchmark.name(), ppy));
    }
    metrics.put("tear_sheet", io.momentic.research.TearSheet.of(result));
    metrics.put("periods_per_year_basis", annualisation.basis());
    metrics.put("periods_per_year_observed", annualisation.observedPerYear());
    List<String> warnings = new ArrayList<>();
    if (annualisation.mismatched()) {
      warnings.add(annualisation.warning());
    }
    Map<String, Object> costs = new LinkedHashMap<>();
    costs.put("commission", spec.commission());
    costs.put("slippage_bps", spec.slippageBps());
    costs.put("basis", spec.costBasis());
    costs.put("modelled", !spec.costFree());
    metrics.put("costs", costs);
    if (spec.costFree()) {
      warnings.add(NO_COSTS_WARNING);
    }
    metrics.put("universe", universeNote(panel, membership));
    if (panel.symbolCount() > 3 && (membership == null || !membership.hasHistory())
        && ((Map<?, ?>) metrics.get("universe")).get("names_that_stopped_trading").equals(0)) {
      warnings.add(Membership.SURVIVOR_ONLY);
    }
    if (fills != null && Boolean.TRUE.equals(fills.get("edge_lost_under_pessimistic_fills"))) {
      warnings.add(FillSensitivity.EDGE_LOST_WARNING);
    }
    if (result.times().length < MIN_TRUSTED_BARS) {
      warnings.add("only " + result.times().length + " bar(s) traded: too few for the Sharpe ratio, drawdown or "
          + "any other statistic here to mean anything (at least " + MIN_TRUSTED_BARS + " wanted)");
    }
    if (!warnings.isEmpty()) {
      metrics.put("warnings", warnings);
    }
    if (panel.symbolCount() > 1 && resumeFrom == null) {
      // Which names made the money (reference 000 §4): shares beside every multi-instrument result.
      metrics.put("attribution", RunAttribution.toMap(RunAttribution.of(panel, result, 0, result.times().length)));
    }

    Map<String, Object> manifest = manifest(spec, data, ppy);
    manifest.put("first_bar", Timestamps.format(result.times()[0]));
    manifest.put("last_bar", Timestamps.format(result.times()[result.times().length - 1]));
    manifest.put("warm_up_bars", panel.size() - result.times().length);
    manifest.put("resumed_from", resumeFrom == null ? null : Timestamps.format(resumeFrom.asOfMillis()));
    // The meta-label's models are the run's only randomness (forests and boosting draw from it).
    manifest.put("seed", instance instanceof MetaLabeledStrategy meta ? meta.seed() : null);
    String runId = spec.strategy() + "-" + sha256Hex(manifest.toString().getBytes(StandardCharsets.UTF_8))
        .substring(0, 12);
    manifest.put("run_id", runId);
    // How the files are laid out is not part of what was run: recorded after the id is taken.
    manifest.put("row_order", layout.rowOrder());

    Path dir = out != null ? out : resultsRoot.resolve(runId);
    RunRecord outcome = new RunRecord(runId, dir, result, stressed, metrics, manifest, ppy);
    RunFolder.write(new RunFolder.Contents(runId, dir, result, metrics, manifest, ppy,
        io.momentic.report.TradeChart.of(panel, result, watched.features(), io.momentic.report.TradeChart.MAX_CANDLES),
        benchmark == null ? null : benchmark.result()), layout);
    if (instance instanceof MetaLabeledStrategy meta && resumeFrom == null) {
      writeMetaLabelFiles(dir, panel, meta);
    }
    return outcome;
  }

  /**
   * The meta-label's tables beside the run: {@code meta_samples.csv}, the unfiltered run's settled
   * positions with their features at the entry decision and their label (a table {@code momentic ml
   * fit} takes as it is, {@code decision_bar}/{@code exit_bar} being each label's span for its purged
   * folds), and {@code meta_decisions.csv}, every entry the model judged: its probability, whether it
   * was taken and how many settled trades the model had learnt from.
   */
  private static void writeMetaLabelFiles(Path dir, Panel panel, MetaLabeledStrategy meta) throws IOException {
    long[] times = panel.times();
    List<String> header = new ArrayList<>(List.of("symbol", "decision_time", "exit_time", "decision_bar", "exit_bar"));
    header.addAll(meta.featureNames());
    header.add("won");
    List<List<String>> samples = new ArrayList<>();
    for (MetaLabeledStrategy.Position p : meta.positions()) {
      if (!p.closed()) {
        continue; // a position still open at the end has no label yet
      }
      List<String> row = new ArrayList<>(List.of(panel.symbol(p.symbol()), Timestamps.format(times[p.decisionBar()]),
          Timestamps.format(times[p.exitBar()]), Integer.toString(p.decisionBar()), Integer.toString(p.exitBar())));
      for (double x : p.features()) {
        row.add(Numbers.csv(x));
      }
      row.add(p.won() ? "1" : "0");
      samples.add(row);
    }
    AtomicFiles.writeString(dir.resolve("meta_samples.csv"), Csv.table(header, samples));
    List<List<String>> decisions = new ArrayList<>();
    for (MetaLabeledStrategy.Decision d : meta.decisions()) {
      decisions.add(List.of(panel.symbol(d.symbol()), Timestamps.format(times[d.bar()]), Integer.toString(d.bar()),
          Double.isNaN(d.pWin()) ? "" : Numbers.csv(d.pWin()), d.taken() ? "1" : "0", Integer.toString(d.trainedOn()),
          d.why()));
    }
    AtomicFiles.writeString(dir.resolve("meta_decisions.csv"), Csv.table(List.of("symbol", "decision_time",
        "decision_bar", "p_win", "taken", "trained_on", "why"), decisions));
  }

  /** What every run's manifest records: strategy, parameters, data files with hashes, broker settings, code. */
  public static Map<String, Object> manifest(RunRequest spec, RunData data, double ppy) {
    Map<String, Object> manifest = new TreeMap<>();
    manifest.put("strategy", spec.strategy());
    // Every parameter the run used, defaults included: the run can be repeated from its manifest alone.
    manifest.put("params", StrategyCatalog.resolve(spec.strategy(), spec.params()).texts());
    if (spec.benchmark() != null) {
      manifest.put("benchmark", spec.benchmark()); // only when named: the default keeps earlier runs' ids
    }
    List<Map<String, Object>> files = new ArrayList<>();
    for (DataFile f : data.files()) {
      Map<String, Object> m = new TreeMap<>();
      m.put("path", f.path().toString());
      m.put("sha256", f.sha256());
      m.put("layout", f.layout());
      m.put("interval", f.interval());
      m.put("symbols", f.symbols());
      files.add(m);
    }
    manifest.put("data_files", files);
    // What the loader skipped, in every run's manifest (backtests, sweeps, walk-forwards).
    manifest.put("dropped_rows", data.dropped().stream().map(LoadFailure::message).toList());
    manifest.put("load_notes", data.notes());
    if (data.resampledFrom() != null) {
      manifest.put("resampled", new TreeMap<>(Map.of("from", data.resampledFrom().code(), "to", data.panel().interval().code())));
    }
    if (spec.membership() != null) {
      // Part of what was run: a run with a point-in-time universe is not the run without it.
      manifest.put("membership", spec.membership().toString().equals(MEMBERSHIP_FROM_BARS) ? MEMBERSHIP_FROM_BARS
          : new TreeMap<>(Map.of("path", spec.membership().toString(), "sha256", sha256(spec.membership()))));
    }
    manifest.put("cash", spec.cash());
    manifest.put("commission", spec.commission());
    manifest.put("slippage_bps", spec.slippageBps());
    manifest.put("fill_model", FillTiming.parse(spec.fill()) == FillTiming.NEXT_OPEN ? "decide at close t, fill at open t+1"
        : "fill at the close of the decision bar (optimistic)");
    manifest.put("close_at_end", spec.closeAtEnd());
    manifest.put("fee_stress_factor", spec.feeStress());
    manifest.put("periods_per_year", ppy);
    manifest.put("code_version", io.momentic.core.BuildInfo.version());
    return manifest;
  }

  /** How a panel's metrics are annualised: its interval and first instrument's calendar, or the override (NaN: none). */
  public static Annualisation annualisation(Panel panel, double override) {
    return Annualisation.of(panel.interval(), panel.instruments().get(0).calendar(), panel.times(), override);
  }

  /**
   * The run's settings with its warm-up left unmeasured: without {@code --start}, trading and the
   * record start at the first bar from which every feature of the strategy is known (a sweep
   * measures all its trials over one window instead).
   */
  public static BacktestConfig measuredConfig(RunRequest spec, RunData data) {
    BacktestConfig config = config(spec, data);
    Panel panel = data.panel();
    if (spec.start() == null) {
      int ready = WarmUp.firstReadyBar(panel, StrategyCatalog.resolve(spec.strategy(), spec.params())
          .createUnfiltered(), config);
      if (ready > 0 && ready < panel.size()) {
        config = config.withStartTime(Math.max(config.startTimeMillis(), panel.time(ready)));
      }
    }
    return config;
  }

  /** What {@code --membership} names instead of a file: the membership the bars themselves show. */
  public static final String MEMBERSHIP_FROM_BARS = "bars";

  /**
   * The run's point-in-time membership: none, a membership file's, or with {@code --membership bars}
   * the data's own first and last bars ({@link Membership#fromBars}).
   */
  public static Membership membership(RunRequest spec, Panel panel) {
    if (spec.membership() == null) {
      return null;
    }
    if (spec.membership().toString().equals(MEMBERSHIP_FROM_BARS)) {
      List<BarSeries> series = new ArrayList<>();
      for (int s = 0; s < panel.symbolCount(); s++) {
        series.add(panel.series(s));
      }
      return Membership.fromBars(series);
    }
    return io.momentic.data.UniverseFile.read(spec.membership()).membership();
  }

  /** Where the universe's membership comes from, for metrics.json. */
  private static Map<String, Object> universeNote(Panel panel, Membership m) {
    Map<String, Object> u = new LinkedHashMap<>();
    u.put("symbols", panel.symbolCount());
    u.put("membership", m == null || !m.hasHistory() ? null : m.source());
    u.put("names_that_stopped_trading", stoppedTrading(panel));
    return u;
  }

  /** Names whose bars end well before the panel's: the data holds names that left. */
  private static int stoppedTrading(Panel panel) {
    int n = 0;
    for (int s = 0; s < panel.symbolCount(); s++) {
      int last = panel.lastIndex(s); // its last bar, without building its series
      if (last >= 0 && last < panel.size() - 5) {
        n++;
      }
    }
    return n;
  }

  /** What a run without any trading cost says in its headline, report and metrics.json. */
  public static final String NO_COSTS_WARNING = "no costs modelled (commission 0, slippage 0): the fee-stress run "
      + "is the same run, and every number here is before costs; set --commission and --slippage-bps, or "
      + "--asset-class for that class's defaults";

  /** Fewer traded bars than this and a result carries a warning. */
  public static final int MIN_TRUSTED_BARS = 30;

  private static Map<String, Object> metaLabelSummary(MetaLabeledStrategy meta, Map<String, Object> unfiltered,
      Map<String, Object> filtered) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("threshold", meta.threshold());
    long scored = meta.decisions().stream().filter(d -> !Double.isNaN(d.pWin())).count();
    long skipped = meta.decisions().stream().filter(d -> !d.taken()).count();
    m.put("entries_judged", meta.decisions().size());
    m.put("entries_scored", scored);
    m.put("entries_skipped", skipped);
    m.put("entries_taken_unscored", meta.decisions().size() - scored);
    m.put("model", meta.model() == null ? null : meta.model().description());
    m.put("model_reason", meta.model() == null ? "no entry had enough earlier trades" : meta.model().reason());
    for (String side : new String[] {"unfiltered", "filtered"}) {
      Map<String, Object> src = side.equals("unfiltered") ? unfiltered : filtered;
      Map<String, Object> x = new LinkedHashMap<>();
      for (String k : List.of("final_equity", "total_return_pct", "sharpe", "max_drawdown_pct", "trades",
          "win_rate_pct", "profit_factor")) {
        x.put(k, src.get(k));
      }
      m.put(side, x);
    }
    m.put("note", "walk-forward: each entry judged by a model of the strategy's unfiltered trades settled before it");
    return m;
  }

  /** The largest cash a run takes: a quadrillion, so no position's value can overflow. */
  public static final double MAX_CASH = 1e15;
  /** Slippage below the whole price. */
  public static final double MAX_SLIPPAGE_BPS = 10_000;
  /** The largest price a run takes (reverse-split histories reach 1e10). */
  public static final double MAX_PRICE = 1e15;

  /** The broker settings of a run, checked. */
  public static BacktestConfig config(RunRequest spec, RunData data) {
    if (!(spec.feeStress() >= 1)) {
      throw new ConfigException("fee-stress", "expected a multiplier >= 1, found " + spec.feeStress());
    }
    if (!(spec.cash() > 0) || !(spec.cash() <= MAX_CASH)) {
      throw new ConfigException("cash", "expected an amount > 0 and at most " + "1e15" + ", found "
          + spec.cash() + "; fix: state the cash in the account's currency");
    }
    if (!(spec.slippageBps() >= 0) || !(spec.slippageBps() < MAX_SLIPPAGE_BPS)) {
      throw new ConfigException("slippage-bps", "expected >= 0 and below " + (int) MAX_SLIPPAGE_BPS + " bps (a "
          + "slippage of 10,000 bps is the whole price), found " + spec.slippageBps() + "; fix: give it in basis "
          + "points, e.g. 5");
    }
    FeeModel fees = FeeModel.parse(spec.commission());
    if (fees instanceof FeeModel.FixedPlusRateFeeModel f && f.rate() * spec.feeStress() >= 1) {
      throw new ConfigException("commission", "expected a rate whose fee-stress run (× " + spec.feeStress()
          + ") stays below 100 % of each trade, found " + f.rate() + " (× " + spec.feeStress() + " = "
          + f.rate() * spec.feeStress() + "); fix: give the rate as a fraction, e.g. 0.001 for 10 bps");
    }
    double highest = 0;
    Panel panel = data.panel();
    for (int s = 0; s < panel.symbolCount(); s++) {
      for (double h : panel.highs(s)) {
        highest = h > highest ? h : highest;
      }
    }
    if (highest > MAX_PRICE) {
      throw new ConfigException("data", "expected prices at most " + "1e15" + ", found "
          + highest + ": no market trades there and equity arithmetic would lose all precision; fix: check "
          + "the file's units (a price in a minor unit, or a misplaced decimal point)");
    }
    return BacktestConfig.of(spec.cash())
        .withFees(fees)
        .withSlippage(SlippageModel.bps(spec.slippageBps()))
        .withFillTiming(FillTiming.parse(spec.fill()))
        .withCloseAtEnd(spec.closeAtEnd())
        .withStartTime(data.startMillis());
  }

  /**
   * {@code data} loaded for several runs (a variants comparison), as {@code spec} alone would start
   * it: at the first bar where the instruments this run trades have data, not those of every run.
   */
  public static RunData forRun(RunData data, RunRequest spec) {
    if (spec.start() != null || !spec.symbols().isEmpty()) {
      return data;
    }
    long start = startMillis(data.panel(), spec, StrategyRegistry.universe(spec.strategy(), spec.params()));
    return new RunData(data.panel(), data.files(), start, data.resampledFrom(), data.dropped(), data.notes());
  }

  /**
   * Trading starts at {@code start} when given; otherwise, for a multi-instrument strategy, at the
   * first bar where every symbol it trades has data (earlier bars still feed its indicators).
   */
  private static long startMillis(Panel panel, RunRequest spec, List<String> universe) {
    if (spec.start() != null) {
      return parseDate("start", spec.start());
    }
    if (universe.size() < 2) {
      return Long.MIN_VALUE;
    }
    for (String symbol : universe) {
      if (panel.findSymbolIndex(symbol).isEmpty()) {
        throw new ConfigException("data", "expected a bar file for " + symbol + ", found only " + panel.symbols());
      }
    }
    return panel.time(panel.firstIndexAllTrading(universe));
  }

  private static Panel trimEnd(Panel panel, String end) {
    if (end == null) {
      return panel;
    }
    long endMillis = parseDate("end", end);
    int n = panel.indexAtOrBefore(endMillis) + 1;
    if (n == 0) {
      throw new ConfigException("end", "expected a date on or after the first bar "
          + Timestamps.formatDate(panel.time(0)) + ", found " + end);
    }
    return panel.upTo(n);
  }

  /** See {@link Inputs#endOfDay}. */
  public static long endOfDay(String key, String text) {
    return Inputs.endOfDay(key, text);
  }

  static long parseDate(String key, String text) {
    return Inputs.parseDate(key, text);
  }

  static String sha256(Path file) {
    return Inputs.sha256(file);
  }

  static String sha256Hex(byte[] bytes) {
    return Inputs.sha256Hex(bytes);
  }
}
