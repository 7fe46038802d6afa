package io.momentic.cli.backtest;

import io.momentic.cli.LoadMixin;
import io.momentic.workflow.backtest.BacktestRun.RunRequest;
import io.momentic.workflow.backtest.BacktestRun;
import io.momentic.workflow.config.StrategyConfigFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What defines a run — strategy, parameters, data and broker settings — shared by
 * {@code backtest}, {@code sweep} and {@code walkforward}: defaults, overridden by a
 * {@code --config FILE.toml}, overridden by the command line.
 */
public final class RunOptions {

  @Option(names = "--config", paramLabel = "FILE.toml",
      description = "Strategy config: [backtest] settings and [params] (see config/strategy/qqq_long_short.toml). "
          + "Command-line options override it.")
  Path config;

  @Option(names = "--data", paramLabel = "FILE|DIR",
      description = "Bar file (repeatable). A folder loads <SYMBOL>.csv for each symbol the strategy trades.")
  List<Path> data = new ArrayList<>();

  @Option(names = "--symbols", split = ",", paramLabel = "A,B",
      description = "Symbols to load from a --data folder (default: the strategy's own universe).")
  List<String> symbols = new ArrayList<>();

  @Mixin
  public LoadMixin load;

  @Option(names = "--strategy", paramLabel = "NAME",
      description = "A built-in strategy: buy-and-hold, sma-cross, qqq-long-short, xsec-momentum ('momentic strategies' "
          + "lists their parameters).")
  String strategy;

  @Option(names = "--param", paramLabel = "K=V", description = "Strategy parameter (repeatable), e.g. fast=10.")
  Map<String, String> params = new LinkedHashMap<>();

  @Option(names = "--meta-label", paramLabel = "P", arity = "0..1", fallbackValue = "0.55",
      description = "Meta-label the strategy's entries: skip one whose calibrated P(win), from a walk-forward model of "
          + "its own earlier trades, is below P (default 0.55). Same as --param meta-threshold=P.")
  String metaLabel;

  @Option(names = "--meta-threshold", paramLabel = "P",
      description = "The meta-label threshold (implies --meta-label).")
  String metaThreshold;

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

  @Option(names = "--membership", paramLabel = "FILE.csv",
      description = "Point-in-time universe: a universe file with listed/delisted dates or dated snapshots, or 'bars' "
          + "for the data's own first and last bars (a name that stops trading leaves); a name is "
          + "eligible only while a member (without it, a universe of more than 3 names is flagged survivor-only).")
  Path membership;

  @Option(names = "--periods-per-year", paramLabel = "N",
      description = "Annualise with N periods a year instead of the figure from the bars' interval and calendar "
          + "(252 daily exchange, 260 daily 24×5 FX, 365 daily 24/7; intraday scaled by trading hours).")
  Double periodsPerYear;

  /** The run the options describe: defaults, then the config file, then the command line. */
  public RunRequest request() {
    return BacktestRun.request(configFile(), overrides());
  }

  /** What the command line gives (null where it gives nothing). */
  public BacktestRun.Overrides overrides() {
    Map<String, String> given = params;
    String threshold = metaThreshold != null ? metaThreshold : metaLabel;
    if (threshold != null) {
      given = new LinkedHashMap<>(params);
      given.put("meta-threshold", threshold);
    }
    return new BacktestRun.Overrides(strategy, given, data, symbols, cash, commission, slippageBps, fill,
        closeAtEnd, feeStress, start, end, periodsPerYear, load == null ? null : load.options().assetClass(), membership);
  }

  /** The config file, read once per call (null without --config). */
  public StrategyConfigFile configFile() {
    return config == null ? null : StrategyConfigFile.read(config);
  }

  /**
   * The load options of a command that runs through {@code BacktestRun.load}: dropped rows and
   * skipped files come back as the run's notes (and manifest), so the per-file stderr note is off.
   */
  public io.momentic.data.LoadOptions loadOptions() {
    return load.options().withDropReport(null);
  }

  /** A run's load notes (rows dropped, files skipped), one line each on stderr: {@code --json} stays one document. */
  public static void printNotes(java.io.PrintWriter err, Object notes) {
    if (notes instanceof java.util.List<?> list) {
      list.forEach(n -> err.println("data: " + n));
    }
  }
}
