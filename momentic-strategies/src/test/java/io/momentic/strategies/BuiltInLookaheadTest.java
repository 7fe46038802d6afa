package io.momentic.strategies;

import static org.assertj.core.api.Assertions.assertThat;

import io.momentic.core.BarSeries;
import io.momentic.core.Panel;
import io.momentic.core.testing.TestBars;
import io.momentic.data.SyntheticMarket;
import io.momentic.engine.BacktestConfig;
import io.momentic.engine.exec.FeeModel;
import io.momentic.research.LookaheadAudit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every built-in strategy passes the look-ahead audit: same features and decisions on cut histories. */
class BuiltInLookaheadTest {

  @Test
  void everyBuiltInStrategy_isClean() {
    BacktestConfig config = BacktestConfig.of(100_000).withFees(FeeModel.bps(5));
    for (String name : StrategyRegistry.names()) {
      List<String> universe = StrategyRegistry.universe(name, Map.of());
      Panel panel = panelFor(universe);
      LookaheadAudit.Result r = LookaheadAudit.auditStrategy(name, () -> StrategyRegistry.create(name, Map.of()),
          panel, config, LookaheadAudit.Options.DEFAULTS);
      assertThat(r.findings()).as(name).isEmpty();
    }
  }

  @Test
  void qqqLongShort_isClean_onTheRealEtfs() {
    Panel panel = Panel.align(List.of(read("QQQ"), read("TQQQ"), read("SQQQ")));
    LookaheadAudit.Result r = LookaheadAudit.auditStrategy("qqq-long-short",
        () -> StrategyRegistry.create("qqq-long-short", Map.of()), panel, BacktestConfig.of(100_000),
        LookaheadAudit.Options.DEFAULTS);
    assertThat(r.findings()).isEmpty();
  }

  @Test
  void xsecMomentum_isClean_onAWeeklyUniverse_withTheGateOn() {
    Panel daily = Panel.align(SyntheticMarket.generate(SyntheticMarket.Spec.gbmUniverse(12, 1_500, 5)));
    Panel weekly = io.momentic.core.Resampler.resample(daily, io.momentic.core.Interval.W1,
        io.momentic.core.Clock.frozen(java.time.Instant.parse("2100-01-01T00:00:00Z")));
    Map<String, String> params = Map.of("lookback", "13", "skip", "2", "top-n", "4", "gate", "0.5", "gate-ma", "20",
        "min-addv", "0");
    LookaheadAudit.Result r = LookaheadAudit.auditStrategy("xsec-momentum",
        () -> StrategyRegistry.create("xsec-momentum", params), weekly, BacktestConfig.of(100_000),
        LookaheadAudit.Options.DEFAULTS);
    assertThat(r.findings()).isEmpty();
    assertThat(r.cutsChecked()).isPositive();
  }

  private static BarSeries read(String symbol) {
    return io.momentic.data.BarFiles.read(TestBars.sharedData().resolve("etf_daily_xjcarter/" + symbol + ".csv"))
        .single();
  }

  static Panel panelFor(List<String> universe) {
    if (universe.isEmpty()) {
      return Panel.align(List.of(TestBars.randomWalk(11, 2_000)));
    }
    BarSeries index = SyntheticMarket.generate(SyntheticMarket.Spec.gbmUniverse(1, 2_000, 7)
        .withSymbols(List.of(universe.get(0)))).get(0);
    return Panel.align(SyntheticMarket.leveragedFamily(index, universe.subList(1, universe.size()), 0.01, 252, 50));
  }
}
