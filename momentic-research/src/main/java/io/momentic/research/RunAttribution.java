package io.momentic.research;

import io.momentic.analytics.Attribution;
import io.momentic.core.Panel;
import io.momentic.engine.BacktestResult;
import io.momentic.engine.account.Fill;
import io.momentic.engine.order.Side;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Attribution of a backtest: rebuilds every instrument's position from the run's fills, marks it
 * at each close (the last known close on a bar without data, as the engine does) and hands the
 * values and cash flows to {@link Attribution}.
 */
public final class RunAttribution {

  private RunAttribution() {}

  /**
   * Contributions over result bars {@code [fromBar, toBar)} (indices into {@code result.times()}),
   * for a run that started flat.
   */
  public static Attribution.Report of(Panel panel, BacktestResult result, int fromBar, int toBar) {
    int bars = result.times().length;
    int offset = panel.size() - bars; // warm-up bars before the run's first bar
    int symbols = panel.symbolCount();
    double[][] value = new double[symbols][bars];
    double[][] flow = new double[symbols][bars];
    double[] quantity = new double[symbols];
    double[] lastClose = new double[symbols];
    java.util.Arrays.fill(lastClose, Double.NaN);
    for (int s = 0; s < symbols; s++) {
      for (int t = 0; t < offset; t++) {
        if (panel.hasBar(s, t)) {
          lastClose[s] = panel.close(s, t);
        }
      }
    }
    List<Fill> fills = result.fills();
    int next = 0;
    for (int t = 0; t < bars; t++) {
      while (next < fills.size() && fills.get(next).bar() - offset <= t) {
        Fill f = fills.get(next++);
        int s = f.symbol();
        double signed = f.side() == Side.BUY ? f.quantity() : -f.quantity();
        quantity[s] += signed;
        flow[s][t] += -signed * f.price() - f.fee();
      }
      for (int s = 0; s < symbols; s++) {
        if (panel.hasBar(s, t + offset)) {
          lastClose[s] = panel.close(s, t + offset);
        }
        value[s][t] = quantity[s] == 0 ? 0 : quantity[s] * lastClose[s];
      }
    }
    return Attribution.of(panel.symbols().toArray(String[]::new), value, flow, fromBar, toBar);
  }

  /** Above this share of net P&L in the top three names, a result is flagged as concentrated (reference 000 §4). */
  public static final double CONCENTRATED_TOP3_SHARE = 0.5;

  /**
   * Whether the three largest contributors carry more than half of a positive net P&L — asked only
   * of more than three names: with three or fewer the top three are everything, always.
   */
  public static boolean concentrated(Attribution.Report r) {
    return r.contributions().size() > 3 && r.top3Share() > CONCENTRATED_TOP3_SHARE;
  }

  /**
   * One line for beside a headline result: the top-1 and top-3 shares, with a warning when the top
   * three carry more than half of the gain.
   */
  public static String headline(Attribution.Report r) {
    if (!(r.netPnl() > 0)) {
      return String.format(java.util.Locale.ROOT, "net P&L %.2f: no gain to attribute shares of", r.netPnl());
    }
    List<Attribution.Contribution> c = r.contributions();
    StringBuilder names = new StringBuilder();
    for (int i = 0; i < Math.min(3, c.size()); i++) {
      names.append(i == 0 ? "" : ", ").append(c.get(i).instrument());
    }
    String line = c.size() <= 3
        ? String.format(java.util.Locale.ROOT, "%d name(s), top-1 %.0f%% of net P&L (%s); concentration is not "
            + "measured on 3 names or fewer", c.size(), 100 * r.top1Share(), names)
        : String.format(java.util.Locale.ROOT, "top-1 %.0f%%, top-3 %.0f%% of net P&L (%s)", 100 * r.top1Share(),
            100 * r.top3Share(), names);
    if (r.top1Share() > 1 || r.top3Share() > 1) {
      line += "; a share above 100 % means the other names lost money";
    }
    return concentrated(r) ? line + " — WARNING: the top 3 names carry more than half the gain; the result rests "
        + "on a handful of names, not a broad effect" : line;
  }

  /** A report as snake_case fields, for JSON. */
  public static Map<String, Object> toMap(Attribution.Report r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("net_pnl", r.netPnl());
    m.put("top1_share", r.top1Share());
    m.put("top3_share", r.top3Share());
    m.put("hhi", r.hhi());
    m.put("concentrated", concentrated(r));
    m.put("headline", headline(r));
    Map<String, Object> by = new LinkedHashMap<>();
    for (Attribution.Contribution c : r.contributions()) {
      by.put(c.instrument(), c.pnl());
    }
    m.put("by_instrument", by);
    return m;
  }
}
