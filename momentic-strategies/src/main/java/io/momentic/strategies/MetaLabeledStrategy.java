package io.momentic.strategies;

import io.momentic.core.Panel;
import io.momentic.engine.BacktestEngine;
import io.momentic.engine.BacktestResult;
import io.momentic.engine.BarContext;
import io.momentic.engine.ForwardingBarContext;
import io.momentic.engine.PrepareContext;
import io.momentic.engine.Strategy;
import io.momentic.engine.account.Trade;
import io.momentic.engine.exec.FillTiming;
import io.momentic.engine.order.Order;
import io.momentic.engine.order.OrderEvent;
import io.momentic.research.ml.MetaLabel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Meta-labelling for any strategy (López de Prado, ch. 3): the strategy decides when to trade; a
 * second model, trained on the strategy's own earlier trades, decides whether to take each entry.
 *
 * <p>Before the run the strategy is backtested unfiltered on the same data and settings: its trades
 * (positions from flat back to flat) are the samples — features at the entry decision, label 1 when
 * the position made money, spanning its decision bar to its exit bar. In the run, when the strategy
 * opens a position from flat at bar t, the model is fitted (walk-forward) on the trades whose label
 * ended before t — purged: none reaches the decision — once at least {@code minTrades} are there,
 * and the entry is skipped when the calibrated probability of a win is below the threshold; the
 * whole trade is then skipped (its later entries and exits for that symbol are suppressed until the
 * unfiltered trade's exit bar). Before enough trades exist, entries are taken and counted as such.
 *
 * <p>Features: every feature the strategy registers, read for the entry's symbol at the decision
 * bar; a strategy that registers none is read through four generic ones (5- and 20-bar returns,
 * 20-bar volatility, the close's place in its 20-bar range).
 */
public final class MetaLabeledStrategy implements Strategy {

  /**
   * One entry decision: where, the probability (NaN when not scored), whether it was taken, and how
   * many earlier trades — all settled before the decision bar — the model had to learn from.
   */
  public record Decision(int bar, int symbol, double pWin, boolean taken, int trainedOn, String why) {}

  /**
   * One unfiltered position, flat to flat, with its features at the entry decision: a sample of the
   * model once closed (its label spans decisionBar to exitBar).
   */
  public record Position(int symbol, int decisionBar, int exitBar, boolean won, boolean closed, double[] features) {}

  /** The generic features' names, in {@link #featureNames()}'s order. */
  static final List<String> GENERIC_FEATURES = List.of("ret_5", "ret_20", "vol_20", "range_pos_20");

  private final Supplier<Strategy> base;
  private final double threshold;
  private final int minTrades;
  private final long seed;
  private Strategy inner;
  private Panel panel;
  private final Map<String, double[][]> features = new TreeMap<>();
  private double[][][] generic;
  private final List<Position> positions = new ArrayList<>();
  private final Map<Long, Position> byDecision = new HashMap<>();
  private final List<Decision> decisions = new ArrayList<>();
  private final Map<Long, Decision> decided = new HashMap<>();
  private int fillLagBars;
  private int[] skipUntil;
  private MetaLabel.Fit model;
  private int fittedOn = -1;
  private final Filter filter = new Filter();

  public MetaLabeledStrategy(Supplier<Strategy> base, double threshold, int minTrades, long seed) {
    this.base = base;
    this.threshold = threshold;
    this.minTrades = minTrades;
    this.seed = seed;
  }

  public List<Decision> decisions() {
    return List.copyOf(decisions);
  }

  public long seed() {
    return seed;
  }

  /** The unfiltered run's positions in decision order (after {@link #prepare}): the model's samples. */
  public List<Position> positions() {
    return List.copyOf(positions);
  }

  /** The names of the features a position carries, in order: the strategy's own, or the generic four. */
  public List<String> featureNames() {
    return generic != null ? GENERIC_FEATURES : List.copyOf(features.keySet());
  }

  public double threshold() {
    return threshold;
  }

  /** The last model fitted (null when none was). */
  public MetaLabel.Fit model() {
    return model;
  }

  @Override
  public void prepare(PrepareContext context) {
    panel = context.data();
    inner = base.get();
    inner.prepare(new io.momentic.engine.WatchedPrepareContext(context, features::put));
    if (features.isEmpty()) {
      generic = genericFeatures(panel);
    }
    skipUntil = new int[panel.symbolCount()];
    java.util.Arrays.fill(skipUntil, -1);
    // The strategy's own trades, unfiltered, on the same data and settings.
    BacktestResult unfiltered = BacktestEngine.run(panel, base.get(), context.config());
    boolean nextOpen = context.config().fillTiming() == FillTiming.NEXT_OPEN;
    fillLagBars = nextOpen ? 1 : 0;
    // Its trades (lots) grouped into positions, flat to flat: a lot opened while the symbol's
    // position is still open (an add) belongs to it; one opened on or after its last exit — a
    // reversal closes one position and opens the next on the same bar — starts the next.
    List<Trade> lots = new ArrayList<>(unfiltered.trades());
    lots.addAll(unfiltered.openTrades()); // a position still open is an entry to judge like any other
    lots.sort(java.util.Comparator.comparingInt(Trade::symbol).thenComparingInt(Trade::entryBar));
    int i = 0;
    while (i < lots.size()) {
      Trade first = lots.get(i);
      int s = first.symbol();
      int exit = exitBar(first);
      double pnl = 0;
      boolean closed = true;
      int j = i;
      while (j < lots.size() && lots.get(j).symbol() == s && (j == i || lots.get(j).entryBar() < exit)) {
        Trade t = lots.get(j);
        pnl += t.pnl();
        exit = Math.max(exit, exitBar(t));
        closed &= !t.open();
        j++;
      }
      int decision = first.entryBar() - fillLagBars;
      Position p = new Position(s, decision, exit, pnl > 0, closed, featuresAt(s, decision));
      positions.add(p);
      byDecision.put(((long) s << 32) | decision, p);
      i = j;
    }
    positions.sort(java.util.Comparator.comparingInt(Position::decisionBar));
  }

  private int exitBar(Trade t) {
    return t.open() ? panel.size() - 1 : t.exitBar();
  }

  @Override
  public void onBar(BarContext c) {
    filter.wrap(c);
    inner.onBar(filter);
  }

  @Override
  public void onOrderEvent(BarContext c, OrderEvent event) {
    filter.wrap(c);
    inner.onOrderEvent(filter, event);
  }

  /** Whether an entry of symbol s at bar t may go ahead (deciding it the first time it is asked). */
  private boolean allow(int s, int t) {
    if (t <= skipUntil[s]) {
      return false; // inside a trade the model skipped
    }
    // The unfiltered run's position opened by this decision, when there is one: its span is what a
    // skip skips. There is none for an entry decided on the last bar (it never fills) or once the
    // filtered path has diverged; such an entry is judged all the same — whether an entry is judged
    // must not depend on bars after it — and a skip then skips just this order.
    Position p = byDecision.get(((long) s << 32) | t);
    Decision earlier = decided.get(((long) s << 32) | t);
    if (earlier != null) {
      return earlier.taken(); // asked again in the same bar (a strategy submitting twice)
    }
    List<MetaLabel.Sample> samples = new ArrayList<>();
    for (Position q : positions) {
      if (q.closed() && q.exitBar() < t) { // purged: its label is settled before this decision
        samples.add(new MetaLabel.Sample(q.features(), q.won() ? 1 : 0, 1, q.decisionBar(), q.exitBar()));
      }
    }
    samples.sort(java.util.Comparator.comparingInt(MetaLabel.Sample::start));
    if (samples.size() < minTrades) {
      record(new Decision(t, s, Double.NaN, true, samples.size(), "fewer than " + minTrades + " earlier trades: taken"));
      return true;
    }
    // Refitted as trades settle, on a geometric schedule (every 10 % more trades, at least 5): the
    // model keeps up with the strategy at a few dozen fits however long the history. No CV scores
    // per fit: the walk-forward filtered run is itself the out-of-sample test.
    if (model == null || samples.size() >= Math.max(fittedOn + 5, fittedOn * 1.1)) {
      model = MetaLabel.fit(samples, new MetaLabel.Options(MetaLabel.Model.AUTO, null, MetaLabel.CalibrationCv.PURGED,
          seed, false));
      fittedOn = samples.size();
    }
    double pWin = model.probability(featuresAt(s, t));
    boolean take = pWin >= threshold;
    record(new Decision(t, s, pWin, take, fittedOn, take ? "p ≥ threshold" : "p below the threshold: skipped"));
    if (!take && p != null) {
      // The skipped trade's span: no entry for this symbol until the bar the unfiltered run decided
      // its exit (an entry on that bar — a reversal — is judged on its own).
      skipUntil[s] = p.exitBar() - fillLagBars - 1;
    }
    return take;
  }

  private void record(Decision d) {
    decisions.add(d);
    decided.put(((long) d.symbol() << 32) | d.bar(), d);
  }

  private double[] featuresAt(int s, int t) {
    if (generic != null) {
      double[] x = new double[generic.length];
      for (int j = 0; j < x.length; j++) {
        x[j] = generic[j][s][t];
      }
      return x;
    }
    double[] x = new double[features.size()];
    int j = 0;
    for (double[][] f : features.values()) {
      double v = f[s][t];
      x[j++] = Double.isFinite(v) ? v : 0; // a feature still warming up reads as 0
    }
    return x;
  }

  /** 5- and 20-bar returns, 20-bar volatility of returns, and the close's place in its 20-bar range. */
  static double[][][] genericFeatures(Panel p) {
    int n = p.size();
    int m = p.symbolCount();
    double[][][] out = new double[4][m][n];
    for (int s = 0; s < m; s++) {
      double[] c = p.closes(s);
      double[] hi = p.highs(s);
      double[] lo = p.lows(s);
      for (int t = 0; t < n; t++) {
        out[0][s][t] = t >= 5 && c[t - 5] > 0 ? c[t] / c[t - 5] - 1 : 0;
        out[1][s][t] = t >= 20 && c[t - 20] > 0 ? c[t] / c[t - 20] - 1 : 0;
        double sum = 0;
        double sq = 0;
        int k = 0;
        double h = Double.NEGATIVE_INFINITY;
        double l = Double.POSITIVE_INFINITY;
        for (int i = Math.max(1, t - 19); i <= t; i++) {
          double r = c[i - 1] > 0 ? c[i] / c[i - 1] - 1 : 0;
          if (Double.isFinite(r)) {
            sum += r;
            sq += r * r;
            k++;
          }
          h = Math.max(h, hi[i]);
          l = Math.min(l, lo[i]);
        }
        double mean = k > 0 ? sum / k : 0;
        out[2][s][t] = k > 1 ? Math.sqrt(Math.max(0, sq / k - mean * mean)) : 0;
        out[3][s][t] = h > l ? (c[t] - l) / (h - l) : 0.5;
        for (int f = 0; f < 4; f++) {
          if (!Double.isFinite(out[f][s][t])) {
            out[f][s][t] = 0;
          }
        }
      }
    }
    return out;
  }

  /** The strategy's view with its entries gated by the model. */
  private final class Filter extends ForwardingBarContext {

    /** Opens a position from flat, or reverses one: what the model judges (adding to one is not). */
    private boolean entry(int s, boolean reduceOnly, boolean buy) {
      double held = inner.position(s);
      return !reduceOnly && (held == 0 || (held > 0) != buy);
    }

    @Override
    public long submit(Order order) {
      int s = order.symbol();
      boolean buy = order.side() == io.momentic.engine.order.Side.BUY;
      if (inner.bar() <= skipUntil[s] || (entry(s, order.sizing().reduceOnly(), buy) && !allow(s, inner.bar()))) {
        return -1; // not sent: the model skipped this trade
      }
      return inner.submit(order);
    }

    @Override
    public void targetWeight(int s, double weight) {
      if (inner.bar() <= skipUntil[s] || (weight != 0 && entry(s, false, weight > 0) && !allow(s, inner.bar()))) {
        return;
      }
      inner.targetWeight(s, weight);
    }

    @Override
    public long replace(long orderId, Order replacement) {
      return orderId < 0 ? -1 : inner.replace(orderId, replacement);
    }

    @Override
    public boolean cancel(long orderId) {
      return orderId >= 0 && inner.cancel(orderId);
    }

    @Override
    public boolean modify(long orderId, double newStopPrice, double newLimitPrice) {
      return orderId >= 0 && inner.modify(orderId, newStopPrice, newLimitPrice);
    }
  }
}
