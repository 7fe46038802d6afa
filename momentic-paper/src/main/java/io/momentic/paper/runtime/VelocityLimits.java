package io.momentic.paper.runtime;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;

/**
 * Sliding-window counters per strategy: orders, rejections, cancels and unknown outcomes in the
 * last {@code windowMillis}. A new order is denied while any count is at its limit. The windows
 * are never reset — not by pausing and resuming, not by a restart (they are rebuilt from the
 * journal) — so a misbehaving strategy cannot clear its own record.
 */
public final class VelocityLimits {

  /** What is counted. */
  public enum Counter { ORDERS, REJECTS, CANCELS, UNKNOWN }

  /** Limits per window; 0 = unlimited. */
  public record Limits(long windowMillis, int orders, int rejects, int cancels, int unknown) {

    public static final Limits DEFAULT = new Limits(60_000, 30, 5, 30, 5);

    int of(Counter c) {
      return switch (c) {
        case ORDERS -> orders;
        case REJECTS -> rejects;
        case CANCELS -> cancels;
        case UNKNOWN -> unknown;
      };
    }
  }

  private final Limits limits;
  private final Map<Counter, Deque<Long>> events = new EnumMap<>(Counter.class);

  public VelocityLimits(Limits limits) {
    this.limits = limits;
    for (Counter c : Counter.values()) {
      events.put(c, new ArrayDeque<>());
    }
  }

  public void record(Counter counter, long timeMillis) {
    events.get(counter).addLast(timeMillis);
  }

  /** How many in the window ending at {@code nowMillis}. */
  public int count(Counter counter, long nowMillis) {
    Deque<Long> q = events.get(counter);
    while (!q.isEmpty() && q.peekFirst() <= nowMillis - limits.windowMillis()) {
      q.pollFirst();
    }
    return q.size();
  }

  /** The first counter at its limit at {@code nowMillis}, or null when a new order may go. */
  public Counter breached(long nowMillis) {
    for (Counter c : Counter.values()) {
      int limit = limits.of(c);
      if (limit > 0 && count(c, nowMillis) >= limit) {
        return c;
      }
    }
    return null;
  }

  public Limits limits() {
    return limits;
  }
}
