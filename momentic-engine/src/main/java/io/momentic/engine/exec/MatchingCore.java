package io.momentic.engine.exec;

import io.momentic.core.Checks;
import io.momentic.core.Instrument;
import io.momentic.core.Panel;
import io.momentic.core.RunFailure;
import io.momentic.core.Timestamps;
import io.momentic.engine.account.Ledger;
import io.momentic.engine.account.MarginModel;
import io.momentic.engine.account.PortfolioState;
import io.momentic.engine.order.FeatureRef;
import io.momentic.engine.order.Order;
import io.momentic.engine.order.OrderEvent.RejectReason;
import io.momentic.engine.order.OrderEvent;
import io.momentic.engine.order.OrderType;
import io.momentic.engine.order.Side;
import io.momentic.engine.order.Sizing;
import io.momentic.engine.order.TimeInForce;
import io.momentic.engine.order.Trail;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongToIntFunction;

/**
 * The one place orders become fills (DESIGN.md §4), for backtests, trade simulations and the
 * paper venue alike. It keeps the working orders of one account and, driven bar by bar, fills them
 * into its {@link Ledger}. For each bar t:
 * <ol>
 *   <li>good-till-date orders whose expiry has come are expired; an account that stopped trading
 *       is liquidated at the open;</li>
 *   <li>(next-open timing) market orders and target weights decided at t−1 fill at the open of t,
 *       rebalancing sells before buys so their proceeds fund the buys;</li>
 *   <li>a margin breach at the open prices liquidates every position at the open;</li>
 *   <li>working orders are checked against t's range by the {@link FillModel}: stops and trailing
 *       stops first, then stop-limits, then limits — so a stop-loss beats a take-profit in one
 *       bar; exits armed by an entry on this bar join when the model says they are live;</li>
 *   <li>DAY orders that could fill on t expire; a margin breach inside the range (the positions
 *       moving from the open toward their adverse extremes) liquidates them where the requirement
 *       is crossed;</li>
 *   <li>after the strategy decides at the close of t: (same-close timing) its market orders and
 *       target weights fill at the close; trailing stops move with the close.</li>
 * </ol>
 * Sizing is one rule on both sides: an exposure-increasing order is sized net of its entry fee
 * (all cash, or a fraction of equity), and the leverage cap is checked against the equity after
 * the fill's fee. Bracket exits are one-cancels-other and reduce-only. Nothing is allocated per bar
 * beyond what a fill or an event records.
 */
public final class MatchingCore {

  /** An order while it works: the request and the core's state of it (small: one is made per order). */
  private static final class WorkingOrder {
    final long id;
    Order order;
    final int createdBar;
    /** First bar whose range can fill it. */
    int activeFrom;
    /** Last bar it was checked on (each order is tried once a bar). */
    int evaluatedBar = Integer.MIN_VALUE;
    boolean triggered; // stop-limit: the stop has been hit, now a resting limit
    /** Bracket exits only reduce the position. */
    boolean reduceOnly;
    /** Units still to fill once part has filled (NaN: resolved from the sizing at the first fill). */
    double remaining = Double.NaN;
    /** Bracket links and trailing state, only for the orders that have them. */
    Extras extras;

    WorkingOrder(long id, Order order, int createdBar, int activeFrom) {
      this.id = id;
      this.order = order;
      this.createdBar = createdBar;
      this.activeFrom = activeFrom;
      this.reduceOnly = order.sizing().reduceOnly();
    }

    Extras extras() {
      if (extras == null) {
        extras = new Extras();
      }
      return extras;
    }

    long ocoPartner() {
      return extras == null ? -1 : extras.ocoPartner;
    }

    long parentId() {
      return extras == null ? -1 : extras.parentId;
    }

    long stopLossLeg() {
      return extras == null ? -1 : extras.stopLossLeg;
    }

    long takeProfitLeg() {
      return extras == null ? -1 : extras.takeProfitLeg;
    }

    double trailLevel() {
      return extras == null ? Double.NaN : extras.trailLevel;
    }

    double startPrice() {
      return extras == null ? Double.NaN : extras.startPrice;
    }

    double stopLevel() {
      return order.type() == OrderType.TRAILING_STOP ? trailLevel() : order.stopPrice();
    }
  }

  /** What only bracket entries, their exits and trailing stops carry. */
  private static final class Extras {
    long ocoPartner = -1; // bracket siblings cancel each other
    long parentId = -1;
    /** Bracket exits armed by this entry (−1 until armed). */
    long stopLossLeg = -1;
    long takeProfitLeg = -1;
    /** A trailing stop's current level (NaN until known). */
    double trailLevel = Double.NaN;
    /** For an exit armed inside its entry's bar: the entry's price, where the rest of the bar starts. */
    double startPrice = Double.NaN;
  }

  /** Stops (incl. trailing stops and stop-losses) first, then stop-limits, then limits (incl. take-profits). */
  private static final int PASSES = 3;

  private final Panel panel;
  private final Ledger ledger;
  private final ExecutionConfig config;
  /** The venue's order rules; {@link #ruled} is false when there are none (the common backtest). */
  private final VenueRules rules;
  private final boolean ruled;
  private final FeeModel fees;
  private final SlippageModel slippage;
  private final FillModel fillModel;
  private final boolean quantityDependentSlippage;
  private final boolean cappingSlippage;
  private final FeatureValues features;
  private final boolean nextOpen;
  private final int symbols;
  private final Instrument[] instruments;
  private final boolean[] wholeUnits;
  private final double[] maintenanceLong;
  private final double[] maintenanceShort;

  /** Last close at or before {@link #markBar()} per symbol, found lazily (see {@link #lastClose(int)}). */
  private final double[] lastCloseValue;
  private final int[] lastCloseScanned;
  /** Last bar whose range has been applied to the symbol's open position (MAE/MFE), found lazily. */
  private final int[] observedThrough;
  /** The current bar. */
  private int t;
  /** True while t's open and intrabar fills happen: the last known close is then t − 1's (see {@link #markBar()}). */
  private boolean opening;
  /** Whether the next {@link #openBar} has anything to do (see {@link #updateBusy()}): one flag read per quiet bar. */
  private boolean busy;
  /** Whether {@link #closeBar} has anything to do: same-close timing, or a trailing stop to move. */
  private boolean closeWork;

  private final double[] targetWeights;
  private final boolean[] hasTarget;
  /** How many symbols have a target weight waiting (lets the common no-target bar skip rebalancing). */
  private int targetsPending;
  /**
   * The symbols given a target since the last rebalance (possibly stale or repeated: compacted to
   * the ascending symbols that still have one when rebalancing), so a rebalance visits the 20
   * targets of a 505-name universe, not every symbol, in the same ascending order.
   */
  private int[] targetSymbols;
  private int targetSymbolCount;

  private final ArrayList<WorkingOrder> working = new ArrayList<>();
  private final ArrayList<WorkingOrder> scratch = new ArrayList<>();
  private final FillContext ctx = new FillContext();
  /** Made at the first event (most runs of a sweep never have one). */
  private ArrayDeque<OrderEvent> events;
  private boolean eventsPending;
  private boolean recordEvents = true;
  /** Whether any position borrows (a short, or cash below zero): only then can margin be breached. */
  private boolean borrowing;
  /** Trading stopped with positions left: they are liquidated at the next open. */
  private boolean liquidatePending;
  private boolean armedDuringPasses;
  private int trailingCount;
  /** Working DAY and GTD orders (the expiry passes run only when there are some). */
  private int timedCount;
  /** Why the last sizing resolved to nothing. */
  private RejectReason zeroReason;
  private double lastGross;
  /** Fills booked so far, and as of the last logged mark (a mark is logged when they differ). */
  private long bookings;
  private long loggedBookings = -1;
  /** The cash and positions of the last logged mark (the log's own arrays): what each bar is marked with. */
  private double markCash;
  private int[] markSymbols;
  private double[] markQuantities;
  private final MarkLog markLog = new MarkLog();

