package io.momentic.workflow.backtest;

import io.momentic.core.BarSeries;
import io.momentic.core.Clock;
import io.momentic.core.ConfigException;
import io.momentic.core.Panel;
import io.momentic.core.Resampler;
import io.momentic.core.Symbols;
import io.momentic.core.Timestamps;
import io.momentic.data.BarFiles;
import io.momentic.data.LoadOptions;
import io.momentic.engine.BacktestConfig;
import io.momentic.engine.BacktestEngine;
import io.momentic.engine.BacktestResult;
import io.momentic.research.RunMetrics;
import io.momentic.strategies.BuyAndHold;
import io.momentic.workflow.backtest.BacktestRun.RunData;
import io.momentic.workflow.backtest.BacktestRun.RunRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * What a backtest's report compares against: by default a buy-and-hold of the instruments it
 * trades; with {@code --benchmark} a buy-and-hold of one named series — a symbol of the run's
 * data, a {@code <SYMBOL>.csv} in one of its {@code --data} folders, or a bar file. The named
 * series is brought to the run's bars: aggregated to the run's interval when finer, matched on
 * the run's bar times, a bar it lacks (a holiday of its market only) carried flat from its last
 * close. It is bought with the run's cash, fees, slippage and fill timing on the run's first
 * traded bar, so the two equity curves share every timestamp.
 *
 * @param name how metrics.json and the report name it
 */
public record Benchmark(String name, BacktestResult result) {

  /** The benchmark of {@code spec}'s run {@code result} on {@code data} under {@code config}. */
  public static Benchmark of(RunRequest spec, RunData data, BacktestConfig config, BacktestResult result) {
    Panel panel = data.panel();
    if (spec.benchmark() == null) {
      return new Benchmark(RunMetrics.DEFAULT_BENCHMARK, BacktestEngine.run(panel, new BuyAndHold(), config));
    }
    String given = spec.benchmark();
    BarSeries series;
    String source;
    if (panel.findSymbolIndex(given).isPresent()) {
      series = panel.series(panel.getSymbolIndex(given));
      source = given + " from the run's data";
    } else {
      Path file = file(spec, given, panel);
      series = BarFiles.read(file, LoadOptions.DEFAULT).series().get(0);
      source = series.symbol() + " (" + file + ")";
    }
    if (series.interval().millis() < panel.interval().millis()) {
      series = Resampler.resample(series, panel.interval(), Clock.system());
    } else if (series.interval().millis() > panel.interval().millis()) {
      throw new ConfigException("benchmark", "expected bars at the run's interval (" + panel.interval().code()
          + ") or finer, found " + series.interval().code() + " bars in " + source + "; fix: give the benchmark at "
          + panel.interval().code() + " or a finer interval");
    }
    long firstTraded = result.times()[0];
    if (series.isEmpty() || series.time(0) > firstTraded) {
      throw new ConfigException("benchmark", "expected " + source + " to have a bar at or before the run's first "
          + "traded bar " + Timestamps.format(firstTraded) + ", found " + (series.isEmpty() ? "no bars"
          : "its first at " + Timestamps.format(series.time(0))) + "; fix: a longer benchmark history, or --start "
          + "on or after its first bar");
    }
    Panel aligned = Panel.align(List.of(onto(series, panel.times())));
    BacktestResult bought = BacktestEngine.run(aligned, new BuyAndHold(), config);
    if (!Arrays.equals(bought.times(), result.times())) {
      throw new IllegalStateException("Expected the benchmark on the run's " + result.times().length + " bar times, "
          + "but found " + bought.times().length);
    }
    return new Benchmark("buy-and-hold of " + source + ", same bars and costs", bought);
  }

  /** The bar file {@code given} names: a path, or {@code <SYMBOL>.csv} in one of the run's data folders. */
  private static Path file(RunRequest spec, String given, Panel panel) {
    Path asPath = Path.of(given);
    if (Files.isRegularFile(asPath)) {
      return asPath;
    }
    for (Path d : spec.data()) {
      if (Files.isDirectory(d)) {
        Path f = Symbols.file(d, given, ".csv");
        if (Files.isRegularFile(f)) {
          return f;
        }
      }
    }
    throw new ConfigException("benchmark", "expected a symbol of the run's data (" + String.join(", ",
        panel.symbols()) + "), a <SYMBOL>.csv in a --data folder, or a bar file, found '" + given + "'; fix: pass "
        + "one of those symbols or the path of the benchmark's bar file");
  }

  /**
   * {@code series} on exactly {@code times}: its bar where it has one at that time, else a flat bar
   * at its last close (no volume); nothing before its first bar.
   */
  static BarSeries onto(BarSeries series, long[] times) {
    BarSeries.Builder b = BarSeries.builder(series.instrument(), series.interval());
    int i = 0;
    double last = Double.NaN;
    for (long t : times) {
      while (i < series.size() && series.time(i) < t) {
        last = series.close(i);
        i++;
      }
      if (i < series.size() && series.time(i) == t) {
        b.add(t, series.open(i), series.high(i), series.low(i), series.close(i), series.volume(i));
        last = series.close(i);
        i++;
      } else if (!Double.isNaN(last)) {
        b.add(t, last, last, last, last, 0);
      }
    }
    return b.build();
  }
}
