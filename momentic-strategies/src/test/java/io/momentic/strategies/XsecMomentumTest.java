package io.momentic.strategies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.momentic.core.AssetClass;
import io.momentic.core.BarSeries;
import io.momentic.core.Instrument;
import io.momentic.core.Interval;
import io.momentic.core.Panel;
import io.momentic.core.testing.TestBars;
import io.momentic.engine.BacktestConfig;
import io.momentic.engine.BacktestEngine;
import io.momentic.engine.BacktestResult;
import io.momentic.engine.exec.FeeModel;
import io.momentic.engine.account.Fill;
import io.momentic.engine.order.Side;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A hand-built six-symbol weekly panel (weeks 0–6, each week's open = the previous close, so a
 * next-open fill happens at the decision close). Every expected value below is worked out by hand
 * from these closes:
 *
 * <pre>
 * week   0   1   2   3   4   5   6
 * A     10  11  12  13  14  15  16   steady riser
 * B     10  12  15  14  13  12  11   early spike, fades
 * C     10   9   8  10  13  17  20   late riser
 * D     10  10  10  10  10  10  10   flat
 * E     10  13  16  20   -   -   -   strongest, delisted after week 3
 * F     10  11  13  16  20  25  31   strong but illiquid (1,000 shares a week)
 * </pre>
 * Volumes are 1,000,000 shares a week except F. Units are fractional and fees zero unless a test
 * says otherwise, so each quantity is an exact fraction of equity.
 */
class XsecMomentumTest {

  static final double[][] CLOSES = {
      {10, 11, 12, 13, 14, 15, 16},
      {10, 12, 15, 14, 13, 12, 11},
      {10, 9, 8, 10, 13, 17, 20},
      {10, 10, 10, 10, 10, 10, 10},
      {10, 13, 16, 20},
      {10, 11, 13, 16, 20, 25, 31}};
  static final String[] SYMBOLS = {"A", "B", "C", "D", "E", "F"};
  static final double FLOOR = 100_000;

  static Panel panel() {
    List<BarSeries> series = new ArrayList<>();
    long monday = TestBars.day("2024-01-01");
    for (int s = 0; s < SYMBOLS.length; s++) {
      BarSeries.Builder b = BarSeries.builder(new Instrument(SYMBOLS[s], "TEST", AssetClass.EQUITY, false),
          Interval.W1);
      double volume = SYMBOLS[s].equals("F") ? 1_000 : 1_000_000;
      for (int t = 0; t < CLOSES[s].length; t++) {
        double close = CLOSES[s][t];
        double open = t == 0 ? close : CLOSES[s][t - 1];
        b.add(monday + t * 7 * 86_400_000L, open, Math.max(open, close), Math.min(open, close), close, volume);
      }
      series.add(b.build());
    }
    return Panel.align(series);
  }

  static BacktestResult run(Map<String, String> params) {
    return run(params, FeeModel.ZERO);
  }

  static BacktestResult run(Map<String, String> params, FeeModel fees) {
    Map<String, String> p = new java.util.HashMap<>(Map.of("lookback", "2", "skip", "0", "top-n", "2",
        "min-addv", Double.toString(FLOOR)));
    p.putAll(params);
    return BacktestEngine.run(panel(), StrategyRegistry.create("xsec-momentum", p),
        BacktestConfig.of(10_000).withFees(fees));
  }

  static List<String> bought(BacktestResult r, int bar) {
    return r.fills().stream().filter(f -> f.bar() == bar && f.side() == Side.BUY).map(Fill::instrument).toList();
  }

  @Test
  void addv_isTheMeanDollarVolumeOverThirteenWeeks_perTradingDay() {
    // F at week 2: (10 + 11 + 13) × 1,000 over 3 weeks, / 5 days = 2,266.67 a day.
    double[] addv = XsecMomentum.addv(CLOSES[5], new double[] {1_000, 1_000, 1_000, 1_000, 1_000, 1_000, 1_000}, 5);
    assertThat(addv[2]).isCloseTo(34_000.0 / 3 / 5, within(1e-9));
    // Only the last 13 bars count: a 14-bar series drops its first bar.
    double[] close = new double[14];
    double[] volume = new double[14];
    java.util.Arrays.fill(close, 1);
    java.util.Arrays.fill(volume, 5);
    volume[0] = 1_000_000;
    assertThat(XsecMomentum.addv(close, volume, 5)[13]).isEqualTo(1.0);
  }

  @Test
  void breadth_isTheShareAboveItsAverage_amongNamesTrading() {
    // SMA(2) at t is the mean of closes t−1 and t, so "above" means close[t] > close[t−1] strictly.
    // Week 2: A, B, E, F rose; C fell; D flat → 4 of 6. Week 4: E is gone; A, C, F rose → 3 of 5.
    double[] breadth = XsecMomentum.breadth(panel(), 2);
    assertThat(breadth[0]).isNaN();
    assertThat(breadth[2]).isEqualTo(4.0 / 6);
    assertThat(breadth[3]).isEqualTo(4.0 / 6);
    assertThat(breadth[4]).isEqualTo(3.0 / 5);
  }

