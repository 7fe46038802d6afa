package io.momentic.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.momentic.core.BarSeries;
import io.momentic.core.DataFormatException;
import io.momentic.core.Panel;
import io.momentic.core.testing.TestBars;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saving the paper broker to state/portfolio.json and continuing from it. */
class PaperBrokerStateTest {

  @TempDir
  Path dir;

  /** Buy 10 at bar 1's decision, sell 5 at bar 4, sell 10 at bar 6 (through zero: short 5), cover at bar 9. */
  private static Strategy script() {
    return Scripted.of(c -> {
      switch (c.bar()) {
        case 1 -> c.submit(Order.market(0, Side.BUY, Sizing.units(10)));
        case 4 -> c.submit(Order.market(0, Side.SELL, Sizing.units(5)));
        case 6 -> c.submit(Order.market(0, Side.SELL, Sizing.units(10)));
        case 9 -> c.submit(Order.market(0, Side.BUY, Sizing.closePosition()));
        default -> { }
      }
    });
  }

  @Test
  void savedAndResumed_equalsTheUninterruptedRun() throws Exception {
    BarSeries s = TestBars.randomWalk(7, 12);
    Panel panel = Panel.align(List.of(s));
    BacktestConfig config = BacktestConfig.of(10_000).withFees(FeeModel.fixedPlusRate(1, 0.001))
        .withSlippage(SlippageModel.bps(5));
    BacktestResult full = BacktestEngine.run(panel, script(), config);

    for (int cut : new int[] {3, 6, 9}) { // the first run ends at bar cut − 1, where the script decides nothing
      BacktestResult first = BacktestEngine.run(panel.upTo(cut), script(), config);
      Path file = dir.resolve("state-" + cut + "/portfolio.json");
      first.finalState().write(file);
      PortfolioState restored = PortfolioState.read(file);
      assertThat(restored).isEqualTo(first.finalState());

      BacktestResult rest = BacktestEngine.resume(panel, script(), config, restored);
      assertThat(rest.times()[0]).isEqualTo(panel.time(cut));
      assertThat(rest.fills()).as("cut %d", cut).isEqualTo(full.fills());
      assertThat(rest.trades()).as("cut %d", cut).isEqualTo(full.trades());
      assertThat(rest.equity()).containsExactly(Arrays.copyOfRange(full.equity(), cut, full.equity().length));
      assertThat(rest.finalState()).isEqualTo(full.finalState());
    }
  }

  @Test
  void stateHoldsCashPositionsAndTheLedger() throws Exception {
    BarSeries s = TestBars.randomWalk(11, 6);
    BacktestResult r = BacktestEngine.run(s, script(), BacktestConfig.of(10_000));
    PortfolioState st = r.finalState();
    // Bought 10 at bar 2's open, sold 5 at bar 5's open: 5 left, bought at bar 2's open.
    assertThat(st.positions()).singleElement().satisfies(h -> {
      assertThat(h.quantity()).isEqualTo(5);
      assertThat(h.averagePrice()).isEqualTo(s.open(2));
      assertThat(h.entryTimeMillis()).isEqualTo(s.time(2));
    });
    assertThat(st.cash()).isEqualTo(10_000 - 10 * s.open(2) + 5 * s.open(5));
    assertThat(st.fills()).hasSize(2);
    assertThat(st.trades()).singleElement().satisfies(t -> assertThat(t.quantity()).isEqualTo(5));
    assertThat(st.asOfMillis()).isEqualTo(s.time(5));
    Path file = dir.resolve("portfolio.json");
    st.write(file);
    assertThat(Files.readString(file)).contains("\"cash\"", "\"positions\"", "\"average_price\"", "\"fills\"");
  }

  @Test
  void aDamagedFile_isOneClearError() throws Exception {
    Path file = dir.resolve("portfolio.json");
    Files.writeString(file, "{\"format_version\": 1, \"cash\": \"lots\"}");
    assertThatThrownBy(() -> PortfolioState.read(file)).isInstanceOf(DataFormatException.class)
        .hasMessageContaining("portfolio.json").hasMessageContaining("fix:");
  }

  @Test
  void aHoldingMissingFromTheData_isRejected() {
    PortfolioState st = new PortfolioState(1, 0, 100, List.of(new PortfolioState.Holding("ZZZ", 1, 10, 0, 0, 10, 10)),
        List.of(), List.of(), 1);
    assertThatThrownBy(() -> BacktestEngine.resume(Panel.align(List.of(TestBars.randomWalk(1, 5))), script(),
        BacktestConfig.of(100), st)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ZZZ");
  }
}
