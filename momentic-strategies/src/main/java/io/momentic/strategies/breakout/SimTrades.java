package io.momentic.strategies.breakout;

import io.momentic.analytics.TradeStats;
import io.momentic.core.BarSeries;
import io.momentic.core.Panel;
import io.momentic.engine.exec.ExecutionConfig;
import io.momentic.engine.trade.TradeOutcome;
import io.momentic.engine.trade.TradeSimulator;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A method's trades on a set of candle bars, simulated through {@code engine.trade} on the bars up
 * to a cut-off only (the signal's bar): a trade whose outcome is not known by then is left out as
 * unresolved — its label would reach past the signal. Also the outcome classes and the statistics
 * every table reports.
 */
public final class SimTrades {

  /** Reference 001: |r| ≤ 0.30 R is NEUTRAL — counted in PF and win rate, left out of ML labels. */
  public static final double NEUTRAL_R_THRESHOLD = 0.30;

  /** An outcome class. */
  public enum Outcome { WIN, LOSS, NEUTRAL }

  /**
   * One simulated trade of a method on the candle at {@code signalBar}: its entry and label end
   * bars (purging needs both), r-multiple, outcome, regime similarity weight and the ATR ratio at
   * the signal (the regime-breakdown proxy).
   */
  public record Trade(int signalBar, int entryBar, int labelEndBar, double r, Outcome outcome, double regimeWeight,
      double atrRatio, String exit) {}

  /** The trades of one method and what happened to the rest of its candidates. */
  public record Run(List<Trade> trades, int qualifying, int filled, int expired, int invalid, int unresolved) {

    public double fillRate() {
      return qualifying == 0 ? Double.NaN : (double) filled / qualifying;
    }
  }

  private final BreakoutFeatures.Set features;
  private final TradeSimulator simulator;
  private final int cutoff;

  /** Trades on {@code features}' series resolved by the close of bar {@code cutoff} (inclusive). */
  public SimTrades(BreakoutFeatures.Set features, int cutoff, ExecutionConfig config) {
    this.features = features;
    this.cutoff = cutoff;
    BarSeries visible = features.series().subSeries(0, cutoff + 1);
    double[] atr = java.util.Arrays.copyOf(features.column(BreakoutFeatures.Feature.ATR), cutoff + 1);
    this.simulator = new TradeSimulator(Panel.align(List.of(visible)), atr, config);
  }

  public static Outcome classify(double r) {
    return r > NEUTRAL_R_THRESHOLD ? Outcome.WIN : r < -NEUTRAL_R_THRESHOLD ? Outcome.LOSS : Outcome.NEUTRAL;
  }

  /** Simulates {@code method} on each candle of {@code bars}, weighting by regime similarity to {@code currentRegime}. */
  public Run run(TradeMethod method, int[] bars, double currentRegime) {
    BarSeries s = features.series();
    double[] atr = features.column(BreakoutFeatures.Feature.ATR);
    double[] regime = features.column(BreakoutFeatures.Feature.REGIME_SCORE);
    double[] atrRatio = features.column(BreakoutFeatures.Feature.ATR_RATIO);
    List<Trade> trades = new ArrayList<>(bars.length);
    int qualifying = 0;
    int filled = 0;
    int expired = 0;
    int invalid = 0;
    int unresolved = 0;
    for (int bar : bars) {
      if (bar >= cutoff) {
        unresolved++;
        continue;
      }
      Optional<MethodPlans.Prices> p = MethodPlans.prices(method, features.direction(), s.open(bar), s.close(bar),
          atr[bar]);
      if (p.isEmpty()) {
        invalid++;
        continue;
      }
      qualifying++;
      TradeOutcome o = simulator.simulate(bar, MethodPlans.plan(method, features.direction(), p.get()));
      if (o.expired()) {
        expired++;
        continue;
      }
      if (!o.filled() || o.exit().equals("end-of-data")) {
        unresolved++; // filled (or still resting) with its outcome after the cut-off: not known at the signal
        if (o.filled()) {
          filled++;
        }
        continue;
      }
      filled++;
      trades.add(new Trade(bar, o.entryBar(), o.labelEndBar(), o.rMultiple(), classify(o.rMultiple()),
          RegimeScore.similarityWeight(currentRegime, regime[bar]), atrRatio[bar], o.exit()));
    }
    return new Run(List.copyOf(trades), qualifying, filled, expired, invalid, unresolved);
  }

  public BreakoutFeatures.Set features() {
    return features;
  }

  //---------------------------------------------------------------------------
  // Statistics

  /** The r-multiples of {@code trades}. */
  public static double[] rs(List<Trade> trades) {
    double[] r = new double[trades.size()];
    for (int i = 0; i < r.length; i++) {
      r[i] = trades.get(i).r();
    }
    return r;
  }

  /** Σ wins / |Σ losses| of the r-multiples, NEUTRAL included; NaN when nothing lost. */
  public static double profitFactor(List<Trade> trades) {
    return TradeStats.profitFactor(rs(trades));
  }

  /** The profit factor without the NEUTRAL trades — reference 001's "honest PF". */
  public static double honestProfitFactor(List<Trade> trades) {
    return TradeStats.profitFactor(rs(trades.stream().filter(t -> t.outcome() != Outcome.NEUTRAL).toList()));
  }

  /** Share of WIN trades among all (NEUTRAL counts in the denominator); NaN for none. */
  public static double winRate(List<Trade> trades) {
    if (trades.isEmpty()) {
      return Double.NaN;
    }
    return (double) trades.stream().filter(t -> t.outcome() == Outcome.WIN).count() / trades.size();
  }

  public static double meanR(List<Trade> trades) {
    if (trades.isEmpty()) {
      return Double.NaN;
    }
    double sum = 0;
    for (Trade t : trades) {
      sum += t.r();
    }
    return sum / trades.size();
  }
}
