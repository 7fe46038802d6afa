package io.momentic.workflow.scenarios;

import io.momentic.analytics.Bootstrap;
import io.momentic.analytics.ReturnMetrics;
import io.momentic.core.BarSeries;
import io.momentic.core.ConfigException;
import io.momentic.core.Panel;
import io.momentic.data.SyntheticMarket;
import io.momentic.engine.BacktestConfig;
import io.momentic.engine.BacktestEngine;
import io.momentic.engine.BacktestResult;
import io.momentic.core.AtomicFiles;
import io.momentic.report.Json;
import io.momentic.research.RunMetrics;
import io.momentic.strategies.ResolvedStrategy;
import io.momentic.strategies.StrategyCatalog;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/**
 * Monte-Carlo scenarios (reference 002 §6.4, §7.3): one strategy over many paths — seeded GBM or
 * Ornstein–Uhlenbeck markets (drift and volatility taken from the real data when it is given), or
 * stationary block-bootstrap resamples of the real bars — and the distribution of its metrics. A
 * backtest is one draw of history; this says how much of its result the path explains.
 */
public final class ScenarioRuns {

  /** How the paths are made. */
  public enum Model { GBM, OU, BOOTSTRAP }

  /**
   * What to run: the strategy and its parameters, the model, the real panel (required for the
   * bootstrap, optional otherwise), paths, bars per synthetic path, the bootstrap's mean block
   * length, the base seed, and the run's settings.
   */
  public record Request(String strategy, Map<String, String> params, Model model, Panel data, int paths, int bars,
      double meanBlock, long seed, BacktestConfig config, double periodsPerYear) {}

  /** Every path's headline metrics, the distribution of each, and the real data's own result (or null). */
  public record Result(List<Map<String, Object>> paths, Map<String, Object> summary) {}

  /** The metrics summarised per path. */
  public static final List<String> METRICS = List.of("total_return_pct", "cagr_pct", "sharpe", "max_drawdown_pct",
      "trades");

  private ScenarioRuns() {}

