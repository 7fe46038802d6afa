package io.momentic.paper.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.momentic.core.Checks;
import io.momentic.core.Clock;
import io.momentic.core.Panel;
import io.momentic.core.Timestamps;
import io.momentic.engine.Decision;
import io.momentic.engine.exec.FeatureValues;
import io.momentic.engine.order.Order;
import io.momentic.paper.journal.Journal;
import io.momentic.paper.venue.BrokerClient;
import io.momentic.paper.venue.CommandResult;
import io.momentic.paper.venue.OrderStatus;
import io.momentic.paper.venue.OrderUpdate;
import io.momentic.paper.venue.PaperVenue;
import io.momentic.paper.venue.VenueTrade;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The paper runtime: strategies decide at each closed bar exactly as in a backtest, and their
 * orders go through a {@link BrokerClient} — written to the {@link Journal} before they are sent,
 * the venue's answers and fills after they arrive. The books every decision reads are the journal
 * replayed, so a restart (after a clean stop or a SIGKILL) is the same code path as a start.
 *
 * <p>Per bar of a strategy: the venue opens the bar (the paper venue fills at its open and in its
 * range), the runtime journals and books the new fills and updates, the strategy decides on its
 * history so far, each intent gets a deterministic client order id (strategy, decision bar,
 * sequence) and is journaled, checked and sent; then the venue closes the bar and the bar is
 * journaled as done with the books' mark. A bar without an order records one {@link SkipReason}.
 */
public final class PaperRuntime implements AutoCloseable {

  /** A strategy slot: its spec, its venue account and its books. */
  public static final class Slot {
    final SlotSpec spec;
    final BrokerClient venue;
    final SlotBooks books;
    FeatureValues lastFeatures = FeatureValues.NONE;

    Slot(SlotSpec spec, BrokerClient venue) {
      this.spec = spec;
      this.venue = venue;
      this.books = new SlotBooks(spec.symbols(), spec.config().initialCash());
    }

    public SlotSpec spec() {
      return spec;
    }

    public BrokerClient venue() {
      return venue;
    }

    public SlotBooks books() {
      return books;
    }
  }

  /** Called after each venue bar, to save a paper venue's state (the runtime does not know where). */
  public interface VenueSaver {
    void save(String slot, PaperVenue.State state);
  }

  /** Retries for a command whose outcome is unknown: query by client id, at most this many times. */
  static final int MAX_QUERIES = 5;

  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

  private final Journal journal;
  private final Clock clock;
  private final VenueSaver saver;
  private final Map<String, Slot> slots = new LinkedHashMap<>();

  /**
   * A runtime over {@code journal} (replayed now: the books continue where they stopped) for the
   * given strategies and their venue accounts.
   */
  public PaperRuntime(Journal journal, Clock clock, Map<SlotSpec, BrokerClient> accounts, VenueSaver saver) {
    this.journal = Checks.notNull(journal, "journal");
    this.clock = Checks.notNull(clock, "clock");
    this.saver = saver == null ? (s, st) -> {} : saver;
    for (Map.Entry<SlotSpec, BrokerClient> a : accounts.entrySet()) {
      if (slots.containsKey(a.getKey().id())) {
        throw new io.momentic.core.ConfigException("id", "expected each strategy id once, found '" + a.getKey().id()
            + "' twice");
      }
      slots.put(a.getKey().id(), new Slot(a.getKey(), a.getValue()));
    }
    replay();
  }

  public Map<String, Slot> slots() {
    return java.util.Collections.unmodifiableMap(slots);
  }

  public Journal journal() {
    return journal;
  }

  //---------------------------------------------------------------------------
  // Start-up and recovery: the journal replayed

  private void replay() {
    for (Journal.Entry e : journal.entries(null)) {
      Slot slot = slots.get(e.slot());
      if (slot == null) {
        continue; // a strategy no longer configured keeps its entries; it is not traded
      }
      SlotBooks b = slot.books;
      Map<String, Object> p = read(e.payload());
      switch (e.kind()) {
        case TRADE -> b.book(trade(p), ((Number) p.get("bar")).intValue(), Boolean.TRUE.equals(p.get("before_decision")));
        case UPDATE -> {
          b.lastUpdateSeq = Math.max(b.lastUpdateSeq, Long.parseLong(e.ref()));
          if ("REJECTED".equals(p.get("state"))) {
            b.rejected++;
          }
        }
        case INTENT -> b.intents.add(e.ref());
        case SENT -> {
          b.sent.put(e.ref(), (String) p.get("outcome"));
          if ("UNKNOWN".equals(p.get("first_outcome"))) {
            b.unknownOutcomes++;
          }
          b.ordersSent++;
        }
        case DENIED -> b.denied++;
        case SKIP -> b.skip(SkipReason.valueOf(((String) p.get("reason")).toUpperCase(java.util.Locale.ROOT)));
        case STATE -> {
          b.state = StrategyState.valueOf(((String) p.get("state")).toUpperCase(java.util.Locale.ROOT));
          b.stateReason = (String) p.get("reason");
          b.stateSince = e.recordedMillis();
          b.transitions++;
        }
        case BAR -> {
          b.lastBarDone = Math.max(b.lastBarDone, e.barTime());
          b.lastEquity = ((Number) p.get("equity")).doubleValue();
        }
        case INCIDENT -> { }
      }
    }
  }

