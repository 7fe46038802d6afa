package io.momentic.paper.runtime;

import io.momentic.paper.journal.Journal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an operator asks first, read from the journal alone (no config, no venue): per strategy its
 * state and why, since when, the last bar done and the books' mark there, positions, and the counts
 * of orders sent, denied, rejected and with an unknown outcome, fills, and bars skipped by reason.
 * {@code momentic paper status} prints it; the run prints it at the end.
 */
public final class JournalSummary {

  private JournalSummary() {}

  /** One strategy's summary. Times are epoch ms UTC; {@code lastBar} is Long.MIN_VALUE before any bar. */
  public record Slot(String id, String state, String reason, long stateSince, int bars, long lastBar, double equity,
      double cash, Map<String, Double> positions, int fills, int ordersSent, int denied, int rejected,
      int unknownOutcomes, Map<String, Integer> skips) {}

  /** The book's kill-switch state from the journal (ACTIVE when never changed). */
  public static String book(List<Journal.Entry> entries) {
    String state = BookState.ACTIVE.code();
    for (Journal.Entry e : entries) {
      if (Incidents.PORTFOLIO.equals(e.slot()) && e.kind() == Journal.Kind.STATE) {
        state = (String) PaperRuntime.read(e.payload()).get("state");
      }
    }
    return state;
  }

  public static Map<String, Slot> of(List<Journal.Entry> entries) {
    Map<String, Builder> slots = new LinkedHashMap<>();
    for (Journal.Entry e : entries) {
      if (Incidents.PORTFOLIO.equals(e.slot())) {
        continue;
      }
      Builder b = slots.computeIfAbsent(e.slot(), Builder::new);
      Map<String, Object> p = PaperRuntime.read(e.payload());
      switch (e.kind()) {
        case BAR -> {
          b.bars++;
          b.lastBar = Math.max(b.lastBar, e.barTime());
          b.equity = ((Number) p.get("equity")).doubleValue();
          b.cash = ((Number) p.get("cash")).doubleValue();
        }
        case TRADE -> {
          b.fills++;
          double q = ((Number) p.get("quantity")).doubleValue();
          double signed = "BUY".equals(p.get("side")) ? q : -q;
          double now = b.positions.merge((String) p.get("instrument"), signed, Double::sum);
          if (Math.abs(now) < 1e-12) {
            b.positions.remove((String) p.get("instrument"));
          }
        }
        case SENT -> {
          b.ordersSent++;
          if ("UNKNOWN".equals(p.get("first_outcome"))) {
            b.unknown++;
          }
          if ("REJECTED".equals(p.get("outcome"))) {
            b.rejected++;
          }
        }
        case UPDATE -> {
          if ("REJECTED".equals(p.get("state"))) {
            b.rejected++;
          }
        }
        case DENIED -> b.denied++;
        case SKIP -> b.skips.merge((String) p.get("reason"), 1, Integer::sum);
        case STATE -> {
          b.state = ((String) p.get("state")).toLowerCase(Locale.ROOT);
          b.reason = (String) p.get("reason");
          b.since = e.recordedMillis();
        }
        case INTENT, INCIDENT, START -> { }
      }
    }
    Map<String, Slot> out = new LinkedHashMap<>();
    slots.forEach((id, b) -> out.put(id, b.build()));
    return out;
  }

  private static final class Builder {
    final String id;
    String state = StrategyState.RUNNING.code();
    String reason = "started";
    long since = Long.MIN_VALUE;
    int bars;
    long lastBar = Long.MIN_VALUE;
    double equity = Double.NaN;
    double cash = Double.NaN;
    final Map<String, Double> positions = new TreeMap<>();
    int fills;
    int ordersSent;
    int denied;
    int rejected;
    int unknown;
    final Map<String, Integer> skips = new TreeMap<>();

    Builder(String id) {
      this.id = id;
    }

    Slot build() {
      return new Slot(id, state, reason, since, bars, lastBar, equity, cash, java.util.Collections.unmodifiableMap(positions), fills, ordersSent,
          denied, rejected, unknown, java.util.Collections.unmodifiableMap(skips));
    }
  }
}
