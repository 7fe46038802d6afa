package io.momentic.engine;

import io.momentic.core.BarSeries;
import io.momentic.core.Checks;
import io.momentic.core.Panel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The event loop (DESIGN.md §4). For each bar t:
 * <ol>
 *   <li>market orders and target weights decided at t−1 fill at the open of t (default timing);</li>
 *   <li>working stop, limit and stop-limit orders are checked against t's range (stop-losses before
 *       take-profits, so when both are reachable the stop-loss wins);</li>
 *   <li>positions are marked at the close of t and the strategy decides;</li>
 *   <li>with {@link FillTiming#SAME_CLOSE}, its market orders fill at the close of t.</li>
 * </ol>
 * One run is single-threaded and deterministic; parallelism belongs across runs.
 */
public final class BacktestEngine {

  /** Stops (incl. stop-losses) first, then stop-limits, then limits (incl. take-profits). */
  private static final OrderType[] RESTING_PASSES = {OrderType.STOP, OrderType.STOP_LIMIT, OrderType.LIMIT};

  private BacktestEngine() {}

  public static BacktestResult run(BarSeries series, Strategy strategy, BacktestConfig config) {
    return run(Panel.align(List.of(series)), strategy, config);
  }

  public static BacktestResult run(Panel panel, Strategy strategy, BacktestConfig config) {
    Checks.notNull(strategy, "strategy");
    Checks.notNull(config, "config");
    if (panel.size() == 0) {
      throw new IllegalArgumentException("Expected at least one bar to backtest, but found none");
    }
    return new Run(panel, strategy, config, null).execute();
  }

  /**
   * Continues a portfolio saved earlier ({@link BacktestResult#finalState()}, or
   * {@code state/portfolio.json}): the broker starts from its cash, positions and ledger, and the
   * run trades from the first bar after the state's time (earlier bars are indicator warm-up).
   * Working orders are not carried over, so a strategy resumed after a bar where it submitted
   * nothing decides exactly as the uninterrupted run.
   */
  public static BacktestResult resume(Panel panel, Strategy strategy, BacktestConfig config, PortfolioState state) {
    Checks.notNull(state, "state");
    long[] times = panel.times();
    PaperBroker broker = PaperBroker.restore(state, panel.symbols(), config.fees(), config.slippage(), time -> {
      int i = 0;
      while (i + 1 < times.length && times[i + 1] <= time) {
        i++;
      }
      return i;
    });
    BacktestConfig from = config.withStartTime(Math.max(config.startTimeMillis(), state.asOfMillis() + 1));
    return new Run(panel, strategy, from, broker).execute();
  }

  //-------------------------------------------------------------------------
  private static final class WorkingOrder {
    final long id;
    Order order;
    final int createdBar;
    /** First bar whose range can fill it. */
    final int activeFrom;
    boolean triggered; // stop-limit: the stop has been hit, now a resting limit
    long ocoPartner = -1; // bracket siblings cancel each other

    WorkingOrder(long id, Order order, int createdBar, int activeFrom) {
      this.id = id;
      this.order = order;
      this.createdBar = createdBar;
      this.activeFrom = activeFrom;
    }
  }

  private static final class Run implements BarContext, PrepareContext {
    final Panel panel;
    final Strategy strategy;
    final BacktestConfig config;
    final int n;
    /** First recorded bar; bars before it are warm-up (see {@link BacktestConfig#startTimeMillis}). */
    final int first;
    final int symbols;
    /** Last close at or before {@link #markBar} per symbol, found lazily (see {@link #lastClose(int)}). */
    final double[] lastCloseValue;
    final int[] lastCloseScanned;
    /** Last bar whose range has been applied to the symbol's open position (MAE/MFE), found lazily. */
    final int[] observedThrough;
    /**
     * The latest bar whose close is known: t − 1 while t's open and intrabar fills happen, t once its
     * close is marked. Marks, sizing and excursions all read up to it, never past.
     */
    int markBar;
    final PaperBroker broker;
    final double[] targetWeights;
    final boolean[] hasTarget;
    /** How many symbols have a target weight waiting (lets the common no-target bar skip rebalancing). */
    int targetsPending;
    final List<WorkingOrder> working = new ArrayList<>();
    final List<WorkingOrder> scratch = new ArrayList<>();
    final double[] equity;
    final double[] cashSeries;
    final double[] exposure;
    final List<Feature> features = new ArrayList<>();
    int t;
    boolean deciding;

    Run(Panel panel, Strategy strategy, BacktestConfig config, PaperBroker broker) {
      this.panel = panel;
      this.strategy = strategy;
      this.config = config;
      this.n = panel.size();
      this.first = panel.indexAtOrAfter(config.startTimeMillis());
      if (first == n) {
        throw new IllegalArgumentException("Expected bars at or after the start time, but the data ends before it");
      }
      this.symbols = panel.symbolCount();
      this.lastCloseValue = new double[symbols];
      Arrays.fill(lastCloseValue, Double.NaN);
      this.lastCloseScanned = new int[symbols];
      Arrays.fill(lastCloseScanned, -1);
      this.observedThrough = new int[symbols];
      this.broker = broker != null ? broker
          : new PaperBroker(panel.symbols(), config.initialCash(), config.fees(), config.slippage());
      this.targetWeights = new double[symbols];
      this.hasTarget = new boolean[symbols];
      this.equity = new double[n - first];
      this.cashSeries = new double[n - first];
      this.exposure = new double[n - first];
    }

    BacktestResult execute() {
      strategy.prepare(this);
      Arrays.fill(observedThrough, first - 1);
      boolean nextOpen = config.fillTiming() == FillTiming.NEXT_OPEN;
      for (int bar = first; bar < n; bar++) {
        t = bar;
        // Fast path: most bars have nothing working and nothing to rebalance.
        if (!working.isEmpty() || (nextOpen && targetsPending > 0)) {
          markBar = bar - 1;
          if (nextOpen) {
            fillAtOpen();
          }
          fillWorkingOrders();
        }
        markBar = bar;
        mark();
        deciding = true;
        strategy.onBar(this);
        deciding = false;
        if (!nextOpen) {
          fillAtClose();
          mark();
        }
      }
      t = n - 1;
      markBar = n - 1;
      double[] marks = new double[symbols];
      for (int s = 0; s < symbols; s++) {
        catchUpExcursions(s);
        marks[s] = lastClose(s);
      }
      if (config.closeAtEnd()) {
        for (int s = 0; s < symbols; s++) {
          if (broker.quantity(s) != 0 && !Double.isNaN(marks[s])) {
            Side side = broker.quantity(s) > 0 ? Side.SELL : Side.BUY;
            execute(s, side, Math.abs(broker.quantity(s)), marks[s], true, -1, "close-at-end");
          }
        }
        mark();
      }
      List<Trade> open = broker.openTrades(marks, n - 1);
      long[] times = first == 0 ? panel.times() : Arrays.copyOfRange(panel.times(), first, n);
      return new BacktestResult(times, equity, cashSeries, exposure,
          broker.fills(), broker.trades(), List.copyOf(open), config, broker.snapshot(panel.time(n - 1)));
    }

    //-----------------------------------------------------------------------
    // Fills

    private void fillAtOpen() {
      if (working.isEmpty()) {
        rebalance(true);
        return;
      }
      scratch.clear();
      for (int i = 0; i < working.size(); i++) {
        WorkingOrder w = working.get(i);
        if (w.order.type() == OrderType.MARKET) {
          scratch.add(w);
        }
      }
      for (int i = 0; i < scratch.size(); i++) {
        WorkingOrder w = scratch.get(i);
        int s = w.order.symbol();
        double open = panel.open(s, t);
        if (Double.isNaN(open)) {
          continue; // no bar for this symbol yet: the order waits
        }
        working.remove(w);
        fillOrder(w, open, true);
      }
      rebalance(true);
    }

    private void fillAtClose() {
      scratch.clear();
      for (int i = 0; i < working.size(); i++) {
        WorkingOrder w = working.get(i);
        if (w.order.type() == OrderType.MARKET && w.createdBar <= t) {
          scratch.add(w);
        }
      }
      for (int i = 0; i < scratch.size(); i++) {
        WorkingOrder w = scratch.get(i);
        double close = panel.close(w.order.symbol(), t);
        if (Double.isNaN(close)) {
          continue;
        }
        working.remove(w);
        fillOrder(w, close, true);
      }
      rebalance(false);
    }

    private void fillWorkingOrders() {
      if (working.isEmpty()) {
        return;
      }
      for (OrderType pass : RESTING_PASSES) {
        scratch.clear();
        for (int i = 0; i < working.size(); i++) {
          WorkingOrder w = working.get(i);
          if (w.order.type() == pass && eligible(w)) {
            scratch.add(w);
          }
        }
        for (int i = 0; i < scratch.size(); i++) {
          WorkingOrder w = scratch.get(i);
          if (!working.contains(w)) {
            continue; // cancelled by its OCO sibling earlier in this bar
          }
          tryFill(w);
        }
      }
      // DAY orders live for the first bar they could fill on (an index loop: no lambda per bar).
      for (int i = working.size() - 1; i >= 0; i--) {
        WorkingOrder w = working.get(i);
        if (w.order.timeInForce() == TimeInForce.DAY && w.order.type() != OrderType.MARKET && eligible(w)
            && !Double.isNaN(panel.open(w.order.symbol(), t))) {
          working.remove(i);
        }
      }
    }

    private boolean eligible(WorkingOrder w) {
      return w.activeFrom <= t;
    }

    private void tryFill(WorkingOrder w) {
      Order o = w.order;
      int s = o.symbol();
      double open = panel.open(s, t);
      if (Double.isNaN(open)) {
        return;
      }
      double high = panel.high(s, t);
      double low = panel.low(s, t);
      boolean buy = o.side() == Side.BUY;
      double price = Double.NaN;
      boolean slip = true;
      switch (o.type()) {
        case STOP -> {
          if (buy && high >= o.stopPrice()) {
            price = Math.max(open, o.stopPrice());
          } else if (!buy && low <= o.stopPrice()) {
            price = Math.min(open, o.stopPrice());
          }
        }
        case LIMIT -> {
          slip = false; // a limit never fills worse than its price
          if (buy && low <= o.limitPrice()) {
            price = Math.min(open, o.limitPrice());
          } else if (!buy && high >= o.limitPrice()) {
            price = Math.max(open, o.limitPrice());
          }
        }
        case STOP_LIMIT -> {
          slip = false;
          boolean triggeredNow = w.triggered || (buy ? high >= o.stopPrice() : low <= o.stopPrice());
          if (triggeredNow) {
            double triggerPrice = w.triggered ? open : (buy ? Math.max(open, o.stopPrice()) : Math.min(open, o.stopPrice()));
            w.triggered = true;
            if (buy ? triggerPrice <= o.limitPrice() : triggerPrice >= o.limitPrice()) {
              price = triggerPrice;
            } else if (buy ? low <= o.limitPrice() : high >= o.limitPrice()) {
              price = o.limitPrice();
            }
          }
        }
        default -> throw new IllegalStateException("Unexpected " + o.type());
      }
      if (Double.isNaN(price)) {
        return;
      }
      working.remove(w);
      fillOrder(w, price, slip);
    }

    private void fillOrder(WorkingOrder w, double referencePrice, boolean slip) {
      Order o = w.order;
      int s = o.symbol();
      double price = slip ? config.slippage().apply(o.side(), referencePrice) : referencePrice;
      double quantity = resolveQuantity(o, s, price);
      if (w.ocoPartner >= 0) {
        cancel(w.ocoPartner);
      }
      if (!(quantity > 0)) {
        return;
      }
      double filled = execute(s, o.side(), quantity, referencePrice, slip, w.id, o.tag());
      if (filled > 0 && o.hasBracket()) {
        Side exit = o.side().opposite();
        // Filled at this bar's open: the rest of the bar happens after the entry, so its exits
        // are live on this bar. Filled intrabar or at the close: the path is unknown, so from the next.
        boolean atOpen = referencePrice == panel.open(s, t) && !(config.fillTiming() == FillTiming.SAME_CLOSE
            && o.type() == OrderType.MARKET);
        int activeFrom = atOpen ? t : t + 1;
        WorkingOrder sl = null;
        WorkingOrder tp = null;
        if (!Double.isNaN(o.stopLoss())) {
          sl = new WorkingOrder(broker.newOrderId(), Order.stop(s, exit, Sizing.units(filled), o.stopLoss())
              .withTag("stop-loss"), t, activeFrom);
          working.add(sl);
        }
        if (!Double.isNaN(o.takeProfit())) {
          tp = new WorkingOrder(broker.newOrderId(), Order.limit(s, exit, Sizing.units(filled), o.takeProfit())
              .withTag("take-profit"), t, activeFrom);
          working.add(tp);
        }
        if (sl != null && tp != null) {
          sl.ocoPartner = tp.id;
          tp.ocoPartner = sl.id;
        }
      }
    }

    private double resolveQuantity(Order o, int s, double price) {
      boolean whole = panel.instruments().get(s).wholeUnits();
      double q = switch (o.sizing()) {
        case Sizing.Units u -> u.quantity();
        case Sizing.EquityFraction f -> f.fraction() * equityAt(s, price) / price;
        case Sizing.AllCash a -> broker.allCashQuantity(price, whole);
        case Sizing.ClosePosition c -> (o.side() == Side.SELL ? Math.max(0, broker.quantity(s)) : Math.max(0, -broker.quantity(s)));
      };
      if (whole) {
        q = Math.floor(q + 1e-9);
      }
      return capLeverage(s, o.side(), q, price, whole);
    }

    /** Clips an exposure-increasing order so gross exposure stays within the cap. */
    private double capLeverage(int s, Side side, double q, double price, boolean whole) {
      double current = broker.quantity(s);
      double after = current + side.sign() * q;
      if (Math.abs(after) <= Math.abs(current)) {
        return q; // reduces exposure
      }
      double equityNow = equityAt(s, price);
      double otherGross = grossExposure(s);
      double maxAbs = (config.leverageCap() * equityNow - otherGross) / price;
      if (Math.abs(after) <= maxAbs + 1e-9) {
        return q;
      }
      double allowedAfter = Math.max(0, maxAbs) * Math.signum(after);
      double clipped = Math.abs(allowedAfter - current);
      if (Math.signum(allowedAfter - current) != side.sign()) {
        return 0;
      }
      return whole ? Math.floor(clipped) : clipped;
    }

    private double grossExposure(int exceptSymbol) {
      double g = 0;
      for (int s = 0; s < symbols; s++) {
        if (s != exceptSymbol && broker.quantity(s) != 0) {
          g += Math.abs(broker.quantity(s) * markPrice(s));
        }
      }
      return g;
    }

    private double markPrice(int s) {
      double last = lastClose(s);
      return Double.isNaN(last) ? (t < n ? panel.close(s, t) : Double.NaN) : last;
    }

    /** The symbol's last close at or before {@link #markBar}; scans only bars not scanned before. */
    private double lastClose(int s) {
      int scanned = lastCloseScanned[s];
      if (scanned < markBar) {
        for (int b = markBar; b > scanned; b--) {
          double c = panel.close(s, b);
          if (c == c) { // not NaN
            lastCloseValue[s] = c;
            break;
          }
        }
        lastCloseScanned[s] = markBar;
      }
      return lastCloseValue[s];
    }

    /**
     * Applies the ranges of the bars since the last catch-up, up to {@link #markBar}, to the symbol's
     * open position — done before each of its fills and at the end instead of on every bar.
     */
    private void catchUpExcursions(int s) {
      int from = observedThrough[s] + 1;
      if (from <= markBar) {
        if (broker.quantity(s) != 0) {
          for (int b = from; b <= markBar; b++) {
            broker.observeRange(s, panel.low(s, b), panel.high(s, b));
          }
        }
        observedThrough[s] = markBar;
      }
    }

    /** Equity with symbol s marked at {@code price} and the others at their last close. */
    private double equityAt(int s, double price) {
      double e = broker.cash();
      for (int k = 0; k < symbols; k++) {
        double q = broker.quantity(k);
        if (q != 0) {
          e += q * (k == s ? price : markPrice(k));
        }
      }
      return e;
    }

    private void rebalance(boolean atOpen) {
      if (targetsPending == 0) {
        return;
      }
      // Sells first, so their proceeds fund the buys.
      for (int pass = 0; pass < 2; pass++) {
        for (int s = 0; s < symbols; s++) {
          if (!hasTarget[s]) {
            continue;
          }
          double price = atOpen ? panel.open(s, t) : panel.close(s, t);
          if (Double.isNaN(price)) {
            continue;
          }
          double current = broker.quantity(s);
          double desired = targetWeights[s] * equityAt(s, price) / price;
          if (panel.instruments().get(s).wholeUnits()) {
            desired = desired >= 0 ? Math.floor(desired + 1e-9) : Math.ceil(desired - 1e-9);
          }
          double delta = desired - current;
          boolean isSell = delta < 0;
          if ((pass == 0) != isSell) {
            continue;
          }
          hasTarget[s] = false;
          targetsPending--;
          if (delta == 0 || Math.abs(delta) * price < config.minTradeValue()) {
            continue;
          }
          Side side = delta > 0 ? Side.BUY : Side.SELL;
          double q = Math.abs(delta);
          if (side == Side.BUY && broker.quantity(s) >= 0) {
            // Never spend more than the cash: shrink to what cash covers, net of fees.
            double slipped = config.slippage().apply(side, price);
            q = Math.min(q, broker.allCashQuantity(slipped, panel.instruments().get(s).wholeUnits()));
          }
          if (q > 0) {
            execute(s, side, q, price, true, -1, "target-weight");
          }
        }
      }
    }

    private double execute(int s, Side side, double quantity, double referencePrice, boolean slip, long orderId,
        String reason) {
      catchUpExcursions(s);
      return broker.execute(s, side, quantity, referencePrice, slip, orderId, reason, t, panel.time(t));
    }

    /** Marks the portfolio at the close of {@code t} (= {@link #markBar}) into the output arrays. */
    private void mark() {
      int bar = t;
      double cash = broker.cash();
      double e = cash;
      double gross = 0;
      for (int s = 0; s < symbols; s++) {
        double q = broker.quantity(s);
        if (q != 0) {
          // Marked at this bar's close when it has one (the common case, no scan), else the last.
          double close = panel.close(s, bar);
          double v = q * (close == close ? close : lastClose(s));
          e += v;
          gross += Math.abs(v);
        }
      }
      int i = bar - first;
      equity[i] = e;
      cashSeries[i] = cash;
      exposure[i] = gross == 0 ? 0 : e > 0 ? gross / e : Double.POSITIVE_INFINITY;
    }

    //-----------------------------------------------------------------------
    // PrepareContext

    @Override
    public Panel data() {
      return panel;
    }

    @Override
    public Feature feature(String name, double[][] valuesBySymbol) {
      if (valuesBySymbol.length != symbols) {
        throw new IllegalArgumentException("Expected feature '" + name + "' for " + symbols + " symbols, but found "
            + valuesBySymbol.length);
      }
      for (double[] v : valuesBySymbol) {
        if (v.length != n) {
          throw new IllegalArgumentException("Expected feature '" + name + "' of " + n + " bars, but found " + v.length);
        }
      }
      Feature f = new Feature(name, valuesBySymbol);
      features.add(f);
      return f;
    }

    //-----------------------------------------------------------------------
    // BarContext

    @Override
    public int bar() {
      return t;
    }

    @Override
    public long time() {
      return panel.time(t);
    }

    @Override
    public int symbolCount() {
      return symbols;
    }

    @Override
    public String symbol(int s) {
      return panel.symbol(s);
    }

    @Override
    public boolean hasBar(int s) {
      return panel.hasBar(s, t);
    }

    @Override
    public double open(int s) {
      return panel.open(s, t);
    }

    @Override
    public double high(int s) {
      return panel.high(s, t);
    }

    @Override
    public double low(int s) {
      return panel.low(s, t);
    }

    @Override
    public double close(int s) {
      return panel.close(s, t);
    }

    @Override
    public double volume(int s) {
      return panel.volume(s, t);
    }

    @Override
    public double close(int s, int lag) {
      Checks.notNegative(lag, "lag");
      return t - lag < 0 ? Double.NaN : panel.close(s, t - lag);
    }

    @Override
    public double get(Feature feature, int s) {
      return feature.values[s][t];
    }

    @Override
    public double get(Feature feature, int s, int lag) {
      Checks.notNegative(lag, "lag");
      return t - lag < 0 ? Double.NaN : feature.values[s][t - lag];
    }

    @Override
    public double cash() {
      return broker.cash();
    }

    @Override
    public double position(int s) {
      return broker.quantity(s);
    }

    @Override
    public double equity() {
      return equity[t - first];
    }

    @Override
    public long submit(Order order) {
      if (!deciding) {
        throw new IllegalStateException("Orders can only be submitted from onBar");
      }
      Checks.inRange(order.symbol(), 0, symbols, "symbol");
      long id = broker.newOrderId();
      working.add(new WorkingOrder(id, order, t, t + 1));
      return id;
    }

    @Override
    public boolean cancel(long orderId) {
      return working.removeIf(w -> w.id == orderId);
    }

    @Override
    public long replace(long orderId, Order replacement) {
      cancel(orderId);
      return submit(replacement);
    }

    @Override
    public void cancelAll(int s) {
      working.removeIf(w -> w.order.symbol() == s);
    }

    @Override
    public void targetWeight(int s, double weight) {
      Checks.inRange(s, 0, symbols, "symbol");
      Checks.finite(weight, "weight");
      targetWeights[s] = weight;
      if (!hasTarget[s]) {
        targetsPending++;
      }
      hasTarget[s] = true;
    }

    @Override
    public void closeDelisted(int s) {
      if (!deciding) {
        throw new IllegalStateException("Delisted positions can only be closed from onBar");
      }
      Checks.inRange(s, 0, symbols, "symbol");
      if (panel.hasBar(s, t)) {
        throw new IllegalStateException("Expected " + panel.symbol(s) + " to have no bar at "
            + java.time.Instant.ofEpochMilli(panel.time(t)) + " to close it as delisted, but it trades; sell it with an order or a target weight");
      }
      if (hasTarget[s]) {
        hasTarget[s] = false;
        targetsPending--;
      }
      working.removeIf(w -> w.order.symbol() == s);
      double q = broker.quantity(s);
      double last = lastClose(s);
      if (q == 0 || Double.isNaN(last)) {
        return;
      }
      execute(s, q > 0 ? Side.SELL : Side.BUY, Math.abs(q), last, true, -1, "delisted");
    }
  }
}
