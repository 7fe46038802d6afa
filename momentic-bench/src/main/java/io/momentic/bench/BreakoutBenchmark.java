package io.momentic.bench;

import io.momentic.core.BarSeries;
import io.momentic.data.BarFiles;
import io.momentic.data.SyntheticMarket;
import io.momentic.engine.exec.ExecutionConfig;
import io.momentic.engine.exec.FeeModel;
import io.momentic.strategies.breakout.BreakoutFeatures;
import io.momentic.strategies.breakout.BreakoutScanner;
import io.momentic.strategies.breakout.Direction;
import io.momentic.strategies.breakout.MiniWalkForward;
import io.momentic.strategies.breakout.RegimeInputs;
import io.momentic.strategies.breakout.Signal;
import io.momentic.strategies.breakout.Step1Backtest;
import io.momentic.research.ml.MetaLabel;
import io.momentic.strategies.breakout.Step2MetaLabel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reference 001's two costs: one full Step 1 — features, the analog ratchet, the 72 methods on the
 * analogs through {@code engine.trade}, the candidates and the purged mini walk-forward — on 1,000
 * daily bars of a real pair (the newest scanner signal in them); and a scan of 300 symbols' last
 * 3 candles (1,000 bars each, seeded synthetic), fetch excluded. Targets: 20 ms and 1 s warm.
 * And Step 2's model on 150 samples — the 11 ML features of 150 bars of that pair, labelled by the
 * candle-direction move over the next 5 bars — which by count is gradient boosting with isotonic
 * calibration on purged folds and purged-CV scores: under 1 s warm.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class BreakoutBenchmark {

  @Param({"../shared/data/binance_spot_1d/ETHUSDT.csv"})
  String file;

  BarSeries bars;
  Signal signal;
  Direction direction;
  ExecutionConfig config;
  List<BarSeries> universe;
  List<MetaLabel.Sample> samples150;

  @Setup
  public void setUp() {
    BarSeries all = BarFiles.read(Path.of(file)).single();
    bars = all.subSeries(all.size() - 1000, all.size());
    for (int b = bars.size() - 1; b > BreakoutFeatures.warmup() && signal == null; b--) {
      Direction d = Direction.ofCandle(bars.open(b), bars.close(b));
      if (d != null) {
        BreakoutFeatures.Set f = BreakoutFeatures.compute(bars, d, RegimeInputs.NONE);
        signal = BreakoutScanner.score("BENCH", f, b, BreakoutScanner.Settings.DEFAULTS).orElse(null);
        direction = d;
      }
    }
    if (signal == null) {
      throw new IllegalStateException("no scanner signal in " + file);
    }
    config = ExecutionConfig.defaults().withFees(FeeModel.fixedPlusRate(0, 0.001));
    universe = SyntheticMarket.generate(SyntheticMarket.Spec.gbmUniverse(300, 1000, 2026));
    BreakoutFeatures.Set f = BreakoutFeatures.compute(bars, direction, RegimeInputs.NONE);
    samples150 = new ArrayList<>();
    for (int t = bars.size() - 6; t > BreakoutFeatures.warmup() && samples150.size() < 150; t -= 5) {
      double move = (bars.close(t + 5) - bars.close(t)) * (direction == Direction.LONG ? 1 : -1);
      samples150.add(0, new MetaLabel.Sample(Step2MetaLabel.features(f, t), move > 0 ? 1 : 0, 1, t, t + 5));
    }
    if (samples150.size() < 150) {
      throw new IllegalStateException("fewer than 150 samples in " + file);
    }
  }

  @Benchmark
  public MetaLabel.Fit step2On150Samples() {
    return MetaLabel.fit(samples150, MetaLabel.Options.DEFAULTS);
  }

  @Benchmark
  public Object step1() {
    BreakoutFeatures.Set f = BreakoutFeatures.compute(bars, direction, RegimeInputs.NONE);
    Step1Backtest.Result r = Step1Backtest.run(signal, f, config);
    Step1Backtest.Candidate c = r.candidateWeighted() != null ? r.candidateWeighted() : r.candidateNewest();
    return MiniWalkForward.run(signal, f, c == null ? r.methods().get(0).method() : c.stats().method(), config,
        BreakoutScanner.Settings.DEFAULTS, 1);
  }

  @Benchmark
  public int scan300() {
    int n = 0;
    for (BarSeries s : universe) {
      n += BreakoutScanner.scan(s.symbol(), s, BreakoutScanner.Settings.DEFAULTS, RegimeInputs.NONE).size();
    }
    return n;
  }
}