  public MatchingCore(Panel panel, Ledger ledger, ExecutionConfig config, FeatureValues features) {
    this.panel = Checks.notNull(panel, "panel");
    this.ledger = Checks.notNull(ledger, "ledger");
    this.config = Checks.notNull(config, "config");
    this.rules = config.rules();
    this.ruled = !rules.equals(VenueRules.NONE);
    this.features = Checks.notNull(features, "features");
    this.fees = config.fees();
    this.slippage = config.slippage();
    this.fillModel = config.fillModel();
    this.quantityDependentSlippage = slippage.dependsOnQuantity();
    this.cappingSlippage = slippage.caps();
    this.nextOpen = config.fillTiming() == FillTiming.NEXT_OPEN;
    this.symbols = panel.symbolCount();
    if (ledger.symbolCount() != symbols) {
      throw new IllegalArgumentException("Expected a ledger over the panel's " + symbols + " symbols, but found "
          + ledger.symbolCount());
    }
    this.instruments = panel.instruments().toArray(new Instrument[0]);
    this.wholeUnits = new boolean[symbols];
    this.maintenanceLong = new double[symbols];
    this.maintenanceShort = new double[symbols];
    MarginModel margin = config.margin();
    for (int s = 0; s < symbols; s++) {
      wholeUnits[s] = instruments[s].wholeUnits();
      maintenanceLong[s] = margin.maintenance(instruments[s].assetClass(), 1);
      maintenanceShort[s] = margin.maintenance(instruments[s].assetClass(), -1);
    }
    this.lastCloseValue = new double[symbols];
    Arrays.fill(lastCloseValue, Double.NaN);
    this.lastCloseScanned = new int[symbols];
    Arrays.fill(lastCloseScanned, -1);
    this.observedThrough = new int[symbols];
    this.targetWeights = new double[symbols];
    this.hasTarget = new boolean[symbols];
    this.targetSymbols = new int[2 * symbols + 1];
    this.ctx.bar = -1;
    this.ctx.panel = panel;
    updateBorrowing();
  }

  /** Starts the bar loop at {@code firstBar} (earlier bars are warm-up the ledger never saw). */
  public void startAt(int firstBar) {
    Arrays.fill(observedThrough, firstBar - 1);
    t = firstBar;
    opening = true;
  }

  /**
   * The latest bar whose close is known: t − 1 while t's open and intrabar fills happen, t once its
   * close is marked. Marks, sizing and excursions all read up to it, never past.
   */
  private int markBar() {
    return opening ? t - 1 : t;
  }

  public Ledger ledger() {
    return ledger;
  }

  public ExecutionConfig config() {
    return config;
  }

  //---------------------------------------------------------------------------
  // The bar loop

  /**
   * Everything that happens at bar t before its close: expiry, fills at the open, fills inside the
   * range, margin. Afterwards the close of t is known (the strategy decides on it).
   */
  public void openBar(int bar) {
    // Fast path: most bars have nothing working, nothing to rebalance and nothing borrowed (not even
    // the bar is stored: order entry sets it with {@link #at}).
    if (busy) {
      t = bar;
      opening = true;
      openBarSlow();
      opening = false;
    }
  }

  /**
   * Sets the current bar (the close of {@code bar} is known) before order entry or a query from the
   * strategy's decision; returns this core.
   */
  public MatchingCore at(int bar) {
    t = bar;
    opening = false;
    return this;
  }

  private void openBarSlow() {
    if (timedCount > 0) {
      expireGoodTillDate();
    }
    if (liquidatePending) {
      liquidateAll(FillContext.Stage.OPEN, "trading-stopped", Double.NaN);
      liquidatePending = false;
    }
    if (nextOpen) {
      fillMarketOrders(FillContext.Stage.OPEN);
      rebalance(FillContext.Stage.OPEN);
    }
    if (borrowing) {
      checkMarginAtOpen();
    }
    if (!working.isEmpty()) {
      fillWorkingOrders();
      if (timedCount > 0) {
        expireDayOrders();
      }
    }
    if (borrowing) {
      checkMarginIntrabar();
    }
    updateBusy();
  }

  /** Recomputes {@link #busy} after anything that can give the next bar work. */
  private void updateBusy() {
    busy = !working.isEmpty() || (nextOpen && targetsPending > 0) || borrowing || liquidatePending;
    closeWork = !nextOpen || trailingCount > 0;
  }

  /**
   * What happens at the close of t after the strategy decided: same-close fills, and trailing stops
   * moving with the close.
   */
  public void closeBar(int bar) {
    if (closeWork) {
      closeBarSlow(bar);
    }
  }

  private void closeBarSlow(int bar) {
    t = bar;
    opening = false;
    if (!nextOpen) {
      fillMarketOrders(FillContext.Stage.CLOSE);
      rebalance(FillContext.Stage.CLOSE);
    }
    if (trailingCount > 0) {
      ratchetTrails();
    }
    updateBusy();
  }

  /**
   * Marks the portfolio at the close of t: returns the equity (cash + positions at this bar's
   * close, the last known close where a symbol has no bar) and keeps the gross exposure for
   * {@link #lastGross()}. An equity at or below zero stops trading for good.
   */
  public double mark(int bar) {
    at(bar);
    double cash = ledger.cash();
    double e = cash;
    double gross = 0;
    for (int s = 0; s < symbols; s++) {
      double q = ledger.quantity(s);
      if (q != 0) {
        // Marked at this bar's close when it has one (the common case, no scan), else the last.
        double close = panel.close(s, bar);
        double v = q * (close == close ? close : lastClose(s));
        e += v;
        gross += Math.abs(v);
      }
    }
    lastGross = gross;
    if (e <= 0 && !ledger.tradingStopped()) {
      stopTrading(e);
    }
    return e;
  }

  /**
   * {@link #mark} into a run's equity array at index {@code i}; the cash and positions behind it go
   * to the {@link #markLog()} when a fill changed them since the last mark.
   */
  public void markEquity(int bar, double[] equity, int i) {
    if (bookings != loggedBookings) {
      logMark(i, ledger.cash());
    }
    // The cash and held positions as logged: two flat arrays instead of the ledger's objects.
    double e = markCash;
    int[] heldSymbols = markSymbols;
    double[] quantities = markQuantities;
    if (heldSymbols.length == 1) {
      // One position (most runs) without the loop: a counted loop's set-up, run every bar for one
      // iteration, cost more than the mark itself. The same sum.
      e += markValue(heldSymbols[0], quantities[0], bar);
    } else {
      for (int j = 0; j < heldSymbols.length; j++) { // the positions, in symbol order
        e += markValue(heldSymbols[j], quantities[j], bar);
      }
    }
    if (e - e != 0) { // NaN or ±∞: nothing computed from here on could be trusted
      throw new RunFailure("equity became " + e + " at " + Timestamps.format(panel.time(bar)) + ": the prices, "
          + "cash or costs are too large for the arithmetic; fix: check the data's units and the cash");
    }
    equity[i] = e;
    if (e <= 0 && !ledger.tradingStopped()) {
      at(bar).stopTrading(e);
    }
  }

  /** q units of s at bar's close (the last known close where s has no bar there). */
  private double markValue(int s, double q, int bar) {
    double close = panel.close(s, bar);
    return q * (close == close ? close : at(bar).lastClose(s));
  }

  private void logMark(int i, double c) {
    int held = ledger.heldCount();
    int[] heldSymbols = new int[held];
    double[] q = new double[held];
    for (int j = 0; j < held; j++) {
      heldSymbols[j] = ledger.heldSymbol(j);
      q[j] = ledger.quantity(heldSymbols[j]);
    }
    markLog.add(i, c, heldSymbols, q);
    markCash = c;
    markSymbols = heldSymbols;
    markQuantities = q;
    loggedBookings = bookings;
  }

