package io.momentic.strategies.gem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** {@code ensemble_score} worked by hand from spec §2. */
class EnsembleScoreTest {

  static GemMetrics metrics(double annualPct, double maxDrawdownPct, double calmar, double hhi) {
    return new GemMetrics(0, annualPct, maxDrawdownPct, 0, 0, calmar, 0, hhi, 0);
  }

  @Test
  void insideTheFreeDrawdownZone_theScoreIsTheAnnualReturn_timesTheDiversificationBonus() {
    // 9.69 % a year, 1.39 % drawdown (< 15 %: no dampening), all in one name (HHI 1: no bonus).
    assertThat(EnsembleScore.score(metrics(9.69, -1.39, 6.98, 1), metrics(9.0, -1.4, 6.4, 1)))
        .isCloseTo(0.0969, within(1e-12));
    // HHI 0.5 adds 0.1·(1 − 0.5) = 5 %.
    assertThat(EnsembleScore.score(metrics(10, -5, 2, 0.5), metrics(9, -5, 1.8, 0.5))).isCloseTo(0.105, within(1e-12));
  }

  @Test
  void drawdownBeyondFifteenPercent_isDampenedQuadratically() {
    // dd 25 %: 1 / (1 + 0.10)² = 0.826446…; ann 20 %, HHI 0.25 → bonus 1.075.
    double expected = 0.20 / (1.1 * 1.1) * 1.075;
    assertThat(EnsembleScore.score(metrics(20, -25, 0.8, 0.25), metrics(18, -26, 0.7, 0.25)))
        .isCloseTo(expected, within(1e-12));
  }

  @Test
  void hardRejections() {
    assertThat(EnsembleScore.score(metrics(-50.01, -60, -0.8, 1), metrics(-51, -61, -0.8, 1)))
        .isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(EnsembleScore.score(metrics(5, -2, 2.5, 1), metrics(-0.5, -3, -0.1, 1)))
        .isEqualTo(Double.NEGATIVE_INFINITY);
    // A stress Calmar of exactly 0 (no drawdown) passes; −50 % exactly is not "below −50 %".
    assertThat(EnsembleScore.score(metrics(3, 0, 0, 1), metrics(2, 0, 0, 1))).isCloseTo(0.03, within(1e-12));
    assertThat(EnsembleScore.score(metrics(-50, -55, -0.9, 1), metrics(-50, -55, 0, 1))).isFinite();
  }

  @Test
  void evaluate_runsTheContractsFees_andScoresExpBearW30() {
    EnsembleScore.Evaluation e = EnsembleScore.evaluate(GemKnownAnswerTest.candles(),
        GemParams.BEAR.with("fit_window", "30").withFees(0.01, 1), GemFit.Model.EXPONENTIAL,
        GemBacktest.Timing.SAME_CLOSE);
    // The candidate's own fee and capital are overwritten: the base run is the notebook's.
    assertThat(e.base().finalValue()).isCloseTo(10_640.43, within(0.01));
    assertThat(e.stress().finalValue()).isLessThan(e.base().finalValue());
    // hhi 1 (one name held), dd 1.39 % < 15 %: score = annual return.
    assertThat(e.score()).isCloseTo(e.base().annualizedReturnPct() / 100, within(1e-12));
  }
}
