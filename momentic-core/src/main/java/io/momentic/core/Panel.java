package io.momentic.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * N symbols × T aligned timestamps, columnar: {@code double[symbol][time]} for each field. A cell
 * is {@code NaN} where the symbol has no bar at that time (before listing, after delisting, on
 * its own holidays). Immutable; {@link #upTo(int)} is a zero-copy view of the first T' times.
 */
public final class Panel {

  private final List<Instrument> instruments;
  private final Map<String, Integer> indexBySymbol;
  private final Interval interval;
  private final long[] times;
  private final double[][] open;
  private final double[][] high;
  private final double[][] low;
  private final double[][] close;
  private final double[][] volume;
  private final int size;

  private Panel(List<Instrument> instruments, Map<String, Integer> indexBySymbol, Interval interval, long[] times,
      double[][] open, double[][] high, double[][] low, double[][] close, double[][] volume, int size) {
    this.instruments = instruments;
    this.indexBySymbol = indexBySymbol;
    this.interval = interval;
    this.times = times;
    this.open = open;
    this.high = high;
    this.low = low;
    this.close = close;
    this.volume = volume;
    this.size = size;
  }

  /**
   * Aligns series of one interval on the sorted union of their times. Symbols keep the given
   * order; duplicates are rejected.
   */
  public static Panel align(List<BarSeries> series) {
    if (series.isEmpty()) {
      throw new IllegalArgumentException("Expected at least one series to build a panel, but found none");
    }
    Interval interval = series.get(0).interval();
    List<Instrument> instruments = new ArrayList<>(series.size());
    Map<String, Integer> indexBySymbol = new HashMap<>();
    int total = 0;
    for (BarSeries s : series) {
      if (s.interval() != interval) {
        throw new IllegalArgumentException("Expected every series at interval " + interval.code() + ", but found "
            + s.symbol() + " at " + s.interval().code());
      }
      if (indexBySymbol.putIfAbsent(s.symbol(), instruments.size()) != null) {
        throw new IllegalArgumentException("Expected unique symbols in a panel, but found '" + s.symbol() + "' twice");
      }
      instruments.add(s.instrument());
      total += s.size();
    }
    long[] all = new long[total];
    int k = 0;
    for (BarSeries s : series) {
      for (int i = 0; i < s.size(); i++) {
        all[k++] = s.time(i);
      }
    }
    Arrays.sort(all);
    int unique = 0;
    for (int i = 0; i < all.length; i++) {
      if (unique == 0 || all[i] != all[unique - 1]) {
        all[unique++] = all[i];
      }
    }
    long[] times = Arrays.copyOf(all, unique);
    int n = series.size();
    double[][] o = nanMatrix(n, unique);
    double[][] h = nanMatrix(n, unique);
    double[][] l = nanMatrix(n, unique);
    double[][] c = nanMatrix(n, unique);
    double[][] v = nanMatrix(n, unique);
    for (int s = 0; s < n; s++) {
      BarSeries bars = series.get(s);
      int t = 0;
      for (int i = 0; i < bars.size(); i++) {
        long time = bars.time(i);
        while (times[t] < time) {
          t++;
        }
        o[s][t] = bars.open(i);
        h[s][t] = bars.high(i);
        l[s][t] = bars.low(i);
        c[s][t] = bars.close(i);
        v[s][t] = bars.volume(i);
      }
    }
    return new Panel(List.copyOf(instruments), Map.copyOf(indexBySymbol), interval, times, o, h, l, c, v, unique);
  }

  private static double[][] nanMatrix(int rows, int cols) {
    double[][] m = new double[rows][cols];
    for (double[] row : m) {
      Arrays.fill(row, Double.NaN);
    }
    return m;
  }

  //-------------------------------------------------------------------------
  public Interval interval() {
    return interval;
  }

  /** Number of symbols. */
  public int symbolCount() {
    return instruments.size();
  }

  /** Number of aligned timestamps. */
  public int size() {
    return size;
  }

  public List<Instrument> instruments() {
    return instruments;
  }

  public String symbol(int symbolIndex) {
    return instruments.get(symbolIndex).symbol();
  }

  public List<String> symbols() {
    List<String> out = new ArrayList<>(instruments.size());
    for (Instrument i : instruments) {
      out.add(i.symbol());
    }
    return out;
  }

  /** Index of a symbol; throws if absent. */
  public int getSymbolIndex(String symbol) {
    Integer i = indexBySymbol.get(symbol);
    if (i == null) {
      throw new IllegalArgumentException("Symbol '" + symbol + "' is not in the panel");
    }
    return i;
  }

  public Optional<Integer> findSymbolIndex(String symbol) {
    return Optional.ofNullable(indexBySymbol.get(symbol));
  }

  public long time(int t) {
    return times[Objects.checkIndex(t, size)];
  }

  /** Index of the first time {@code >= timeMillis}, or {@link #size()} if none. */
  public int indexAtOrAfter(long timeMillis) {
    int i = Arrays.binarySearch(times, 0, size, timeMillis);
    return i >= 0 ? i : -i - 1;
  }

  /** Index of the last time {@code <= timeMillis}, or -1 if none. */
  public int indexAtOrBefore(long timeMillis) {
    int i = Arrays.binarySearch(times, 0, size, timeMillis);
    return i >= 0 ? i : -i - 2;
  }

  public long[] times() {
    return Arrays.copyOf(times, size);
  }

  public double open(int s, int t) {
    return open[s][Objects.checkIndex(t, size)];
  }

  public double high(int s, int t) {
    return high[s][Objects.checkIndex(t, size)];
  }

  public double low(int s, int t) {
    return low[s][Objects.checkIndex(t, size)];
  }

  public double close(int s, int t) {
    return close[s][Objects.checkIndex(t, size)];
  }

  public double volume(int s, int t) {
    return volume[s][Objects.checkIndex(t, size)];
  }

  /** Whether symbol {@code s} has a bar at time index {@code t}. */
  public boolean hasBar(int s, int t) {
    return !Double.isNaN(close(s, t));
  }

  /** A copy of one symbol's closes over the visible times (NaN where it has no bar). */
  public double[] closes(int s) {
    return Arrays.copyOf(close[s], size);
  }

  public double[] volumes(int s) {
    return Arrays.copyOf(volume[s], size);
  }

  /** A copy of one symbol's opens over the visible times (NaN where it has no bar). */
  public double[] opens(int s) {
    return Arrays.copyOf(open[s], size);
  }

  /** A copy of one symbol's highs over the visible times (NaN where it has no bar). */
  public double[] highs(int s) {
    return Arrays.copyOf(high[s], size);
  }

  /** A copy of one symbol's lows over the visible times (NaN where it has no bar). */
  public double[] lows(int s) {
    return Arrays.copyOf(low[s], size);
  }

  /**
   * The first time index at which every one of {@code symbols} has started trading (the latest of
   * their first bars); 0 for none. Throws if a symbol is not in the panel.
   */
  public int firstIndexAllTrading(List<String> symbols) {
    int first = 0;
    for (String symbol : symbols) {
      first = Math.max(first, firstIndex(getSymbolIndex(symbol)));
    }
    return first;
  }

  /** First time index with a bar for symbol {@code s} (its listing), or -1. */
  public int firstIndex(int s) {
    for (int t = 0; t < size; t++) {
      if (!Double.isNaN(close[s][t])) {
        return t;
      }
    }
    return -1;
  }

  /** Last time index with a bar for symbol {@code s} (its delisting, or the end), or -1. */
  public int lastIndex(int s) {
    for (int t = size - 1; t >= 0; t--) {
      if (!Double.isNaN(close[s][t])) {
        return t;
      }
    }
    return -1;
  }

  /** The bars of one symbol over the visible times, without the NaN cells. */
  public BarSeries series(int s) {
    BarSeries.Builder b = BarSeries.builder(instruments.get(s), interval);
    for (int t = 0; t < size; t++) {
      if (!Double.isNaN(close[s][t])) {
        b.add(times[t], open[s][t], high[s][t], low[s][t], close[s][t], volume[s][t]);
      }
    }
    return b.build();
  }

  /** A zero-copy view of times {@code [0, endExclusive)}. */
  public Panel upTo(int endExclusive) {
    Checks.inRange(endExclusive, 0, size + 1, "endExclusive");
    if (endExclusive == size) {
      return this;
    }
    return new Panel(instruments, indexBySymbol, interval, times, open, high, low, close, volume, endExclusive);
  }

  /** Number of non-NaN cells: the bars actually present. */
  public long barCount() {
    long n = 0;
    for (int s = 0; s < instruments.size(); s++) {
      for (int t = 0; t < size; t++) {
        if (!Double.isNaN(close[s][t])) {
          n++;
        }
      }
    }
    return n;
  }

  @Override
  public String toString() {
    return "Panel[" + instruments.size() + " symbols x " + size + " " + interval.code() + "]";
  }
}
