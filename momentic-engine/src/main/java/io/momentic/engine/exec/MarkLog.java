package io.momentic.engine.exec;

import io.momentic.core.Panel;
import java.util.Arrays;

/**
 * The cash and the positions at every mark where they changed (a fill happened since the mark
 * before). The cash and gross-exposure series of a run are rebuilt from it when asked for — with
 * the same arithmetic, in the same order, as marking them every bar would — so a run that nobody
 * asks them of (most sweep trials) neither stores nor zeroes two arrays per bar.
 */
public final class MarkLog {

  private int[] index = new int[8];
  private double[] cash = new double[8];
  /** Per mark, the symbols held (ascending) and their quantities: a few of a universe of hundreds. */
  private int[][] heldSymbols = new int[8][];
  private double[][] heldQuantities = new double[8][];
  private int size;

  MarkLog() {}

  /**
   * Records the state marked at output index {@code i}: the cash and the {@code held} positions,
   * symbols ascending (a second mark at the same index replaces the first).
   */
  void add(int i, double cashValue, int[] symbols, double[] quantities) {
    if (size > 0 && index[size - 1] == i) {
      size--;
    }
    if (size == index.length) {
      index = Arrays.copyOf(index, size * 2);
      cash = Arrays.copyOf(cash, size * 2);
      heldSymbols = Arrays.copyOf(heldSymbols, size * 2);
      heldQuantities = Arrays.copyOf(heldQuantities, size * 2);
    }
    index[size] = i;
    cash[size] = cashValue;
    heldSymbols[size] = symbols;
    heldQuantities[size] = quantities;
    size++;
  }

  /** Cash at each of {@code length} marks. */
  public double[] cashSeries(int length) {
    double[] out = new double[length];
    int k = -1;
    for (int i = 0; i < length; i++) {
      while (k + 1 < size && index[k + 1] <= i) {
        k++;
      }
      out[i] = cash[k];
    }
    return out;
  }

  /**
   * Gross exposure over equity at each mark: Σ|quantity × close| (the last known close where a
   * symbol has no bar) / equity; 0 when flat, infinite at or below zero equity. Output index i is
   * panel bar {@code first + i}.
   */
  public double[] exposureSeries(Panel panel, int first, double[] equity) {
    int symbols = panel.symbolCount();
    double[] last = new double[symbols];
    Arrays.fill(last, Double.NaN);
    for (int s = 0; s < symbols; s++) {
      for (int b = first - 1; b >= 0; b--) {
        double c = panel.close(s, b);
        if (c == c) {
          last[s] = c;
          break;
        }
      }
    }
    double[] out = new double[equity.length];
    int k = -1;
    for (int i = 0; i < equity.length; i++) {
      int bar = first + i;
      while (k + 1 < size && index[k + 1] <= i) {
        k++;
      }
      for (int s = 0; s < symbols; s++) {
        double close = panel.close(s, bar);
        if (close == close) {
          last[s] = close;
        }
      }
      int[] held = heldSymbols[k];
      double[] q = heldQuantities[k];
      double gross = 0;
      for (int j = 0; j < held.length; j++) { // the non-zero positions, in symbol order
        int s = held[j];
        double close = panel.close(s, bar);
        gross += Math.abs(q[j] * (close == close ? close : last[s]));
      }
      out[i] = exposure(gross, equity[i]);
    }
    return out;
  }

  /** Gross exposure over equity: 0 when flat, infinite at or below zero equity. */
  private static double exposure(double gross, double equity) {
    return gross == 0 ? 0 : equity > 0 ? gross / equity : Double.POSITIVE_INFINITY;
  }

  /**
   * {@code exposure(gross, equity) > 0}, mostly without its division: the quotient of gross ≥ 1 by
   * 0 &lt; equity &lt; 2^1000 is at least 2^−1000, so only other values need it.
   */
  private static boolean exposed(double gross, double equity) {
    return gross >= 1 && equity > 0 && equity < 0x1p1000 || exposure(gross, equity) > 0;
  }

  /**
   * The number of marks whose {@link #exposureSeries} value is above zero, with the same arithmetic
   * per bar but visiting only the symbols held between two logged marks, and skipping flat
   * stretches whole: what a sweep's exposure metric needs, without the series.
   */
  public int exposedBars(Panel panel, int first, double[] equity) {
    int exposed = 0;
    for (int k = 0; k < size; k++) {
      int from = index[k];
      int to = k + 1 < size ? index[k + 1] : equity.length;
      int[] held = heldSymbols[k];
      double[] q = heldQuantities[k];
      if (held.length == 0) {
        continue; // flat: the exposure is 0 on every bar of the stretch
      }
      if (held.length == 1) {
        exposed += exposedBarsOfOne(panel, first, equity, from, to, held[0], q[0]);
        continue;
      }
      for (int i = from; i < to; i++) {
        int bar = first + i;
        double gross = 0;
        for (int j = 0; j < held.length; j++) {
          int s = held[j];
          double close = panel.close(s, bar);
          gross += Math.abs(q[j] * (close == close ? close : lastCloseBefore(panel, s, bar)));
        }
        if (exposed(gross, equity[i])) {
          exposed++;
        }
      }
    }
    return exposed;
  }

  /** The loop above for a stretch holding one symbol (most runs): the same arithmetic, a tighter loop. */
  private static int exposedBarsOfOne(Panel panel, int first, double[] equity, int from, int to, int s, double q) {
    int exposed = 0;
    for (int i = from; i < to; i++) {
      int bar = first + i;
      double close = panel.close(s, bar);
      double gross = Math.abs(q * (close == close ? close : lastCloseBefore(panel, s, bar)));
      if (exposed(gross, equity[i])) {
        exposed++;
      }
    }
    return exposed;
  }

  /** The last close of symbol {@code s} before {@code bar} (NaN if none): a gap's mark. */
  private static double lastCloseBefore(Panel panel, int s, int bar) {
    for (int b = bar - 1; b >= 0; b--) {
      double c = panel.close(s, b);
      if (c == c) {
        return c;
      }
    }
    return Double.NaN;
  }
}
