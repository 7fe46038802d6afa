package io.momentic.data;

import io.momentic.core.BarSeries;
import io.momentic.core.Interval;
import io.momentic.core.LoadFailure;
import io.momentic.core.Panel;
import java.util.List;

/**
 * What a bar file held: one series per symbol (in order of first appearance), the layout and
 * interval used, the rows read, the rows dropped under {@code dropInvalid} (each with its
 * reason), and notes on accepted quirks (short candles, back-adjusted prices, zero volume).
 */
public record LoadedBars(String source, BarLayout layout, Interval interval, List<BarSeries> series, long rows,
    List<LoadFailure> dropped, List<String> quirks) {

  /** The only series; throws if the file held several symbols. */
  public BarSeries single() {
    if (series.size() != 1) {
      throw new IllegalStateException("Expected one symbol in " + source + ", but found " + series.size());
    }
    return series.get(0);
  }

  /** All symbols aligned on their union of timestamps. */
  public Panel toPanel() {
    return Panel.align(series);
  }

  /** Bars kept, over all symbols. */
  public long barCount() {
    long n = 0;
    for (BarSeries s : series) {
      n += s.size();
    }
    return n;
  }
}