  public static Result run(Request r, IntConsumer progress) {
    if (r.paths() < 2 || r.paths() > 100_000) {
      throw new ConfigException("seeds", "expected 2 to 100,000 paths, found " + r.paths());
    }
    if (r.model() == Model.BOOTSTRAP && r.data() == null) {
      throw new ConfigException("data", "the bootstrap resamples real bars; fix: pass --data FILE");
    }
    if (!(r.meanBlock() >= 1)) {
      throw new ConfigException("block", "expected a mean block length >= 1 bar, found " + r.meanBlock());
    }
    ResolvedStrategy strategy = StrategyCatalog.resolve(r.strategy(), r.params());
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < r.paths(); i++) {
      Panel path = path(r, r.seed() + i);
      BacktestResult result = BacktestEngine.run(path, strategy.create(), r.config());
      Map<String, Object> m = RunMetrics.of(result, r.periodsPerYear());
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("path", i);
      row.put("seed", r.seed() + i);
      for (String k : METRICS) {
        row.put(k, m.get(k));
      }
      rows.add(row);
      progress.accept(i + 1);
    }
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("strategy", r.strategy());
    summary.put("params", strategy.params().values());
    summary.put("model", r.model().name().toLowerCase(Locale.ROOT));
    summary.put("paths", r.paths());
    summary.put("seed", r.seed());
    summary.put("bars_per_path", r.model() == Model.BOOTSTRAP ? r.data().size() : r.bars());
    if (r.model() == Model.BOOTSTRAP) {
      summary.put("mean_block_bars", r.meanBlock());
    }
    summary.put("periods_per_year", r.periodsPerYear());
    Map<String, Object> real = null;
    if (r.data() != null) {
      real = RunMetrics.of(BacktestEngine.run(r.data(), strategy.create(), r.config()), r.periodsPerYear());
    }
    Map<String, Object> dist = new LinkedHashMap<>();
    for (String k : METRICS) {
      double[] v = rows.stream().mapToDouble(x -> ((Number) x.get(k)).doubleValue()).filter(Double::isFinite)
          .sorted().toArray();
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("finite_paths", v.length);
      if (v.length > 0) {
        d.put("mean", Arrays.stream(v).average().orElse(Double.NaN));
        for (int q : new int[] {5, 25, 50, 75, 95}) {
          d.put("p" + q, ReturnMetrics.percentile(v, q));
        }
        if (real != null && real.get(k) instanceof Number x && Double.isFinite(x.doubleValue())) {
          d.put("real", x.doubleValue());
          d.put("real_percentile", 100.0 * Arrays.stream(v).filter(y -> y <= x.doubleValue()).count() / v.length);
        }
      }
      dist.put(k, d);
    }
    summary.put("distribution", dist);
    long positive = rows.stream().filter(x -> ((Number) x.get("total_return_pct")).doubleValue() > 0).count();
    summary.put("share_of_paths_with_gain", (double) positive / rows.size());
    return new Result(rows, summary);
  }

  /** Writes {@code scenarios.csv} (one row per path) and {@code summary.json} to {@code dir}. */
  public static void write(Result r, Path dir) throws IOException {
    StringBuilder csv = new StringBuilder("path,seed," + String.join(",", METRICS) + "\n");
    for (Map<String, Object> row : r.paths()) {
      csv.append(row.get("path")).append(',').append(row.get("seed"));
      for (String k : METRICS) {
        double v = ((Number) row.get(k)).doubleValue();
        csv.append(',').append(Double.isNaN(v) ? "" : Double.toString(v));
      }
      csv.append('\n');
    }
    AtomicFiles.writeString(dir.resolve("scenarios.csv"), csv.toString());
    AtomicFiles.writeString(dir.resolve("summary.json"), Json.pretty(r.summary()));
  }

  /** Path {@code seed}: synthetic, or the real bars resampled. */
  static Panel path(Request r, long seed) {
    if (r.model() == Model.BOOTSTRAP) {
      return bootstrap(r.data(), r.meanBlock(), seed);
    }
    List<String> symbols = r.data() != null ? r.data().symbols() : defaultSymbols(r.strategy(), r.params());
    SyntheticMarket.Spec spec = SyntheticMarket.Spec.gbmUniverse(symbols.size(), r.bars(), seed).withSymbols(symbols);
    if (r.data() != null) {
      double[] mv = driftAndVolatility(r.data(), r.periodsPerYear());
      spec = spec.withDriftAndVolatility(mv[0], mv[1]);
    }
    if (r.model() == Model.OU) {
      spec = spec.withModel(SyntheticMarket.Model.ORNSTEIN_UHLENBECK, 2.0);
    }
    return Panel.align(SyntheticMarket.generate(spec));
  }

  private static List<String> defaultSymbols(String strategy, Map<String, String> params) {
    List<String> universe = io.momentic.strategies.StrategyRegistry.universe(strategy, params);
    return universe.isEmpty() ? List.of("SYN01") : universe;
  }

  /** Annualised drift and volatility of the first symbol's log returns. */
  static double[] driftAndVolatility(Panel p, double ppy) {
    double[] c = p.closes(0);
    double sum = 0;
    double sq = 0;
    int n = 0;
    for (int t = 1; t < c.length; t++) {
      double r = Math.log(c[t] / c[t - 1]);
      if (Double.isFinite(r)) {
        sum += r;
        sq += r * r;
        n++;
      }
    }
    double mean = sum / n;
    double var = (sq - n * mean * mean) / (n - 1);
    double sigma = Math.sqrt(var * ppy);
    return new double[] {mean * ppy + sigma * sigma / 2, sigma};
  }

  /**
   * A stationary block-bootstrap path of the real bars: every symbol's bar shapes (open, high, low
   * and close relative to the previous close; volume) resampled at the same positions, so the
   * symbols keep their co-movement, and chained from the first close. Gaps (NaN) are kept as gaps.
   */
  static Panel bootstrap(Panel real, double meanBlock, long seed) {
    int n = real.size();
    if (n < 3) {
      throw new ConfigException("data", "expected at least 3 bars to resample, found " + n);
    }
    int[] at = Bootstrap.stationaryIndices(n - 1, meanBlock, new SplittableRandom(seed));
    List<BarSeries> out = new ArrayList<>();
    for (int s = 0; s < real.symbolCount(); s++) {
      double[] o = real.opens(s);
      double[] h = real.highs(s);
      double[] l = real.lows(s);
      double[] c = real.closes(s);
      double[] v = real.volumes(s);
      BarSeries.Builder b = BarSeries.builder(real.instruments().get(s), real.interval());
      double prev = c[0];
      int first = 0;
      while (first < n && !Double.isFinite(prev)) {
        prev = c[++first];
      }
      if (first >= n - 1) {
        continue;
      }
      b.add(real.time(first), o[first], h[first], l[first], c[first], v[first]);
      for (int i = first + 1; i < n; i++) {
        int k = at[i - 1] + 1; // the resampled bar (1 … n−1) and its previous close
        double base = c[k - 1];
        if (!(base > 0) || !Double.isFinite(c[k])) {
          continue; // a gap in the source: no bar here
        }
        double close = prev * c[k] / base;
        b.add(real.time(i), prev * o[k] / base, prev * h[k] / base, prev * l[k] / base, close, v[k]);
        prev = close;
      }
      out.add(b.build());
    }
    return Panel.align(out);
  }
}
