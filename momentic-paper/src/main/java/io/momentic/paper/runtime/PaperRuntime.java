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
import io.momentic.engine.exec.VenueRules;
import io.momentic.engine.order.Order;
import io.momentic.engine.order.Side;
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
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.nio.file.Path;

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
    final VelocityLimits velocity;
    /** When a strategy paused for a transient reason resumes by itself (market time). */
    long resumeAt = Long.MAX_VALUE;
    /** The closes of the newest bar seen (the last known where a symbol had none), for the book's exposure. */
    double[] lastCloses;
    /** A live feed's first trading bar (journaled as START), or Long.MIN_VALUE: the config's start. */
    long startOverride = Long.MIN_VALUE;

    /** The first bar the strategy trades: its backtest's start, or later where a live feed began. */
    public long startMillis() {
      return Math.max(spec.config().startTimeMillis(), startOverride);
    }

    Slot(SlotSpec spec, BrokerClient venue, VelocityLimits.Limits limits) {
      this.spec = spec;
      this.venue = venue;
      this.books = new SlotBooks(spec.symbols(), spec.config().initialCash());
      this.velocity = new VelocityLimits(limits);
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

  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

  private final Journal journal;
  private final Clock clock;
  private final VenueSaver saver;
  private final RiskSettings risk;
  private final Timer timer;
  private final Backoff backoff;
  private final CircuitBreaker breaker;
  private final Map<String, Slot> slots = new LinkedHashMap<>();

  /**
   * A runtime over {@code journal} (replayed now: the books continue where they stopped) for the
   * given strategies and their venue accounts, with the default risk settings.
   */
  public PaperRuntime(Journal journal, Clock clock, Map<SlotSpec, BrokerClient> accounts, VenueSaver saver) {
    this(journal, clock, accounts, saver, RiskSettings.DEFAULT, Timer.SYSTEM);
  }

  public PaperRuntime(Journal journal, Clock clock, Map<SlotSpec, BrokerClient> accounts, VenueSaver saver,
      RiskSettings risk, Timer timer) {
    this.journal = Checks.notNull(journal, "journal");
    this.clock = Checks.notNull(clock, "clock");
    this.saver = saver == null ? (s, st) -> {} : saver;
    this.risk = Checks.notNull(risk, "risk");
    this.timer = Checks.notNull(timer, "timer");
    this.backoff = new Backoff(risk.backoffBaseMillis(), risk.backoffCapMillis(), risk.seed());
    this.breaker = new CircuitBreaker(risk.breakerThreshold(), risk.coolDownMillis());
    for (Map.Entry<SlotSpec, BrokerClient> a : accounts.entrySet()) {
      if (slots.containsKey(a.getKey().id())) {
        throw new io.momentic.core.ConfigException("id", "expected each strategy id once, found '" + a.getKey().id()
            + "' twice");
      }
      slots.put(a.getKey().id(), new Slot(a.getKey(), a.getValue(), risk.velocity()));
    }
    replay();
  }

  public Map<String, Slot> slots() {
    return java.util.Collections.unmodifiableMap(slots);
  }

  public Journal journal() {
    return journal;
  }

  public CircuitBreaker breaker() {
    return breaker;
  }

  //---------------------------------------------------------------------------
  // Start-up and recovery: the journal replayed

  private void replay() {
    for (Journal.Entry e : journal.entries(null)) {
      if (Incidents.PORTFOLIO.equals(e.slot())) {
        if (e.kind() == Journal.Kind.STATE) {
          book = BookState.valueOf(((String) read(e.payload()).get("state")).toUpperCase(Locale.ROOT));
          bookTransitions++;
        }
        continue;
      }
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
          // Journals written before market time was recorded: the decision bar's time.
          long market = p.get("market_ms") instanceof Number n ? n.longValue() : e.barTime();
          slot.velocity.record("cancel".equals(p.get("command")) ? VelocityLimits.Counter.CANCELS
              : VelocityLimits.Counter.ORDERS, market);
          if ("UNKNOWN".equals(p.get("first_outcome"))) {
            b.unknownOutcomes++;
            slot.velocity.record(VelocityLimits.Counter.UNKNOWN, market);
          }
          if ("REJECTED".equals(p.get("outcome"))) {
            slot.velocity.record(VelocityLimits.Counter.REJECTS, market);
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
          slot.resumeAt = p.get("resume_at_ms") instanceof Number n ? n.longValue() : Long.MAX_VALUE;
        }
        case BAR -> {
          b.lastBarDone = Math.max(b.lastBarDone, e.barTime());
        }
        case INCIDENT -> { }
        case START -> slot.startOverride = ((Number) p.get("start_ms")).longValue();
      }
    }
  }

  //---------------------------------------------------------------------------
  // The bar

  /**
   * Bar t — the last of {@code history}, the strategy's bars so far — has closed; it is
   * {@code nowMillis} (the wall clock live; the bar's close in a replay). Does nothing for a bar
   * already done (a restart replaying its feed).
   */
  public void onBar(String slotId, Panel history, long nowMillis) throws InterruptedException {
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
    slot.lastCloses = lastCloses(history);
    if (barTime < slot.startMillis()) {
      // Warm-up: the backtest's ledger has not started; nor has the venue account.
      skip(slot, barTime, SkipReason.WARM_UP);
      done(slot, barTime, history);
      return;
    }
    io.momentic.engine.BacktestConfig config = slot.spec.config().withStartTime(slot.startMillis());
    Decision decision = Decision.prepare(history, slot.spec.strategy().get(), config);
    PaperVenue paper = paperVenue(slot.venue);
    boolean venueOpens = paper != null && paper.lastBarTime() < barTime;
    if (venueOpens) {
      // The venue's trailing stops by a feature read the bars before t: the new preparation's
      // values there are the previous one's (no look-ahead), so one preparation serves both.
      paper.openBar(history, decision.features());
    }
    collect(slot, history, true);
    int first = history.indexAtOrAfter(slot.startMillis());
    b.recordDecision(first, t);
    if (b.state == StrategyState.PAUSED && nowMillis >= slot.resumeAt) {
      transition(slot, barTime, StrategyState.RUNNING, "auto-resume: cool-down over after " + b.stateReason, null);
    }
    long closeTime = barTime + history.interval().millis();
    SkipReason skipped = null;
    if (!b.state.trades()) {
      skipped = b.state == StrategyState.PAUSED ? SkipReason.PAUSED
          : b.state == StrategyState.QUARANTINED ? SkipReason.QUARANTINED : SkipReason.STOPPED;
    } else if (nowMillis - closeTime > 2 * history.interval().millis() + risk.staleGraceMillis()) {
      // No decision on stale data: the feed stopped, or the runtime fell behind it.
      skipped = SkipReason.STALE_DATA;
    } else {
      Ids ids = new Ids();
      Decision.Outcome outcome = decision.decide(first, b::at, k -> ids.at(history.time(k)));
      if (outcome.intents().isEmpty()) {
        skipped = SkipReason.NO_SIGNAL;
      } else {
        skipped = send(slot, history, barTime, nowMillis, outcome.intents());
      }
    }
    if (venueOpens) {
      paper.closeBar(decision.features());
      saver.save(slot.spec.id(), paper.state());
    } else if (paper != null) {
      // The venue had closed this bar before a restart: commands of this decision were taken between
      // bars; save them with the account.
      paper.settleCommand();
      saver.save(slot.spec.id(), paper.state());
    }
    collect(slot, history, false);
    if (skipped != null) {
      skip(slot, barTime, skipped);
    }
    verify(slot, barTime);
    done(slot, barTime, history);
  }

  /** The paper venue behind a client (through a fault script), which the feed drives; null for a real venue. */
  static PaperVenue paperVenue(BrokerClient venue) {
    return venue instanceof PaperVenue v ? v
        : venue instanceof io.momentic.paper.venue.FaultyVenue f ? paperVenue(f.inner()) : null;
  }

  /** Runtime order ids: the decision bar's time in seconds × 1000 + the sequence (deterministic). */
  private static final class Ids implements java.util.function.LongSupplier {
    long base;
    int seq;

    /** Numbering from 1 for the decision at {@code barTime} (one instance serves every re-lived bar). */
    Ids at(long barTime) {
      base = Math.floorDiv(barTime, 1000) * 1000;
      seq = 0;
      return this;
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
   * Journals, checks and sends one decision's intents, in order. Returns null when any was sent, else
   * why none was (the last denial's kind). Each intent has its own client id; a cancel or modify
   * names its target's in the payload.
   */
  private SkipReason send(Slot slot, Panel history, long barTime, long nowMillis, List<Decision.Intent> intents)
      throws InterruptedException {
    String id = slot.spec.id();
    int commandSeq = 500; // commands that are not new orders number from 501 within the bar
    boolean any = false;
    SkipReason deniedAs = SkipReason.RISK_BLOCKED;
    for (Decision.Intent intent : intents) {
      String cid;
      Map<String, Object> payload = IntentText.describe(intent, slot.spec.symbols());
      long base = Math.floorDiv(barTime, 1000) * 1000;
      switch (intent) {
        case Decision.Submit sub -> cid = clientId(id, sub.id());
        case Decision.Cancel c -> {
          cid = clientId(id, base + ++commandSeq);
          payload.put("target", clientId(id, c.id()));
        }
        case Decision.Modify m -> {
          cid = clientId(id, base + ++commandSeq);
          payload.put("target", clientId(id, m.id()));
        }
        default -> cid = clientId(id, base + ++commandSeq);
      }
      // Write-ahead: the intent is on disk before anything is sent (a restart finds it).
      boolean firstTime = journal.append(clock.nowMillis(), id, Journal.Kind.INTENT, cid, barTime, write(payload));
      slot.books.intents.add(cid);
      boolean resending = false;
      if (slot.books.sent.containsKey(cid)) {
        // Sent before a restart, in a bar the runtime did not finish: the venue may have lost it with
        // that bar (the paper venue keeps an order from its bar close on). Ask; only an order the
        // venue says it never had is sent again — never a blind resend.
        boolean order = intent instanceof Decision.Submit || intent instanceof Decision.TargetWeight
            || intent instanceof Decision.CloseDelisted;
        OrderStatus known = order && "ACCEPTED".equals(slot.books.sent.get(cid)) ? queryWithRetry(slot, cid) : null;
        if (known == null || known.state() != OrderStatus.State.NOT_FOUND) {
          any = true;
          continue; // its answer is journaled, and the venue has it
        }
        resending = true;
      }
      boolean reducing = reducesOnly(intent) && (book != BookState.HALTED || intent instanceof Decision.Cancel
          || intent instanceof Decision.CancelAll);
      CommandResult result = null;
      if (!firstTime && !resending) {
        // Journaled before a crash, its answer not: ask the venue, never resend what it has.
        OrderStatus known = queryWithRetry(slot, cid);
        if (known != null && known.state() != OrderStatus.State.NOT_FOUND) {
          result = new CommandResult(CommandResult.Outcome.ACCEPTED, "", "found at the venue after a restart");
        }
      }
      if (result == null) {
        Denial denial = reducing ? null : denial(slot, history, intent, nowMillis);
        if (denial != null) {
          deniedAs = denial.kind();
          Map<String, Object> why = new TreeMap<>();
          why.put("reason", denial.reason());
          why.put("kind", denial.kind().code());
          journal.append(clock.nowMillis(), id, Journal.Kind.DENIED, cid, barTime, write(why));
          slot.books.denied++;
          continue;
        }
        result = commandWithRetry(slot, cid, intent);
      }
      CommandResult.Outcome first = result.outcome();
      if (result.outcome() == CommandResult.Outcome.UNKNOWN) {
        slot.books.unknownOutcomes++;
        slot.velocity.record(VelocityLimits.Counter.UNKNOWN, nowMillis);
        result = resolveUnknown(slot, cid, intent);
      }
      Map<String, Object> answer = new TreeMap<>();
      answer.put("outcome", result.outcome().name());
      answer.put("first_outcome", first.name());
      answer.put("code", result.code());
      answer.put("reason", result.reason());
      answer.put("command", payload.get("command"));
      answer.put("market_ms", nowMillis);
      journal.append(clock.nowMillis(), id, Journal.Kind.SENT, cid, barTime, write(answer));
      slot.books.sent.put(cid, result.outcome().name());
      if (!resending) {
        slot.books.ordersSent++; // a lost order sent again is still one order
      }
      slot.velocity.record(intent instanceof Decision.Cancel || intent instanceof Decision.CancelAll
          ? VelocityLimits.Counter.CANCELS : VelocityLimits.Counter.ORDERS, nowMillis);
      any = true;
      if (result.outcome() == CommandResult.Outcome.REJECTED) {
        slot.velocity.record(VelocityLimits.Counter.REJECTS, nowMillis);
        if (transientCode(result.code())) {
          transition(slot, barTime, StrategyState.PAUSED, "transient: venue degraded (" + result.code() + " "
              + result.reason() + ")", nowMillis + risk.coolDownMillis());
        } else if (intent instanceof Decision.Submit || intent instanceof Decision.TargetWeight) {
          // A cancel of an order that already filled (-2011) is a race, not a failure.
          slot.books.rejected++;
          transition(slot, barTime, StrategyState.QUARANTINED, "rejected: " + cid + " " + result.code() + " "
              + result.reason(), null);
        }
      }
    }
    return any ? null : deniedAs;
  }

  /** Why a local check refused an order, and how the bar's skip counts it. */
  record Denial(String reason, SkipReason kind) {}

  /** Codes that say "not now" rather than "no": rate limits (429, Binance's 418 ban, -1015). */
  static boolean transientCode(String code) {
    return "429".equals(code) || "418".equals(code) || "-1015".equals(code);
  }

  /** Cancels and position-reducing orders are never denied: reducing risk must not wait. */
  private static boolean reducesOnly(Decision.Intent intent) {
    return switch (intent) {
      case Decision.Cancel c -> true;
      case Decision.CancelAll c -> true;
      case Decision.Modify m -> true;
      case Decision.CloseDelisted d -> true;
      case Decision.Submit s -> s.order().sizing().reduceOnly();
      case Decision.TargetWeight w -> w.weight() == 0;
    };
  }

  /** Why a local check refuses a new order (never sent), or null. */
  private Denial denial(Slot slot, Panel history, Decision.Intent intent, long nowMillis) {
    if (book != BookState.ACTIVE) {
      return new Denial("the book is " + book.code() + " (kill switch): no new exposure", SkipReason.RISK_BLOCKED);
    }
    if (!breaker.allows(timer.nowMillis())) {
      return new Denial("circuit breaker open: " + risk.breakerThreshold() + " transient venue failures in a row",
          SkipReason.RISK_BLOCKED);
    }
    VelocityLimits.Counter over = slot.velocity.breached(nowMillis);
    if (over != null) {
      return new Denial("velocity limit: " + slot.velocity.count(over, nowMillis) + " "
          + over.name().toLowerCase(Locale.ROOT) + " in the last " + slot.velocity.limits().windowMillis() / 1000
          + " s (limit " + slot.velocity.limits().of(over) + ")", SkipReason.RISK_BLOCKED);
    }
    if (intent instanceof Decision.Submit s) {
      int sym = s.order().symbol();
      double close = history.close(sym, history.size() - 1);
      VenueRules rules = slot.spec.config().execution().rules();
      if (s.order().sizing() instanceof io.momentic.engine.order.Sizing.Units u
          && rules.violation(rules.roundQuantity(u.quantity()), close) != null) {
        return new Denial("below the venue's minimum: " + rules.violation(rules.roundQuantity(u.quantity()), close),
            SkipReason.BELOW_MINIMUM);
      }
      if (s.order().sizing() instanceof io.momentic.engine.order.Sizing.AllCash && !(slot.books.cash() > 0)) {
        return new Denial("no cash for an all-cash order", SkipReason.CASH);
      }
    }
    if (risk.maxPortfolioGross() > 0) {
      // The whole book: every other strategy at its newest close, this one after the order.
      double equity = equity(slot.books, history);
      double bookGross = grossAfter(slot.books, history, intent, equity);
      double bookEquity = equity;
      for (Slot other : slots.values()) {
        if (other != slot && other.lastCloses != null) {
          double e = other.books.cash();
          for (int s = 0; s < other.lastCloses.length; s++) {
            double v = other.books.position(s) * other.lastCloses[s];
            if (v == v) {
              e += v;
              bookGross += Math.abs(v);
            }
          }
          bookEquity += e;
        }
      }
      if (bookEquity > 0 && bookGross / bookEquity > risk.maxPortfolioGross() + 1e-9) {
        return new Denial(String.format(Locale.ROOT, "book exposure limit: gross %.2f x the book's equity after the "
            + "order, limit %.2f x", bookGross / bookEquity, risk.maxPortfolioGross()), SkipReason.RISK_BLOCKED);
      }
    }
    if (risk.maxGross() > 0) {
      double equity = equity(slot.books, history);
      double gross = grossAfter(slot.books, history, intent, equity);
      if (equity > 0 && gross / equity > risk.maxGross() + 1e-9) {
        return new Denial(String.format(Locale.ROOT, "exposure limit: gross %.2f x equity after the order, limit "
            + "%.2f x", gross / equity, risk.maxGross()), SkipReason.RISK_BLOCKED);
      }
    }
    return null;
  }

  /** The gross exposure after an exposure-increasing order, priced at t's close (its fill is unknown yet). */
  private static double grossAfter(SlotBooks books, Panel history, Decision.Intent intent, double equity) {
    int t = history.size() - 1;
    double gross = 0;
    double[] value = new double[history.symbolCount()];
    for (int s = 0; s < value.length; s++) {
      value[s] = books.position(s) * history.close(s, t);
      if (value[s] == value[s]) {
        gross += Math.abs(value[s]);
      }
    }
    if (intent instanceof Decision.TargetWeight w) {
      double now = value[w.symbol()] == value[w.symbol()] ? Math.abs(value[w.symbol()]) : 0;
      return gross - now + Math.abs(w.weight()) * equity;
    }
    if (intent instanceof Decision.Submit s) {
      double close = history.close(s.order().symbol(), t);
      double added = switch (s.order().sizing()) {
        case io.momentic.engine.order.Sizing.Units u -> u.quantity() * close;
        case io.momentic.engine.order.Sizing.EquityFraction f -> f.fraction() * equity;
        case io.momentic.engine.order.Sizing.AllCash a -> Math.max(0, books.cash());
        default -> 0;
      };
      return gross + Math.abs(added);
    }
    return gross;
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
   * Sends a command; a rate limit (the command was not executed) is retried after an exponential,
   * jittered wait — at least the venue's Retry-After — up to {@code maxRetries} times. Every
   * transient failure counts toward the circuit breaker; a success closes it.
   */
  private CommandResult commandWithRetry(Slot slot, String cid, Decision.Intent intent) throws InterruptedException {
    CommandResult r = command(slot, cid, intent);
    for (int attempt = 0; transientCode(r.code()) && attempt < risk.maxRetries(); attempt++) {
      if (breaker.failure(timer.nowMillis())) {
        return r; // the breaker opened: stop hammering the venue
      }
      timer.sleep(backoff.delayMillis(attempt, r.retryAfterMillis()));
      r = command(slot, cid, intent);
    }
    if (r.outcome() == CommandResult.Outcome.ACCEPTED) {
      breaker.success();
    } else if (r.outcome() == CommandResult.Outcome.UNKNOWN || transientCode(r.code())) {
      breaker.failure(timer.nowMillis());
    }
    return r;
  }

  /** A query, retried with backoff while the venue is unavailable; null when it never answered. */
  private OrderStatus queryWithRetry(Slot slot, String cid) throws InterruptedException {
    for (int attempt = 0; attempt <= risk.maxRetries(); attempt++) {
      try {
        OrderStatus s = slot.venue.query(cid);
        breaker.success();
        return s;
      } catch (io.momentic.paper.venue.VenueUnavailableException e) {
        breaker.failure(timer.nowMillis());
        timer.sleep(backoff.delayMillis(attempt, e.retryAfterMillis()));
      }
    }
    return null;
  }

  /**
   * An outcome nobody can vouch for is resolved by asking for the client id: found means it was
   * taken; not found means it never arrived and may be sent (not a blind resend — the venue said
   * it does not have it). Still unknown after the retries: left UNKNOWN (the venue is asked again
   * at reconciliation); never counted as an execution failure.
   */
  private CommandResult resolveUnknown(Slot slot, String cid, Decision.Intent intent) throws InterruptedException {
    for (int i = 0; i < risk.maxRetries(); i++) {
      OrderStatus s = queryWithRetry(slot, cid);
      if (s == null) {
        break;
      }
      if (s.state() == OrderStatus.State.NOT_FOUND) {
        CommandResult again = commandWithRetry(slot, cid, intent);
        if (again.outcome() != CommandResult.Outcome.UNKNOWN) {
          return again;
        }
      } else if (s.state() == OrderStatus.State.REJECTED) {
        return CommandResult.rejected("", s.reason());
      } else {
        return new CommandResult(CommandResult.Outcome.ACCEPTED, "", "found by client id after an unknown outcome");
      }
    }
    return CommandResult.unknown("no answer after " + risk.maxRetries() + " queries by client id");
  }

  /** Journals and books the venue's new fills and order updates (each once, by its id). */
  private void collect(Slot slot, Panel history, boolean beforeDecision) {
    SlotBooks b = slot.books;
    String id = slot.spec.id();
    List<VenueTrade> trades;
    List<OrderUpdate> updates;
    try {
      trades = slot.venue.tradesSince(b.lastTradeId);
      updates = slot.venue.updatesSince(b.lastUpdateSeq);
    } catch (io.momentic.paper.venue.VenueUnavailableException e) {
      // Not now: the fills are still at the venue and are collected at the next try.
      breaker.failure(timer.nowMillis());
      return;
    }
    for (VenueTrade trade : trades) {
      if (journal.append(clock.nowMillis(), id, Journal.Kind.TRADE, Long.toString(trade.tradeId()), trade.timeMillis(),
          write(payload(trade, history.size() - 1, beforeDecision)))) {
        // The bar being processed, not the bar the venue's clock names: a venue whose clock is off
        // still books each fill on the bar it happened in.
        b.book(trade, history.size() - 1, beforeDecision);
        checkCost(slot, trade);
        if (!b.intents.contains(trade.clientOrderId()) && !trade.clientOrderId().startsWith("venue-")) {
          // A fill for an order this runtime never sent (a manual trade, another program on the account).
          String incident = incident(Incidents.Severity.P1, "unknown-order",
              List.of(id), "fill " + trade.tradeId() + " of " + trade.instrument() + " for order "
                  + trade.clientOrderId() + ", which the journal never sent", "every fill belongs to a sent order",
              "find who traded the account; close or adopt the position, then clear the quarantine");
          transition(slot, trade.timeMillis(), StrategyState.QUARANTINED, "unknown order " + incident, null);
        }
      }
      b.lastTradeId = Math.max(b.lastTradeId, trade.tradeId());
    }
    for (OrderUpdate u : updates) {
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
              + u.code() + " " + u.reason(), null);
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
    return !"ZERO_QUANTITY".equals(code) && !"NO_POSITION".equals(code) && !"BELOW_MINIMUM".equals(code);
  }

  private void transition(Slot slot, long barTime, StrategyState state, String reason, Long resumeAt) {
    SlotBooks b = slot.books;
    if (b.state == state) {
      return;
    }
    Map<String, Object> p = new TreeMap<>();
    p.put("state", state.code());
    p.put("from", b.state.code());
    p.put("reason", reason);
    if (resumeAt != null) {
      p.put("resume_at_ms", resumeAt);
    }
    slot.resumeAt = resumeAt == null ? Long.MAX_VALUE : resumeAt;
    long now = clock.nowMillis();
    journal.append(now, slot.spec.id(), Journal.Kind.STATE, Integer.toString(b.transitions + 1), barTime, write(p));
    b.transitions++;
    b.state = state;
    b.stateReason = reason;
    b.stateSince = now;
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
  }

  private static double[] lastCloses(Panel history) {
    double[] out = new double[history.symbolCount()];
    for (int s = 0; s < out.length; s++) {
      out[s] = lastClose(history, s);
    }
    return out;
  }

  /** Cash + positions at the bar's close (the last known close where a symbol has none). */
  static double equity(SlotBooks books, Panel history) {
    double e = books.cash();
    for (int s = 0; s < history.symbolCount(); s++) {
      double q = books.position(s);
      if (q != 0) {
        e += q * lastClose(history, s);
      }
    }
    return e;
  }

  //---------------------------------------------------------------------------
  // Start: reconciliation and the operator's inbox

  private boolean started;
  private BookState book = BookState.ACTIVE;
  private Path stateDir;

  private Webhook.Sink alerts = Webhook.Sink.NONE;

  /** Where alerts go (incidents, dust that could not be closed). */
  public PaperRuntime withAlerts(Webhook.Sink sink) {
    this.alerts = sink == null ? Webhook.Sink.NONE : sink;
    return this;
  }

  /**
   * Opens an incident (journal, incidents.csv) and alerts the webhook. An alert that fails is itself
   * journaled as a P4 incident (without a second alert), never thrown.
   */
  private String incident(Incidents.Severity severity, String klass, List<String> strategies, String impact,
      String rule, String remediation) {
    String id = Incidents.open(journal, clock.nowMillis(), severity, klass, strategies, impact, rule, remediation,
        incidentsCsv());
    alert(severity + " " + id + " " + klass + " (" + String.join(", ", strategies) + ")", impact + "\n*Rule:* "
        + rule + "\n*Remediation:* " + remediation);
    return id;
  }

  private void alert(String title, String text) {
    String failed = alerts.send(title, text);
    if (failed != null) {
      Incidents.open(journal, clock.nowMillis(), Incidents.Severity.P4, "alert-failed", List.of(), failed + " ("
          + title + ")", "alerts reach the webhook", "check the webhook URL and the receiver", incidentsCsv());
    }
  }

  /** Where incidents.csv and the operator's inbox live (null: neither). */
  public PaperRuntime withStateDir(Path dir) {
    this.stateDir = dir;
    return this;
  }

  public BookState book() {
    return book;
  }

  private Path incidentsCsv() {
    return stateDir == null ? null : stateDir.resolve("incidents.csv");
  }

  /** The inbox an operator's action goes to while a runtime holds the journal. */
  public static Path inbox(Path stateDir) {
    return stateDir.resolve("inbox");
  }

  /**
   * Reconciles every strategy's books with its venue account before the first bar: fills the venue
   * has beyond the journal are aligned at the first bar (journaled then); any other difference —
   * positions or cash that the journal's fills do not explain, a venue behind bars the journal
   * finished, orders at the venue the journal never sent — is a P1 incident and the runtime refuses
   * to start. Done once; {@link #replay} calls it.
   */
  public void start() {
    if (started) {
      return;
    }
    List<String> problems = new ArrayList<>();
    List<String> who = new ArrayList<>();
    for (Slot slot : slots.values()) {
      String p = reconcileAtStart(slot);
      if (p != null) {
        problems.add(slot.spec.id() + ": " + p);
        who.add(slot.spec.id());
      }
    }
    if (!problems.isEmpty()) {
      String id = incident(Incidents.Severity.P1, "reconciliation", who,
          "the runtime refused to start: " + String.join("; ", problems), "reconcile at start",
          "find which side is right (momentic paper reconcile); restore the venue state or the journal from its "
              + "backup; never edit one to match the other");
      throw new io.momentic.core.RunFailure("the venue and the journal disagree (" + id + "): "
          + String.join("; ", problems) + "; fix: momentic paper reconcile shows both sides; restore the venue "
          + "account or the journal from a backup" + (stateDir == null ? "" : " (incidents: " + incidentsCsv() + ")"));
    }
    started = true;
    applyInbox();
  }

  /** What does not reconcile for a strategy at start, or null. */
  private String reconcileAtStart(Slot slot) {
    SlotBooks b = slot.books;
    PaperVenue paper = paperVenue(slot.venue);
    List<VenueTrade> venueTrades;
    io.momentic.paper.venue.AccountSnapshot account;
    try {
      venueTrades = slot.venue.tradesSince(0);
      account = slot.venue.account();
    } catch (io.momentic.paper.venue.VenueUnavailableException e) {
      return "the venue could not be asked (" + e.getMessage() + "); start again when it answers";
    }
    // The venue is saved before a bar is journaled as done, so it can be behind only by a bar in
    // progress; behind a finished trading bar, it lost state (an old backup, a deleted file).
    if (paper != null && b.lastBarDone >= slot.startMillis() && b.lastBarDone != Long.MIN_VALUE
        && paper.lastBarTime() < b.lastBarDone) {
      return "the venue account's last bar is " + Timestamps.format(paper.lastBarTime()) + " but the journal "
          + "finished bars to " + Timestamps.format(b.lastBarDone) + " with fills the venue does not have";
    }
    // Orders working at the venue that the journal never sent (placed by hand, or by another program).
    List<String> strangers = new ArrayList<>();
    try {
      for (OrderStatus o : slot.venue.openOrders()) {
        if (!b.intents.contains(o.clientOrderId()) && !o.clientOrderId().startsWith("venue-")) {
          strangers.add(o.clientOrderId());
        }
      }
    } catch (io.momentic.paper.venue.VenueUnavailableException e) {
      return "the venue's open orders could not be read (" + e.getMessage() + "); start again when it answers";
    }
    String diff = compare(slot, b.expectedBooks(venueTrades), account, "at start");
    if (!strangers.isEmpty()) {
      String orders = "working orders the journal never sent: " + strangers;
      return diff == null ? orders : diff + "; " + orders;
    }
    return diff;
  }

  /** One line of a reconciliation: an instrument's position, or the cash, on both sides. */
  public record Line(String strategy, String item, double journal, double venue, boolean agrees) {}

  /** Both sides, item by item: each instrument's position, then the cash. */
  static List<Line> lines(Slot slot, io.momentic.engine.account.Ledger expected,
      io.momentic.paper.venue.AccountSnapshot venue) {
    List<Line> out = new ArrayList<>();
    for (int s = 0; s < slot.spec.symbols().size(); s++) {
      String symbol = slot.spec.symbols().get(s);
      double mine = expected.quantity(s);
      double theirs = venue.position(symbol);
      out.add(new Line(slot.spec.id(), symbol, mine, theirs,
          Math.abs(mine - theirs) <= 1e-9 * Math.max(1, Math.abs(mine))));
    }
    out.add(new Line(slot.spec.id(), "cash", expected.cash(), venue.cash(),
        Math.abs(expected.cash() - venue.cash()) <= 1e-6 * Math.max(1, Math.abs(expected.cash()))));
    return out;
  }

  /** Differences between what the books say and what the venue holds, in words, or null. */
  private static String compare(Slot slot, io.momentic.engine.account.Ledger expected,
      io.momentic.paper.venue.AccountSnapshot venue, String when) {
    List<String> diffs = new ArrayList<>();
    for (Line l : lines(slot, expected, venue)) {
      if (!l.agrees()) {
        diffs.add(l.item() + " " + fmt(l.journal()) + " in the journal, " + fmt(l.venue()) + " at the venue");
      }
    }
    return diffs.isEmpty() ? null : String.join(", ", diffs) + " (" + when + ")";
  }

  /**
   * {@code momentic paper reconcile}: every strategy's journal and venue side by side, now (the
   * journal's fills the venue has, and the venue's the journal lacks, counted as at start). A
   * disagreement is a P2 incident; nothing is changed to make the sides agree.
   */
  public List<Line> reconcileNow() {
    List<Line> out = new ArrayList<>();
    for (Slot slot : slots.values()) {
      List<Line> lines = lines(slot, slot.books.expectedBooks(slot.venue.tradesSince(0)), slot.venue.account());
      out.addAll(lines);
      List<String> bad = lines.stream().filter(l -> !l.agrees()).map(l -> l.item() + " " + fmt(l.journal())
          + " in the journal, " + fmt(l.venue()) + " at the venue").toList();
      if (!bad.isEmpty()) {
        incident(Incidents.Severity.P2, "reconciliation", List.of(slot.spec.id()),
            String.join(", ", bad) + " (on demand)", "position = sum of fills, venue agrees",
            "find which side is right; restore the other from its backup");
      }
    }
    return out;
  }

  private static String fmt(double v) {
    return io.momentic.core.Decimals.shortest(v);
  }

  /**
   * After each bar: the strategy's position is the sum of its fills and the venue agrees, a retired
   * strategy is flat, costs are within bounds. A failure is an incident, and a mismatch quarantines.
   */
  private void verify(Slot slot, long barTime) {
    SlotBooks b = slot.books;
    io.momentic.paper.venue.AccountSnapshot account;
    try {
      account = slot.venue.account();
    } catch (io.momentic.paper.venue.VenueUnavailableException e) {
      return; // checked again after the next bar
    }
    String diff = compare(slot, b.ledger, account, "after " + Timestamps.format(barTime));
    if (diff != null) {
      String id = incident(Incidents.Severity.P2, "reconciliation",
          List.of(slot.spec.id()), diff, "position = sum of fills, venue agrees",
          "momentic paper reconcile; clear the quarantine only when the books are right");
      transition(slot, barTime, StrategyState.QUARANTINED, "reconciliation mismatch " + id + ": " + diff, null);
    }
    if (b.state == StrategyState.RETIRED) {
      for (int s = 0; s < slot.spec.symbols().size(); s++) {
        if (b.ledger.quantity(s) != 0 && !slot.spec.dust().isDust(b.ledger.quantity(s),
            b.ledger.averagePrice(s))) {
          incident(Incidents.Severity.P2, "retired-not-flat",
              List.of(slot.spec.id()), "retired but holds " + slot.spec.symbols().get(s) + " "
                  + fmt(b.ledger.quantity(s)), "retired strategies are flat",
              "close the position; a retired strategy sends no orders");
        }
      }
    }
  }

  /** A fill whose fee is more than this share of its notional is flagged (a unit error, a wrong fee tier). */
  static final double MAX_FEE_SHARE = 0.05;

  private void checkCost(Slot slot, VenueTrade trade) {
    double notional = Math.abs(trade.quantity() * trade.price());
    if (notional > 0 && trade.fee() > MAX_FEE_SHARE * notional) {
      incident(Incidents.Severity.P3, "cost-out-of-bounds", List.of(slot.spec.id()),
          String.format(Locale.ROOT, "trade %d paid a fee of %.4f on a notional of %.2f (%.1f %%)", trade.tradeId(),
              trade.fee(), notional, 100 * trade.fee() / notional), "fee at most 5 % of notional",
          "check the venue's fee tier and the order's units");
    }
  }

  /**
   * An operator's action (pause, resume, clear, kill, retire; halt, reduce, activate for the whole
   * book), checked against the allowed transitions and journaled with its reason. Killing a
   * strategy or halting the book cancels the working orders.
   */
  public void operator(String target, Operations.Action action, String reason) {
    if (action.portfolio()) {
      BookState to = Operations.portfolio(action);
      if (to == book) {
        return;
      }
      Map<String, Object> p = new TreeMap<>();
      p.put("state", to.code());
      p.put("from", book.code());
      p.put("reason", "operator: " + reason);
      journal.append(clock.nowMillis(), Incidents.PORTFOLIO, Journal.Kind.STATE, "book-" + (bookTransitions + 1),
          Long.MIN_VALUE, write(p));
      bookTransitions++;
      book = to;
      if (to == BookState.HALTED) {
        for (Slot s : slots.values()) {
          cancelWorking(s);
        }
      }
      return;
    }
    Slot slot = slots.get(target);
    if (slot == null) {
      throw new io.momentic.core.ConfigException("strategy", "expected one of " + slots.keySet() + ", found '"
          + target + "'");
    }
    Map<String, Double> positions = new TreeMap<>();
    boolean dustOnly = true;
    for (int s = 0; s < slot.spec.symbols().size(); s++) {
      double q = slot.books.ledger.quantity(s);
      if (q != 0) {
        positions.put(slot.spec.symbols().get(s), q);
        dustOnly &= slot.spec.dust().isDust(q, slot.books.ledger.averagePrice(s));
      }
    }
    StrategyState to = Operations.next(target, slot.books.state, action, positions, dustOnly);
    transition(slot, slot.books.lastBarDone, to, "operator: " + reason, null);
    if (to == StrategyState.KILLED) {
      cancelWorking(slot);
    }
  }

  private int bookTransitions;

  /** Cancels a strategy's working orders at its venue (between bars for the paper venue). */
  private void cancelWorking(Slot slot) {
    for (OrderStatus o : slot.venue.openOrders()) {
      slot.venue.cancel(o.clientOrderId());
    }
    PaperVenue paper = paperVenue(slot.venue);
    if (paper != null) {
      paper.settleCommand();
      saver.save(slot.spec.id(), paper.state());
    }
  }

  /** Takes the operator's actions written to the inbox while this runtime ran, oldest first. */
  void applyInbox() {
    if (stateDir == null) {
      return;
    }
    Path dir = inbox(stateDir);
    if (!java.nio.file.Files.isDirectory(dir)) {
      return;
    }
    try (var files = java.nio.file.Files.list(dir)) {
      for (Path f : files.filter(x -> x.toString().endsWith(".json")).sorted().toList()) {
        Map<String, Object> a = read(java.nio.file.Files.readString(f));
        try {
          operator((String) a.get("target"), Operations.Action.parse((String) a.get("action")),
              (String) a.get("reason"));
        } catch (io.momentic.core.ConfigException refused) {
          incident(Incidents.Severity.P4, "operator-action-refused",
              List.of(String.valueOf(a.get("target"))), refused.getMessage(), "allowed transitions",
              "see docs/RUNBOOK.md");
        }
        java.nio.file.Files.delete(f);
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("Cannot read the operator inbox " + dir, e);
    }
  }

  //---------------------------------------------------------------------------
  // Dust

  /** A position below the venue's minimums: not an open position, never closed by a start-up routine. */
  public record Dust(String strategy, String instrument, double quantity, double price, double notional,
      String why) {}

  /** Every strategy's dust, priced at the last close of {@code bars}. */
  public List<Dust> dust(Map<String, Panel> bars) {
    List<Dust> out = new ArrayList<>();
    for (Slot slot : slots.values()) {
      Panel p = bars.get(slot.spec.id());
      VenueRules rules = slot.spec.dust();
      for (int s = 0; s < slot.spec.symbols().size(); s++) {
        double q = slot.books.ledger.quantity(s);
        double price = p == null ? Double.NaN : lastClose(p, s);
        if (rules.isDust(q, price)) {
          out.add(new Dust(slot.spec.id(), slot.spec.symbols().get(s), q, price, Math.abs(q) * price,
              dustReason(rules, Math.abs(q), price)));
        }
      }
    }
    return out;
  }

  private static String dustReason(VenueRules rules, double q, double price) {
    if (rules.lotStep() > 0 && q < rules.lotStep()) {
      return "below the lot step " + fmt(rules.lotStep());
    }
    if (q < rules.minQuantity()) {
      return "below the minimum quantity " + fmt(rules.minQuantity());
    }
    return "notional " + fmt(q * price) + " below the minimum " + fmt(rules.minNotional());
  }

  /** Symbol s's newest close in {@code p} (the last known where its newest bars have none); NaN before any. */
  private static double lastClose(Panel p, int s) {
    for (int i = p.size() - 1; i >= 0; i--) {
      double c = p.close(s, i);
      if (c == c) {
        return c;
      }
    }
    return Double.NaN;
  }

  /** What {@link #closeDust} did for one fragment: the orders sent, or why it could not. */
  public record DustClose(Dust dust, boolean sent, String detail) {}

  /**
   * {@code momentic paper close-dust}: for each fragment, buys enough more to reach the venue's
   * minimums (the top-up itself meeting them), then sells the whole position — both market orders,
   * journaled under the strategy before they are sent, filling at the next bar's open. A residue off
   * the lot step cannot be sold at all; that, and a top-up the cash does not cover, is reported
   * instead of sent.
   */
  public List<DustClose> closeDust(Map<String, Panel> bars, String onlyStrategy) throws InterruptedException {
    List<DustClose> out = new ArrayList<>();
    for (Dust d : dust(bars)) {
      if (onlyStrategy != null && !onlyStrategy.equals(d.strategy())) {
        continue;
      }
      Slot slot = slots.get(d.strategy());
      VenueRules rules = slot.spec.dust();
      int s = slot.spec.symbols().indexOf(d.instrument());
      double held = Math.abs(d.quantity());
      double step = rules.lotStep();
      // The orders fill at the next open, not at this close: a margin keeps a small gap from leaving
      // the top-up under the minimum notional.
      double need = Math.max(rules.minQuantity(), DUST_MARGIN * rules.minNotional() / d.price());
      double topUp = rules.roundQuantityUp(need); // the top-up meets the minimums itself, and so does the total
      double residue = step > 0 ? held - rules.roundQuantity(held) : 0;
      if (residue > 1e-12) {
        out.add(new DustClose(d, false, "off the lot step by " + fmt(residue) + ": no order can sell it on this "
            + "venue (Binance converts such dust to BNB); it stays listed as dust"));
        alert("dust not closed: " + d.strategy() + " " + d.instrument(), out.get(out.size() - 1).detail());
        continue;
      }
      double cost = topUp * d.price() * (1 + 0.01);
      if (d.quantity() > 0 && cost > slot.books.cash()) {
        out.add(new DustClose(d, false, "the top-up of " + fmt(topUp) + " needs about " + fmt(cost) + " cash, the "
            + "strategy has " + fmt(slot.books.cash())));
        alert("dust not closed: " + d.strategy() + " " + d.instrument(), out.get(out.size() - 1).detail());
        continue;
      }
      Side into = d.quantity() > 0 ? Side.BUY : Side.SELL;
      long barTime = slot.books.lastBarDone;
      long base = Math.floorDiv(barTime, 1000) * 1000;
      String up = clientId(slot.spec.id(), base + 901);
      String close = clientId(slot.spec.id(), base + 902);
      placeJournaled(slot, up, Order.market(s, into, io.momentic.engine.order.Sizing.units(topUp)).withTag(
          "dust-top-up"), barTime);
      placeJournaled(slot, close, Order.market(s, into == Side.BUY ? Side.SELL : Side.BUY,
          io.momentic.engine.order.Sizing.closePosition()).withTag("dust-close"), barTime);
      PaperVenue paper = paperVenue(slot.venue);
      if (paper != null) {
        paper.settleCommand();
        saver.save(slot.spec.id(), paper.state());
      }
      out.add(new DustClose(d, true, "top-up " + into.name().toLowerCase(Locale.ROOT) + " " + fmt(topUp) + " ("
          + up + "), then close " + fmt(held + topUp) + " (" + close + "), at the next bar's open"));
    }
    return out;
  }

  private void placeJournaled(Slot slot, String cid, Order order, long barTime) throws InterruptedException {
    Map<String, Object> payload = IntentText.describe(order, slot.spec.symbols());
    journal.append(clock.nowMillis(), slot.spec.id(), Journal.Kind.INTENT, cid, barTime, write(payload));
    slot.books.intents.add(cid);
    CommandResult r = commandWithRetry(slot, cid, new Decision.Submit(-1, order));
    Map<String, Object> answer = new TreeMap<>();
    answer.put("outcome", r.outcome().name());
    answer.put("first_outcome", r.outcome().name());
    answer.put("code", r.code());
    answer.put("reason", r.reason());
    answer.put("command", "place");
    answer.put("market_ms", barTime);
    journal.append(clock.nowMillis(), slot.spec.id(), Journal.Kind.SENT, cid, barTime, write(answer));
    slot.books.sent.put(cid, r.outcome().name());
    slot.books.ordersSent++;
  }

  /** How far above the minimum notional a dust top-up aims (the fill is at the next open). */
  public static final double DUST_MARGIN = 1.10;

  //---------------------------------------------------------------------------
  // A live feed: the store as bars close

  /** How a live feed runs: wait this long after a bar's close before deciding on it; poll this often. */
  public record Follow(long settleMillis, long pollMillis, boolean once) {}

  /**
   * Follows a feed whose bars grow (the store, as the pipeline writes closed bars): every poll,
   * each strategy's new bars that closed at least the settle delay ago are handed over in order,
   * "now" the clock's. At a strategy's first start the bars already too old to trade are history
   * (its start is journaled as START), so a new runtime never floods itself with stale decisions;
   * a bar missed later (the runtime was down) is skipped as stale data. With {@code once} it stops
   * after the first pass (cron); else it runs until interrupted.
   */
  public void follow(java.util.function.Supplier<Map<String, Panel>> feed, Follow how, Clock now,
      Consumer<Long> progress) throws InterruptedException {
    start();
    while (true) {
      applyInbox();
      Map<String, Panel> bars = feed.get();
      long at = now.nowMillis();
      for (Map.Entry<String, Panel> e : bars.entrySet()) {
        Slot slot = slots.get(e.getKey());
        Panel p = e.getValue();
        if (slot == null || p.size() == 0) {
          continue;
        }
        PaperVenue paper = paperVenue(slot.venue);
        if (paper != null) {
          paper.attach(p);
        }
        long interval = p.interval().millis();
        fixStart(slot, p, at, interval);
        int from = slot.books.lastBarDone == Long.MIN_VALUE ? 0 : p.indexAtOrBefore(slot.books.lastBarDone) + 1;
        for (int i = from; i < p.size(); i++) {
          long close = p.time(i) + interval;
          if (close + how.settleMillis() > at) {
            break; // not closed, or not settled yet
          }
          onBar(e.getKey(), p.upTo(i + 1), at);
          if (progress != null) {
            progress.accept(p.time(i));
          }
        }
      }
      if (how.once()) {
        return;
      }
      Thread.sleep(how.pollMillis());
    }
  }

  /** At a strategy's first start on a live feed: trading starts at the first bar that is not stale now. */
  private void fixStart(Slot slot, Panel p, long nowMillis, long interval) {
    if (slot.startOverride != Long.MIN_VALUE || slot.books.lastBarDone != Long.MIN_VALUE) {
      return;
    }
    long first = p.time(p.size() - 1);
    for (int i = 0; i < p.size(); i++) {
      if (nowMillis - (p.time(i) + interval) <= 2 * interval + risk.staleGraceMillis()) {
        first = p.time(i);
        break;
      }
    }
    Map<String, Object> payload = new TreeMap<>();
    payload.put("start_ms", first);
    payload.put("start", Timestamps.format(first));
    payload.put("why", "the first bar that was not stale when the live feed started");
    journal.append(clock.nowMillis(), slot.spec.id(), Journal.Kind.START, "start", first, write(payload));
    slot.startOverride = first;
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
    for (Map.Entry<String, Panel> e : bars.entrySet()) {
      Slot slot = slots.get(e.getKey());
      PaperVenue paper = slot == null ? null : paperVenue(slot.venue);
      if (paper != null) {
        paper.attach(e.getValue());
      }
    }
    start();
    long pauseNanos = barsPerSecond > 0 ? (long) (1e9 / barsPerSecond) : 0;
    for (long time : times) {
      applyInbox();
      for (Map.Entry<String, Panel> e : bars.entrySet()) {
        Panel p = e.getValue();
        int i = p.indexAtOrBefore(time);
        if (i >= 0 && p.time(i) == time) {
          // A replayed bar has just closed: "now" is its close.
          onBar(e.getKey(), p.upTo(i + 1), time + p.interval().millis());
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
        ((Number) p.get("symbol")).intValue(), (String) p.get("instrument"), io.momentic.engine.order.Side.valueOf((String) p.get("side")),
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
