package io.momentic.app;

import io.momentic.research.RunAttribution;
import io.momentic.research.RunMetrics;
import io.momentic.core.BarSeries;
import io.momentic.core.Clock;
import io.momentic.core.Interval;
import io.momentic.core.Resampler;
import io.momentic.core.ConfigException;
import io.momentic.core.Panel;
import io.momentic.data.BarFiles;
import io.momentic.data.LoadOptions;
import io.momentic.data.LoadedBars;
import io.momentic.data.Timestamps;
import io.momentic.engine.BacktestConfig;
import io.momentic.engine.BacktestEngine;
import io.momentic.engine.BacktestResult;
import io.momentic.engine.exec.FeeModel;
import io.momentic.engine.exec.FillTiming;
import io.momentic.engine.account.PortfolioState;
import io.momentic.engine.exec.SlippageModel;
import io.momentic.strategies.StrategyRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One backtest from settings to files: load the data, run the strategy and its fee-stress twin,
 * compute the metrics and write the run folder. Shared by {@code backtest}, its variants mode and
 * the demo, so all three produce the same outputs.
 */
final class BacktestRunner {

  /** Everything that defines a run (after merging the config file and the command line). */
  record RunSpec(String strategy, Map<String, String> params, List<Path> data, List<String> symbols, double cash,
      String commission, double slippageBps, String fill, boolean closeAtEnd, double feeStress, String start,
      String end) {

    RunSpec withParams(Map<String, String> newParams) {
      return new RunSpec(strategy, newParams, data, symbols, cash, commission, slippageBps, fill, closeAtEnd,
          feeStress, start, end);
    }
  }

  /** One data file of a run, with its content hash for the manifest. */
  record DataFile(Path path, String sha256, String layout, String interval, List<String> symbols) {}

  /**
   * The loaded panel and where trading starts (earlier bars are indicator warm-up);
   * {@code resampledFrom} is the files' interval when the panel was aggregated for the strategy
   * (null when it runs on the bars as loaded).
   */
  record RunData(Panel panel, List<DataFile> files, long startMillis, Interval resampledFrom) {}

  /** A finished run and where its files are. */
  record Outcome(String runId, Path dir, BacktestResult result, BacktestResult stressed, Map<String, Object> metrics,
      Map<String, Object> manifest, double periodsPerYear) {}

  private BacktestRunner() {}

  static RunData load(RunSpec spec, LoadOptions options) {
    return load(spec, options, List.of(spec));
  }

  /** Loads the data for {@code spec}; a folder supplies every symbol any of {@code runs} trades. */
  static RunData load(RunSpec spec, LoadOptions options, List<RunSpec> runs) {
    List<String> universe = new ArrayList<>(spec.symbols());
    if (universe.isEmpty()) {
      for (RunSpec r : runs) {
        for (String symbol : StrategyRegistry.universe(r.strategy(), r.params())) {
          if (!universe.contains(symbol)) {
            universe.add(symbol);
          }
        }
      }
    }
    List<Path> files = new ArrayList<>();
    for (Path p : spec.data()) {
      if (Files.isDirectory(p)) {
        if (universe.isEmpty()) {
          throw new ConfigException("data", "expected a bar file, found the folder " + p + "; name the symbols to "
              + "load from it with --symbols A,B or pass the files");
        }
        for (String symbol : universe) {
          Path f = p.resolve(symbol + ".csv");
          if (!Files.isRegularFile(f)) {
            throw new ConfigException("data", "expected " + f + " for symbol " + symbol + ", found no such file");
          }
          files.add(f);
        }
      } else {
        files.add(p);
      }
    }
    if (files.isEmpty()) {
      throw new ConfigException("data", "expected at least one bar file (--data FILE or data = [...] in the config)");
    }
    List<BarSeries> series = new ArrayList<>();
    List<DataFile> described = new ArrayList<>();
    for (Path f : files) {
      LoadedBars bars = BarFiles.read(f, files.size() == 1 ? options : options.withSymbol(null));
      series.addAll(bars.series());
      described.add(new DataFile(f, sha256(f), bars.layout().code(), bars.interval().code(),
          bars.series().stream().map(BarSeries::symbol).toList()));
    }
    Panel panel = Panel.align(series);
    panel = trimEnd(panel, spec.end());
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
    long start = startMillis(panel, spec, universe);
    return new RunData(panel, described, start, resampledFrom);
  }

  static Outcome run(RunSpec spec, RunData data, Path resultsRoot, Path out) throws IOException {
    return run(spec, data, resultsRoot, out, null);
  }

