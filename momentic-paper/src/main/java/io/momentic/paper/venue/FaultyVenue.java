package io.momentic.paper.venue;

import io.momentic.core.Checks;
import io.momentic.engine.order.Order;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A venue with scripted faults in front of another (the paper venue, usually): the failures a live
 * venue produces, on demand, so the runtime's handling of each is tested. Faults are queued per
 * command and taken in order, one per call; a call with no fault queued goes straight through.
 *
 * <ul>
 *   <li>{@link Fault#LOST_REQUEST}: the request never arrives — nothing happens, the answer is UNKNOWN;
 *   <li>{@link Fault#LOST_REPLY}: the venue does it, but the acknowledgement is lost — UNKNOWN;
 *   <li>{@link Fault#REJECT}: the venue refuses it ({@code -2010}, insufficient balance);
 *   <li>{@link Fault#SERVER_ERROR}: HTTP 503, nothing happens — UNKNOWN (a query: unavailable);
 *   <li>{@link Fault#RATE_LIMITED}: HTTP 429 with Retry-After, nothing happens — REJECTED with code 429,
 *       which the runtime treats as transient (a query: unavailable with the Retry-After);
 *   <li>{@link Fault#ALREADY_DONE}: a cancel that races a fill — the order filled first, the cancel
 *       comes back {@code -2011} (unknown order).
 * </ul>
 * and, not per call, {@link #clockSkew}: the venue's clock off from ours.
 */
public final class FaultyVenue implements BrokerClient {

  /** What can go wrong. */
  public enum Fault { LOST_REQUEST, LOST_REPLY, REJECT, SERVER_ERROR, RATE_LIMITED, ALREADY_DONE }

  /** The calls a fault can be scripted for. */
  public enum Call { PLACE, CANCEL, MODIFY, REBALANCE, QUERY, TRADES }

  /** Retry-After of a scripted 429, in ms. */
  public static final long RETRY_AFTER_MILLIS = 1_000;

  private final BrokerClient venue;
  private final Map<Call, Deque<Fault>> script = new EnumMap<>(Call.class);
  private final Map<Call, Integer> calls = new EnumMap<>(Call.class);
  private long skewMillis;

  /**
   * The venue's clock runs {@code millis} ahead of ours (behind when negative): every time it reports
   * — fills, order updates — is shifted by it.
   */
  public FaultyVenue clockSkew(long millis) {
    this.skewMillis = millis;
    return this;
  }

  public FaultyVenue(BrokerClient venue) {
    this.venue = Checks.notNull(venue, "venue");
  }

  /** Queues {@code fault} for the next call of {@code call} (after those queued before). */
  public FaultyVenue next(Call call, Fault fault) {
    script.computeIfAbsent(call, c -> new ArrayDeque<>()).add(fault);
    return this;
  }

  /** Queues {@code fault} for the next {@code times} calls. */
  public FaultyVenue next(Call call, Fault fault, int times) {
    for (int i = 0; i < times; i++) {
      next(call, fault);
    }
    return this;
  }

  /** How many times {@code call} reached this venue (faulted or not). */
  public int calls(Call call) {
    return calls.getOrDefault(call, 0);
  }

  public BrokerClient inner() {
    return venue;
  }

  private CommandResult command(Call call, Supplier<CommandResult> send) {
    calls.merge(call, 1, Integer::sum);
    Deque<Fault> q = script.get(call);
    Fault f = q == null ? null : q.poll();
    if (f == null) {
      return send.get();
    }
    return switch (f) {
      case LOST_REQUEST -> CommandResult.unknown("timeout: no reply (the request was lost)");
      case LOST_REPLY -> {
        send.get();
        yield CommandResult.unknown("timeout: no reply (the acknowledgement was lost)");
      }
      case REJECT -> CommandResult.rejected("-2010", "Account has insufficient balance for requested action.");
      case SERVER_ERROR -> CommandResult.unknown("HTTP 503 Service Unavailable");
      case RATE_LIMITED -> CommandResult.rateLimited("429", "Too many requests; Retry-After "
          + RETRY_AFTER_MILLIS / 1000 + " s", RETRY_AFTER_MILLIS);
      case ALREADY_DONE -> CommandResult.rejected("-2011", "Unknown order sent.");
    };
  }

  private void queryFault(Call call) {
    calls.merge(call, 1, Integer::sum);
    Deque<Fault> q = script.get(call);
    Fault f = q == null ? null : q.poll();
    if (f == Fault.RATE_LIMITED) {
      throw new VenueUnavailableException("429", "Too many requests", RETRY_AFTER_MILLIS);
    }
    if (f != null) {
      throw new VenueUnavailableException("503", "HTTP 503 Service Unavailable", 0);
    }
  }

  @Override
  public CommandResult place(String clientOrderId, Order order) {
    return command(Call.PLACE, () -> venue.place(clientOrderId, order));
  }

  @Override
  public CommandResult cancel(String clientOrderId) {
    return command(Call.CANCEL, () -> venue.cancel(clientOrderId));
  }

  @Override
  public CommandResult modify(String clientOrderId, double stopPrice, double limitPrice) {
    return command(Call.MODIFY, () -> venue.modify(clientOrderId, stopPrice, limitPrice));
  }

  @Override
  public CommandResult rebalance(String clientOrderId, int symbol, double weight) {
    return command(Call.REBALANCE, () -> venue.rebalance(clientOrderId, symbol, weight));
  }

  @Override
  public CommandResult closeDelisted(String clientOrderId, int symbol) {
    return venue.closeDelisted(clientOrderId, symbol);
  }

  @Override
  public OrderStatus query(String clientOrderId) {
    queryFault(Call.QUERY);
    return venue.query(clientOrderId);
  }

  @Override
  public List<VenueTrade> tradesSince(long afterTradeId) {
    queryFault(Call.TRADES);
    return venue.tradesSince(afterTradeId).stream().map(t -> skewMillis == 0 ? t : new VenueTrade(t.tradeId(),
        t.clientOrderId(), t.symbol(), t.instrument(), t.side(), t.quantity(), t.price(), t.fee(), t.slippageCost(),
        t.timeMillis() + skewMillis, t.reason())).toList();
  }

  @Override
  public List<OrderUpdate> updatesSince(long afterSeq) {
    return venue.updatesSince(afterSeq).stream().map(u -> skewMillis == 0 ? u : new OrderUpdate(u.seq(),
        u.clientOrderId(), u.state(), u.timeMillis() + skewMillis, u.code(), u.reason())).toList();
  }

  @Override
  public AccountSnapshot account() {
    return venue.account();
  }

  @Override
  public List<OrderStatus> openOrders() {
    return venue.openOrders();
  }
}
