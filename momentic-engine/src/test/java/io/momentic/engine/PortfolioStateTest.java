package io.momentic.engine;

import io.momentic.engine.account.PortfolioState;
import io.momentic.engine.exec.FeeModel;
import io.momentic.engine.exec.SlippageModel;
import io.momentic.engine.order.Order;
import io.momentic.engine.order.Side;
import io.momentic.engine.order.Sizing;
import io.momentic.engine.order.Trail;

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

/** Saving the portfolio (ledger and working orders) to state/portfolio.json and continuing from it. */
class PortfolioStateTest {

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

  /**
   * An entry at bar 1 with a bracket (stop-loss 95, take-profit 110) and, from bar 2, a trailing
   * stop 4 below the close: the take-profit fills at bar 6's 110; the trailing stop is still working
   * at the end.
   */
  private static Strategy bracketScript() {
    return Scripted.of(c -> {
      if (c.bar() == 0) {
        c.submit(Order.market(0, Side.BUY, Sizing.units(10)).withBracket(95, 110));
      } else if (c.bar() == 2) {
        c.submit(Order.trailingStop(0, Side.SELL, Sizing.closePosition(), Trail.byPrice(4)));
      }
    });
  }

  @Test
  void aWorkingBracketAndATrailingStop_surviveSaveAndResume() throws Exception {
    BarSeries s = Scripted.bars(Scripted.bar(100, 100, 100, 100), Scripted.bar(100, 102, 99, 101),
        Scripted.bar(101, 104, 100, 103), Scripted.bar(103, 106, 102, 105), Scripted.bar(105, 108, 104, 107),
        Scripted.bar(107, 109, 106, 108), Scripted.bar(108, 112, 107, 111), Scripted.bar(111, 112, 111, 111),
        Scripted.bar(111, 112, 111, 111), Scripted.bar(111, 112, 111, 111));
    Panel panel = Panel.align(List.of(s));
    BacktestConfig config = BacktestConfig.of(10_000).withFees(FeeModel.fixedPlusRate(1, 0.001));
    BacktestResult full = BacktestEngine.run(panel, bracketScript(), config);
    assertThat(full.fills()).extracting(f -> f.price() + " " + f.reason()).containsExactly("100.0 ", "110.0 take-profit");
    assertThat(full.finalState().workingOrders()).singleElement().satisfies(o -> {
      assertThat(o.type()).isEqualTo("TRAILING_STOP");
      assertThat(o.trailLevel()).isEqualTo(111 - 4); // the last close 111, less 4
    });

    for (int cut = 1; cut <= 9; cut++) {
      BacktestResult first = BacktestEngine.run(panel.upTo(cut), bracketScript(), config);
      Path file = dir.resolve("bracket-" + cut + "/portfolio.json");
      first.finalState().write(file);
      PortfolioState restored = PortfolioState.read(file);
      assertThat(restored).isEqualTo(first.finalState());
      assertThat(restored.formatVersion()).isEqualTo(2);

      BacktestResult rest = BacktestEngine.resume(panel, bracketScript(), config, restored);
      assertThat(rest.fills()).as("cut %d", cut).isEqualTo(full.fills());
      assertThat(rest.trades()).as("cut %d", cut).isEqualTo(full.trades());
      assertThat(rest.finalState()).as("cut %d", cut).isEqualTo(full.finalState());
    }
  }

  @Test
  void aVersion1File_isStillRead() throws Exception {
    Path file = dir.resolve("v1.json");
    Files.writeString(file, """
        {
          "format_version" : 1,
          "as_of_millis" : 1704067200000,
          "cash" : 9000.0,
          "positions" : [ {
            "symbol" : "X", "quantity" : 10.0, "average_price" : 100.0, "entry_time_millis" : 1703980800000,
            "entry_fees" : 0.0, "lowest" : 99.0, "highest" : 101.0
          } ],
          "fills" : [ ],
          "trades" : [ ],
          "next_order_id" : 3
        }
        """);
    PortfolioState st = PortfolioState.read(file);
    assertThat(st.formatVersion()).isEqualTo(1);
    assertThat(st.workingOrders()).isEmpty();
    assertThat(st.tradingStopped()).isNull();
    assertThat(st.positions()).singleElement().satisfies(h -> assertThat(h.quantity()).isEqualTo(10));
  }
}