  /** The cash and positions at every mark where they changed. */
  public MarkLog markLog() {
    return markLog;
  }

  /** Gross exposure (Σ|quantity × close|) at the last {@link #mark}. */
  public double lastGross() {
    return lastGross;
  }

  /** The close of every symbol at the end of the data (last known), with every excursion caught up. */
  public double[] finalMarks(int lastBar) {
    t = lastBar;
    opening = false;
    double[] marks = new double[symbols];
    for (int s = 0; s < symbols; s++) {
      catchUpExcursions(s);
      marks[s] = lastClose(s);
    }
    return marks;
  }

  /** Closes every open position at its last close (the run's {@code close-at-end} option). */
  public void closeAtEnd(double[] marks) {
    for (int s = 0; s < symbols; s++) {
      double q = ledger.quantity(s);
      if (q != 0 && !Double.isNaN(marks[s])) {
        setBar(s, t, FillContext.Stage.CLOSE);
        execute(s, q > 0 ? Side.SELL : Side.BUY, Math.abs(q), marks[s], true, -1, "close-at-end");
      }
    }
  }

  //---------------------------------------------------------------------------
  // Order entry

  /** Queues an order decided at the close of the current bar; it can fill from the next bar on. */
  public long submit(Order order) {
    Checks.inRange(order.symbol(), 0, symbols, "symbol");
    long id = ledger.newOrderId();
    if (ledger.tradingStopped()) {
      if (recordEvents) emit(new OrderEvent.OrderRejected(id, order.symbol(), t, panel.time(t), RejectReason.TRADING_STOPPED,
          "an account with equity above zero", "trading stopped",
          "start a new portfolio; a blown account takes no orders (see the ledger's stopped reason)"));
      return id;
    }
    if (ruled) {
      order = underRules(order, id);
      if (order == null) {
        return id; // refused, with its event
      }
    }
    WorkingOrder w = new WorkingOrder(id, order, t, t + 1);
    if (order.type() == OrderType.TRAILING_STOP) {
      w.extras().trailLevel = Double.isNaN(order.stopPrice()) ? trailLevelAt(order.symbol(), order.side(), order.trail(),
          lastClose(order.symbol()), markBar()) : order.stopPrice();
      trailingCount++;
    }
    add(w);
    updateBusy();
    return id;
  }

  /**
   * The order as the venue's rules take it: prices moved inside the band around the last close and
   * onto the tick grid (away from the market); null when the venue refuses it (working-order cap,
   * maker-only), with the rejection emitted.
   */
  private Order underRules(Order order, long id) {
    int s = order.symbol();
    double last = lastClose(s);
    if (rules.maxOpenOrders() > 0) {
      int open = 0;
      for (int i = 0; i < working.size(); i++) {
        if (working.get(i).order.symbol() == s) {
          open++;
        }
      }
      if (open >= rules.maxOpenOrders()) {
        refuse(id, order, RejectReason.MAX_OPEN_ORDERS, "at most " + rules.maxOpenOrders() + " working orders",
            open + " working", "cancel a working order first");
        return null;
      }
    }
    double limit = order.limitPrice();
    double stop = order.stopPrice();
    if (!Double.isNaN(limit)) {
      limit = rules.roundPrice(rules.clampToBand(limit, last), order.side());
    }
    if (!Double.isNaN(stop)) {
      stop = rules.roundPrice(rules.clampToBand(stop, last), order.side() == Side.BUY ? Side.SELL : Side.BUY);
    }
    if (rules.makerOnly()) {
      boolean takes = order.type() != OrderType.LIMIT
          || (order.side() == Side.BUY ? limit >= last : limit <= last);
      if (takes) {
        refuse(id, order, RejectReason.MAKER_ONLY, "a limit order that rests (POST_ONLY)",
            order.type() + " " + order.side() + (Double.isNaN(limit) ? "" : " at " + limit) + " against the last "
                + last, "quote away from the market");
        return null;
      }
    }
    return limit == order.limitPrice() && stop == order.stopPrice() ? order : order.withPrices(stop, limit);
  }

  private void refuse(long id, Order order, RejectReason reason, String expected, String found, String fix) {
    if (recordEvents) {
      emit(new OrderEvent.OrderRejected(id, order.symbol(), t, panel.time(t), reason, expected, found, fix));
    }
  }

  /** Moves a working order's stop and/or limit (NaN keeps one); a trailing stop's level moves and trails on from there. */
  public boolean modify(long orderId, double newStopPrice, double newLimitPrice) {
    if (!Double.isNaN(newStopPrice)) {
      Checks.positive(newStopPrice, "newStopPrice");
    }
    if (!Double.isNaN(newLimitPrice)) {
      Checks.positive(newLimitPrice, "newLimitPrice");
    }
    WorkingOrder w = find(orderId);
    if (w == null) {
      return false;
    }
    OrderType type = w.order.type();
    if (!Double.isNaN(newStopPrice) && !(type.isStop() || type == OrderType.STOP_LIMIT)) {
      throw new IllegalArgumentException("Expected a stop price change on a stop order, but order " + orderId
          + " is a " + type);
    }
    if (!Double.isNaN(newLimitPrice) && !(type == OrderType.LIMIT || type == OrderType.STOP_LIMIT)) {
      throw new IllegalArgumentException("Expected a limit price change on a limit order, but order " + orderId
          + " is a " + type);
    }
    if (type == OrderType.TRAILING_STOP) {
      if (!Double.isNaN(newStopPrice)) {
        w.extras().trailLevel = newStopPrice;
      }
    } else {
      w.order = w.order.withPrices(newStopPrice, newLimitPrice);
    }
    return true;
  }

  public boolean cancel(long orderId) {
    return cancel(orderId, "cancelled");
  }

  private boolean cancel(long orderId, String reason) {
    for (int i = 0; i < working.size(); i++) {
      WorkingOrder w = working.get(i);
      if (w.id == orderId) {
        remove(i);
        if (recordEvents) {
          emit(new OrderEvent.OrderCancelled(w.id, w.order.symbol(), t, panel.time(t), reason));
        }
        return true;
      }
    }
    return false;
  }

  public void cancelAll(int s) {
    cancelWhere(s, "cancelled");
  }

  /** Cancels the working orders of symbol s (every symbol when s < 0). */
  private void cancelWhere(int s, String reason) {
    for (int i = working.size() - 1; i >= 0; i--) {
      WorkingOrder w = working.get(i);
      if (s < 0 || w.order.symbol() == s) {
        remove(i);
        if (recordEvents) {
          emit(new OrderEvent.OrderCancelled(w.id, w.order.symbol(), t, panel.time(t), reason));
        }
      }
    }
  }

  public void targetWeight(int s, double weight) {
    Checks.inRange(s, 0, symbols, "symbol");
    Checks.finite(weight, "weight");
    if (ledger.tradingStopped()) {
      return;
    }
    targetWeights[s] = weight;
    if (!hasTarget[s]) {
      targetsPending++;
      if (targetSymbolCount == targetSymbols.length) {
        compactTargetSymbols();
      }
      targetSymbols[targetSymbolCount++] = s;
    }
    hasTarget[s] = true;
    updateBusy();
  }

  /**
   * Closes the position in symbol s, which has no bar at t, at its last known close — now. See
   * {@code BarContext.closeDelisted}.
   */
  public void closeDelisted(int s) {
    Checks.inRange(s, 0, symbols, "symbol");
    if (panel.hasBar(s, t)) {
      throw new IllegalStateException("Expected " + panel.symbol(s) + " to have no bar at "
          + java.time.Instant.ofEpochMilli(panel.time(t)) + " to close it as delisted, but it trades; sell it with an order or a target weight");
    }
    if (hasTarget[s]) {
      hasTarget[s] = false;
      targetsPending--;
    }
    cancelWhere(s, "delisted");
    double q = ledger.quantity(s);
    double last = lastClose(s);
    if (q == 0 || Double.isNaN(last)) {
      return;
    }
    setBar(s, t, FillContext.Stage.CLOSE);
    execute(s, q > 0 ? Side.SELL : Side.BUY, Math.abs(q), last, true, -1, "delisted");
    updateBusy();
  }

