package io.momentic.workflow.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.momentic.core.ConfigException;
import io.momentic.core.Panel;
import io.momentic.core.testing.TestBars;
import io.momentic.data.SyntheticMarket;
import io.momentic.engine.BacktestConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioRunsTest {

  @TempDir
  Path dir;

  private static final Panel REAL = Panel.align(List.of(TestBars.randomWalk(9, 400)));

  @Test
  void aBootstrapPathWithOneEndlessBlock_isARotation_soItsWholeMoveIsTheRealOne() {
    // A mean block longer than the series never starts a new block: the path takes every real bar
    // shape once, from one start, wrapping round. Its first-to-last close ratio is then the
    // product of all the real close-to-close ratios: the real one.
    for (long seed = 1; seed <= 5; seed++) {
      Panel path = ScenarioRuns.bootstrap(REAL, 1e12, seed);
      assertThat(path.size()).isEqualTo(REAL.size());
      double real = REAL.close(0, REAL.size() - 1) / REAL.close(0, 0);
      double resampled = path.close(0, path.size() - 1) / path.close(0, 0);
      assertThat(resampled).isCloseTo(real, within(1e-9 * real));
      // Each bar keeps its shape relative to its previous close (high ≥ close ≥ low, as in the source).
      for (int t = 1; t < path.size(); t++) {
        assertThat(path.high(0, t)).isGreaterThanOrEqualTo(path.low(0, t));
      }
    }
  }

  @Test
  void quantiles_areNumpysLinearInterpolation() {
    double[] v = {1, 2, 3, 4};
    // The scenario percentiles are ReturnMetrics.percentile's.
    assertThat(io.momentic.analytics.ReturnMetrics.percentile(v, 25)).isEqualTo(1.75); // numpy.percentile([1,2,3,4], 25)
    assertThat(io.momentic.analytics.ReturnMetrics.percentile(v, 50)).isEqualTo(2.5);
    assertThat(io.momentic.analytics.ReturnMetrics.percentile(v, 95)).isCloseTo(3.85, within(1e-12));
  }

  @Test
  void theCalibration_recoversAGbmsDriftAndVolatility() {
    Panel gbm = Panel.align(SyntheticMarket.generate(SyntheticMarket.Spec.gbmUniverse(1, 20_000, 3)
        .withDriftAndVolatility(0.10, 0.20)));
    double[] mv = ScenarioRuns.driftAndVolatility(gbm, 252);
    assertThat(mv[1]).isCloseTo(0.20, within(0.01));
    assertThat(mv[0]).isCloseTo(0.10, within(0.05)); // drift is the noisy one: 79 years of data, ±0.2/√79
  }

  @Test
  void sameSeeds_sameBytes_andTheSummaryCountsEveryPath() throws Exception {
    ScenarioRuns.Request r = new ScenarioRuns.Request("sma-cross", Map.of("fast", "5", "slow", "20"),
        ScenarioRuns.Model.BOOTSTRAP, REAL, 20, 400, 10, 7, BacktestConfig.of(10_000), 252);
    ScenarioRuns.write(ScenarioRuns.run(r, i -> {}), Files.createDirectories(dir.resolve("a")));
    ScenarioRuns.Result again = ScenarioRuns.run(r, i -> {});
    ScenarioRuns.write(again, Files.createDirectories(dir.resolve("b")));
    assertThat(Files.readAllBytes(dir.resolve("b/scenarios.csv"))).isEqualTo(Files.readAllBytes(dir.resolve("a/scenarios.csv")));
    assertThat(Files.readAllLines(dir.resolve("a/scenarios.csv"))).hasSize(21);
    Map<?, ?> sharpe = (Map<?, ?>) ((Map<?, ?>) again.summary().get("distribution")).get("sharpe");
    assertThat((double) sharpe.get("p5")).isLessThanOrEqualTo((double) sharpe.get("p50"));
    assertThat((double) sharpe.get("p50")).isLessThanOrEqualTo((double) sharpe.get("p95"));
    assertThat(sharpe.get("real_percentile")).isNotNull();
    assertThatThrownBy(() -> ScenarioRuns.run(new ScenarioRuns.Request("sma-cross", Map.of(),
        ScenarioRuns.Model.BOOTSTRAP, null, 20, 400, 10, 7, BacktestConfig.of(10_000), 252), i -> {}))
        .isInstanceOf(ConfigException.class).hasMessageContaining("--data");
  }
}
