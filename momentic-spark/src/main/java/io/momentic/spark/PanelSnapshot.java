package io.momentic.spark;

import io.momentic.core.AssetClass;
import io.momentic.core.BarSeries;
import io.momentic.core.Instrument;
import io.momentic.core.Interval;
import io.momentic.core.Panel;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A panel as plain arrays, so Spark can broadcast it: every executor receives the bars once and
 * rebuilds the same panel (the same {@link Panel#align} of the same series).
 */
final class PanelSnapshot implements Serializable {

  private static final long serialVersionUID = 1L;

  /** One series' instrument and columns. */
  private record Series(String symbol, String venue, String assetClass, boolean wholeUnits, String interval,
      long[] times, double[] open, double[] high, double[] low, double[] close, double[] volume)
      implements Serializable {}

  private final List<Series> series;

  private PanelSnapshot(List<Series> series) {
    this.series = series;
  }

  static PanelSnapshot of(Panel panel) {
    List<Series> out = new ArrayList<>();
    for (int s = 0; s < panel.symbolCount(); s++) {
      BarSeries b = panel.series(s);
      Instrument i = b.instrument();
      out.add(new Series(i.symbol(), i.venue(), i.assetClass().name(), i.wholeUnits(), b.interval().name(), b.times(),
          b.opens(), b.highs(), b.lows(), b.closes(), b.volumes()));
    }
    return new PanelSnapshot(List.copyOf(out));
  }

  Panel toPanel() {
    List<BarSeries> out = new ArrayList<>();
    for (Series s : series) {
      out.add(BarSeries.of(new Instrument(s.symbol(), s.venue(), AssetClass.valueOf(s.assetClass()), s.wholeUnits()),
          Interval.valueOf(s.interval()), s.times(), s.open(), s.high(), s.low(), s.close(), s.volume()));
    }
    return Panel.align(out);
  }
}
