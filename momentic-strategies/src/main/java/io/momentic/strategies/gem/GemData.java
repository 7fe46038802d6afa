package io.momentic.strategies.gem;

import io.momentic.core.Panel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The GEM walk's inputs (spec §1.1): tokens in sorted name order (it breaks ties), each with its
 * own candles, and the calendar = the sorted union of all candle times.
 */
public record GemData(List<String> tokens, long[] calendar, List<Candles> candles) {

  /** One token's candles, in time order. */
  public record Candles(long[] time, double[] open, double[] high, double[] low, double[] close) {

    public int size() {
      return time.length;
    }
  }

  /** From a panel: each symbol's bars where it has one; symbols sorted by name. */
  public static GemData of(Panel panel) {
    List<Integer> order = new ArrayList<>();
    for (int s = 0; s < panel.symbolCount(); s++) {
      order.add(s);
    }
    order.sort(Comparator.comparing(panel::symbol));
    List<String> tokens = new ArrayList<>();
    List<Candles> candles = new ArrayList<>();
    for (int s : order) {
      int count = 0;
      for (int t = 0; t < panel.size(); t++) {
        count += panel.hasBar(s, t) ? 1 : 0;
      }
      long[] time = new long[count];
      double[] o = new double[count];
      double[] h = new double[count];
      double[] l = new double[count];
      double[] c = new double[count];
      int k = 0;
      for (int t = 0; t < panel.size(); t++) {
        if (panel.hasBar(s, t)) {
          time[k] = panel.time(t);
          o[k] = panel.open(s, t);
          h[k] = panel.high(s, t);
          l[k] = panel.low(s, t);
          c[k] = panel.close(s, t);
          k++;
        }
      }
      tokens.add(panel.symbol(s));
      candles.add(new Candles(time, o, h, l, c));
    }
    return new GemData(List.copyOf(tokens), panel.times(), List.copyOf(candles));
  }
}
