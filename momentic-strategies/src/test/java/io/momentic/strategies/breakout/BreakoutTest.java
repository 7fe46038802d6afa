package io.momentic.strategies.breakout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.momentic.core.BarSeries;
import io.momentic.core.Instrument;
import io.momentic.core.Interval;
import io.momentic.core.testing.TestBars;
import io.momentic.engine.trade.TradePlan.Management;
import io.momentic.research.LookaheadAudit;
import io.momentic.strategies.breakout.BreakoutFeatures.Feature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reference 001's Step 1 pieces, each on a case worked by hand in the comments. */
class BreakoutTest {

  @Test
  void zones_areAnchoredAtTheCandle_andADeepZonePastItsStopIsInvalid() {
    // Long candle 100 → 104 (body 4). Fixed stop 104 × 0.985 = 102.44; ATR stop (ATR 3) 101.
    TradeMethod standardFixed = new TradeMethod(TradeMethod.Zone.STANDARD, TradeMethod.Stop.FIXED, Management.SIMPLE,
        2.0);
    MethodPlans.Prices p = MethodPlans.prices(standardFixed, Direction.LONG, 100, 104, 3).orElseThrow();
    // Standard rests at 104 − 0.25 × 4 = 103; R = 103 − 102.44 = 0.56; target 103 + 2 × 0.56 = 104.12.
    assertThat(p.entry()).isCloseTo(103, within(1e-12));
    assertThat(p.stop()).isCloseTo(102.44, within(1e-12));
    assertThat(p.oneR()).isCloseTo(103.56, within(1e-12));
    assertThat(p.target()).isCloseTo(104.12, within(1e-12));
    assertThat(p.marketEntry()).isFalse();
    // Sniper at 104 − 2 = 102 lies below the fixed stop: invalid, and never widened into a trade.
    assertThat(MethodPlans.prices(new TradeMethod(TradeMethod.Zone.SNIPER, TradeMethod.Stop.FIXED, Management.SIMPLE,
        2.0), Direction.LONG, 100, 104, 3)).isEmpty();
    // With the ATR stop at 101 the same zone is valid: R = 1, target 104.
    MethodPlans.Prices sniperAtr = MethodPlans.prices(new TradeMethod(TradeMethod.Zone.SNIPER, TradeMethod.Stop.ATR,
        Management.SIMPLE, 2.0), Direction.LONG, 100, 104, 3).orElseThrow();
    assertThat(sniperAtr.entry()).isEqualTo(102);
    assertThat(sniperAtr.target()).isEqualTo(104);
    // A short mirrors: candle 104 → 100, Aggressive at 100, fixed stop 101.5, 3 R target 95.5.
    MethodPlans.Prices shortP = MethodPlans.prices(new TradeMethod(TradeMethod.Zone.AGGRESSIVE,
        TradeMethod.Stop.FIXED, Management.SIMPLE, 3.0), Direction.SHORT, 104, 100, 3).orElseThrow();
    assertThat(shortP.stop()).isCloseTo(101.5, within(1e-12));
    assertThat(shortP.target()).isCloseTo(95.5, within(1e-12));
    assertThat(TradeMethod.ALL).hasSize(72).doesNotHaveDuplicates();
    assertThat(TradeMethod.byKey(standardFixed.key())).isEqualTo(standardFixed);
  }

  @Test
  void outcomes_neutralWithinPointThreeR() {
    assertThat(SimTrades.classify(0.30)).isEqualTo(SimTrades.Outcome.NEUTRAL);
    assertThat(SimTrades.classify(-0.30)).isEqualTo(SimTrades.Outcome.NEUTRAL);
    assertThat(SimTrades.classify(0.31)).isEqualTo(SimTrades.Outcome.WIN);
    assertThat(SimTrades.classify(-0.31)).isEqualTo(SimTrades.Outcome.LOSS);
  }