  public double position(int s) {
    return ledger.quantity(s);
  }

  /** The next order event not yet taken, or null. */
  public OrderEvent pollEvent() {
    OrderEvent e = events == null ? null : events.poll();
    if (e == null) {
      eventsPending = false;
    }
    return e;
  }

  public boolean hasEvents() {
    return eventsPending;
  }

  /**
   * Whether events are kept for {@link #pollEvent} (on by default). The backtest turns it off for a
   * strategy that does not listen to them, so its fills allocate no event objects.
   */
  public void recordEvents(boolean record) {
    this.recordEvents = record;
  }

  private void emit(OrderEvent e) {
    if (!recordEvents) {
      return;
    }
    if (events == null) {
      events = new ArrayDeque<>();
    }
    events.add(e);
    eventsPending = true;
  }

  /** How many orders are working. */
  public int workingCount() {
    return working.size();
  }

  /** The working order's current stop level (a trailing stop's level), or NaN when it is not working. */
  public double stopLevel(long orderId) {
    WorkingOrder w = find(orderId);
    return w == null ? Double.NaN : w.stopLevel();
  }

  private WorkingOrder find(long orderId) {
    for (int i = 0; i < working.size(); i++) {
      if (working.get(i).id == orderId) {
        return working.get(i);
      }
    }
    return null;
  }

  private void remove(int index) {
    WorkingOrder w = working.remove(index);
    if (w.order.type() == OrderType.TRAILING_STOP) {
      trailingCount--;
    }
    if (w.order.timeInForce() != TimeInForce.GTC) {
      timedCount--;
    }
    updateBusy();
  }

  private void add(WorkingOrder w) {
    working.add(w);
    if (w.order.timeInForce() != TimeInForce.GTC) {
      timedCount++;
    }
  }

  private void remove(WorkingOrder w) {
    int i = working.indexOf(w);
    if (i >= 0) {
      remove(i);
    }
  }

  //---------------------------------------------------------------------------
  // Fills

  private void fillMarketOrders(FillContext.Stage stage) {
    if (working.isEmpty()) {
      return;
    }
    scratch.clear();
    for (int i = 0; i < working.size(); i++) {
      WorkingOrder w = working.get(i);
      if (w.order.type() == OrderType.MARKET && (stage == FillContext.Stage.OPEN || w.createdBar <= t)) {
        scratch.add(w);
      }
    }
    for (int i = 0; i < scratch.size(); i++) {
      WorkingOrder w = scratch.get(i);
      if (!working.contains(w)) {
        continue; // cancelled as a sibling earlier in this bar
      }
      int s = w.order.symbol();
      double price = stage == FillContext.Stage.OPEN ? panel.open(s, t) : panel.close(s, t);
      if (Double.isNaN(price)) {
        continue; // no bar for this symbol yet: the order waits
      }
      setBar(s, t, stage);
      prepare(w);
      fillOrder(w, fillModel.fillPrice(ctx), true);
    }
  }

