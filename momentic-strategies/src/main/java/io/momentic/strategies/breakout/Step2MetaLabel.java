package io.momentic.strategies.breakout;

import io.momentic.engine.exec.ExecutionConfig;
import io.momentic.research.ml.MetaLabel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Step 2 of reference 001: a meta-label model per distinct candidate, trained on the candidate's
 * own outcomes — the ML ratchet finds up to {@value #TARGET_SAMPLES} analogs with Step 1's ratios
 * and floors, the candidate's method is traded on each (through {@code engine.trade}, resolved by
 * the signal's bar), WIN = 1 and LOSS = 0 (NEUTRAL trades are left out of the labels and counted),
 * each sample weighted by its time-decay bucket × its regime similarity — and the probability that
 * this signal wins.
 */
public final class Step2MetaLabel {

  public static final int TARGET_SAMPLES = 80;

  /** One candidate's model and its probability for the signal. */
  public record CandidateModel(String candidate, TradeMethod method, Step1Backtest.Ratchet ratchet, int trades,
      int neutralsExcluded, MetaLabel.Fit fit, double pWin) {}

  /** Step 2's record: one model per distinct candidate (A and B share one when they are the same method). */
  public record Result(List<CandidateModel> models, boolean sameCandidate) {

    /** The candidate's model, or null. */
    public CandidateModel of(String candidate) {
      return models.stream().filter(m -> m.candidate().contains(candidate)).findFirst().orElse(null);
    }
  }

  private Step2MetaLabel() {}

  public static Result run(Signal signal, BreakoutFeatures.Set f, Step1Backtest.Result step1, ExecutionConfig config,
      MetaLabel.Options options) {
    List<CandidateModel> models = new ArrayList<>();
    Step1Backtest.Candidate a = step1.candidateNewest();
    Step1Backtest.Candidate b = step1.candidateWeighted();
    boolean same = a != null && b != null && a.stats().method().equals(b.stats().method());
    if (a != null) {
      models.add(model(same ? "A = B" : "A", a.stats().method(), signal, f, config, options));
    }
    if (b != null && !same) {
      models.add(model("B", b.stats().method(), signal, f, config, options));
    }
    return new Result(List.copyOf(models), same);
  }

  static CandidateModel model(String name, TradeMethod method, Signal signal, BreakoutFeatures.Set f,
      ExecutionConfig config, MetaLabel.Options options) {
    Step1Backtest.Ratchet ratchet = Step1Backtest.ratchet(signal, f, TARGET_SAMPLES);
    int[] analogs = Step1Backtest.analogs(f, signal.bar(), ratchet.used());
    List<SimTrades.Trade> trades = new ArrayList<>(new SimTrades(f, signal.bar(), config)
        .run(method, analogs, signal.regimeScore()).trades());
    trades.sort(Comparator.comparingInt(SimTrades.Trade::entryBar));
    List<SimTrades.Trade> labelled = new ArrayList<>();
    for (SimTrades.Trade t : trades) {
      if (t.outcome() != SimTrades.Outcome.NEUTRAL && finite(features(f, t.signalBar()))) {
        labelled.add(t);
      }
    }
    int neutrals = (int) trades.stream().filter(t -> t.outcome() == SimTrades.Outcome.NEUTRAL).count();
    double[] bucketWeights = MethodStats.bucketWeights(labelled.size());
    List<MetaLabel.Sample> samples = new ArrayList<>();
    for (int i = 0; i < labelled.size(); i++) {
      SimTrades.Trade t = labelled.get(i);
      double w = bucketWeights[MethodStats.bucketOf(i, labelled.size(), bucketWeights.length)] * t.regimeWeight();
      samples.add(new MetaLabel.Sample(features(f, t.signalBar()), t.outcome() == SimTrades.Outcome.WIN ? 1 : 0, w,
          t.signalBar(), t.labelEndBar()));
    }
    MetaLabel.Fit fit = MetaLabel.fit(samples, options);
    double p = fit.probability(features(f, signal.bar()));
    return new CandidateModel(name, method, ratchet, trades.size(), neutrals, fit, p);
  }

  /** The 11 ML features of a bar, in {@link BreakoutFeatures#ML_FEATURES} order. */
  public static double[] features(BreakoutFeatures.Set f, int bar) {
    double[] x = new double[BreakoutFeatures.ML_FEATURES.size()];
    for (int j = 0; j < x.length; j++) {
      x[j] = f.get(BreakoutFeatures.ML_FEATURES.get(j), bar);
    }
    return x;
  }

  private static boolean finite(double[] x) {
    for (double v : x) {
      if (!Double.isFinite(v)) {
        return false;
      }
    }
    return true;
  }
}
