package io.momentic.strategies.breakout;

import java.util.ArrayList;
import java.util.List;

/**
 * One method's Step 1 record: counts, win rate, EV, the time-decayed and regime-weighted EVw and
 * WRw, profit factors raw and honest, the fill diagnostics and the decay-bucket breakdown.
 *
 * <p>Decay buckets (reference 001): the trades in time order are cut into k buckets of equal count
 * — k = 4 for n ≥ 400 (weights 0.40, 0.60, 0.80, 1.00, oldest to newest), 3 for n ≥ 200 (0.50, 0.75,
 * 1.00), 2 for n ≥ 80 (0.60, 1.00), else 1 (1.00). A trade's weight is its bucket's weight times its
 * regime similarity; EVw and WRw are the weighted mean r and weighted win share.
 */
public record MethodStats(TradeMethod method, int n, int wins, int losses, int neutrals, double winRate, double ev,
    double evWeighted, double wrWeighted, double profitFactor, double honestProfitFactor, int qualifying, int filled,
    int expired, int invalid, int unresolved, double fillRate, List<Bucket> buckets, boolean survivorBiasWarning) {

  /** One decay bucket: its weight, trade count, win rate and EV. */
  public record Bucket(double weight, int n, double winRate, double ev) {}

  /** Reference 001: warn of survivor bias when under 40 % of ≥ 20 qualifying signals filled. */
  public static final double SURVIVOR_FILL_RATE = 0.40;
  public static final int SURVIVOR_MIN_QUALIFYING = 20;

  /** The bucket weights for n trades, oldest first. */
  public static double[] bucketWeights(int n) {
    if (n >= 400) {
      return new double[] {0.40, 0.60, 0.80, 1.00};
    }
    if (n >= 200) {
      return new double[] {0.50, 0.75, 1.00};
    }
    if (n >= 80) {
      return new double[] {0.60, 1.00};
    }
    return new double[] {1.00};
  }

  /** The bucket of the i-th of n trades (time order) among k equal-count buckets. */
  static int bucketOf(int i, int n, int k) {
    return (int) ((long) i * k / n);
  }

  public static MethodStats of(TradeMethod method, SimTrades.Run run) {
    List<SimTrades.Trade> trades = new ArrayList<>(run.trades());
    trades.sort(java.util.Comparator.comparingInt(SimTrades.Trade::entryBar));
    int n = trades.size();
    int wins = 0;
    int losses = 0;
    for (SimTrades.Trade t : trades) {
      wins += t.outcome() == SimTrades.Outcome.WIN ? 1 : 0;
      losses += t.outcome() == SimTrades.Outcome.LOSS ? 1 : 0;
    }
    double[] weights = bucketWeights(n);
    int k = weights.length;
    double wSum = 0;
    double wr = 0;
    double ww = 0;
    List<List<SimTrades.Trade>> byBucket = new ArrayList<>();
    for (int b = 0; b < k; b++) {
      byBucket.add(new ArrayList<>());
    }
    for (int i = 0; i < n; i++) {
      SimTrades.Trade t = trades.get(i);
      int b = bucketOf(i, n, k);
      byBucket.get(b).add(t);
      double w = weights[b] * t.regimeWeight();
      wSum += w;
      wr += w * t.r();
      ww += t.outcome() == SimTrades.Outcome.WIN ? w : 0;
    }
    List<Bucket> buckets = new ArrayList<>(k);
    for (int b = 0; b < k; b++) {
      List<SimTrades.Trade> in = byBucket.get(b);
      buckets.add(new Bucket(weights[b], in.size(), SimTrades.winRate(in), SimTrades.meanR(in)));
    }
    boolean survivor = run.qualifying() >= SURVIVOR_MIN_QUALIFYING && run.fillRate() < SURVIVOR_FILL_RATE;
    return new MethodStats(method, n, wins, losses, n - wins - losses, SimTrades.winRate(trades),
        SimTrades.meanR(trades), wSum > 0 ? wr / wSum : Double.NaN, wSum > 0 ? ww / wSum : Double.NaN,
        SimTrades.profitFactor(trades), SimTrades.honestProfitFactor(trades), run.qualifying(), run.filled(),
        run.expired(), run.invalid(), run.unresolved(), run.fillRate(), List.copyOf(buckets), survivor);
  }

  /** The EV of the newest bucket (NaN when it is empty). */
  public double newestEv() {
    return buckets.isEmpty() ? Double.NaN : buckets.get(buckets.size() - 1).ev();
  }

  /** The trade count of the newest bucket. */
  public int newestN() {
    return buckets.isEmpty() ? 0 : buckets.get(buckets.size() - 1).n();
  }
}
