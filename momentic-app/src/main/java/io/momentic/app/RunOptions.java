package io.momentic.app;

import io.momentic.core.ConfigException;
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
final class RunOptions {

  static final String DEFAULT_COMMISSION = "0";
  static final double DEFAULT_CASH = 10_000;
  static final double DEFAULT_FEE_STRESS = 1.5;

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

  static <T> T pick(T cli, T file, T fallback) {
    return cli != null ? cli : file != null ? file : fallback;
  }


  /** The config file, read once per call (null without --config). */
  StrategyConfigFile configFile() {
    return config == null ? null : StrategyConfigFile.read(config);
  }
}
