package io.momentic.strategies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.momentic.core.BarSeries;
import io.momentic.core.ConfigException;
import io.momentic.core.Panel;
import io.momentic.core.testing.TestBars;
import io.momentic.engine.BacktestConfig;
import io.momentic.engine.BacktestEngine;
import io.momentic.engine.BacktestResult;
import io.momentic.engine.account.Trade;
import io.momentic.research.LookaheadAudit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MetaLabeledStrategyTest {

  private static final BarSeries WALK = TestBars.randomWalk(3, 2_500);
  private static final BacktestConfig CONFIG = BacktestConfig.of(10_000);

  private static MetaLabeledStrategy filtered(double threshold) {
    return new MetaLabeledStrategy(() -> new SmaCross(5, 20, true), threshold, 20, 42);
  }

  @Test
  void theFilteredRun_isTheUnfilteredOneWithoutTheSkippedTrades() {
    BacktestResult unfiltered = BacktestEngine.run(WALK, new SmaCross(5, 20, true), CONFIG);
    MetaLabeledStrategy meta = filtered(0.5);
    BacktestResult r = BacktestEngine.run(WALK, meta, CONFIG);

    Set<Integer> skippedDecisions = meta.decisions().stream().filter(d -> !d.taken())
        .map(MetaLabeledStrategy.Decision::bar).collect(Collectors.toSet());
    // The filter must have done something both ways for this test to mean anything.
    assertThat(skippedDecisions).isNotEmpty();
    assertThat(meta.decisions().stream().filter(d -> d.taken() && !Double.isNaN(d.pWin()))).isNotEmpty();
    // Long-only, all cash, next-open fills: each unfiltered trade is one position decided the bar
    // before its entry. The filtered run enters exactly where the unfiltered one did, less the
    // skipped decisions, and exits where it did.
    List<Trade> unfilteredTrades = new ArrayList<>(unfiltered.trades());
    unfilteredTrades.addAll(unfiltered.openTrades());
    List<Trade> filteredTrades = new ArrayList<>(r.trades());
    filteredTrades.addAll(r.openTrades());
    List<int[]> expected = new ArrayList<>();
    for (Trade t : unfilteredTrades) {
      if (!skippedDecisions.contains(t.entryBar() - 1)) {
        expected.add(new int[] {t.entryBar(), t.open() ? -1 : t.exitBar()});
      }
    }
    assertThat(filteredTrades).extracting(t -> List.of(t.entryBar(), t.open() ? -1 : t.exitBar()))
        .containsExactlyElementsOf(expected.stream().map(e -> List.of(e[0], e[1])).toList());
    // Every entry of the unfiltered run was judged once, in order.
    assertThat(meta.decisions()).extracting(MetaLabeledStrategy.Decision::bar)
        .containsExactlyElementsOf(unfilteredTrades.stream().map(t -> t.entryBar() - 1).toList());
  }

  @Test
  void eachModel_learnsOnlyFromTradesSettledBeforeTheDecision() {
    BacktestResult unfiltered = BacktestEngine.run(WALK, new SmaCross(5, 20, true), CONFIG);
    MetaLabeledStrategy meta = filtered(0.5);
    BacktestEngine.run(WALK, meta, CONFIG);
    int previous = -1;
    for (MetaLabeledStrategy.Decision d : meta.decisions()) {
      long settled = unfiltered.trades().stream().filter(t -> !t.open() && t.exitBar() < d.bar()).count();
      if (Double.isNaN(d.pWin())) {
        assertThat(settled).as("bar %d", d.bar()).isLessThan(20); // taken before 20 trades have settled
        assertThat(d.taken()).isTrue();
        continue;
      }
      assertThat((long) d.trainedOn()).as("bar %d", d.bar()).isLessThanOrEqualTo(settled).isGreaterThanOrEqualTo(20);
      if (d.trainedOn() != previous) {
        // A refit: on exactly the trades whose outcome was known at the decision — no more.
        assertThat((long) d.trainedOn()).as("refit at bar %d", d.bar()).isEqualTo(settled);
      }
      previous = d.trainedOn();
    }
  }

  @Test
  void aThresholdAboveEveryProbability_keepsOnlyTheTradesTakenBeforeTheModel() {
    BacktestResult unfiltered = BacktestEngine.run(WALK, new SmaCross(5, 20, true), CONFIG);
    MetaLabeledStrategy meta = filtered(0.999_999);
    BacktestResult r = BacktestEngine.run(WALK, meta, CONFIG);
    long unscored = meta.decisions().stream().filter(d -> Double.isNaN(d.pWin())).count();
    assertThat(unscored).isGreaterThanOrEqualTo(20);
    assertThat(meta.decisions().stream().filter(d -> !Double.isNaN(d.pWin())).allMatch(d -> !d.taken())).isTrue();
    // The path is the unfiltered one until the first skip, so those trades are identical.
    assertThat(r.trades()).hasSize((int) unscored);
    for (int i = 0; i < unscored; i++) {
      assertThat(r.trades().get(i).pnl()).isEqualTo(unfiltered.trades().get(i).pnl());
    }
  }

  @Test
  void passesTheLookaheadAudit() {
    Panel panel = Panel.align(List.of(TestBars.randomWalk(5, 1_200)));
    Map<String, String> params = Map.of("fast", "5", "slow", "20", "meta-threshold", "0.5");
    LookaheadAudit.Result r = LookaheadAudit.auditStrategy("sma-cross+meta",
        () -> StrategyRegistry.create("sma-cross", params), panel, CONFIG,
        LookaheadAudit.Options.DEFAULTS);
    assertThat(r.cutsChecked()).isPositive();
    assertThat(r.findings()).isEmpty();
  }

  @Test
  void catalog_wrapsOnlyWhenAThresholdIsSet_andChecksTheSettings() {
    assertThat(StrategyRegistry.create("sma-cross", Map.of())).isInstanceOf(SmaCross.class);
    assertThat(StrategyCatalog.resolve("sma-cross", Map.of()).params().values()).doesNotContainKey("meta-threshold");
    ResolvedStrategy on = StrategyCatalog.resolve("sma-cross", Map.of("meta-threshold", "0.6"));
    assertThat(on.create()).isInstanceOf(MetaLabeledStrategy.class);
    assertThat(on.createUnfiltered()).isInstanceOf(SmaCross.class);
    assertThat(on.params().values()).containsEntry("meta-threshold", 0.6).containsEntry("meta-min-trades", 20);
    assertThatThrownBy(() -> StrategyCatalog.resolve("sma-cross", Map.of("meta-threshold", "1")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("[0, 1)");
    assertThatThrownBy(() -> StrategyCatalog.resolve("sma-cross", Map.of("meta-threshold", "0.5", "meta-min-trades", "5")))
        .hasMessageContaining(">= 10");
    assertThatThrownBy(() -> StrategyCatalog.resolve("sma-cross", Map.of("meta-min-trades", "30")))
        .hasMessageContaining("no filter is set");
    // The strategy's own parameters are still checked when it is wrapped.
    assertThatThrownBy(() -> StrategyCatalog.resolve("sma-cross", Map.of("meta-threshold", "0.5", "fast", "30",
        "slow", "10"))).hasMessageContaining("fast < slow");
  }
}
