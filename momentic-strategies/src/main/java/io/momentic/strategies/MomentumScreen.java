package io.momentic.strategies;

import io.momentic.core.ConfigException;
import io.momentic.core.Panel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The weekly "what should I look at" list of reference {@code 000} §5–7: the names with the
 * strongest momentum at the last closed week, above the liquidity floor, with the market's breadth
 * regime. It ranks with the same measures as {@link XsecMomentum}, so the shortlist is the list
 * the strategy would buy from.
 */
public final class MomentumScreen {

  /** The reference's 13-week trend column. */
  public static final int TREND_BARS = 13;

  /**
   * What to screen.
   *
   * @param lookback bars of the momentum score
   * @param skip bars between the end of the score window and the last bar
   * @param top how many names to list
   * @param minAddv liquidity floor, dollars a day; a name below it is never shown
   * @param gateMa moving-average length of the breadth measure
   * @param riskOnBreadth breadth at or above which the regime is RISK-ON
   */
  public record Settings(int lookback, int skip, int top, double minAddv, int gateMa, double riskOnBreadth) {

    public static final Settings DEFAULTS = new Settings(XsecMomentum.Params.DEFAULTS.lookback(),
        XsecMomentum.Params.DEFAULTS.skip(), 30, XsecMomentum.Params.DEFAULTS.minAddv(),
        XsecMomentum.Params.DEFAULTS.gateMa(), 0.6);

    public Settings {
      new XsecMomentum.Params(lookback, skip, 1, 0, gateMa, minAddv); // the strategy's checks, shared
      if (top < 1) {
        throw new ConfigException("top", "expected at least 1 name, found " + top);
      }
      if (!(riskOnBreadth >= 0 && riskOnBreadth <= 1)) {
        throw new ConfigException("risk-on-breadth", "expected a share in [0, 1], found " + riskOnBreadth);
      }
    }
  }

  /** One listed name; {@code score} is the lookback total return as a fraction. */
  public record Row(int rank, String symbol, double score, double trend13wPct, double addv, double close) {}

  /** Breadth at the last bar (NaN when no name has its moving average yet) and the regime it implies. */
  public record Regime(double breadth, double riskOnBreadth, int gateMa) {

    public boolean riskOn() {
      return breadth >= riskOnBreadth;
    }

    public String state() {
      return riskOn() ? "RISK-ON" : "RISK-OFF";
    }
  }

  /**
   * A screen at bar {@code asOfBar}.
   *
   * @param trading names with a bar that week
   * @param scored of those, names with a full lookback
   * @param belowFloor scored names left out for liquidity
   */
  public record Result(int asOfBar, long asOfMillis, Regime regime, List<Row> rows, int trading, int scored,
      int belowFloor) {}

  private MomentumScreen() {}

  /** Screens the last bar of {@code panel} (a weekly panel whose in-progress week is already dropped). */
  public static Result run(Panel panel, Settings settings) {
    if (panel.size() == 0) {
      throw new IllegalArgumentException("Expected at least one bar to screen, but found none");
    }
    int t = panel.size() - 1;
    double days = XsecMomentum.daysPerBar(panel);
    record Candidate(int symbol, double score, double trend, double addv, double close) {}
    List<Candidate> candidates = new ArrayList<>();
    int trading = 0;
    int scored = 0;
    int belowFloor = 0;
    for (int s = 0; s < panel.symbolCount(); s++) {
      if (!panel.hasBar(s, t)) {
        continue;
      }
      trading++;
      double[] close = panel.closes(s);
      double score = XsecMomentum.score(close, settings.lookback(), settings.skip())[t];
      if (score != score) {
        continue;
      }
      scored++;
      double addv = XsecMomentum.addv(close, panel.volumes(s), days)[t];
      if (!(addv >= settings.minAddv())) {
        belowFloor++;
        continue;
      }
      double trend = t >= TREND_BARS ? 100 * (close[t] / close[t - TREND_BARS] - 1) : Double.NaN;
      candidates.add(new Candidate(s, score, trend, addv, close[t]));
    }
    candidates.sort(Comparator.comparingDouble(Candidate::score).reversed().thenComparingInt(Candidate::symbol));
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < Math.min(settings.top(), candidates.size()); i++) {
      Candidate c = candidates.get(i);
      rows.add(new Row(i + 1, panel.symbol(c.symbol()), c.score(), c.trend(), c.addv(), c.close()));
    }
    double breadth = XsecMomentum.breadth(panel, settings.gateMa())[t];
    return new Result(t, panel.time(t), new Regime(breadth, settings.riskOnBreadth(), settings.gateMa()),
        List.copyOf(rows), trading, scored, belowFloor);
  }
}
