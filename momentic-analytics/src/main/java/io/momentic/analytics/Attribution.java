package io.momentic.analytics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Each instrument's contribution to a run's net P&amp;L over a period, and how concentrated the
 * result is (reference 000 §4: "top 1 name = 35 % of net gain; top 3 = 93 %").
 *
 * <p>Contributions are mark-to-market, so they add up exactly to the change in equity: for
 * instrument s over bars {@code (from − 1, to − 1]},
 *
 * <pre>  pnl_s = V_s(to − 1) − V_s(from − 1) + Σ_{t = from}^{to − 1} CF_s(t)</pre>
 *
 * where {@code V_s(t)} is the position's value at the close of bar t ({@code V_s(−1) = 0}) and
 * {@code CF_s(t)} the cash its fills at bar t brought in (sales minus purchases, minus fees).
 */
public final class Attribution {

  /** One instrument's P&amp;L and its share of the period's net P&amp;L. */
  public record Contribution(String instrument, double pnl, double share) {}

  /**
   * @param contributions by instrument, largest P&amp;L first (ties by name), instruments that never
   *     traded in the period left out
   * @param netPnl Σ pnl (= the change in equity over the period)
   * @param top1Share the largest contribution / net P&amp;L; NaN unless the net P&amp;L is positive
   * @param top3Share the three largest / net P&amp;L; NaN unless the net P&amp;L is positive
   * @param hhi Herfindahl–Hirschman index of the absolute contributions, Σ (|pnl_s| / Σ|pnl|)², from
   *     1/n (even) to 1 (one name)
   */
  public record Report(List<Contribution> contributions, double netPnl, double top1Share, double top3Share,
      double hhi) {}

  private Attribution() {}

  /**
   * @param instruments names, one per row of the arrays
   * @param markedValue {@code [s][t]} quantity × close at bar t (signed; 0 when flat)
   * @param cashFlow {@code [s][t]} cash from instrument s's fills at bar t, net of fees
   * @param fromBar first bar of the period
   * @param toBar bar after the period's last
   */
  public static Report of(String[] instruments, double[][] markedValue, double[][] cashFlow, int fromBar, int toBar) {
    if (fromBar < 0 || toBar <= fromBar || instruments.length == 0 || toBar > markedValue[0].length) {
      throw new IllegalArgumentException("Expected 0 <= fromBar < toBar <= " + (instruments.length == 0 ? 0
          : markedValue[0].length) + ", but found " + fromBar + " and " + toBar);
    }
    List<Contribution> rows = new ArrayList<>();
    double[] pnl = new double[instruments.length];
    double net = 0;
    double absolute = 0;
    for (int s = 0; s < instruments.length; s++) {
      double before = fromBar == 0 ? 0 : markedValue[s][fromBar - 1];
      double flows = 0;
      boolean active = before != 0;
      for (int t = fromBar; t < toBar; t++) {
        flows += cashFlow[s][t];
        active |= cashFlow[s][t] != 0 || markedValue[s][t] != 0;
      }
      if (!active) {
        pnl[s] = Double.NaN;
        continue;
      }
      pnl[s] = markedValue[s][toBar - 1] - before + flows;
      net += pnl[s];
      absolute += Math.abs(pnl[s]);
    }
    double hhi = 0;
    for (int s = 0; s < instruments.length; s++) {
      if (!Double.isNaN(pnl[s])) {
        rows.add(new Contribution(instruments[s], pnl[s], net > 0 ? pnl[s] / net : Double.NaN));
        if (absolute > 0) {
          double w = Math.abs(pnl[s]) / absolute;
          hhi += w * w;
        }
      }
    }
    rows.sort(Comparator.comparingDouble(Contribution::pnl).reversed().thenComparing(Contribution::instrument));
    double top1 = Double.NaN;
    double top3 = Double.NaN;
    if (net > 0 && !rows.isEmpty()) {
      top1 = rows.get(0).pnl() / net;
      double sum = 0;
      for (int i = 0; i < Math.min(3, rows.size()); i++) {
        sum += rows.get(i).pnl();
      }
      top3 = sum / net;
    }
    return new Report(List.copyOf(rows), net, top1, top3, absolute > 0 ? hhi : Double.NaN);
  }
}
