package io.momentic.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Point-in-time universe membership: for each symbol, the periods {@code [from, to)} (epoch ms) in
 * which it was a member — of an index, or listed at all. A name is eligible for a cross-sectional
 * strategy or screen only while it was a member; a universe without this history is
 * survivor-only, and every report of it says its results are biased upward.
 *
 * @param source where the history comes from (a file, the store), or null for none
 */
public record Membership(Map<String, List<long[]>> periods, boolean hasHistory, String source) {

  /** What a report of a universe without membership history says. */
  public static final String SURVIVOR_ONLY = "survivor-only universe: only names that exist today, with no record "
      + "of those that left; results are biased upward (give a membership file with listed/delisted dates)";

  public Membership {
    Map<String, List<long[]>> copy = new TreeMap<>();
    periods.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    periods = java.util.Collections.unmodifiableMap(copy);
  }

  /** Every symbol a member always: no history (survivor-only). */
  public static Membership survivorOnly(List<String> symbols) {
    Map<String, List<long[]>> m = new TreeMap<>();
    for (String s : symbols) {
      m.put(s, List.of(new long[] {Long.MIN_VALUE, Long.MAX_VALUE}));
    }
    return new Membership(m, false, null);
  }

  /** What {@code --membership bars} names as its source. */
  public static final String FROM_BARS = "the data's own first and last bars (names absent from the data, such as "
      + "those that left before it begins, are still missing)";

  /**
   * Membership read from the bars themselves: each name a member from its first bar, and until its
   * last bar closed when its data stops while others go on (its bars end stale by the
   * {@link Staleness} rule against the newest bar of all) — a listing and a delisting, as a store of
   * everything ever fetched records them. Names trading to the end stay members.
   */
  public static Membership fromBars(List<BarSeries> series) {
    return fromBars(series, Map.of());
  }

  /**
   * As above, and a name the exchange has noticed as no longer trading (symbol → when the notice
   * was first seen, epoch ms) stops being a member then, even if its bars are not stale yet.
   */
  public static Membership fromBars(List<BarSeries> series, Map<String, Long> delistedAt) {
    long newestClose = Long.MIN_VALUE;
    for (BarSeries s : series) {
      if (!s.isEmpty()) {
        newestClose = Math.max(newestClose, s.lastTime() + s.interval().millis());
      }
    }
    Builder b = new Builder();
    for (BarSeries s : series) {
      if (s.isEmpty()) {
        continue;
      }
      long lastClose = s.lastTime() + s.interval().millis();
      boolean ended = Staleness.stale(s.lastTime(), s.interval(), newestClose);
      long to = ended ? lastClose : Long.MAX_VALUE;
      Long noticed = delistedAt.get(s.symbol());
      if (noticed != null && noticed > s.time(0)) {
        to = Math.min(to, noticed);
      }
      b.add(s.symbol(), s.time(0), to);
    }
    return b.build(FROM_BARS);
  }

  /** Whether {@code symbol} was a member at {@code timeMillis} (a symbol never listed: no). */
  public boolean memberAt(String symbol, long timeMillis) {
    List<long[]> p = periods.get(symbol);
    if (p == null) {
      return false;
    }
    for (long[] range : p) {
      if (timeMillis >= range[0] && timeMillis < range[1]) {
        return true;
      }
    }
    return false;
  }

  /** A builder adding periods symbol by symbol. */
  public static final class Builder {
    private final Map<String, List<long[]>> periods = new TreeMap<>();

    public Builder add(String symbol, long fromMillis, long toMillis) {
      if (toMillis <= fromMillis) {
        throw new IllegalArgumentException("Expected a period that ends after it starts for " + symbol + ", but found "
            + Timestamps.format(fromMillis) + " to " + Timestamps.format(toMillis));
      }
      periods.computeIfAbsent(symbol, k -> new ArrayList<>()).add(new long[] {fromMillis, toMillis});
      return this;
    }

    public Membership build(String source) {
      return new Membership(periods, true, source);
    }
  }
}