  //---------------------------------------------------------------------------
  // The bar

  /**
   * Bar t — the last of {@code history}, the strategy's bars so far — has closed. Does nothing for
   * a bar already done (a restart replaying its feed).
   */
  public void onBar(String slotId, Panel history) {
    Slot slot = slots.get(slotId);
    if (slot == null) {
      throw new IllegalArgumentException("Expected one of the strategies " + slots.keySet() + ", found " + slotId);
    }
    int t = history.size() - 1;
    long barTime = history.time(t);
    SlotBooks b = slot.books;
    if (barTime <= b.lastBarDone) {
      return;
    }
    if (barTime < slot.spec.config().startTimeMillis()) {
      // Warm-up: the backtest's ledger has not started; nor has the venue account.
      skip(slot, barTime, SkipReason.WARM_UP);
      done(slot, barTime, history);
      return;
    }
    Decision decision = Decision.prepare(history, slot.spec.strategy().get(), slot.spec.config());
    PaperVenue paper = slot.venue instanceof PaperVenue v ? v : null;
    boolean venueOpens = paper != null && paper.lastBarTime() < barTime;
    if (venueOpens) {
      // The venue's trailing stops by a feature read the bars before t: the new preparation's
      // values there are the previous one's (no look-ahead), so one preparation serves both.
      paper.openBar(history, decision.features());
    }
    collect(slot, history, true);
    int first = history.indexAtOrAfter(slot.spec.config().startTimeMillis());
    b.recordDecision(first, t);
    List<Decision.Intent> sentNow = List.of();
    SkipReason skipped = null;
    if (!b.state.trades()) {
      skipped = b.state == StrategyState.PAUSED ? SkipReason.PAUSED
          : b.state == StrategyState.QUARANTINED ? SkipReason.QUARANTINED : SkipReason.STOPPED;
    } else {
      Decision.Outcome outcome = decision.decide(first, b::at, k -> new Ids(history.time(k)));
      sentNow = outcome.intents();
      if (sentNow.isEmpty()) {
        skipped = SkipReason.NO_SIGNAL;
      } else if (!send(slot, barTime, sentNow)) {
        skipped = SkipReason.RISK_BLOCKED;
      }
    }
    slot.lastFeatures = decision.features();
    if (venueOpens) {
      paper.closeBar(decision.features());
      saver.save(slot.spec.id(), paper.state());
    }
    collect(slot, history, false);
    if (skipped != null) {
      skip(slot, barTime, skipped);
    }
    done(slot, barTime, history);
  }

  /** Runtime order ids: the decision bar's time in seconds × 1000 + the sequence (deterministic). */
  private static final class Ids implements java.util.function.LongSupplier {
    final long base;
    int seq;

    Ids(long barTime) {
      this.base = Math.floorDiv(barTime, 1000) * 1000;
    }

    @Override
    public long getAsLong() {
      return base + ++seq;
    }
  }

  /** The client order id of a runtime order id: strategy, decision bar (UTC minute), sequence. */
  static String clientId(String slot, long runtimeId) {
    long barTime = Math.floorDiv(runtimeId, 1000) * 1000;
    int seq = (int) Math.floorMod(runtimeId, 1000);
    return slot + "-" + compact(barTime) + "-" + seq;
  }

  private static String compact(long timeMillis) {
    java.time.LocalDateTime d = java.time.LocalDateTime.ofEpochSecond(Math.floorDiv(timeMillis, 1000), 0,
        java.time.ZoneOffset.UTC);
    return String.format(java.util.Locale.ROOT, "%04d%02d%02d%02d%02d%02d", d.getYear(), d.getMonthValue(),
        d.getDayOfMonth(), d.getHour(), d.getMinute(), d.getSecond());
  }

