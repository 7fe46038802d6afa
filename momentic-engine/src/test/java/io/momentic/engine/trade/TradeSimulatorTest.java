package io.momentic.engine.trade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.momentic.core.BarSeries;
import io.momentic.core.Instrument;
import io.momentic.core.Interval;
import io.momentic.core.Panel;
import io.momentic.engine.exec.ExecutionConfig;
import io.momentic.engine.exec.FeeModel;
import io.momentic.engine.order.Side;
import io.momentic.engine.trade.TradePlan.Entry;
import io.momentic.engine.trade.TradePlan.Management;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hand-worked trades: each candle sequence and its outcome worked in the comments. Bar 0 is the
 * signal; the decision is at its close (100); no fees unless stated; ATR is 1.0 throughout.
 */
class TradeSimulatorTest {

  /** Bars from {open, high, low, close} rows, a day apart. */
  private static TradeSimulator sim(double[][] ohlc, ExecutionConfig config) {
    BarSeries.Builder b = BarSeries.builder(Instrument.crypto("TEST", "test"), Interval.D1);
    for (int i = 0; i < ohlc.length; i++) {
      b.add(i * 86_400_000L, ohlc[i][0], ohlc[i][1], ohlc[i][2], ohlc[i][3], 1000);
    }
    double[] atr = new double[ohlc.length];
    Arrays.fill(atr, 1.0);
    return new TradeSimulator(Panel.align(List.of(b.build())), atr, config);
  }

  private static TradeSimulator sim(double[][] ohlc) {
    return sim(ohlc, ExecutionConfig.defaults());
  }

  /** Long, market at the next open, stop 98.5 (1.5 % of 100), 1 R = 101.5, target k R above 100. */
  private static TradePlan longPlan(Management m, double targetR) {
    return new TradePlan(Side.BUY, Entry.MARKET, 100, Double.NaN, 0, 98.5, 100 + targetR * 1.5, m, 101.5, 0.5, 20);
  }

  private static final double[] SIGNAL = {99, 100.2, 98.9, 100};

  @Test
  void simple_holdsToTheTarget() {
    // Bar 1 opens at 100: entry. Bar 2's high 103.5 reaches the 2 R target 103: +3 / 1.5 = +2.0 R.
    TradeOutcome o = sim(new double[][] {SIGNAL, {100, 101, 99.5, 100.5}, {100.5, 103.5, 100, 103}})
        .simulate(0, longPlan(Management.SIMPLE, 2.0));
    assertThat(o.filled()).isTrue();
    assertThat(o.entryBar()).isEqualTo(1);
    assertThat(o.entryPrice()).isEqualTo(100);
    assertThat(o.labelEndBar()).isEqualTo(2);
    assertThat(o.exit()).isEqualTo("target");
    assertThat(o.rMultiple()).isCloseTo(2.0, within(1e-12));
  }

  @Test
  void partial_takesHalfAt1R_thenTheRestIsStoppedAtBreakEven() {
    // Entry 100 (bar 1). The 1 R limit (101.5, half) rests from bar 2: bar 2's high 101.8 fills it,
    // +0.5 × 1.5 = +0.75; the stop moves to 100. Bar 3's low 99.8 takes the rest at 100: 0.
    // Total +0.75 / 1.5 = +0.5 R — the "basically flat" trade reference 001 labels NEUTRAL.
    TradeOutcome o = sim(new double[][] {SIGNAL, {100, 100.8, 99.6, 100.5}, {100.5, 101.8, 100.2, 101.2},
        {101, 101.2, 99.8, 100}, {100, 100.2, 98, 98.2}}).simulate(0, longPlan(Management.PARTIAL, 2.5));
    assertThat(o.exit()).isEqualTo("break-even");
    assertThat(o.labelEndBar()).isEqualTo(3);
    assertThat(o.rMultiple()).isCloseTo(0.5, within(1e-12));
    assertThat(o.exitPrice()).isCloseTo((101.5 * 0.5 + 100 * 0.5), within(1e-12));
  }

  @Test
  void partialNoBe_keepsTheOriginalStop() {
    // Same path: half off at 101.5 (+0.75); the stop stays at 98.5, so bar 3 (low 99.8) passes and
    // bar 4's low 98 takes the rest at 98.5: −0.5 × 1.5 = −0.75. Total 0 R.
    TradeOutcome o = sim(new double[][] {SIGNAL, {100, 100.8, 99.6, 100.5}, {100.5, 101.8, 100.2, 101.2},
        {101, 101.2, 99.8, 100}, {100, 100.2, 98, 98.2}}).simulate(0, longPlan(Management.PARTIAL_NO_BE, 2.5));
    assertThat(o.exit()).isEqualTo("stop");
    assertThat(o.labelEndBar()).isEqualTo(4);
    assertThat(o.rMultiple()).isCloseTo(0.0, within(1e-12));
  }

  @Test
  void trailing_movesToBreakEvenAt1R_thenTrailsHalfAnAtrBelowTheClose() {
    // Entry 100. Bar 2's high 101.6 passes 1 R (101.5): at its close the stop becomes a trail
    // starting at break-even (100) and ratchets to close − 0.5 × ATR = 101.4 − 0.5 = 100.9.
    // Bar 3 (low 101.2) holds; its close 102.3 lifts the trail to 101.8. Bar 4's low 101.5
    // reaches it: out at 101.8 (the open 102.2 is above). +1.8 / 1.5 = +1.2 R.
    TradeOutcome o = sim(new double[][] {SIGNAL, {100, 100.5, 99.7, 100.2}, {100.2, 101.6, 100.1, 101.4},
        {101.4, 102.5, 101.2, 102.3}, {102.2, 102.4, 101.5, 101.6}}).simulate(0, longPlan(Management.TRAILING, 3));
    assertThat(o.exit()).isEqualTo("trailing-stop");
    assertThat(o.labelEndBar()).isEqualTo(4);
    assertThat(o.rMultiple()).isCloseTo(1.2, within(1e-12));
  }