  /** A 300-bar series of long candles whose body and volume shares are set by hand in a features table. */
  private static BreakoutFeatures.Set handFeatures(double[] body, double[] vol) {
    int n = body.length;
    BarSeries.Builder b = BarSeries.builder(Instrument.crypto("HAND", "test"), Interval.D1);
    for (int i = 0; i < n; i++) {
      b.add(i * 86_400_000L, 100, 102, 99, 101, 1000);
    }
    double[][] values = new double[Feature.values().length][n];
    values[Feature.BODY_PCT.ordinal()] = body;
    values[Feature.VOL_MULT.ordinal()] = vol;
    Arrays.fill(values[Feature.ATR.ordinal()], 1.0);
    return new BreakoutFeatures.Set(b.build(), Direction.LONG, values,
        new RegimeScore.Result(new double[n], List.of("adx"), List.of()));
  }

  @Test
  void theRatchetStopsAtTheFirstLevelWithFiftyAnalogs() {
    // Signal (bar 299): body 0.90, volume 4.0×. Levels: 0.70 → body ≥ 0.63, vol ≥ 2.8;
    // 0.55 → 0.495, 2.2; 0.45 → 0.405, 1.8. Ten candles pass 0.70, thirty more only 0.55, fifteen more
    // only 0.45: 10, 40, 55 — the ratchet stops at 0.45 (RELAXED) with 55 analogs.
    double[] body = new double[300];
    double[] vol = new double[300];
    Arrays.fill(body, 0.1);
    Arrays.fill(vol, 1.0);
    int bar = BreakoutFeatures.warmup();
    for (int i = 0; i < 10; i++, bar += 2) {
      body[bar] = 0.7;
      vol[bar] = 3.0;
    }
    for (int i = 0; i < 30; i++, bar += 2) {
      body[bar] = 0.5;
      vol[bar] = 2.3;
    }
    for (int i = 0; i < 15; i++, bar += 2) {
      body[bar] = 0.45;
      vol[bar] = 1.9;
    }
    body[299] = 0.9;
    vol[299] = 4.0;
    BreakoutFeatures.Set f = handFeatures(body, vol);
    Signal signal = BreakoutScanner.signal("HAND", f, 299);
    Step1Backtest.Ratchet r = Step1Backtest.ratchet(signal, f);
    assertThat(r.levels()).extracting(Step1Backtest.Level::analogs).containsExactly(10, 40, 55);
    assertThat(r.used().ratio()).isEqualTo(0.45);
    assertThat(r.used().minBody()).isCloseTo(0.405, within(1e-12));
    assertThat(r.badge()).isEqualTo(Step1Backtest.Badge.RELAXED);
    assertThat(r.targetReached()).isTrue();
    assertThat(Step1Backtest.analogs(f, 299, r.used())).hasSize(55);
  }

  @Test
  void theRatchetStopsAtItsFloors() {
    // A weak signal (body 0.25, 1.2× volume): every ratio times it falls below the floors (body 0.20,
    // volume 1.10), so each level asks for the floors; five candles pass; the loosest level is used: LOOSE.
    double[] body = new double[300];
    double[] vol = new double[300];
    Arrays.fill(body, 0.1);
    Arrays.fill(vol, 1.0);
    for (int i = 0; i < 5; i++) {
      body[100 + i] = 0.21;
      vol[100 + i] = 1.11;
    }
    body[150] = 0.19; // just under the body floor: never an analog
    vol[150] = 5;
    body[299] = 0.25;
    vol[299] = 1.2;
    BreakoutFeatures.Set f = handFeatures(body, vol);
    Step1Backtest.Ratchet r = Step1Backtest.ratchet(BreakoutScanner.signal("HAND", f, 299), f);
    assertThat(r.levels()).hasSize(6).allSatisfy(l -> {
      assertThat(l.minBody()).isEqualTo(Step1Backtest.BODY_FLOOR);
      assertThat(l.minVolume()).isEqualTo(Step1Backtest.VOLUME_FLOOR);
      assertThat(l.analogs()).isEqualTo(5);
    });
    assertThat(r.used().ratio()).isEqualTo(0.20);
    assertThat(r.badge()).isEqualTo(Step1Backtest.Badge.LOOSE);
    assertThat(r.targetReached()).isFalse();
  }