  @Test
  void ranksByLookbackReturn_andTheSkipMovesTheWindowBack() {
    // skip 0, first score at week 2 (12/10, 15/10, 8/10, 10/10, 16/10; F is under the floor):
    // E 0.6, B 0.5 → both bought at week 3's open (= week 2's close), half the equity each.
    BacktestResult noSkip = run(Map.of());
    assertThat(bought(noSkip, 3)).containsExactly("B", "E");
    assertThat(noSkip.fills().get(0).quantity() * noSkip.fills().get(0).price()).isCloseTo(5_000, within(1e-9));
    // skip 1: the first score is at week 3, over weeks 0→2: E 0.6, B 0.5 again, but E has no week-4
    // open, so only B fills there: 5,000 at 14.
    BacktestResult skip = run(Map.of("skip", "1"));
    assertThat(bought(skip, 3)).isEmpty();
    assertThat(bought(skip, 4)).containsExactly("B");
    assertThat(skip.fills().get(0).quantity()).isCloseTo(5_000.0 / 14, within(1e-9));
  }

  @Test
  void theFloorDropsAnIlliquidName_evenWhenItScoresBest() {
    // F has the best score from week 4 on (20/13 − 1 = 0.54 vs C's 0.625 at week 4, 25/16 − 1 …),
    // and at week 5 C 0.7 vs F 25/16 − 1 = 0.5625; either way with the floor it is never held.
    BacktestResult floor = run(Map.of());
    assertThat(floor.fills()).noneMatch(f -> f.instrument().equals("F"));
    // With no floor F is ranked: at week 2 its score 13/10 − 1 = 0.3 is third behind E and B, and by
    // week 3 (16/11 − 1 = 0.4545) it beats A (13/11 − 1) for second place behind E.
    BacktestResult noFloor = run(Map.of("min-addv", "0"));
    assertThat(bought(noFloor, 4)).contains("F");
  }

  @Test
  void theGate_sendsThePortfolioToCash_whenBreadthFallsBelowTheThreshold() {
    // Breadth 2/3 at weeks 2 and 3, 0.6 at week 4. A 0.7 gate never invests.
    assertThat(run(Map.of("gate", "0.7", "gate-ma", "2")).fills()).isEmpty();
    // A 0.65 gate invests after weeks 2 and 3, then sells everything at week 5's open.
    BacktestResult gated = run(Map.of("gate", "0.65", "gate-ma", "2"));
    assertThat(bought(gated, 3)).containsExactly("B", "E");
    assertThat(gated.fills().stream().filter(f -> f.bar() == 5).map(Fill::side).distinct()).containsExactly(Side.SELL);
    assertThat(gated.fills()).noneMatch(f -> f.bar() > 5);
    assertThat(gated.equity()[6]).isEqualTo(gated.equity()[5]);
  }

  @Test
  void aDelistedName_isSoldAtItsLastClose_andTheFullRunMatchesTheHandLedger() {
    BacktestResult r = run(Map.of());
    Fill delisted = r.fills().stream().filter(f -> f.reason().equals("delisted")).findFirst().orElseThrow();
    assertThat(delisted.instrument()).isEqualTo("E");
    assertThat(delisted.bar()).isEqualTo(4);
    assertThat(delisted.price()).isEqualTo(20.0);

    // Week 2 → buy E and B at 16 and 15 with 5,000 each.
    double qE = 5_000.0 / 16;
    double qB = 5_000.0 / 15;
    // Week 3 ranks E (20/13 − 1) and A (13/11 − 1): B is sold at 14; E's target cannot fill (no
    // week-4 bar), so A gets only the cash B freed, at 13.
    double qA = qB * 14 / 13;
    assertThat(r.fills().stream().filter(f -> f.bar() == 4 && f.instrument().equals("A")).findFirst().orElseThrow()
        .quantity()).isCloseTo(qA, within(1e-9));
    // Week 4: E is sold as delisted at 20; the ranking is C (13/8 − 1) and A (14/12 − 1).
    double equity4 = qA * 14 + qE * 20;
    assertThat(r.equity()[4]).isCloseTo(equity4, within(1e-9));
    // Week 5's open (14 and 13) splits the equity in halves; week 6's open (15, 17) does it again.
    double equity5 = 0.5 * equity4 / 14 * 15 + 0.5 * equity4 / 13 * 17;
    double equity6 = 0.5 * equity5 / 15 * 16 + 0.5 * equity5 / 17 * 20;
    assertThat(r.equity()[5]).isCloseTo(equity5, within(1e-9));
    assertThat(r.finalEquity()).isCloseTo(equity6, within(1e-9));
  }

  @Test
  void feesAreCharged_perSide_onEveryRebalanceTrade() {
    BacktestResult r = run(Map.of(), FeeModel.bps(10));
    double notional = r.fills().stream().mapToDouble(Fill::grossValue).sum();
    assertThat(r.totalFees()).isCloseTo(0.001 * notional, within(1e-9));
    assertThat(r.finalEquity()).isLessThan(run(Map.of()).finalEquity());
  }
}
