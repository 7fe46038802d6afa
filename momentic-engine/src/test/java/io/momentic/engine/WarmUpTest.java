package io.momentic.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.momentic.core.Panel;
import io.momentic.core.testing.TestBars;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class WarmUpTest {

  private static final Panel PANEL = Panel.align(List.of(TestBars.randomWalk(1, 100)));

  /** Registers a feature known from bar {@code first} on (NaN before), and one never known. */
  private static Strategy knownFrom(int first) {
    return new Strategy() {
      @Override
      public void prepare(PrepareContext c) {
        double[] v = new double[c.data().size()];
        Arrays.fill(v, 0, first, Double.NaN);
        c.feature("f", new double[][] {v});
        double[] never = new double[c.data().size()];
        Arrays.fill(never, Double.NaN);
        c.feature("never", new double[][] {never});
      }

      @Override
      public void onBar(BarContext c) {}
    };
  }

  @Test
  void theFirstBarEveryFeatureIsKnown() {
    assertThat(WarmUp.firstReadyBar(PANEL, knownFrom(37), BacktestConfig.of(1_000))).isEqualTo(37);
    assertThat(WarmUp.firstReadyBar(PANEL, knownFrom(0), BacktestConfig.of(1_000))).isZero();
    Strategy none = c -> {};
    assertThat(WarmUp.firstReadyBar(PANEL, none, BacktestConfig.of(1_000))).isZero();
  }
}