  private static SimTrades.Trade trade(int bar, double r) {
    return new SimTrades.Trade(bar, bar + 1, bar + 3, r, SimTrades.classify(r), 1.0, 1.0, "x");
  }

  @Test
  void decayBucketsAndCandidates_rawEvAndEvwPickDifferentMethods() {
    assertThat(MethodStats.bucketWeights(400)).containsExactly(0.40, 0.60, 0.80, 1.00);
    assertThat(MethodStats.bucketWeights(399)).containsExactly(0.50, 0.75, 1.00);
    assertThat(MethodStats.bucketWeights(200)).containsExactly(0.50, 0.75, 1.00);
    assertThat(MethodStats.bucketWeights(80)).containsExactly(0.60, 1.00);
    assertThat(MethodStats.bucketWeights(79)).containsExactly(1.00);
    // X: 50 old trades at +2 R, then 50 at −0.5 R: EV 0.75; two buckets (0.6, 1.0):
    // EVw = (0.6 × 50 × 2 + 1.0 × 50 × −0.5) / (0.6 × 50 + 50) = 35 / 80 = 0.4375; newest EV −0.5.
    // Y: 100 trades at +0.5 R: EV = EVw = newest EV = 0.5. Raw EV would pick X; EVw and the newest bucket pick Y.
    List<SimTrades.Trade> x = new ArrayList<>();
    List<SimTrades.Trade> y = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      x.add(trade(i * 5, i < 50 ? 2 : -0.5));
      y.add(trade(i * 5, 0.5));
    }
    TradeMethod mx = TradeMethod.ALL.get(0);
    TradeMethod my = TradeMethod.ALL.get(1);
    MethodStats sx = MethodStats.of(mx, new SimTrades.Run(x, 100, 100, 0, 0, 0));
    MethodStats sy = MethodStats.of(my, new SimTrades.Run(y, 100, 100, 0, 0, 0));
    assertThat(sx.ev()).isCloseTo(0.75, within(1e-12));
    assertThat(sx.evWeighted()).isCloseTo(0.4375, within(1e-12));
    assertThat(sx.newestEv()).isCloseTo(-0.5, within(1e-12));
    assertThat(sx.buckets()).extracting(MethodStats.Bucket::n).containsExactly(50, 50);
    assertThat(sx.profitFactor()).isCloseTo(100.0 / 25, within(1e-12));
    assertThat(sy.evWeighted()).isCloseTo(0.5, within(1e-12));
    List<MethodStats> both = List.of(sx, sy);
    assertThat(Step1Backtest.bestBy(both, MethodStats::ev)).isEqualTo(sx); // the trap reference 001 fixed
    assertThat(Step1Backtest.bestBy(both, MethodStats::evWeighted)).isEqualTo(sy);
    assertThat(Step1Backtest.bestBy(both, MethodStats::newestEv)).isEqualTo(sy);
  }

  @Test
  void theSurvivorBiasWarning_underFortyPercentFillsOfTwentyOrMore() {
    List<SimTrades.Trade> t = List.of(trade(10, 1), trade(20, 1));
    assertThat(MethodStats.of(TradeMethod.ALL.get(0), new SimTrades.Run(t, 20, 7, 13, 0, 0)).survivorBiasWarning())
        .isTrue(); // 7 / 20 = 35 %
    assertThat(MethodStats.of(TradeMethod.ALL.get(0), new SimTrades.Run(t, 20, 8, 12, 0, 0)).survivorBiasWarning())
        .isFalse(); // 40 %
    assertThat(MethodStats.of(TradeMethod.ALL.get(0), new SimTrades.Run(t, 19, 2, 17, 0, 0)).survivorBiasWarning())
        .isFalse(); // too few to say
  }

  @Test
  void theWalkForwardSplit_purgesAndEmbargoesByHand() {
    // Test part from bar 100 to 200, embargo 3 bars. A (signal 90, label end 95): in-sample.
    // B (98, label to 103): its outcome settles inside the test part → purged. C (signal 101): inside
    // the embargo [100, 103) → dropped. D (103) and E (150): out of sample. F (205): after the part.
    List<SimTrades.Trade> trades = List.of(
        new SimTrades.Trade(90, 91, 95, 1, SimTrades.Outcome.WIN, 1, 1, "t"),
        new SimTrades.Trade(98, 99, 103, 1, SimTrades.Outcome.WIN, 1, 1, "t"),
        new SimTrades.Trade(101, 102, 110, 1, SimTrades.Outcome.WIN, 1, 1, "t"),
        new SimTrades.Trade(103, 104, 110, -1, SimTrades.Outcome.LOSS, 1, 1, "t"),
        new SimTrades.Trade(150, 151, 160, 2, SimTrades.Outcome.WIN, 1, 1, "t"),
        new SimTrades.Trade(205, 206, 210, 2, SimTrades.Outcome.WIN, 1, 1, "t"));
    MiniWalkForward.Split s = MiniWalkForward.split(trades, 100, 200, 3);
    assertThat(s.is()).extracting(SimTrades.Trade::signalBar).containsExactly(90);
    assertThat(s.purged()).isEqualTo(1);
    assertThat(s.embargoed()).isEqualTo(1);
    assertThat(s.oos()).extracting(SimTrades.Trade::signalBar).containsExactly(103, 150);
  }

  @Test
  void walkForwardVerdicts() {
    assertThat(MiniWalkForward.verdict(4, 3.0)).isEqualTo("INSUFFICIENT");
    assertThat(MiniWalkForward.verdict(5, 1.2)).isEqualTo("BORDERLINE");
    assertThat(MiniWalkForward.verdict(7, 1.0)).isEqualTo("BORDERLINE");
    assertThat(MiniWalkForward.verdict(8, 1.2)).isEqualTo("PASS");
    assertThat(MiniWalkForward.verdict(8, 0.99)).isEqualTo("FAIL");
    assertThat(MiniWalkForward.verdict(5, 0.5)).isEqualTo("FAIL");
    assertThat(MiniWalkForward.verdict(9, Double.NaN)).isEqualTo("PASS"); // no losing trade: not below 1
  }

  @Test
  void featureKernels_byHand() {
    // Volumes 1..8: the 8th bar's multiple is 8 over the mean of the 7 before it (4) = 2.
    double[] closes = new double[80];
    BarSeries.Builder b = BarSeries.builder(Instrument.crypto("K", "test"), Interval.D1);
    for (int i = 0; i < 80; i++) {
      closes[i] = 100 + i;
      // open 100+i−0.6, high +1, low −1, close 100+i: body 0.6 of a range of 2 → 0.3.
      b.add(i * 86_400_000L, closes[i] - 0.6, closes[i] + 1, closes[i] - 1, closes[i], i + 1);
    }
    BreakoutFeatures.Set f = BreakoutFeatures.compute(b.build(), Direction.LONG, RegimeInputs.NONE);
    assertThat(f.get(Feature.VOL_MULT, 7)).isCloseTo(8.0 / 4.0, within(1e-12));
    assertThat(f.get(Feature.VOL_MULT, 6)).isNaN(); // not 7 bars before it yet
    assertThat(f.get(Feature.BODY_PCT, 30)).isCloseTo(0.3, within(1e-12));
    assertThat(f.get(Feature.CLOSE_POSITION, 30)).isCloseTo(0.5, within(1e-12));
    assertThat(f.get(Feature.UPPER_WICK_PCT, 30)).isCloseTo(0.5, within(1e-12));
    assertThat(f.get(Feature.LOWER_WICK_PCT, 30)).isCloseTo(0.2, within(1e-12));
    // EMA21 at bar t is of the closes through t − 1: a straight line's EMA lags it, and a rising
    // line keeps the close above every EMA — alignment 3, distance from EMA21 positive.
    assertThat(f.get(Feature.EMA_ALIGNMENT, 70)).isEqualTo(3);
    assertThat(f.get(Feature.DIST_FROM_EMA21_PCT, 70)).isPositive();
    BreakoutFeatures.Set shorts = BreakoutFeatures.compute(b.build(), Direction.SHORT, RegimeInputs.NONE);
    assertThat(shorts.get(Feature.DIST_FROM_EMA21_PCT, 70)).isEqualTo(-f.get(Feature.DIST_FROM_EMA21_PCT, 70));
    assertThat(shorts.get(Feature.EMA_ALIGNMENT, 70)).isEqualTo(0);
    assertThat(BreakoutFeatures.ML_FEATURES).hasSize(11);
  }

  @Test
  void regimeScore_renormalisesOverTheInputsPresent() {
    BarSeries s = TestBars.daily("R", "2024-01-01", 100, 101, 102);
    double[] adx = {40, 15, Double.NaN};
    RegimeInputs fg = (input, bars) -> input == RegimeInputs.Input.FEAR_GREED
        ? Optional.of(new double[] {20, 20, 60}) : Optional.empty();
    RegimeScore.Result longs = RegimeScore.compute(s, Direction.LONG, adx, fg);
    // Bar 0: ADX 40 → 100 (weight 0.4), F&G 20 (0.2): (40 + 4) / 0.6 = 73.33…
    assertThat(longs.score()[0]).isCloseTo(44 / 0.6, within(1e-9));
    // Bar 1: ADX 15 → 0: (0 + 4) / 0.6 = 6.67; bar 2: no ADX yet, F&G alone: 60.
    assertThat(longs.score()[1]).isCloseTo(4 / 0.6, within(1e-9));
    assertThat(longs.score()[2]).isCloseTo(60, within(1e-9));
    assertThat(longs.used()).containsExactly("adx", "fear_greed");
    assertThat(longs.missing()).containsExactly("funding", "open_interest");
    // A short reads greed as against it: (40 + 0.2 × 80) / 0.6.
    assertThat(RegimeScore.compute(s, Direction.SHORT, adx, fg).score()[0]).isCloseTo(56 / 0.6, within(1e-9));
    assertThat(RegimeScore.similarityWeight(80, 10)).isCloseTo(0.3, within(1e-12));
    assertThat(RegimeScore.similarityWeight(0, 100)).isEqualTo(0.15);
  }

  @Test
  void all22FeaturesAreCausal_andAnInjectedLeakIsFlagged() {
    BarSeries s = TestBars.randomWalk(11, 600);
    LookaheadAudit.Options o = new LookaheadAudit.Options(10, 10, 30, 7, 0, 1e-9);
    for (Direction d : Direction.values()) {
      LookaheadAudit.Result r = LookaheadAudit.auditIndicator(BreakoutFeatures.asIndicator(d), s, o);
      assertThat(r.clean()).as(r.findings().toString()).isTrue();
      assertThat(r.findings()).isEmpty();
    }
    // The volume multiple computed with the next bar's volume in its average: a leak the audit must name.
    io.momentic.indicators.BarIndicator leak = new io.momentic.indicators.BarIndicator() {
      @Override
      public String name() {
        return "leaking_vol_mult";
      }

      @Override
      public int warmup() {
        return 8;
      }

      @Override
      public List<String> outputs() {
        return List.of("vol_mult");
      }

      @Override
      public double[][] compute(BarSeries bars) {
        double[] v = bars.volumes();
        double[] out = new double[v.length];
        Arrays.fill(out, Double.NaN);
        for (int t = 7; t + 1 < v.length; t++) {
          double sum = 0;
          for (int i = t - 6; i <= t + 1; i++) {
            sum += v[i];
          }
          out[t] = v[t] / (sum / 8);
        }
        return new double[][] {out};
      }
    };
    assertThat(LookaheadAudit.auditIndicator(leak, s, o).clean()).isFalse();
  }
}
