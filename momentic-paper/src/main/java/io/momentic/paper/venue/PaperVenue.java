package io.momentic.paper.venue;

import io.momentic.core.Checks;
import io.momentic.core.Panel;
import io.momentic.engine.account.Fill;
import io.momentic.engine.account.Ledger;
import io.momentic.engine.account.PortfolioState;
import io.momentic.engine.exec.ExecutionConfig;
import io.momentic.engine.exec.FeatureValues;
import io.momentic.engine.exec.MatchingCore;
import io.momentic.engine.exec.SimulatedBroker;
import io.momentic.engine.order.FeatureRef;
import io.momentic.engine.order.Order;
import io.momentic.engine.order.OrderEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The paper venue: one account whose orders are filled by the backtest's own {@link MatchingCore}
 * into a {@link Ledger}, fed with bars as they close — no fill rule of its own. Each bar rebuilds the
 * core over the history so far from the state saved at the previous close (the path
 * {@code backtest --resume} takes, proven to give the uninterrupted run's fills), so the venue
 * never holds a bar that has not happened and its whole state is one saveable {@link State}.
 *
 * <p>The market drives it: {@link #openBar} (fills at the open and inside the bar's range), then the
 * runtime's commands at the close, then {@link #closeBar} (same-close fills, trailing stops).
 * Trade ids are the ledger's fill numbers (1, 2, …); order updates are numbered likewise.
 */
public final class PaperVenue implements BrokerClient {

  /** One order the venue has seen, by the runtime's client id. */
  public record Tracked(String clientOrderId, long venueId, int symbol, String kind, OrderStatus.State state,
      double filledQuantity, String reason) {

    Tracked with(OrderStatus.State newState, double filled, String newReason) {
      return new Tracked(clientOrderId, venueId, symbol, kind, newState, filled, newReason);
    }
  }

  /**
   * Everything the venue holds between bars: the account (cash, positions, fills, working orders,
   * pending rebalances), the orders by client id and the updates so far.
   */
  public record State(String account, double initialCash, List<String> symbols, PortfolioState portfolio,
      List<Tracked> orders, List<OrderUpdate> updates) {

    public State {
      symbols = List.copyOf(symbols);
      orders = List.copyOf(orders);
      updates = List.copyOf(updates);
    }
  }

  private final String account;
  private final List<String> symbols;
  private final double initialCash;
  private final ExecutionConfig execution;
  private final LatestFeatures features = new LatestFeatures();
  private final Map<String, Tracked> orders = new LinkedHashMap<>();
  private final Map<Long, String> clientOfVenueId = new HashMap<>();
  /** Client ids of the pending rebalance and delisting close per symbol (their fills carry no order id). */
  private final Map<Integer, String> rebalanceOf = new HashMap<>();
  private final Map<Integer, String> delistingOf = new HashMap<>();
  private final List<OrderUpdate> updates = new ArrayList<>();
  /** The account at the last close; null before the first bar. */
  private PortfolioState saved;
  private SimulatedBroker broker;
  private Panel history;
  private int t = -1;
  /** Scripted liquidity: at most this many units fill in the bar opening at the key time (a partial fill). */
  private final Map<Long, Double> thinBars = new HashMap<>();
  private ExecutionConfig effective;

  public PaperVenue(String account, List<String> symbols, double initialCash, ExecutionConfig execution) {
    this.account = Checks.notBlank(account, "account");
    this.symbols = List.copyOf(symbols);
    this.initialCash = initialCash;
    this.execution = Checks.notNull(execution, "execution");
    this.effective = execution;
  }

  /**
   * A scripted fault: in the bar that opens at {@code barTime} an order fills at most
   * {@code units} (the rest keeps working, as a thin book leaves it), on top of the configured
   * slippage model's own cap.
   */
  public PaperVenue thinBar(long barTime, double units) {
    thinBars.put(barTime, units);
    effective = execution.withSlippage(new Thin(execution.slippage(), thinBars));
    return this;
  }

  /** The configured slippage, with the scripted caps of thin bars. */
  private record Thin(io.momentic.engine.exec.SlippageModel inner, Map<Long, Double> limits)
      implements io.momentic.engine.exec.SlippageModel {
    @Override
    public double apply(io.momentic.engine.exec.FillContext c, double price) {
      return inner.apply(c, price);
    }

    @Override
    public double maxQuantity(io.momentic.engine.exec.FillContext c) {
      Double cap = limits.get(c.timeMillis());
      return cap == null ? inner.maxQuantity(c) : Math.min(cap, inner.maxQuantity(c));
    }

    @Override
    public boolean dependsOnQuantity() {
      return inner.dependsOnQuantity();
    }

    @Override
    public boolean caps() {
      return true;
    }
  }

  /** A venue that continues from a saved state. */
  public static PaperVenue restore(State state, ExecutionConfig execution) {
    PaperVenue v = new PaperVenue(state.account(), state.symbols(), state.initialCash(), execution);
    v.saved = state.portfolio();
    for (Tracked o : state.orders()) {
      v.track(o);
    }
    v.updates.addAll(state.updates());
    return v;
  }

  //---------------------------------------------------------------------------
  // Driven by the market

  /**
   * Bar t — the last of {@code history} — has closed: fills what was decided before at its open and
   * inside its range, and marks the account at its close. {@code features} are what trailing stops
   * by a feature read (the deciding strategy's, up to the last closed bar).
   */
  public void openBar(Panel history, FeatureValues features) {
    if (broker != null) {
      throw new IllegalStateException("Expected closeBar before the next bar, but bar " + t + " is still open");
    }
    if (!history.symbols().equals(symbols)) {
      throw new IllegalArgumentException("Expected bars of " + symbols + " for account " + account + ", but found "
          + history.symbols());
    }
    int bar = history.size() - 1;
    if (saved != null && history.time(bar) <= saved.asOfMillis()) {
      throw new IllegalArgumentException("Expected a bar after " + java.time.Instant.ofEpochMilli(saved.asOfMillis())
          + ", but found one at " + java.time.Instant.ofEpochMilli(history.time(bar)));
    }
    this.features.current = features;
    rebuild(history, bar);
    broker.openBar(bar);
    broker.mark(bar);
    drainEvents();
  }

  /** After the runtime's commands at t's close: same-close fills, trailing stops; the state is saved. */
  public void closeBar(FeatureValues features) {
    if (broker == null) {
      throw new IllegalStateException("Expected openBar before closeBar");
    }
    this.features.current = features;
    broker.closeBar(t);
    drainEvents();
    saved = broker.snapshot(history.time(t));
    broker = null;
  }

  /**
   * Gives a restored venue the bars it has seen (the last is its last closed bar), so a command
   * between bars — an operator's cancel, a manual order — can be taken before the next bar. Bars
   * after the last closed one are ignored.
   */
  public void attach(Panel bars) {
    if (broker != null || saved == null) {
      return;
    }
    int i = bars.indexAtOrBefore(saved.asOfMillis());
    if (i < 0 || bars.time(i) != saved.asOfMillis()) {
      throw new IllegalArgumentException("Expected the bars to include the venue's last closed bar "
          + java.time.Instant.ofEpochMilli(saved.asOfMillis()) + ", but they do not");
    }
    history = bars.upTo(i + 1);
    t = i;
  }

  /** The state to save between bars. */
  public State state() {
    PortfolioState portfolio = broker != null ? broker.snapshot(history.time(t)) : saved;
    return new State(account, initialCash, symbols, portfolio, List.copyOf(orders.values()), updates);
  }

  /** The last bar time the venue has closed (Long.MIN_VALUE before the first). */
  public long lastBarTime() {
    return saved == null ? Long.MIN_VALUE : saved.asOfMillis();
  }

  private void rebuild(Panel bars, int bar) {
    this.history = bars;
    this.t = bar;
    Ledger ledger = saved == null ? new Ledger(symbols, initialCash)
        : Ledger.restore(saved, symbols, time -> Math.max(0, bars.indexAtOrBefore(time)));
    broker = new SimulatedBroker(bars, ledger, effective, features);
    broker.core().recordEvents(true);
    broker.startAt(bar);
    if (saved != null) {
      broker.core().restore(saved.workingOrders(), bars::indexAtOrAfter);
      broker.core().restoreTargets(saved.pendingTargets());
    }
  }

  //---------------------------------------------------------------------------
  // BrokerClient

  @Override
  public CommandResult place(String clientOrderId, Order order) {
    CommandResult refused = refuseNew(clientOrderId, order.symbol());
    if (refused != null) {
      return refused;
    }
    long id = core().submit(order);
    track(new Tracked(clientOrderId, id, order.symbol(), "order", OrderStatus.State.WORKING, 0, ""));
    drainEvents();
    return CommandResult.accepted();
  }

  @Override
  public CommandResult cancel(String clientOrderId) {
    Tracked o = orders.get(clientOrderId);
    if (o == null || o.venueId() < 0 || !core().cancel(o.venueId())) {
      return CommandResult.rejected("-2011", "Unknown order sent.");
    }
    drainEvents();
    return CommandResult.accepted();
  }

  @Override
  public CommandResult modify(String clientOrderId, double stopPrice, double limitPrice) {
    Tracked o = orders.get(clientOrderId);
    if (o == null || o.venueId() < 0 || !core().modify(o.venueId(), stopPrice, limitPrice)) {
      return CommandResult.rejected("-2011", "Unknown order sent.");
    }
    return CommandResult.accepted();
  }

  @Override
  public CommandResult rebalance(String clientOrderId, int symbol, double weight) {
    CommandResult refused = refuseNew(clientOrderId, symbol);
    if (refused != null) {
      return refused;
    }
    core().targetWeight(symbol, weight);
    String previous = rebalanceOf.remove(symbol);
    if (previous != null) {
      // A newer target replaces one not yet traded, as in the backtest.
      settle(previous, OrderStatus.State.CANCELLED, "replaced by " + clientOrderId, "");
    }
    track(new Tracked(clientOrderId, -1, symbol, "rebalance", OrderStatus.State.WORKING, 0, ""));
    drainEvents();
    return CommandResult.accepted();
  }

  @Override
  public CommandResult closeDelisted(String clientOrderId, int symbol) {
    CommandResult refused = refuseNew(clientOrderId, symbol);
    if (refused != null) {
      return refused;
    }
    track(new Tracked(clientOrderId, -1, symbol, "close-delisted", OrderStatus.State.WORKING, 0, ""));
    MatchingCore core = core();
    int fillsBefore = core.ledger().fillCount();
    try {
      core.closeDelisted(symbol);
    } catch (IllegalStateException e) {
      settle(clientOrderId, OrderStatus.State.REJECTED, e.getMessage(), "-1013");
      return CommandResult.rejected("-1013", e.getMessage());
    }
    drainEvents();
    boolean filled = core.ledger().fillCount() > fillsBefore;
    settle(clientOrderId, filled ? OrderStatus.State.FILLED : OrderStatus.State.CANCELLED,
        filled ? "closed at the last close" : "no position to close", "");
    return CommandResult.accepted();
  }

  @Override
  public OrderStatus query(String clientOrderId) {
    Tracked o = orders.get(clientOrderId);
    if (o == null) {
      return new OrderStatus(clientOrderId, OrderStatus.State.NOT_FOUND, -1, 0, "");
    }
    return new OrderStatus(o.clientOrderId(), o.state(), o.symbol(), o.filledQuantity(), o.reason());
  }

  @Override
  public List<VenueTrade> tradesSince(long afterTradeId) {
    List<Fill> fills = broker != null ? broker.ledger().fills() : saved == null ? List.of() : saved.fills();
    List<VenueTrade> out = new ArrayList<>();
    for (int i = (int) Math.max(0, afterTradeId); i < fills.size(); i++) {
      Fill f = fills.get(i);
      out.add(new VenueTrade(i + 1, clientOf(f), f.symbol(), f.instrument(), f.side(), f.quantity(), f.price(),
          f.fee(), f.slippageCost(), f.timeMillis(), f.reason()));
    }
    return out;
  }

  @Override
  public List<OrderUpdate> updatesSince(long afterSeq) {
    List<OrderUpdate> out = new ArrayList<>();
    for (int i = (int) Math.max(0, afterSeq); i < updates.size(); i++) {
      out.add(updates.get(i));
    }
    return out;
  }

  @Override
  public AccountSnapshot account() {
    PortfolioState p = broker != null ? broker.snapshot(history.time(t)) : saved;
    if (p == null) {
      return new AccountSnapshot(initialCash, Map.of());
    }
    Map<String, Double> positions = new LinkedHashMap<>();
    for (PortfolioState.Holding h : p.positions()) {
      positions.put(h.symbol(), h.quantity());
    }
    return new AccountSnapshot(p.cash(), positions);
  }

  @Override
  public List<OrderStatus> openOrders() {
    List<OrderStatus> out = new ArrayList<>();
    for (Tracked o : orders.values()) {
      if (!o.state().done()) {
        out.add(query(o.clientOrderId()));
      }
    }
    return out;
  }

  //---------------------------------------------------------------------------

  /** The core at the current close: the open bar's, or one rebuilt at the last close for a command between bars. */
  private MatchingCore core() {
    if (broker == null) {
      if (history == null) {
        throw new IllegalStateException("Expected a bar before the first command to account " + account);
      }
      // Between bars (an operator's cancel): the account as saved at t's close, then saved again.
      rebuild(history, t);
      MatchingCore c = broker.core().at(t);
      pendingSave = true;
      return c;
    }
    return broker.core().at(t);
  }

  private boolean pendingSave;

  /** Saves the account after a command given between bars. */
  public void settleCommand() {
    if (pendingSave && broker != null) {
      drainEvents();
      saved = broker.snapshot(history.time(t));
      broker = null;
      pendingSave = false;
    }
  }

  private CommandResult refuseNew(String clientOrderId, int symbol) {
    if (orders.containsKey(clientOrderId)) {
      return CommandResult.rejected("-2010", "Duplicate order sent.");
    }
    if (symbol < 0 || symbol >= symbols.size()) {
      return CommandResult.rejected("-1121", "Invalid symbol.");
    }
    return null;
  }

  private void track(Tracked o) {
    orders.put(o.clientOrderId(), o);
    if (o.venueId() >= 0) {
      clientOfVenueId.put(o.venueId(), o.clientOrderId());
    }
    if (o.state() == OrderStatus.State.WORKING && "rebalance".equals(o.kind())) {
      rebalanceOf.put(o.symbol(), o.clientOrderId());
    }
    if ("close-delisted".equals(o.kind())) {
      delistingOf.put(o.symbol(), o.clientOrderId());
    }
  }

  private String clientOf(Fill f) {
    if (f.orderId() >= 0) {
      String c = clientOfVenueId.get(f.orderId());
      return c != null ? c : "venue-" + f.orderId();
    }
    String c = "target-weight".equals(f.reason()) ? rebalanceOf.get(f.symbol())
        : "delisted".equals(f.reason()) ? delistingOf.get(f.symbol()) : null;
    return c != null ? c : "venue-" + f.reason();
  }

  /** The core's events become order updates (and settle the tracked orders). */
  private void drainEvents() {
    MatchingCore core = broker.core();
    OrderEvent e;
    while ((e = core.pollEvent()) != null) {
      switch (e) {
        case OrderEvent.OrderFilled f -> {
          String c = clientOfVenue(f.orderId());
          double before = orders.containsKey(c) ? orders.get(c).filledQuantity() : 0;
          update(c, OrderStatus.State.FILLED, f.timeMillis(), "", "", before + f.quantity());
        }
        case OrderEvent.OrderPartiallyFilled p -> {
          String c = clientOfVenue(p.orderId());
          double before = orders.containsKey(c) ? orders.get(c).filledQuantity() : 0;
          update(c, OrderStatus.State.PARTIALLY_FILLED, p.timeMillis(), "", "", before + p.quantity());
        }
        case OrderEvent.OrderRejected r -> update(clientOfVenue(r.orderId()), OrderStatus.State.REJECTED,
            r.timeMillis(), r.reason().name(), "expected " + r.expected() + ", found " + r.found(), Double.NaN);
        case OrderEvent.OrderCancelled x -> update(clientOfVenue(x.orderId()), OrderStatus.State.CANCELLED,
            x.timeMillis(), "", x.reason(), Double.NaN);
        case OrderEvent.OrderExpired x -> update(clientOfVenue(x.orderId()), OrderStatus.State.EXPIRED,
            x.timeMillis(), "", x.timeInForce().name(), Double.NaN);
      }
    }
    // Rebalances have no order id: one is done once its symbol's target is no longer pending.
    java.util.Map<String, Double> pending = broker.core().pendingTargets();
    for (Map.Entry<Integer, String> r : List.copyOf(rebalanceOf.entrySet())) {
      Tracked o = orders.get(r.getValue());
      if (o != null && o.state() == OrderStatus.State.WORKING && !pending.containsKey(symbols.get(r.getKey()))) {
        update(o.clientOrderId(), OrderStatus.State.FILLED, history.time(t), "", "rebalanced", Double.NaN);
        rebalanceOf.remove(r.getKey());
      }
    }
  }

  private String clientOfVenue(long venueId) {
    String c = clientOfVenueId.get(venueId);
    if (c == null) {
      // An order the venue made itself (a bracket's exit): known from now on by a venue id.
      c = "venue-" + venueId;
      track(new Tracked(c, venueId, -1, "venue", OrderStatus.State.WORKING, 0, ""));
    }
    return c;
  }

  private void update(String clientOrderId, OrderStatus.State state, long timeMillis, String code, String reason,
      double filled) {
    updates.add(new OrderUpdate(updates.size() + 1, clientOrderId, state, timeMillis, code, reason));
    Tracked o = orders.get(clientOrderId);
    if (o != null) {
      orders.put(clientOrderId, o.with(state, Double.isNaN(filled) ? o.filledQuantity() : filled, reason));
    }
  }

  private void settle(String clientOrderId, OrderStatus.State state, String reason, String code) {
    update(clientOrderId, state, history == null ? 0 : history.time(t), code, reason, Double.NaN);
  }

  /** Trailing stops by a feature read the newest decision's feature of that name. */
  private static final class LatestFeatures implements FeatureValues {
    FeatureValues current = FeatureValues.NONE;

    @Override
    public double value(FeatureRef feature, int symbol, int bar) {
      FeatureRef f = current.find(feature.name());
      if (f == null) {
        throw new IllegalStateException("Expected the strategy to register feature '" + feature.name()
            + "' that a working order trails by, but it did not");
      }
      return current.value(f, symbol, bar);
    }

    @Override
    public FeatureRef find(String name) {
      FeatureRef f = current.find(name);
      return f == null ? null : () -> name;
    }
  }
}