  /**
   * Journals, checks and sends one decision's intents, in order. Returns false when every one was
   * denied. Each intent has its own client id; a cancel or modify names its target's in the payload.
   */
  private boolean send(Slot slot, long barTime, List<Decision.Intent> intents) {
    String id = slot.spec.id();
    int commandSeq = 500; // commands that are not new orders number from 501 within the bar
    boolean any = false;
    for (Decision.Intent intent : intents) {
      String cid;
      Map<String, Object> payload = new TreeMap<>();
      switch (intent) {
        case Decision.Submit s -> {
          cid = clientId(id, s.id());
          payload.putAll(describe(s.order(), slot));
        }
        case Decision.Cancel c -> {
          cid = clientId(id, Math.floorDiv(barTime, 1000) * 1000 + ++commandSeq);
          payload.put("command", "cancel");
          payload.put("target", clientId(id, c.id()));
        }
        case Decision.Modify m -> {
          cid = clientId(id, Math.floorDiv(barTime, 1000) * 1000 + ++commandSeq);
          payload.put("command", "modify");
          payload.put("target", clientId(id, m.id()));
          payload.put("stop", finite(m.stopPrice()));
          payload.put("limit", finite(m.limitPrice()));
        }
        case Decision.CancelAll c -> {
          cid = clientId(id, Math.floorDiv(barTime, 1000) * 1000 + ++commandSeq);
          payload.put("command", "cancel-all");
          payload.put("symbol", slot.spec.symbols().get(c.symbol()));
        }
        case Decision.TargetWeight w -> {
          cid = clientId(id, Math.floorDiv(barTime, 1000) * 1000 + ++commandSeq);
          payload.put("command", "rebalance");
          payload.put("symbol", slot.spec.symbols().get(w.symbol()));
          payload.put("weight", w.weight());
        }
        case Decision.CloseDelisted d -> {
          cid = clientId(id, Math.floorDiv(barTime, 1000) * 1000 + ++commandSeq);
          payload.put("command", "close-delisted");
          payload.put("symbol", slot.spec.symbols().get(d.symbol()));
        }
      }
      // Write-ahead: the intent is on disk before anything is sent (a restart finds it).
      journal.append(clock.nowMillis(), id, Journal.Kind.INTENT, cid, barTime, write(payload));
      slot.books.intents.add(cid);
      if (slot.books.sent.containsKey(cid)) {
        any = true;
        continue; // sent before a restart; its answer is journaled
      }
      CommandResult result;
      OrderStatus known = slot.venue.query(cid);
      if (known.state() != OrderStatus.State.NOT_FOUND) {
        // Sent before a crash but its answer was not journaled: the venue has it; never resend.
        result = CommandResult.accepted();
      } else {
        result = command(slot, cid, intent);
      }
      CommandResult.Outcome first = result.outcome();
      if (result.outcome() == CommandResult.Outcome.UNKNOWN) {
        slot.books.unknownOutcomes++;
        result = resolveUnknown(slot, cid, intent);
      }
      Map<String, Object> answer = new TreeMap<>();
      answer.put("outcome", result.outcome().name());
      answer.put("first_outcome", first.name());
      answer.put("code", result.code());
      answer.put("reason", result.reason());
      journal.append(clock.nowMillis(), id, Journal.Kind.SENT, cid, barTime, write(answer));
      slot.books.sent.put(cid, result.outcome().name());
      slot.books.ordersSent++;
      any = true;
      if (result.outcome() == CommandResult.Outcome.REJECTED && intent instanceof Decision.Submit) {
        slot.books.rejected++;
        transition(slot, barTime, StrategyState.QUARANTINED, "rejected: " + cid + " " + result.code() + " "
            + result.reason());
      }
    }
    return any;
  }

  private CommandResult command(Slot slot, String cid, Decision.Intent intent) {
    String id = slot.spec.id();
    return switch (intent) {
      case Decision.Submit s -> slot.venue.place(cid, s.order());
      case Decision.Cancel c -> slot.venue.cancel(clientId(id, c.id()));
      case Decision.Modify m -> slot.venue.modify(clientId(id, m.id()), m.stopPrice(), m.limitPrice());
      case Decision.CancelAll c -> {
        for (OrderStatus o : slot.venue.openOrders()) {
          if (o.symbol() == c.symbol()) {
            slot.venue.cancel(o.clientOrderId());
          }
        }
        yield CommandResult.accepted();
      }
      case Decision.TargetWeight w -> slot.venue.rebalance(cid, w.symbol(), w.weight());
      case Decision.CloseDelisted d -> slot.venue.closeDelisted(cid, d.symbol());
    };
  }

