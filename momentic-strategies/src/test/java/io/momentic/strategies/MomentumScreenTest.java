package io.momentic.strategies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.momentic.core.ConfigException;
import org.junit.jupiter.api.Test;
import org.assertj.core.api.Assertions;

/** The shortlist on {@link XsecMomentumTest}'s hand-built panel, at its last week (week 6). */
class MomentumScreenTest {

  static MomentumScreen.Settings settings(int top, double riskOn) {
    return new MomentumScreen.Settings(2, 0, top, XsecMomentumTest.FLOOR, 2, riskOn);
  }

  @Test
  void listsTheStrongestLiquidNames_andTheRegime() {
    MomentumScreen.Result r = MomentumScreen.run(XsecMomentumTest.panel(), settings(3, 0.6));
    // E is delisted; of A, B, C, D, F the scores over weeks 4→6 are A 16/14−1, B 11/13−1,
    // C 20/13−1, D 0, F 31/20−1 — F is best but under the floor, so C, A, D.
    assertThat(r.rows()).extracting(MomentumScreen.Row::symbol).containsExactly("C", "A", "D");
    assertThat(r.rows().get(0).score()).isCloseTo(20.0 / 13 - 1, within(1e-12));
    assertThat(r.rows().get(1).close()).isEqualTo(16.0);
    assertThat(r.rows().get(0).addv()).isCloseTo((10 + 9 + 8 + 10 + 13 + 17 + 20) * 1e6 / 7 / 5, within(1e-6));
    assertThat(r.rows().get(0).trend13wPct()).isNaN(); // seven weeks of history, not thirteen
    assertThat(r.trading()).isEqualTo(5);
    assertThat(r.belowFloor()).isEqualTo(1);
    assertThat(r.rows()).noneMatch(row -> row.symbol().equals("F"));
    // Week 6 vs week 5: A, C, F rose; B fell; D flat → breadth 3/5, RISK-ON at a 0.6 threshold.
    assertThat(r.regime().breadth()).isEqualTo(0.6);
    assertThat(r.regime().state()).isEqualTo("RISK-ON");
    assertThat(MomentumScreen.run(XsecMomentumTest.panel(), settings(3, 0.65)).regime().state()).isEqualTo("RISK-OFF");
  }

  @Test
  void topLimitsTheList_andBadSettingsAreNamed() {
    assertThat(MomentumScreen.run(XsecMomentumTest.panel(), settings(1, 0.6)).rows()).hasSize(1);
    Assertions.assertThatThrownBy(() -> settings(0, 0.6)).isInstanceOf(ConfigException.class).hasMessageContaining("top");
    Assertions.assertThatThrownBy(() -> settings(3, 1.5)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("risk-on-breadth");
  }
}