  private void fillWorkingOrders() {
    do {
      armedDuringPasses = false;
      for (int pass = 0; pass < PASSES; pass++) {
        scratch.clear();
        for (int i = 0; i < working.size(); i++) {
          WorkingOrder w = working.get(i);
          if (passOf(w.order.type()) == pass && w.activeFrom <= t && w.evaluatedBar < t) {
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
      // Exits armed by an entry that filled at this bar's open price: the range after it is theirs too.
    } while (armedDuringPasses);
  }

  private static int passOf(OrderType type) {
    return switch (type) {
      case STOP, TRAILING_STOP -> 0;
      case STOP_LIMIT -> 1;
      case LIMIT -> 2;
      case MARKET -> -1;
    };
  }

  private void tryFill(WorkingOrder w) {
    Order o = w.order;
    int s = o.symbol();
    double open = panel.open(s, t);
    if (Double.isNaN(open)) {
      return;
    }
    w.evaluatedBar = t;
    if (o.type() == OrderType.TRAILING_STOP && Double.isNaN(w.trailLevel())) {
      return; // its distance is still unknown (the feature warms up)
    }
    setBar(s, t, FillContext.Stage.INTRABAR);
    prepare(w);
    double price = fillModel.fillPrice(ctx);
    w.triggered = ctx.triggered;
    if (Double.isNaN(price)) {
      return;
    }
    OrderType type = o.type();
    fillOrder(w, price, type != OrderType.LIMIT && type != OrderType.STOP_LIMIT); // a limit never fills worse
  }

  /** Loads the order's side, prices and state into the context (the bar is already set). */
  private void prepare(WorkingOrder w) {
    Order o = w.order;
    ctx.order = o;
    ctx.orderId = w.id;
    ctx.side = o.side();
    ctx.stopPrice = w.stopLevel();
    ctx.limitPrice = o.limitPrice();
    ctx.triggered = w.triggered;
    double start = w.startPrice();
    ctx.startPrice = w.activeFrom < t ? Double.NaN : start;
    ctx.liquidity = FillContext.Liquidity.TAKER;
  }

  /** Sets the context to symbol s's bar at {@code bar} for a fill at {@code stage}. */
  private void setBar(int s, int bar, FillContext.Stage stage) {
    ctx.symbol = s;
    ctx.instrument = instruments[s];
    ctx.bar = bar;
    ctx.stage = stage;
    ctx.order = null;
    ctx.orderId = -1;
    ctx.startPrice = Double.NaN;
    ctx.liquidity = FillContext.Liquidity.TAKER;
  }

  /** Fills what it can of the working order at {@code referencePrice}; removes it when done. */
  private void fillOrder(WorkingOrder w, double referencePrice, boolean slip) {
    Order o = w.order;
    int s = o.symbol();
    if (o.type() == OrderType.LIMIT || o.type() == OrderType.STOP_LIMIT) {
      // A resting limit filled at its price added liquidity; one filled at a better start price crossed.
      ctx.liquidity = referencePrice == o.limitPrice() && referencePrice != ctx.startPrice()
          && ctx.stage == FillContext.Stage.INTRABAR ? FillContext.Liquidity.MAKER : FillContext.Liquidity.TAKER;
    }
    if (ledger.tradingStopped()) {
      remove(w);
      reject(w, RejectReason.TRADING_STOPPED, "an account with equity above zero", "trading stopped",
          "start a new portfolio; a blown account takes no orders (see the ledger's stopped reason)");
      return;
    }
    double quantity = fillQuantity(w, s, referencePrice, slip);
    if (w.ocoPartner() >= 0 && quantity > 0) {
      cancel(w.ocoPartner(), "oco");
    }
    if (!(quantity > 0)) {
      if (zeroReason == null) {
        return; // a participation cap with no volume this bar: the order waits
      }
      remove(w);
      if (w.ocoPartner() >= 0) {
        cancel(w.ocoPartner(), "oco");
      }
      rejectZero(w, s);
      return;
    }
    double wanted = Double.isNaN(w.remaining) ? quantity + capLeft : w.remaining;
    fillingId = w.id;
    double filled = execute(s, o.side(), quantity, referencePrice, slip, w.id, o.tag());
    fillingId = -1;
    double price = lastFillPrice;
    double fee = lastFillFee;
    double rest = wanted - filled;
    if (w.reduceOnly && w.parentId() >= 0) {
      rest = Math.min(rest, Math.abs(ledger.quantity(s)));
    }
    if (o.hasBracket()) {
      armBracket(w, filled, referencePrice);
    }
    if (rest > 1e-9 * Math.max(1, wanted) && !(w.reduceOnly && ledger.quantity(s) == 0)) {
      w.remaining = rest;
      if (recordEvents) {
        emit(new OrderEvent.OrderPartiallyFilled(w.id, s, t, panel.time(t), o.side(), filled, price, fee, rest));
      }
    } else {
      remove(w);
      if (recordEvents) {
        emit(new OrderEvent.OrderFilled(w.id, s, t, panel.time(t), o.side(), filled, price, fee, o.tag(),
            w.stopLossLeg(), w.takeProfitLeg()));
      }
    }
  }

  /** Units the working order fills now (0 with {@link #zeroReason} set when it cannot fill at all). */
  private double fillQuantity(WorkingOrder w, int s, double referencePrice, boolean slip) {
    zeroReason = null;
    capLeft = 0;
    Order o = w.order;
    ctx.quantity = 0;
    double estimate = slip ? slippage.apply(ctx, referencePrice) : referencePrice;
    double q;
    if (Double.isNaN(w.remaining)) {
      q = resolveQuantity(o, s, estimate);
    } else {
      q = w.remaining;
      if (w.reduceOnly) {
        q = Math.min(q, reducible(s, o.side()));
        if (!(q > 0)) {
          zeroReason = RejectReason.NO_POSITION;
          return 0;
        }
      }
    }
    if (!(q > 0)) {
      return 0;
    }
    if (slip && quantityDependentSlippage) {
      ctx.quantity = q;
      double price = slippage.apply(ctx, referencePrice);
      if (price != estimate && Double.isNaN(w.remaining) && !o.sizing().reduceOnly()
          && !(o.sizing() instanceof Sizing.Units)) {
        q = Math.min(q, resolveQuantity(o, s, price)); // the impact of the size moves the price it is sized at
        if (!(q > 0)) {
          return 0;
        }
      }
    }
    ctx.quantity = q;
    if (cappingSlippage) {
      double cap = slippage.maxQuantity(ctx);
      if (wholeUnits[s]) {
        cap = Math.floor(cap + 1e-9);
      }
      if (q > cap) {
        capLeft = q - cap;
        q = cap;
      }
    }
    return q;
  }

  /** The part of the order above this bar's participation cap (it keeps working). */
  private double capLeft;
  private double lastFillPrice;
  private double lastFillFee;
  /** The order being filled now (its own flat position does not cancel it as an exit). */
  private long fillingId = -1;

  private double reducible(int s, Side side) {
    double pos = ledger.quantity(s);
    return side == Side.SELL ? Math.max(0, pos) : Math.max(0, -pos);
  }

  private void reject(WorkingOrder w, RejectReason reason, String expected, String found, String fix) {
    if (recordEvents) {
      emit(new OrderEvent.OrderRejected(w.id, w.order.symbol(), t, panel.time(t), reason, expected, found, fix));
    }
  }

  /**
   * Rejects an order whose size resolved to nothing. The texts are constants (the event names the
   * order, symbol and bar), so a strategy that keeps asking a drained account for orders allocates
   * one small event per order and nothing else.
   */
  private void rejectZero(WorkingOrder w, int s) {
    switch (zeroReason) {
      case NO_POSITION -> reject(w, zeroReason, "a position to reduce", "none in the order's direction",
          "submit reduce-only orders (exits, partial exits, closes) while the position is open");
      case SHORTING_NOT_ALLOWED -> reject(w, zeroReason, "a margin account to sell short", "a cash account",
          "use a margin account (MarginModel.standard()) or trade long only");
      case LEVERAGE_CAP -> reject(w, zeroReason, "gross exposure within the leverage cap times equity after fees",
          "no room left for more exposure", "reduce other positions or raise the leverage cap");
      case BELOW_MINIMUM -> reject(w, zeroReason, "a quantity on the venue's lot step, at least its minimum quantity "
          + "and notional", "less once rounded to the lot step", "size the order larger; a position below the "
          + "minimums is dust (momentic paper dust)");
      default -> reject(w, RejectReason.ZERO_QUANTITY, "a size of at least one unit",
          "a sizing that resolves to no units at the fill price", "size the order in units or keep cash for it");
    }
  }

  /** Arms (on the first fill) or tops up (on later parts) the entry's bracket exits. */
  private void armBracket(WorkingOrder entry, double filled, double entryReference) {
    if (entry.stopLossLeg() >= 0 || entry.takeProfitLeg() >= 0) {
      for (int i = 0; i < working.size(); i++) {
        WorkingOrder leg = working.get(i);
        if (leg.parentId() == entry.id) {
          leg.remaining += filled;
        }
      }
      return;
    }
    Order o = entry.order;
    int s = o.symbol();
    Side exit = o.side().opposite();
    WorkingOrder sl = null;
    WorkingOrder tp = null;
    if (!Double.isNaN(o.stopLoss()) || o.stopLossTrail() != null) {
      Order leg = o.stopLossTrail() != null
          ? Order.trailingStop(s, exit, Sizing.units(filled), o.stopLossTrail()).withTag("stop-loss")
          : Order.stop(s, exit, Sizing.units(filled), o.stopLoss()).withTag("stop-loss");
      sl = leg(entry, leg, filled, entryReference, true);
      if (leg.type() == OrderType.TRAILING_STOP) {
        sl.extras().trailLevel = trailLevelAt(s, exit, leg.trail(), lastFillPrice, markBar());
        trailingCount++;
      }
      entry.extras().stopLossLeg = sl.id;
    }
    if (!Double.isNaN(o.takeProfit())) {
      tp = leg(entry, Order.limit(s, exit, Sizing.units(filled), o.takeProfit()).withTag("take-profit"), filled,
          entryReference, false);
      entry.extras().takeProfitLeg = tp.id;
    }
    if (sl != null && tp != null) {
      sl.extras().ocoPartner = tp.id;
      tp.extras().ocoPartner = sl.id;
    }
  }

  private WorkingOrder leg(WorkingOrder entry, Order order, double filled, double entryReference, boolean stopLoss) {
    boolean live = fillModel.exitLiveOnEntryBar(ctx, entryReference, stopLoss);
    WorkingOrder w = new WorkingOrder(ledger.newOrderId(), order, t, live ? t : t + 1);
    w.extras().parentId = entry.id;
    w.reduceOnly = true;
    w.remaining = filled;
    if (live) {
      w.extras().startPrice = entryReference;
      if (ctx.stage == FillContext.Stage.INTRABAR) {
        armedDuringPasses = true;
      }
    }
    add(w);
    return w;
  }

  private double trailLevelAt(int s, Side side, Trail trail, double reference, int bar) {
    FeatureRef f = trail.feature();
    double featureValue = f == null || bar < 0 ? Double.NaN : features.value(f, s, bar);
    double d = trail.distance(reference, featureValue);
    return side == Side.SELL ? reference - d : reference + d;
  }

  /** Trailing stops follow the close of t: a sell stop only rises, a buy stop only falls. */
  private void ratchetTrails() {
    for (int i = 0; i < working.size(); i++) {
      WorkingOrder w = working.get(i);
      if (w.order.type() != OrderType.TRAILING_STOP) {
        continue;
      }
      int s = w.order.symbol();
      double close = panel.close(s, t);
      if (Double.isNaN(close)) {
        continue;
      }
      double level = trailLevelAt(s, w.order.side(), w.order.trail(), close, t);
      if (Double.isNaN(level)) {
        continue;
      }
      if (Double.isNaN(w.trailLevel()) || (w.order.side() == Side.SELL ? level > w.trailLevel() : level < w.trailLevel())) {
        w.extras().trailLevel = level;
      }
    }
  }

  private void expireGoodTillDate() {
    long time = panel.time(t);
    for (int i = working.size() - 1; i >= 0; i--) {
      WorkingOrder w = working.get(i);
      if (w.order.timeInForce() == TimeInForce.GTD && w.order.expireTimeMillis() <= time) {
        remove(i);
        if (recordEvents) {
          emit(new OrderEvent.OrderExpired(w.id, w.order.symbol(), t, time, TimeInForce.GTD,
              Double.isNaN(w.remaining) ? Double.NaN : w.remaining));
        }
      }
    }
  }

  /** DAY orders live for the first bar they could fill on (an index loop: no lambda per bar). */
  private void expireDayOrders() {
    for (int i = working.size() - 1; i >= 0; i--) {
      WorkingOrder w = working.get(i);
      if (w.order.timeInForce() == TimeInForce.DAY && w.activeFrom <= t
          && !Double.isNaN(panel.open(w.order.symbol(), t))) {
        remove(i);
        if (recordEvents) {
          emit(new OrderEvent.OrderExpired(w.id, w.order.symbol(), t, panel.time(t), TimeInForce.DAY,
              Double.isNaN(w.remaining) ? Double.NaN : w.remaining));
        }
      }
    }
  }

  //---------------------------------------------------------------------------
  // Sizing

  /** The order's quantity at {@code price}: its sizing, then the venue's lot step and minimums. */
  private double resolveQuantity(Order o, int s, double price) {
    double q = sizedQuantity(o, s, price);
    if (!ruled || !(q > 0)) {
      return q;
    }
    double rounded = rules.roundQuantity(q);
    if (rules.violation(rounded, price) != null) {
      zeroReason = RejectReason.BELOW_MINIMUM;
      return 0;
    }
    return rounded;
  }

  private double sizedQuantity(Order o, int s, double price) {
    boolean whole = wholeUnits[s];
    Side side = o.side();
    double pos = ledger.quantity(s);
    double q = switch (o.sizing()) {
      case Sizing.Units u -> u.quantity();
      case Sizing.EquityFraction f -> {
        double budget = f.fraction() * equityAt(s, price);
        boolean increases = pos == 0 || Math.signum(pos) == side.sign();
        // Exposure-increasing: notional plus entry fee within the budget, as all-cash sizing is.
        yield increases ? affordable(budget, price, whole) : budget / price;
      }
      case Sizing.AllCash a -> affordable(ledger.cash(), price, whole);
      case Sizing.ClosePosition c -> reducible(s, side);
      case Sizing.ReduceBy r -> Math.min(r.quantity(), reducible(s, side));
      case Sizing.ReduceByFraction f -> f.fraction() * reducible(s, side);
    };
    if (whole) {
      q = Math.floor(q + 1e-9);
    }
    if (o.sizing().reduceOnly()) {
      if (!(q > 0)) {
        zeroReason = RejectReason.NO_POSITION;
      }
      return q;
    }
    if (!config.margin().allowShort() && side == Side.SELL && pos - q < -1e-12) {
      q = Math.max(0, pos); // a cash account sells what it holds, never short
      if (!(q > 0)) {
        zeroReason = RejectReason.SHORTING_NOT_ALLOWED;
        return 0;
      }
    }
    if (!(q > 0)) {
      zeroReason = RejectReason.ZERO_QUANTITY;
      return 0;
    }
    double capped = capLeverage(s, side, q, price, whole);
    if (!(capped > 0)) {
      zeroReason = RejectReason.LEVERAGE_CAP;
    }
    return capped;
  }

  /** The largest quantity whose cost plus fee fits in {@code budget} (whole units when asked). */
  private double affordable(double budget, double price, boolean whole) {
    if (!(budget > 0)) {
      return 0;
    }
    double q = budget / price;
    for (int i = 0; i < 100; i++) {
      double cost = q * price + fees.fee(ctx, q, price);
      if (cost <= budget) {
        break;
      }
      q *= budget / cost * (1 - 1e-12);
    }
    if (whole) {
      q = Math.floor(q + 1e-9);
      while (q > 0 && q * price + fees.fee(ctx, q, price) > budget + 1e-9) {
        q -= 1;
      }
    }
    return Math.max(0, q);
  }

  /**
   * Clips an exposure-increasing order so that gross exposure after the fill stays within the cap
   * times the equity after the fill's fee: {@code Σ|q·p| ≤ cap × (equity − fee)}.
   */
  private double capLeverage(int s, Side side, double q, double price, boolean whole) {
    double current = ledger.quantity(s);
    double after = current + side.sign() * q;
    if (Math.abs(after) <= Math.abs(current)) {
      return q; // reduces exposure
    }
    double limit = config.leverageCap() * equityAt(s, price) - grossExposure(s);
    double tolerance = 1e-9 * Math.max(1, Math.abs(limit));
    if (exposureExcess(current, side, q, price, limit) <= tolerance) {
      return q;
    }
    // The part that only reduces an opposite position is always allowed.
    double lower = Math.signum(current) == -side.sign() ? Math.abs(current) : 0;
    if (exposureExcess(current, side, lower, price, limit) > tolerance) {
      return lower;
    }
    double lo = lower;
    double hi = q;
    for (int i = 0; i < 80 && hi - lo > 1e-12 * Math.max(1, hi); i++) {
      double mid = 0.5 * (lo + hi);
      if (exposureExcess(current, side, mid, price, limit) <= tolerance) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    double x = lo;
    if (whole) {
      x = Math.floor(x + 1e-9);
      while (x > lower && exposureExcess(current, side, x, price, limit) > tolerance) {
        x -= 1;
      }
    }
    return x;
  }

  /** {@code |position after|·p + cap·fee − limit}: above zero, the fill of q units breaks the cap. */
  private double exposureExcess(double current, Side side, double q, double price, double limit) {
    double fee = q > 0 ? fees.fee(ctx, q, price) : 0;
    return Math.abs(current + side.sign() * q) * price + config.leverageCap() * fee - limit;
  }

  private double grossExposure(int exceptSymbol) {
    double g = 0;
    for (int s = 0; s < symbols; s++) {
      if (s != exceptSymbol && ledger.quantity(s) != 0) {
        g += Math.abs(ledger.quantity(s) * markPrice(s));
      }
    }
    return g;
  }

  /** Equity with symbol s marked at {@code price} and the others at their last close. */
  private double equityAt(int s, double price) {
    double e = ledger.cash();
    for (int i = 0, held = ledger.heldCount(); i < held; i++) { // the positions, in symbol order
      int k = ledger.heldSymbol(i);
      e += ledger.quantity(k) * (k == s ? price : markPrice(k));
    }
    return e;
  }

  private double markPrice(int s) {
    double last = lastClose(s);
    return Double.isNaN(last) ? panel.close(s, t) : last;
  }

  /** The symbol's last close at or before {@link #markBar()}; scans only bars not scanned before. */
  private double lastClose(int s) {
    int scanned = lastCloseScanned[s];
    int markBar = markBar();
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
   * Applies the ranges of the bars since the last catch-up, up to {@link #markBar()}, to the symbol's
   * open position — done before each of its fills and at the end instead of on every bar.
   */
  private void catchUpExcursions(int s) {
    int from = observedThrough[s] + 1;
    int markBar = markBar();
    if (from <= markBar) {
      if (ledger.quantity(s) != 0) {
        // The range's extremes in locals, then applied once: the same plain comparisons (a NaN
        // bar changes nothing), without a store to the position per bar.
        double lowest = Double.POSITIVE_INFINITY;
        double highest = Double.NEGATIVE_INFINITY;
        for (int b = from; b <= markBar; b++) {
          double low = panel.low(s, b);
          double high = panel.high(s, b);
          lowest = low < lowest ? low : lowest;
          highest = high > highest ? high : highest;
        }
        ledger.observeRange(s, lowest, highest);
      }
      observedThrough[s] = markBar;
    }
  }

  //---------------------------------------------------------------------------
  // Target weights

  private void rebalance(FillContext.Stage stage) {
    if (targetsPending == 0) {
      return;
    }
    boolean atOpen = stage == FillContext.Stage.OPEN;
    compactTargetSymbols();
    // Sells first, so their proceeds fund the buys.
    for (int pass = 0; pass < 2; pass++) {
      for (int j = 0; j < targetSymbolCount; j++) {
        int s = targetSymbols[j];
        if (!hasTarget[s]) {
          continue;
        }
        double price = atOpen ? panel.open(s, t) : panel.close(s, t);
        if (Double.isNaN(price)) {
          continue;
        }
        double current = ledger.quantity(s);
        double desired = targetWeights[s] * equityAt(s, price) / price;
        if (wholeUnits[s]) {
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
        setBar(s, t, stage);
        ctx.side = side;
        ctx.quantity = q;
        if (side == Side.BUY && ledger.quantity(s) >= 0) {
          // Never spend more than the cash: shrink to what cash covers, net of fees.
          double slipped = slippage.apply(ctx, price);
          q = Math.min(q, affordable(ledger.cash(), slipped, wholeUnits[s]));
        }
        if (!config.margin().allowShort() && side == Side.SELL) {
          q = Math.min(q, Math.max(0, ledger.quantity(s)));
        }
        ctx.quantity = q;
        double cap = cappingSlippage ? slippage.maxQuantity(ctx) : Double.POSITIVE_INFINITY;
        if (wholeUnits[s]) {
          cap = Math.floor(cap + 1e-9);
        }
        if (q > cap) {
          q = cap;
          // The rest of the way stays as the target, tried again at the next bar.
          hasTarget[s] = true;
          targetsPending++;
        }
        if (q > 0) {
          execute(s, side, q, price, true, -1, "target-weight");
        }
      }
    }
  }

  /** {@link #targetSymbols} as the ascending symbols that have a target, each once. */
  private void compactTargetSymbols() {
    Arrays.sort(targetSymbols, 0, targetSymbolCount);
    int kept = 0;
    for (int j = 0; j < targetSymbolCount; j++) {
      int s = targetSymbols[j];
      if (hasTarget[s] && (kept == 0 || targetSymbols[kept - 1] != s)) {
        targetSymbols[kept++] = s;
      }
    }
    targetSymbolCount = kept;
  }

  //---------------------------------------------------------------------------
  // Margin

  private void checkMarginAtOpen() {
    double e = ledger.cash();
    double required = 0;
    int held = ledger.heldCount();
    if (held == 1) { // one position without a loop (see markEquity): the same two terms
      int s = ledger.heldSymbol(0);
      double q = ledger.quantity(s);
      double p = openOrMark(s);
      e += q * p;
      required += maintenance(s, q) * Math.abs(q) * p;
    } else {
      for (int j = 0; j < held; j++) { // the positions, in symbol order
        int s = ledger.heldSymbol(j);
        double q = ledger.quantity(s);
        double p = openOrMark(s);
        e += q * p;
        required += maintenance(s, q) * Math.abs(q) * p;
      }
    }
    if (e < required) {
      liquidateAll(FillContext.Stage.OPEN, "margin-call", Double.NaN);
    }
  }

  /**
   * Moves every position from its open toward its adverse extreme together (longs to the low,
   * shorts to the high); if the equity falls below the maintenance requirement on the way, every
   * position is liquidated at the point of the path where it does (exact for one position).
   */
  private void checkMarginIntrabar() {
    double e0 = ledger.cash();
    double r0 = 0;
    double e1 = e0;
    double r1 = 0;
    int held = ledger.heldCount();
    if (held == 1) { // one position without a loop (see markEquity): the same four terms
      int s = ledger.heldSymbol(0);
      double q = ledger.quantity(s);
      double p0 = openOrMark(s);
      double adverse = adversePrice(s, q, p0);
      double m = maintenance(s, q);
      marginSlack(e0 + q * p0, r0 + m * Math.abs(q) * p0, e1 + q * adverse, r1 + m * Math.abs(q) * adverse);
      return;
    }
    for (int j = 0; j < held; j++) { // the positions, in symbol order
      int s = ledger.heldSymbol(j);
      double q = ledger.quantity(s);
      double p0 = openOrMark(s);
      double adverse = adversePrice(s, q, p0);
      double m = maintenance(s, q);
      e0 += q * p0;
      r0 += m * Math.abs(q) * p0;
      e1 += q * adverse;
      r1 += m * Math.abs(q) * adverse;
    }
    marginSlack(e0, r0, e1, r1);
  }

  /** Liquidates where the path from the open (equity e0, requirement r0) to the adverse extreme (e1, r1) breaches. */
  private void marginSlack(double e0, double r0, double e1, double r1) {
    double slack0 = e0 - r0;
    double slack1 = e1 - r1;
    if (slack1 >= 0) {
      return;
    }
    double lambda = slack0 <= 0 ? 0 : slack0 / (slack0 - slack1);
    liquidateAll(FillContext.Stage.INTRABAR, "margin-call", lambda);
  }

  /** Symbol s's open at t, or its mark when it has no bar there. */
  private double openOrMark(int s) {
    double p = panel.open(s, t);
    return Double.isNaN(p) ? markPrice(s) : p;
  }

  /** Where a position of q units in s is worst inside bar t (its low long, its high short; p0 without a bar). */
  private double adversePrice(int s, double q, double p0) {
    return Double.isNaN(panel.open(s, t)) ? p0 : q > 0 ? panel.low(s, t) : panel.high(s, t);
  }

  private double maintenance(int s, double q) {
    return q > 0 ? maintenanceLong[s] : maintenanceShort[s];
  }

  /**
   * Closes every position (at the open, or at fraction {@code lambda} of the way from the open to
   * its adverse extreme) and cancels every working order and target.
   */
  private void liquidateAll(FillContext.Stage stage, String reason, double lambda) {
    cancelEverything(reason);
    for (int s = 0; s < symbols; s++) {
      double q = ledger.quantity(s);
      if (q == 0) {
        continue;
      }
      double open = panel.open(s, t);
      double price;
      if (Double.isNaN(open)) {
        price = markPrice(s);
      } else if (Double.isNaN(lambda)) {
        price = open;
      } else {
        double adverse = q > 0 ? panel.low(s, t) : panel.high(s, t);
        price = open + lambda * (adverse - open);
      }
      setBar(s, t, stage);
      execute(s, q > 0 ? Side.SELL : Side.BUY, Math.abs(q), price, true, -1, reason);
    }
  }

  private void stopTrading(double equity) {
    ledger.stopTrading("equity " + equity + " at " + java.time.Instant.ofEpochMilli(panel.time(t))
        + ", at or below zero");
    cancelEverything("trading-stopped");
    for (int s = 0; s < symbols; s++) {
      if (ledger.quantity(s) != 0) {
        liquidatePending = true;
      }
    }
    updateBusy();
  }

  /** Cancels every working order and pending target weight. */
  private void cancelEverything(String reason) {
    cancelWhere(-1, reason);
    Arrays.fill(hasTarget, false);
    targetsPending = 0;
    targetSymbolCount = 0;
    updateBusy();
  }

  private void updateBorrowing() {
    boolean b = ledger.cash() < 0;
    for (int s = 0; s < symbols && !b; s++) {
      b = ledger.quantity(s) < 0;
    }
    borrowing = b;
    updateBusy();
  }

  //---------------------------------------------------------------------------
  // Execution

  /**
   * Executes {@code quantity} units of symbol s at {@code referencePrice} (moved against the trader
   * by the slippage model when {@code slip}); charges the fee; books the fill — a fill that crosses
   * zero as a close and an open, each with its own fee. Returns the quantity. The context must be
   * set to s's bar.
   */
  private double execute(int s, Side side, double quantity, double referencePrice, boolean slip, long orderId,
      String reason) {
    catchUpExcursions(s);
    ctx.side = side;
    ctx.quantity = quantity;
    double price = slip ? slippage.apply(ctx, referencePrice) : referencePrice;
    double before = ledger.quantity(s);
    double signed = side.sign() * quantity;
    long time = panel.time(t);
    double fee;
    if (before != 0 && Math.signum(before + signed) == -Math.signum(before) && before + signed != 0) {
      double closing = Math.abs(before);
      double f1 = fees.fee(ctx, closing, price);
      ledger.book(s, side, closing, price, referencePrice, f1, orderId, reason, t, time);
      double f2 = fees.fee(ctx, quantity - closing, price);
      ledger.book(s, side, quantity - closing, price, referencePrice, f2, orderId, reason, t, time);
      fee = f1 + f2;
    } else {
      fee = fees.fee(ctx, quantity, price);
      ledger.book(s, side, quantity, price, referencePrice, fee, orderId, reason, t, time);
    }
    lastFillPrice = price;
    lastFillFee = fee;
    bookings++;
    if (before < 0 || ledger.quantity(s) < 0 || ledger.cash() < 0 || borrowing) {
      updateBorrowing();
    }
    if (ledger.quantity(s) == 0 && !working.isEmpty()) {
      cancelExitsOf(s);
    }
    return quantity;
  }

  /** A flat position leaves its bracket exits nothing to protect: they are cancelled. */
  private void cancelExitsOf(int s) {
    for (int i = working.size() - 1; i >= 0; i--) {
      WorkingOrder w = working.get(i);
      if (w.reduceOnly && w.parentId() >= 0 && w.order.symbol() == s && w.id != fillingId) {
        remove(i);
        if (recordEvents) {
          emit(new OrderEvent.OrderCancelled(w.id, s, t, panel.time(t), "position closed"));
        }
      }
    }
  }

  //---------------------------------------------------------------------------
  // State

  /** The working orders, flat, for a saved portfolio (times instead of bar indexes). */
  public List<PortfolioState.SavedOrder> savedOrders() {
    if (working.isEmpty()) {
      return List.of();
    }
    List<PortfolioState.SavedOrder> out = new ArrayList<>();
    int last = panel.size() - 1;
    for (WorkingOrder w : working) {
      Order o = w.order;
      Sizing z = o.sizing();
      double amount = switch (z) {
        case Sizing.Units u -> u.quantity();
        case Sizing.EquityFraction f -> f.fraction();
        case Sizing.ReduceBy r -> r.quantity();
        case Sizing.ReduceByFraction f -> f.fraction();
        case Sizing.AllCash a -> Double.NaN;
        case Sizing.ClosePosition c -> Double.NaN;
      };
      // An order active from the bar after the last: from the first bar after the state's time.
      long activeFrom = w.activeFrom <= last ? panel.time(w.activeFrom) : panel.time(last) + 1;
      out.add(new PortfolioState.SavedOrder(w.id, panel.symbol(o.symbol()), o.side().name(), o.type().name(),
          z.getClass().getSimpleName(), amount, o.limitPrice(), o.stopPrice(),
          o.trail() == null ? null : o.trail().kind().name(), o.trail() == null ? Double.NaN : o.trail().amount(),
          o.trail() == null || o.trail().feature() == null ? null : o.trail().feature().name(),
          o.timeInForce().name(), o.expireTimeMillis(), o.stopLoss(),
          o.stopLossTrail() == null ? null : o.stopLossTrail().kind().name(),
          o.stopLossTrail() == null ? Double.NaN : o.stopLossTrail().amount(),
          o.stopLossTrail() == null || o.stopLossTrail().feature() == null ? null : o.stopLossTrail().feature().name(),
          o.takeProfit(), o.tag(), panel.time(Math.min(w.createdBar, last)), activeFrom, w.triggered, w.ocoPartner(),
          w.parentId(), w.remaining, w.trailLevel()));
    }
    return out;
  }

  /** Target weights decided but not yet rebalanced to, by symbol. */
  public java.util.Map<String, Double> pendingTargets() {
    if (targetsPending == 0) {
      return java.util.Map.of();
    }
    java.util.Map<String, Double> out = new java.util.TreeMap<>();
    for (int s = 0; s < symbols; s++) {
      if (hasTarget[s]) {
        out.put(panel.symbol(s), targetWeights[s]);
      }
    }
    return out;
  }

  /** Restores target weights saved before they were rebalanced to. */
  public void restoreTargets(java.util.Map<String, Double> targets) {
    targets.forEach((symbol, weight) -> {
      int s = panel.symbols().indexOf(symbol);
      if (s < 0) {
        throw new IllegalArgumentException("Expected the data to include " + symbol + ", with a pending target "
            + "weight in the saved portfolio, but found only " + panel.symbols());
      }
      targetWeight(s, weight);
    });
  }

  /**
   * Restores saved working orders onto this core's bars: {@code barAtOrAfter} maps a time to the
   * first bar opening at or after it. Called after the strategy registered its features.
   */
  public void restore(List<PortfolioState.SavedOrder> saved, LongToIntFunction barAtOrAfter) {
    for (PortfolioState.SavedOrder so : saved) {
      int s = panel.symbols().indexOf(so.symbol());
      if (s < 0) {
        throw new IllegalArgumentException("Expected the data to include " + so.symbol() + ", with a working order "
            + "in the saved portfolio, but found only " + panel.symbols());
      }
      Side side = Side.valueOf(so.side());
      OrderType type = OrderType.valueOf(so.type());
      Sizing sizing = switch (so.sizing()) {
        case "Units" -> Sizing.units(so.sizingAmount());
        case "EquityFraction" -> Sizing.equityFraction(so.sizingAmount());
        case "ReduceBy" -> Sizing.reduceBy(so.sizingAmount());
        case "ReduceByFraction" -> Sizing.reduceByFraction(so.sizingAmount());
        case "AllCash" -> Sizing.allCash();
        case "ClosePosition" -> Sizing.closePosition();
        default -> throw new IllegalArgumentException("Expected a known sizing, but found '" + so.sizing() + "'");
      };
      Trail trail = trail(so.trailKind(), so.trailAmount(), so.trailFeature());
      Trail slTrail = trail(so.stopLossTrailKind(), so.stopLossTrailAmount(), so.stopLossTrailFeature());
      Order o = new Order(s, side, type, sizing, so.limitPrice(), so.stopPrice(), trail,
          TimeInForce.valueOf(so.timeInForce()), so.expireTimeMillis(), so.stopLoss(), slTrail, so.takeProfit(),
          so.tag());
      int created = Math.max(0, barAtOrAfter.applyAsInt(so.createdMillis()));
      WorkingOrder w = new WorkingOrder(so.id(), o, created, barAtOrAfter.applyAsInt(so.activeFromMillis()));
      w.triggered = so.triggered();
      if (so.ocoPartnerId() >= 0 || so.parentId() >= 0) {
        w.extras().ocoPartner = so.ocoPartnerId();
        w.extras().parentId = so.parentId();
      }
      w.reduceOnly = o.sizing().reduceOnly() || so.parentId() >= 0;
      w.remaining = so.remainingQuantity();
      if (!Double.isNaN(so.trailLevel())) {
        w.extras().trailLevel = so.trailLevel();
      }
      if (type == OrderType.TRAILING_STOP) {
        trailingCount++;
      }
      add(w);
    }
    // Entries whose exits are working know them again (for their fill events).
    for (WorkingOrder leg : working) {
      if (leg.parentId() >= 0) {
        WorkingOrder parent = find(leg.parentId());
        if (parent != null) {
          if (leg.order.type().isStop()) {
            parent.extras().stopLossLeg = leg.id;
          } else {
            parent.extras().takeProfitLeg = leg.id;
          }
        }
      }
    }
    updateBorrowing();
  }

  private Trail trail(String kind, double amount, String featureName) {
    if (kind == null) {
      return null;
    }
    Trail.Kind k = Trail.Kind.valueOf(kind);
    if (k != Trail.Kind.FEATURE_MULTIPLE) {
      return new Trail(k, amount, null);
    }
    FeatureRef f = features.find(featureName);
    if (f == null) {
      throw new IllegalArgumentException("Expected the resumed strategy to register feature '" + featureName
          + "', which a saved trailing stop follows, but it does not");
    }
    return Trail.byFeature(f, amount);
  }
}