  /**
   * An outcome nobody can vouch for is resolved by asking for the client id: found means it was
   * taken; not found means it never arrived and may be sent (not a blind resend — the venue said
   * it does not have it). Still unknown after {@link #MAX_QUERIES} queries: left UNKNOWN, queried
   * again at the next bar; never counted as an execution failure.
   */
  private CommandResult resolveUnknown(Slot slot, String cid, Decision.Intent intent) {
    for (int i = 0; i < MAX_QUERIES; i++) {
      slot.books.queriesAfterUnknown++;
      OrderStatus s = slot.venue.query(cid);
      if (s.state() == OrderStatus.State.NOT_FOUND) {
        CommandResult again = command(slot, cid, intent);
        if (again.outcome() != CommandResult.Outcome.UNKNOWN) {
          return again;
        }
      } else if (s.state() == OrderStatus.State.REJECTED) {
        return CommandResult.rejected("", s.reason());
      } else {
        return CommandResult.accepted();
      }
    }
    return CommandResult.unknown("no answer after " + MAX_QUERIES + " queries by client id");
  }

  /** Journals and books the venue's new fills and order updates (each once, by its id). */
  private void collect(Slot slot, Panel history, boolean beforeDecision) {
    SlotBooks b = slot.books;
    String id = slot.spec.id();
    for (VenueTrade trade : slot.venue.tradesSince(b.lastTradeId)) {
      if (journal.append(clock.nowMillis(), id, Journal.Kind.TRADE, Long.toString(trade.tradeId()), trade.timeMillis(),
          write(payload(trade, bar(history, trade), beforeDecision)))) {
        b.book(trade, bar(history, trade), beforeDecision);
      }
      b.lastTradeId = Math.max(b.lastTradeId, trade.tradeId());
    }
    for (OrderUpdate u : slot.venue.updatesSince(b.lastUpdateSeq)) {
      Map<String, Object> p = new TreeMap<>();
      p.put("client_order_id", u.clientOrderId());
      p.put("state", u.state().name());
      p.put("code", u.code());
      p.put("reason", u.reason());
      if (journal.append(clock.nowMillis(), id, Journal.Kind.UPDATE, Long.toString(u.seq()), u.timeMillis(), write(p))
          && u.state() == OrderStatus.State.REJECTED) {
        b.rejected++;
        if (quarantines(u.code())) {
          transition(slot, u.timeMillis(), StrategyState.QUARANTINED, "rejected: " + u.clientOrderId() + " "
              + u.code() + " " + u.reason());
        }
      }
      b.lastUpdateSeq = Math.max(b.lastUpdateSeq, u.seq());
    }
  }

  /**
   * Whether a venue rejection quarantines the strategy. An order sized to nothing (no cash left, no
   * position to reduce) is the backtest's no-op too: counted, not quarantined.
   */
  static boolean quarantines(String code) {
    return !"ZERO_QUANTITY".equals(code) && !"NO_POSITION".equals(code);
  }

  private void transition(Slot slot, long barTime, StrategyState state, String reason) {
    SlotBooks b = slot.books;
    if (b.state == state) {
      return;
    }
    Map<String, Object> p = new TreeMap<>();
    p.put("state", state.code());
    p.put("from", b.state.code());
    p.put("reason", reason);
    long now = clock.nowMillis();
    journal.append(now, slot.spec.id(), Journal.Kind.STATE, Integer.toString(b.transitions + 1), barTime, write(p));
    b.transitions++;
    b.state = state;
    b.stateReason = reason;
    b.stateSince = now;
  }

  /** An operator's action (pause, resume, clear quarantine, kill, retire), journaled with its reason. */
  public void operator(String slotId, StrategyState state, String reason) {
    Slot slot = slots.get(slotId);
    if (slot == null) {
      throw new IllegalArgumentException("Expected one of the strategies " + slots.keySet() + ", found " + slotId);
    }
    transition(slot, slot.books.lastBarDone, state, "operator: " + reason);
  }

  private void skip(Slot slot, long barTime, SkipReason reason) {
    Map<String, Object> p = new TreeMap<>();
    p.put("reason", reason.code());
    if (journal.append(clock.nowMillis(), slot.spec.id(), Journal.Kind.SKIP, Long.toString(barTime), barTime,
        write(p))) {
      slot.books.skip(reason);
    }
  }

  private void done(Slot slot, long barTime, Panel history) {
    double equity = equity(slot.books, history);
    Map<String, Object> p = new TreeMap<>();
    p.put("equity", equity);
    p.put("cash", slot.books.cash());
    p.put("time", Timestamps.format(barTime));
    journal.append(clock.nowMillis(), slot.spec.id(), Journal.Kind.BAR, Long.toString(barTime), barTime, write(p));
    slot.books.lastBarDone = barTime;
    slot.books.lastEquity = equity;
  }