  /** Runs {@code spec}, continuing the saved portfolio {@code resumeFrom} when it is not null. */
  static Outcome run(RunSpec spec, RunData data, Path resultsRoot, Path out, PortfolioState resumeFrom)
      throws IOException {
    Panel panel = data.panel();
    BacktestConfig config = config(spec, data);
    double ppy = panel.interval().periodsPerYear(panel.instruments().get(0).calendar());
    BacktestConfig stressConfig = config.withFees(config.fees().scaled(spec.feeStress()));
    BacktestResult result = resumeFrom == null
        ? BacktestEngine.run(panel, StrategyRegistry.create(spec.strategy(), spec.params()), config)
        : BacktestEngine.resume(panel, StrategyRegistry.create(spec.strategy(), spec.params()), config, resumeFrom);
    BacktestResult stressed = resumeFrom == null
        ? BacktestEngine.run(panel, StrategyRegistry.create(spec.strategy(), spec.params()), stressConfig)
        : BacktestEngine.resume(panel, StrategyRegistry.create(spec.strategy(), spec.params()), stressConfig,
            resumeFrom);

    Map<String, Object> metrics = RunMetrics.of(result, ppy);
    Map<String, Object> stress = RunMetrics.of(stressed, ppy);
    Map<String, Object> stressSummary = new LinkedHashMap<>();
    stressSummary.put("factor", spec.feeStress());
    for (String k : List.of("final_equity", "total_return_pct", "sharpe", "max_drawdown_pct", "profit_factor", "fees")) {
      stressSummary.put(k, stress.get(k));
    }
    metrics.put("fill", spec.fill());
    metrics.put("fee_stress", stressSummary);
    if (panel.symbolCount() > 1 && resumeFrom == null) {
      // Which names made the money (reference 000 §4): shares beside every multi-instrument result.
      metrics.put("attribution", RunAttribution.toMap(RunAttribution.of(panel, result, 0, result.times().length)));
    }

    Map<String, Object> manifest = manifest(spec, data, ppy);
    manifest.put("first_bar", Timestamps.format(result.times()[0]));
    manifest.put("last_bar", Timestamps.format(result.times()[result.times().length - 1]));
    manifest.put("warm_up_bars", panel.size() - result.times().length);
    manifest.put("resumed_from", resumeFrom == null ? null : Timestamps.format(resumeFrom.asOfMillis()));
    manifest.put("seed", null);
    String runId = spec.strategy() + "-" + sha256Hex(manifest.toString().getBytes(StandardCharsets.UTF_8))
        .substring(0, 12);
    manifest.put("run_id", runId);

    Path dir = out != null ? out : resultsRoot.resolve(runId);
    Outcome outcome = new Outcome(runId, dir, result, stressed, metrics, manifest, ppy);
    RunOutputs.write(outcome);
    return outcome;
  }

  /** What every run's manifest records: strategy, parameters, data files with hashes, broker settings, code. */
  static Map<String, Object> manifest(RunSpec spec, RunData data, double ppy) {
    Map<String, Object> manifest = new TreeMap<>();
    manifest.put("strategy", spec.strategy());
    manifest.put("params", new TreeMap<>(spec.params()));
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
    if (data.resampledFrom() != null) {
      manifest.put("resampled", new TreeMap<>(Map.of("from", data.resampledFrom().code(), "to", data.panel().interval().code())));
    }
    manifest.put("cash", spec.cash());
    manifest.put("commission", spec.commission());
    manifest.put("slippage_bps", spec.slippageBps());
    manifest.put("fill_model", FillTiming.parse(spec.fill()) == FillTiming.NEXT_OPEN ? "decide at close t, fill at open t+1"
        : "fill at the close of the decision bar (optimistic)");
    manifest.put("close_at_end", spec.closeAtEnd());
    manifest.put("fee_stress_factor", spec.feeStress());
    manifest.put("periods_per_year", ppy);
    manifest.put("code_version", MomenticCommand.version());
    return manifest;
  }

  /** The broker settings of a run, checked. */
  static BacktestConfig config(RunSpec spec, RunData data) {
    if (!(spec.feeStress() >= 1)) {
      throw new ConfigException("fee-stress", "expected a multiplier >= 1, found " + spec.feeStress());
    }
    if (!(spec.cash() > 0) || Double.isInfinite(spec.cash())) {
      throw new ConfigException("cash", "expected a finite amount > 0, found " + spec.cash());
    }
    if (!(spec.slippageBps() >= 0)) {
      throw new ConfigException("slippage-bps", "expected >= 0, found " + spec.slippageBps());
    }
    return BacktestConfig.of(spec.cash())
        .withFees(FeeModel.parse(spec.commission()))
        .withSlippage(SlippageModel.bps(spec.slippageBps()))
        .withFillTiming(FillTiming.parse(spec.fill()))
        .withCloseAtEnd(spec.closeAtEnd())
        .withStartTime(data.startMillis());
  }

  /**
   * Trading starts at {@code start} when given; otherwise, for a multi-instrument strategy, at the
   * first bar where every symbol it trades has data (earlier bars still feed its indicators).
   */
  private static long startMillis(Panel panel, RunSpec spec, List<String> universe) {
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

  /** The instant the given day ends (00:00 UTC of the next day): "now" for a clock frozen at that date. */
  static long endOfDay(String key, String text) {
    long day = 86_400_000L;
    return Math.floorDiv(parseDate(key, text), day) * day + day;
  }

  static long parseDate(String key, String text) {
    long t = Timestamps.parseOrInvalid(text.strip());
    if (t == Timestamps.INVALID) {
      throw new ConfigException(key, "expected a date like 2015-01-02, found '" + text + "'");
    }
    return t;
  }

  static String sha256(Path file) {
    try {
      return sha256Hex(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
