package io.momentic.core;

import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable, columnar series of bars for one instrument: {@code long[]} open times (epoch
 * milliseconds, UTC, strictly ascending) and {@code double[]} open/high/low/close/volume.
 *
 * <p>{@link #upTo(int)} is a zero-copy view of the first bars: it shares the columns and cannot
 * read past its own size, which is how a strategy deciding at bar t is kept from seeing t+1.
 * Volume is {@code NaN} when the source did not report it.
 */
public final class BarSeries {

  private final Instrument instrument;
  private final Interval interval;
  private final long[] times;
  private final double[] open;
  private final double[] high;
  private final double[] low;
  private final double[] close;
  private final double[] volume;
  private final int size;

  // Trusted: callers have validated the columns and hand over ownership.
  private BarSeries(Instrument instrument, Interval interval, long[] times, double[] open, double[] high,
      double[] low, double[] close, double[] volume, int size) {
    this.instrument = instrument;
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
   * A series from columns, which are copied. Times must be strictly ascending and all columns
   * the same length.
   */
  public static BarSeries of(Instrument instrument, Interval interval, long[] times, double[] open,
      double[] high, double[] low, double[] close, double[] volume) {
    Checks.notNull(instrument, "instrument");
    Checks.notNull(interval, "interval");
    int n = times.length;
    if (open.length != n || high.length != n || low.length != n || close.length != n || volume.length != n) {
      throw new IllegalArgumentException("Expected all columns of length " + n + ", but found open=" + open.length
          + " high=" + high.length + " low=" + low.length + " close=" + close.length + " volume=" + volume.length);
    }
    for (int i = 1; i < n; i++) {
      if (times[i] <= times[i - 1]) {
        throw new IllegalArgumentException("Expected strictly ascending times, but found " + times[i - 1]
            + " then " + times[i] + " at index " + i);
      }
    }
    return new BarSeries(instrument, interval, times.clone(), open.clone(), high.clone(), low.clone(),
        close.clone(), volume.clone(), n);
  }

  /** An empty series. */
  public static BarSeries empty(Instrument instrument, Interval interval) {
    return new BarSeries(instrument, interval, new long[0], new double[0], new double[0], new double[0],
        new double[0], new double[0], 0);
  }

  public static Builder builder(Instrument instrument, Interval interval) {
    return new Builder(instrument, interval);
  }

  //-------------------------------------------------------------------------
  public Instrument instrument() {
    return instrument;
  }

  public Interval interval() {
    return interval;
  }

  public String symbol() {
    return instrument.symbol();
  }

  public int size() {
    return size;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  public long time(int index) {
    return times[Objects.checkIndex(index, size)];
  }

  public double open(int index) {
    return open[Objects.checkIndex(index, size)];
  }

  public double high(int index) {
    return high[Objects.checkIndex(index, size)];
  }

  public double low(int index) {
    return low[Objects.checkIndex(index, size)];
  }

  public double close(int index) {
    return close[Objects.checkIndex(index, size)];
  }

  public double volume(int index) {
    return volume[Objects.checkIndex(index, size)];
  }

  public Bar bar(int index) {
    Objects.checkIndex(index, size);
    return new Bar(times[index], open[index], high[index], low[index], close[index], volume[index]);
  }

  /** Time of the first bar; throws if empty. */
  public long firstTime() {
    return time(0);
  }

  /** Time of the last bar; throws if empty. */
  public long lastTime() {
    return time(size - 1);
  }

  //-------------------------------------------------------------------------
  /** A zero-copy view of bars {@code [0, endExclusive)}. */
  public BarSeries upTo(int endExclusive) {
    Checks.inRange(endExclusive, 0, size + 1, "endExclusive");
    if (endExclusive == size) {
      return this;
    }
    return new BarSeries(instrument, interval, times, open, high, low, close, volume, endExclusive);
  }

  /** A copy of bars {@code [startInclusive, endExclusive)}. */
  public BarSeries subSeries(int startInclusive, int endExclusive) {
    Checks.inRange(endExclusive, 0, size + 1, "endExclusive");
    Checks.inRange(startInclusive, 0, endExclusive + 1, "startInclusive");
    return new BarSeries(instrument, interval,
        Arrays.copyOfRange(times, startInclusive, endExclusive),
        Arrays.copyOfRange(open, startInclusive, endExclusive),
        Arrays.copyOfRange(high, startInclusive, endExclusive),
        Arrays.copyOfRange(low, startInclusive, endExclusive),
        Arrays.copyOfRange(close, startInclusive, endExclusive),
        Arrays.copyOfRange(volume, startInclusive, endExclusive),
        endExclusive - startInclusive);
  }

  /** The same bars under another instrument description. */
  public BarSeries withInstrument(Instrument newInstrument) {
    return new BarSeries(Checks.notNull(newInstrument, "instrument"), interval, times, open, high, low, close,
        volume, size);
  }

  /**
   * The same bars labelled with another interval, without copying. For loaders that learn the
   * interval only after reading every bar; it does not resample.
   */
  public BarSeries withInterval(Interval newInterval) {
    return new BarSeries(instrument, Checks.notNull(newInterval, "interval"), times, open, high, low, close, volume,
        size);
  }

  /** Copies of the visible columns (one allocation per call, never per bar). */
  public long[] times() {
    return Arrays.copyOf(times, size);
  }

  public double[] opens() {
    return Arrays.copyOf(open, size);
  }

  public double[] highs() {
    return Arrays.copyOf(high, size);
  }

  public double[] lows() {
    return Arrays.copyOf(low, size);
  }

  public double[] closes() {
    return Arrays.copyOf(close, size);
  }

  public double[] volumes() {
    return Arrays.copyOf(volume, size);
  }

  /**
   * Index of the bar with exactly this open time, or {@code -(insertionPoint) - 1} like
   * {@link Arrays#binarySearch(long[], long)}.
   */
  public int indexOf(long timeMillis) {
    return Arrays.binarySearch(times, 0, size, timeMillis);
  }

  /** Index of the last bar with open time {@code <= timeMillis}, or -1 if none. */
  public int indexAtOrBefore(long timeMillis) {
    int i = indexOf(timeMillis);
    return i >= 0 ? i : -i - 2;
  }

  @Override
  public String toString() {
    return "BarSeries[" + instrument.symbol() + " " + interval.code() + " x" + size + "]";
  }

  //-------------------------------------------------------------------------
  /** Appends bars in ascending time order; {@link #build()} validates the order. */
  public static final class Builder {
    private final Instrument instrument;
    private final Interval interval;
    private long[] times = new long[64];
    private double[] open = new double[64];
    private double[] high = new double[64];
    private double[] low = new double[64];
    private double[] close = new double[64];
    private double[] volume = new double[64];
    private int size;

    private Builder(Instrument instrument, Interval interval) {
      this.instrument = Checks.notNull(instrument, "instrument");
      this.interval = Checks.notNull(interval, "interval");
    }

    public Builder add(long timeMillis, double o, double h, double l, double c, double v) {
      if (size == times.length) {
        int capacity = size * 2;
        times = Arrays.copyOf(times, capacity);
        open = Arrays.copyOf(open, capacity);
        high = Arrays.copyOf(high, capacity);
        low = Arrays.copyOf(low, capacity);
        close = Arrays.copyOf(close, capacity);
        volume = Arrays.copyOf(volume, capacity);
      }
      times[size] = timeMillis;
      open[size] = o;
      high[size] = h;
      low[size] = l;
      close[size] = c;
      volume[size] = v;
      size++;
      return this;
    }

    public int size() {
      return size;
    }

    /** Reverses the bars added so far (for sources written newest first). */
    public Builder reverse() {
      for (int i = 0, j = size - 1; i < j; i++, j--) {
        long t = times[i];
        times[i] = times[j];
        times[j] = t;
        swap(open, i, j);
        swap(high, i, j);
        swap(low, i, j);
        swap(close, i, j);
        swap(volume, i, j);
      }
      return this;
    }

    private static void swap(double[] a, int i, int j) {
      double x = a[i];
      a[i] = a[j];
      a[j] = x;
    }

    public BarSeries build() {
      for (int i = 1; i < size; i++) {
        if (times[i] <= times[i - 1]) {
          throw new IllegalArgumentException("Expected strictly ascending times, but found " + times[i - 1]
              + " then " + times[i] + " at index " + i);
        }
      }
      return new BarSeries(instrument, interval, Arrays.copyOf(times, size), Arrays.copyOf(open, size),
          Arrays.copyOf(high, size), Arrays.copyOf(low, size), Arrays.copyOf(close, size),
          Arrays.copyOf(volume, size), size);
    }
  }
}
