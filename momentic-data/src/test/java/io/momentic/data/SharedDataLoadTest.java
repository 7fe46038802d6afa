package io.momentic.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.momentic.core.AssetClass;
import io.momentic.core.BarSeries;
import io.momentic.core.DataFormatException;
import io.momentic.core.Interval;
import io.momentic.core.Panel;
import io.momentic.core.testing.TestBars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every file in ../shared/data loads, or is rejected with one clear message. */
class SharedDataLoadTest {

  static Stream<Path> barFiles() throws IOException {
    Path data = TestBars.sharedData();
    try (Stream<Path> files = Files.walk(data)) {
      return files.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().equals("PROVENANCE.md"))
          .filter(p -> !p.getFileName().toString().equals("us_market_holidays.csv"))
          .filter(p -> !p.getFileName().toString().endsWith(".tsv"))
          .filter(p -> !p.getFileName().toString().equals("all_stocks_5yr.csv"))
          .sorted().toList().stream();
    }
  }

  @ParameterizedTest
  @MethodSource("barFiles")
  void everyBarFile_loadsWithConsistentBars(Path file) {
    LoadedBars loaded = BarFiles.read(file);
    assertThat(loaded.series()).isNotEmpty();
    assertThat(loaded.dropped()).isEmpty();
    for (BarSeries s : loaded.series()) {
      for (int i = 0; i < s.size(); i++) {
        assertThat(s.low(i)).isLessThanOrEqualTo(Math.min(s.open(i), s.close(i)));
        assertThat(s.high(i)).isGreaterThanOrEqualTo(Math.max(s.open(i), s.close(i)));
      }
    }
  }

  @Test
  void goog_indexedLayout_knownFirstAndCount() {
    // PROVENANCE.md §1: 2,148 rows from 2004-08-19, first close 100.34.
    LoadedBars goog = BarFiles.read(TestBars.sharedData().resolve("backtesting_py/GOOG.csv"));
    assertThat(goog.layout()).isEqualTo(BarLayout.INDEXED);
    assertThat(goog.interval()).isEqualTo(Interval.D1);
    BarSeries s = goog.single();
    assertThat(s.size()).isEqualTo(2148);
    assertThat(s.time(0)).isEqualTo(TestBars.day("2004-08-19"));
    assertThat(s.close(0)).isEqualTo(100.34);
    assertThat(s.instrument().assetClass()).isEqualTo(AssetClass.EQUITY);
  }

  @Test
  void spPanel_strictRejectsThe23InvalidRows_dropInvalidKeepsTheRest() {
    Path file = TestBars.sharedData().resolve("sp500_5yr/all_stocks_5yr.csv");
    assertThatThrownBy(() -> BarFiles.read(file))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("all_stocks_5yr.csv:53004: column 'high' expected >= low (23.85), found 23.595");

    LoadedBars loaded = BarFiles.read(file, LoadOptions.DEFAULT.withDropInvalid(true));
    // PROVENANCE.md §3: 619,040 rows, 505 tickers, 1,259 trading days; 11 empty-OHL rows plus
    // 12 rows with open/close outside [low, high] (found by an independent awk pass).
    assertThat(loaded.rows()).isEqualTo(619_040);
    assertThat(loaded.dropped()).hasSize(23);
    assertThat(loaded.barCount()).isEqualTo(619_040 - 23);
    Panel panel = loaded.toPanel();
    assertThat(panel.symbolCount()).isEqualTo(505);
    assertThat(panel.size()).isEqualTo(1259);
    int aal = panel.getSymbolIndex("AAL");
    assertThat(panel.close(aal, 0)).isEqualTo(14.75);
    assertThat(loaded.dropped().get(0).line()).isEqualTo(53004);

    // The panel ends on Wednesday 2018-02-07: its last closed week is that of Monday 01-29, never a
    // 3-day "week" of 02-05 — even by a clock long after (issue 21 §7).
    Panel weekly = io.momentic.core.Resampler.resample(panel, io.momentic.core.Interval.W1,
        io.momentic.core.Clock.frozen(java.time.Instant.parse("2030-01-01T00:00:00Z")));
    assertThat(io.momentic.core.Timestamps.formatDate(panel.time(panel.size() - 1))).isEqualTo("2018-02-07");
    assertThat(io.momentic.core.Timestamps.formatDate(weekly.time(weekly.size() - 1))).isEqualTo("2018-01-29");
  }

  @Test
  void binanceBtc_shortCandleOf20180208_isAcceptedAndNoted() {
    LoadedBars btc = BarFiles.read(TestBars.sharedData().resolve("binance_spot_1d/BTCUSDT.csv"));
    assertThat(btc.layout()).isEqualTo(BarLayout.BINANCE_KLINES);
    assertThat(btc.single().size()).isEqualTo(2924);
    assertThat(btc.single().instrument().assetClass()).isEqualTo(AssetClass.CRYPTO);
    assertThat(btc.quirks()).anySatisfy(q -> assertThat(q).contains("short candle 2018-02-08"));
  }

  @Test
  void uvxy_reverseSplitBillions_acceptedAndNoted() {
    LoadedBars uvxy = BarFiles.read(TestBars.sharedData().resolve("etf_daily_xjcarter/UVXY.csv"));
    assertThat(uvxy.single().open(0)).isEqualTo(2_427_000_064.0);
    assertThat(uvxy.quirks()).anySatisfy(q -> assertThat(q).contains("back-adjusted"));
  }

  @Test
  void rawKlinesJson_loads500OneMinuteBars() {
    LoadedBars json = BarFiles.read(
        TestBars.sharedData().resolve("binance_raw_json/klines_1m_500_unknown_symbol_20241116.json"));
    assertThat(json.layout()).isEqualTo(BarLayout.BINANCE_KLINES_JSON);
    assertThat(json.interval()).isEqualTo(Interval.M1);
    assertThat(json.single().size()).isEqualTo(500);
    assertThat(json.single().time(0)).isEqualTo(1_731_748_020_000L);
    assertThat(json.single().time(499)).isEqualTo(1_731_777_960_000L);
  }

  @Test
  void tokenPanel_bearPortfolio_fourTokens() {
    LoadedBars bear = BarFiles.read(TestBars.sharedData().resolve("trader_research/bear_portfolio_candles.csv"));
    assertThat(bear.series()).extracting(BarSeries::symbol)
        .containsExactly("EURUSDT", "PAXGUSDT", "TUSDUSDT", "USDCUSDT");
    assertThat(bear.series()).extracting(BarSeries::size).containsExactly(245, 245, 149, 149);
  }

  @Test
  void nonBarFiles_areRejectedWithOneClearMessage() {
    Path data = TestBars.sharedData();
    for (Path p : List.of(data.resolve("etf_daily_xjcarter/us_market_holidays.csv"),
        data.resolve("trader_research/consensus_labels.tsv"), data.resolve("PROVENANCE.md"))) {
      assertThatThrownBy(() -> BarFiles.read(p)).isInstanceOf(DataFormatException.class)
          .satisfies(e -> assertThat(((DataFormatException) e).failures()).hasSize(1));
    }
    assertThatThrownBy(() -> BarFiles.read(data.resolve("trader_research/consensus_labels.tsv")))
        .hasMessageContaining("tab-separated");
  }
}
