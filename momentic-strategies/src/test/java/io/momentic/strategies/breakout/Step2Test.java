package io.momentic.strategies.breakout;

import static org.assertj.core.api.Assertions.assertThat;

import io.momentic.core.BarSeries;
import io.momentic.core.testing.TestBars;
import io.momentic.engine.exec.ExecutionConfig;
import io.momentic.research.ml.MetaLabel;
import org.junit.jupiter.api.Test;

class Step2Test {

  @Test
  void gradesFollowTheirRules() {
    assertThat(SetupGrade.of(0.6, 0.7, Double.NaN, Double.NaN, "PASS").grade()).isEqualTo("A+");
    assertThat(SetupGrade.of(0.6, 0.6, Double.NaN, Double.NaN, "PASS").grade()).isEqualTo("A"); // ML under 65 %
    assertThat(SetupGrade.of(0.35, Double.NaN, Double.NaN, Double.NaN, "BORDERLINE").grade()).isEqualTo("A");
    assertThat(SetupGrade.of(0.1, Double.NaN, Double.NaN, Double.NaN, "PASS").grade()).isEqualTo("B");
    assertThat(SetupGrade.of(-0.2, Double.NaN, Double.NaN, Double.NaN, "PASS").rule()).contains("not tradeable");
    // The best of the two candidates, not an aggregate: A is excellent, B negative → A+.
    SetupGrade.Grade best = SetupGrade.of(0.8, 0.7, -0.4, 0.2, "PASS");
    assertThat(best.grade()).isEqualTo("A+");
    assertThat(best.rule()).contains("candidate A");
    // A failed walk-forward is C …
    assertThat(SetupGrade.of(0.8, 0.5, Double.NaN, Double.NaN, "FAIL").grade()).isEqualTo("C");
    // … unless the B rescue applies: tradeable and ML ≥ 60 %.
    SetupGrade.Grade rescued = SetupGrade.of(0.8, 0.62, Double.NaN, Double.NaN, "FAIL");
    assertThat(rescued.grade()).isEqualTo("B");
    assertThat(rescued.rule()).startsWith("B rescue");
    assertThat(SetupGrade.of(-0.1, 0.9, Double.NaN, Double.NaN, "FAIL").grade()).isEqualTo("C"); // not tradeable
  }

  @Test
  void step2_trainsOnTheCandidatesOwnOutcomes() {
    BarSeries s = TestBars.randomWalk(21, 1000);
    Signal signal = null;
    BreakoutFeatures.Set f = null;
    for (int b = s.size() - 1; b > 300 && signal == null; b--) {
      Direction d = Direction.ofCandle(s.open(b), s.close(b));
      if (d != null) {
        f = BreakoutFeatures.compute(s, d, RegimeInputs.NONE);
        signal = BreakoutScanner.signal("RW", f, b);
      }
    }
    ExecutionConfig config = ExecutionConfig.defaults();
    Step1Backtest.Result step1 = Step1Backtest.run(signal, f, config);
    Step2MetaLabel.Result r = Step2MetaLabel.run(signal, f, step1, config, MetaLabel.Options.DEFAULTS);
    boolean same = step1.candidateNewest().stats().method().equals(step1.candidateWeighted().stats().method());
    assertThat(r.sameCandidate()).isEqualTo(same);
    assertThat(r.models()).hasSize(same ? 1 : 2);
    for (Step2MetaLabel.CandidateModel m : r.models()) {
      assertThat(m.fit().n()).isEqualTo(m.trades() - m.neutralsExcluded()); // NEUTRAL out of the labels
      boolean oneClass = m.fit().wins() == 0 || m.fit().wins() == m.fit().n();
      assertThat(m.fit().model()).isEqualTo(oneClass ? "heuristic"
          : MetaLabel.byCount(m.fit().n()).name().toLowerCase(java.util.Locale.ROOT));
      assertThat(m.pWin()).isBetween(0.0, 1.0);
      // The ML ratchet aims at 80 analogs with Step 1's ratios and floors.
      assertThat(m.ratchet().targetReached() ? m.ratchet().used().analogs() >= Step2MetaLabel.TARGET_SAMPLES
          : m.ratchet().used().ratio() == 0.20).isTrue();
    }
  }
}
