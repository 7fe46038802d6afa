package io.momentic.paper.runtime;

import io.momentic.engine.Decision;
import io.momentic.engine.account.Ledger;
import io.momentic.paper.venue.VenueTrade;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A strategy's books as the runtime keeps them: nothing but the journal replayed. Cash, positions
 * and closed trades are a {@link Ledger} booked with the venue's fills (the same arithmetic as the
 * venue's own ledger, so a paper strategy decides on the backtest's numbers to the bit), plus the
 * counters, the lifecycle state and what was sent.
 */
public final class SlotBooks implements Decision.Books {

  final Ledger ledger;
  long lastTradeId;
  long lastUpdateSeq;
  long lastBarDone = Long.MIN_VALUE;
  StrategyState state = StrategyState.RUNNING;
  String stateReason = "started";
  long stateSince = Long.MIN_VALUE;
  int transitions;
  final Set<String> intents = new HashSet<>();
  final Map<String, String> sent = new HashMap<>();
  final Map<SkipReason, Integer> skips = new EnumMap<>(SkipReason.class);
  int ordersSent;
  int denied;
  int rejected;
  int unknownOutcomes;

  private final List<String> symbols;
  private final double initialCash;
  /** Every fill booked, in order, with its bar and whether it came before the bar's decision. */
  final List<Booked> booked = new java.util.ArrayList<>();
  /** The books at each decision from {@link #timelineFirst}: cash, then quantities, then average prices. */
  private final List<double[]> timeline = new java.util.ArrayList<>();
  private int timelineFirst = -1;

  record Booked(VenueTrade trade, int bar, boolean beforeDecision) {}

  SlotBooks(List<String> symbols, double initialCash) {
    this.symbols = List.copyOf(symbols);
    this.initialCash = initialCash;
    this.ledger = new Ledger(symbols, initialCash);
  }

  /** The books as they were at the decision of {@code bar} (a bar from the timeline's first on). */
  Decision.Books at(int bar) {
    // One view, moved to the bar asked for: a decision re-lives every earlier bar, one at a time.
    view.row = timeline.get(bar - timelineFirst);
    return view;
  }

  private final TimelineView view = new TimelineView();

  /** The books at one decision of the timeline: cash, then quantities, then average prices. */
  private final class TimelineView implements Decision.Books {
    double[] row;

    @Override
    public double cash() {
      return row[0];
    }

    @Override
    public double position(int s) {
      return row[1 + s];
    }

    @Override
    public double averagePrice(int s) {
      return row[1 + symbols.size() + s];
    }
  }

  /**
   * Makes the timeline hold the decisions of bars {@code first}..{@code bar} − 1 (rebuilt from the
   * booked fills after a restart) and then records the books now as the decision of {@code bar}.
   */
  void recordDecision(int first, int bar) {
    if (timelineFirst != first || timeline.size() != bar - first) {
      rebuildTimeline(first, bar);
    }
    timeline.add(row(ledger));
  }

  private void rebuildTimeline(int first, int bar) {
    timeline.clear();
    timelineFirst = first;
    Ledger replay = new Ledger(symbols, initialCash);
    int i = 0;
    for (int k = first; k < bar; k++) {
      while (i < booked.size() && (booked.get(i).bar() < k || booked.get(i).bar() == k
          && booked.get(i).beforeDecision())) {
        bookInto(replay, booked.get(i).trade(), booked.get(i).bar());
        i++;
      }
      timeline.add(row(replay));
    }
  }

  /**
   * The books a venue holding {@code venueTrades} should match: the journal's fills the venue has,
   * plus the venue's fills the journal does not have yet (aligned at the first bar). Journaled fills
   * the venue lacks belong to a bar the paper venue had not finished (it redoes it).
   */
  io.momentic.engine.account.Ledger expectedBooks(List<VenueTrade> venueTrades) {
    Set<Long> atVenue = new HashSet<>();
    for (VenueTrade t : venueTrades) {
      atVenue.add(t.tradeId());
    }
    Set<Long> journaled = new HashSet<>();
    Ledger l = new Ledger(symbols, initialCash);
    for (Booked b : booked) {
      journaled.add(b.trade().tradeId());
      if (atVenue.contains(b.trade().tradeId())) {
        bookInto(l, b.trade(), b.bar());
      }
    }
    for (VenueTrade t : venueTrades) {
      if (!journaled.contains(t.tradeId())) {
        bookInto(l, t, 0); // the venue's, not journaled yet: aligned at the first bar
      }
    }
    return l;
  }


  private double[] row(Ledger l) {
    int n = symbols.size();
    double[] row = new double[1 + 2 * n];
    row[0] = l.cash();
    for (int s = 0; s < n; s++) {
      row[1 + s] = l.quantity(s);
      row[1 + n + s] = l.averagePrice(s);
    }
    return row;
  }

  /** Books one venue fill; its bar is where the fill's time falls in the slot's history. */
  void book(VenueTrade trade, int bar, boolean beforeDecision) {
    bookInto(ledger, trade, bar);
    booked.add(new Booked(trade, bar, beforeDecision));
    lastTradeId = Math.max(lastTradeId, trade.tradeId());
  }

  private static void bookInto(Ledger ledger, VenueTrade trade, int bar) {
    double q = trade.quantity();
    double reference = q == 0 ? trade.price() : trade.price() - trade.side().sign() * trade.slippageCost() / q;
    double before = ledger.quantity(trade.symbol());
    double after = before + trade.side().sign() * q;
    if (before != 0 && Math.signum(after) == -Math.signum(before)) {
      // A fill through zero is a close and an open (the ledger books them apart, as the core does).
      double close = Math.abs(before);
      ledger.book(trade.symbol(), trade.side(), close, trade.price(), reference, trade.fee() * close / q,
          -1, trade.reason(), bar, trade.timeMillis());
      ledger.book(trade.symbol(), trade.side(), q - close, trade.price(), reference, trade.fee() * (q - close) / q,
          -1, trade.reason(), bar, trade.timeMillis());
    } else {
      ledger.book(trade.symbol(), trade.side(), q, trade.price(), reference, trade.fee(), -1, trade.reason(), bar,
          trade.timeMillis());
    }
  }

  void skip(SkipReason reason) {
    skips.merge(reason, 1, Integer::sum);
  }

  @Override
  public double cash() {
    return ledger.cash();
  }

  @Override
  public double position(int s) {
    return ledger.quantity(s);
  }

  @Override
  public double averagePrice(int s) {
    return ledger.averagePrice(s);
  }

  public Ledger ledger() {
    return ledger;
  }

  public StrategyState state() {
    return state;
  }

  public String stateReason() {
    return stateReason;
  }

  public long stateSince() {
    return stateSince;
  }

  public Map<SkipReason, Integer> skips() {
    return Map.copyOf(skips);
  }

  public long lastBarDone() {
    return lastBarDone;
  }

  public int ordersSent() {
    return ordersSent;
  }

  public int denied() {
    return denied;
  }

  public int rejected() {
    return rejected;
  }

  public int unknownOutcomes() {
    return unknownOutcomes;
  }
}