  @Test
  void trailing_keepsItsTarget() {
    // Same start; at bar 2's close the trail starts at 100.9. Bar 3 rallies to 103.2: the 2 R
    // target (103) takes the whole position there: +3 / 1.5 = +2 R.
    TradeOutcome o = sim(new double[][] {SIGNAL, {100, 100.5, 99.7, 100.2}, {100.2, 101.6, 100.1, 101.4},
        {101.4, 103.2, 101.2, 103.1}}).simulate(0, longPlan(Management.TRAILING, 2));
    assertThat(o.exit()).isEqualTo("target");
    assertThat(o.rMultiple()).isCloseTo(2.0, within(1e-12));
  }

  @Test
  void aGapThroughTheStop_fillsAtTheWorseOpen() {
    // Entry 100 at bar 1; bar 2 opens at 97, below the 98.5 stop: filled at 97, −3 / 1.5 = −2.0 R.
    TradeOutcome o = sim(new double[][] {SIGNAL, {100, 100.5, 99.6, 100.2}, {97, 97.5, 96, 96.5}})
        .simulate(0, longPlan(Management.SIMPLE, 2));
    assertThat(o.exit()).isEqualTo("stop");
    assertThat(o.rMultiple()).isCloseTo(-2.0, within(1e-12));
  }

  @Test
  void aLimitEntryThatNeverFills_expiresAfterItsWindow() {
    // Buy limit 99 for 3 bars: lows 99.5, 99.3, 99.1 never reach it; bar 4 (low 98.9) would, but the
    // order died at bar 4's open.
    TradePlan plan = new TradePlan(Side.BUY, Entry.LIMIT, 99, 99, 3, 97.5, 102, Management.SIMPLE, Double.NaN, 0, 20);
    TradeOutcome o = sim(new double[][] {SIGNAL, {100, 100.5, 99.5, 100}, {100, 100.4, 99.3, 99.8},
        {99.8, 100, 99.1, 99.5}, {99.5, 99.6, 98.9, 99}}).simulate(0, plan);
    assertThat(o.filled()).isFalse();
    assertThat(o.expired()).isTrue();
    // The same limit with a fourth bar in its window fills at 99 on bar 4.
    TradePlan longer = new TradePlan(Side.BUY, Entry.LIMIT, 99, 99, 4, 97.5, 102, Management.SIMPLE, Double.NaN, 0,
        20);
    TradeOutcome filled = sim(new double[][] {SIGNAL, {100, 100.5, 99.5, 100}, {100, 100.4, 99.3, 99.8},
        {99.8, 100, 99.1, 99.5}, {99.5, 99.6, 98.9, 99}}).simulate(0, longer);
    assertThat(filled.filled()).isTrue();
    assertThat(filled.entryBar()).isEqualTo(4);
    assertThat(filled.entryPrice()).isEqualTo(99);
    assertThat(filled.exit()).isEqualTo("end-of-data");
  }

  @Test
  void theMaxHoldClosesAtTheNextOpen() {
    // Held 3 bars (1..3) with nothing hit: closed at bar 4's open, 100.9: +0.9 / 1.5 = +0.6 R.
    TradePlan plan = new TradePlan(Side.BUY, Entry.MARKET, 100, Double.NaN, 0, 98.5, 103, Management.SIMPLE, 101.5,
        0.5, 3);
    TradeOutcome o = sim(new double[][] {SIGNAL, {100, 100.6, 99.8, 100.3}, {100.3, 100.8, 100, 100.6},
        {100.6, 101, 100.4, 100.8}, {100.9, 101.2, 100.7, 101}}).simulate(0, plan);
    assertThat(o.exit()).isEqualTo("max-hold");
    assertThat(o.labelEndBar()).isEqualTo(4);
    assertThat(o.barsHeld()).isEqualTo(4);
    assertThat(o.rMultiple()).isCloseTo(0.6, within(1e-12));
  }

  @Test
  void aShortMirrors_andFeesComeOffTheR() {
    // Short at 100, stop 101.5, target 2 R = 97. Bar 2's low 96.8 reaches it: +3 / 1.5 = +2 R gross;
    // fees 0.1 % a side: 0.1 + 0.097 = 0.197 → (3 − 0.197) / 1.5 = 1.868666… R.
    TradePlan plan = new TradePlan(Side.SELL, Entry.MARKET, 100, Double.NaN, 0, 101.5, 97, Management.SIMPLE, 98.5,
        0.5, 20);
    TradeOutcome o = sim(new double[][] {{101, 101.2, 99.8, 100}, {100, 100.5, 99.4, 99.6}, {99.6, 99.9, 96.8, 97.2}},
        ExecutionConfig.defaults().withFees(FeeModel.fixedPlusRate(0, 0.001))).simulate(0, plan);
    assertThat(o.exit()).isEqualTo("target");
    assertThat(o.fees()).isCloseTo(0.197, within(1e-12));
    assertThat(o.rMultiple()).isCloseTo((3 - 0.197) / 1.5, within(1e-12));
  }

  @Test
  void anEntryPastItsStopIsNoPlan() {
    assertThatThrownBy(() -> new TradePlan(Side.BUY, Entry.LIMIT, 98, 98, 3, 98.5, 103, Management.SIMPLE,
        Double.NaN, 0, 20)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid zone");
  }
}