  /** Cash + positions at the bar's close (the last known close where a symbol has none). */
  static double equity(SlotBooks books, Panel history) {
    int t = history.size() - 1;
    double e = books.cash();
    for (int s = 0; s < history.symbolCount(); s++) {
      double q = books.position(s);
      if (q != 0) {
        double close = Double.NaN;
        for (int i = t; i >= 0 && close != close; i--) {
          close = history.close(s, i);
        }
        e += q * close;
      }
    }
    return e;
  }

  //---------------------------------------------------------------------------
  // Replay of stored bars

  /**
   * Feeds each strategy its bars in time order (all strategies' bars merged by time), at most
   * {@code barsPerSecond} bars a second (0: as fast as possible). {@code progress} hears each time.
   */
  public void replay(Map<String, Panel> bars, double barsPerSecond, Consumer<Long> progress)
      throws InterruptedException {
    java.util.TreeSet<Long> times = new java.util.TreeSet<>();
    for (Panel p : bars.values()) {
      for (int i = 0; i < p.size(); i++) {
        times.add(p.time(i));
      }
    }
    long pauseNanos = barsPerSecond > 0 ? (long) (1e9 / barsPerSecond) : 0;
    for (long time : times) {
      for (Map.Entry<String, Panel> e : bars.entrySet()) {
        Panel p = e.getValue();
        int i = p.indexAtOrBefore(time);
        if (i >= 0 && p.time(i) == time) {
          onBar(e.getKey(), p.upTo(i + 1));
        }
      }
      if (progress != null) {
        progress.accept(time);
      }
      if (pauseNanos > 0) {
        Thread.sleep(pauseNanos / 1_000_000, (int) (pauseNanos % 1_000_000));
      }
    }
  }

  @Override
  public void close() {
    journal.close();
  }

  //---------------------------------------------------------------------------
  // Payloads

  private static Map<String, Object> describe(Order o, Slot slot) {
    Map<String, Object> p = new TreeMap<>();
    p.put("command", "place");
    p.put("symbol", slot.spec.symbols().get(o.symbol()));
    p.put("side", o.side().name());
    p.put("type", o.type().name());
    p.put("sizing", o.sizing().toString());
    p.put("limit", finite(o.limitPrice()));
    p.put("stop", finite(o.stopPrice()));
    p.put("stop_loss", finite(o.stopLoss()));
    p.put("take_profit", finite(o.takeProfit()));
    p.put("trail", o.trail() == null ? null : o.trail().toString());
    p.put("time_in_force", o.timeInForce().name());
    p.put("tag", o.tag());
    return p;
  }

  private static Object finite(double v) {
    return Double.isFinite(v) ? v : null;
  }

  private static int bar(Panel history, VenueTrade trade) {
    return Math.max(0, history.indexAtOrBefore(trade.timeMillis()));
  }

  private static Map<String, Object> payload(VenueTrade t, int bar, boolean beforeDecision) {
    Map<String, Object> p = new TreeMap<>();
    p.put("bar", bar);
    p.put("before_decision", beforeDecision);
    p.put("trade_id", t.tradeId());
    p.put("client_order_id", t.clientOrderId());
    p.put("symbol", t.symbol());
    p.put("instrument", t.instrument());
    p.put("side", t.side().name());
    p.put("quantity", t.quantity());
    p.put("price", t.price());
    p.put("fee", t.fee());
    p.put("slippage_cost", t.slippageCost());
    p.put("time_ms", t.timeMillis());
    p.put("reason", t.reason());
    return p;
  }

  static VenueTrade trade(Map<String, Object> p) {
    return new VenueTrade(((Number) p.get("trade_id")).longValue(), (String) p.get("client_order_id"),
        ((Number) p.get("symbol")).intValue(), (String) p.get("instrument"), SlotBooks.side((String) p.get("side")),
        num(p, "quantity"), num(p, "price"), num(p, "fee"), num(p, "slippage_cost"),
        ((Number) p.get("time_ms")).longValue(), (String) p.get("reason"));
  }

  private static double num(Map<String, Object> p, String key) {
    return ((Number) p.get(key)).doubleValue();
  }

  static String write(Map<String, Object> payload) {
    try {
      return JSON.writeValueAsString(payload);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> read(String payload) {
    try {
      return JSON.readValue(payload, Map.class);
    } catch (JsonProcessingException e) {
      throw new Journal.JournalException("A journal entry is not JSON (" + e.getOriginalMessage() + "); fix: restore "
          + "the journal from a backup", e);
    }
  }
}
