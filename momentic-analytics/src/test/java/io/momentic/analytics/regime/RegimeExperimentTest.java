package io.momentic.analytics.regime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.momentic.core.DataFormatException;
import io.momentic.core.testing.TestBars;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegimeExperimentTest {

  static Path research(String file) {
    return TestBars.sharedData().resolve("trader_research").resolve(file);
  }

  record Closes(List<LocalDate> dates, double[] close) {}

  static Closes btc() throws Exception {
    return btc("btcusdt_daily_2017_2026.csv");
  }

  /** A BTC file of the reference's (date,open_time,open,high,low,close,volume). */
  static Closes btc(String file) throws Exception {
    List<String> lines = Files.readAllLines(research(file));
    List<LocalDate> dates = new ArrayList<>();
    double[] close = new double[lines.size() - 1];
    for (int i = 1; i < lines.size(); i++) {
      String[] f = lines.get(i).split(",");
      dates.add(LocalDate.parse(f[0]));
      close[i - 1] = Double.parseDouble(f[5]);
    }
    return new Closes(dates, close);
  }

  @Test
  void consensusLabels_periodIdsAndDays() {
    ConsensusLabels labels = ConsensusLabels.read(research("consensus_labels.tsv"));
    assertThat(labels.consensusIds()).containsExactlyElementsOf(ConsensusLabels.CONSENSUS_IDS);
    assertThat(labels.periods()).hasSize(9);
    assertThat(labels.on(LocalDate.parse("2020-03-13")).id()).isEqualTo("2020q1_covid");
    assertThat(labels.on(LocalDate.parse("2020-03-14")).id()).isEqualTo("bull_2020_2021");
    assertThat(labels.on(LocalDate.parse("2019-06-26")).id()).isEqualTo("ranging_1");
    assertThat(labels.on(LocalDate.parse("2026-01-01"))).isNull();
  }

  @Test
  void consensusLabels_badRow_isOneErrorWithLineColumnExpectedFoundAndFix(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("labels.tsv");
    Files.writeString(file, "2017-01-01\t2017-12-16\tranging\tok\n2017-12-17\t2018-12-15\tcrash\twhy\n");
    assertThatThrownBy(() -> ConsensusLabels.read(file)).isInstanceOf(DataFormatException.class)
        .hasMessageContaining("labels.tsv:2").hasMessageContaining("column 'label'")
        .hasMessageContaining("expected bear, ranging or bull").hasMessageContaining("found 'crash'")
        .hasMessageContaining("fix:");
    Files.writeString(file, "2017-01-01\t2016-12-16\tbear\n");
    assertThatThrownBy(() -> ConsensusLabels.read(file)).hasMessageContaining("column 'end_date'");
  }

  /**
   * The reference harness's exp_001_baseline row (spec §5: regime_score 0.284996, reproduced there
   * by re-running the stored Python harness): Gaussian K = 3 on the rolling-200 drawdown, refits
   * every 30 days from day 200, the first two refits short of 50 observations.
   */
  @Test
  void baseline_reproducesTheReferenceScore() throws Exception {
    Closes btc = btc();
    RegimeExperiment.Outcome o = RegimeExperiment.run(btc.dates(), btc.close(),
        ConsensusLabels.read(research("consensus_labels.tsv")), RegimeExperiment.Spec.baseline());
    // The joined frame of spec §4.8: 3,059 rows from 2017-08-17 to 2025-12-31.
    assertThat(o.dates()).hasSize(3_059);
    assertThat(o.dates().get(0)).isEqualTo(LocalDate.parse("2017-08-17"));
    assertThat(o.dates().get(3_058)).isEqualTo(LocalDate.parse("2025-12-31"));
    assertThat(o.walk().refitRows()).hasSize(96);
    assertThat(o.walk().fails()).isEqualTo(2);
    // The 60 days 2018-03-05 → 2018-05-03 have no model yet (first fit at row 260, 2018-05-04).
    assertThat(o.dates().get(200)).isEqualTo(LocalDate.parse("2018-03-05"));
    assertThat(o.dates().get(260)).isEqualTo(LocalDate.parse("2018-05-04"));
    assertThat(o.report().nNanUniform()).isEqualTo(60);
    assertThat(o.report().regimeScore()).isCloseTo(0.284996, within(5e-7));
    assertThat(o.report().reliability()).isCloseTo(0.864302, within(5e-7));
  }

  @Test
  void walkForwardPosteriors_doNotChangeWhenLaterDaysAreCut() throws Exception {
    Closes btc = btc();
    double[] x = io.momentic.analytics.hmm.RegimeFeatures.rollingMaxDrawdown(btc.close(), 200);
    RegimeWalkForward.Settings settings = RegimeWalkForward.Settings.baseline(
        io.momentic.analytics.hmm.UnivariateHmm.Family.GAUSSIAN);
    RegimeWalkForward.Result full = RegimeWalkForward.run(Arrays.copyOf(x, 900), settings);
    for (int cut : new int[] {300, 517, 899}) {
      RegimeWalkForward.Result part = RegimeWalkForward.run(Arrays.copyOf(x, cut + 1), settings);
      assertThat(part.posterior()[cut]).as("day %d", cut).containsExactly(full.posterior()[cut]);
    }
  }

  @Test
  void resultsTsv_headerOnceThenOneRowPerExperiment(@TempDir Path dir) throws Exception {
    Closes btc = btc();
    int n = 700;
    RegimeExperiment.Outcome o = RegimeExperiment.run(btc.dates().subList(0, n), Arrays.copyOf(btc.close(), n),
        ConsensusLabels.read(research("consensus_labels.tsv")), RegimeExperiment.Spec.baseline());
    Path tsv = dir.resolve("results").resolve("regime_sweep_results.tsv");
    RegimeExperiment.appendTsv(tsv, o, "first\ttry");
    RegimeExperiment.appendTsv(tsv, o, "second");
    List<String> lines = Files.readAllLines(tsv);
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0).split("\t")).containsExactlyElementsOf(RegimeExperiment.TSV_COLUMNS);
    String[] row = lines.get(1).split("\t", -1);
    assertThat(row).hasSize(15);
    assertThat(row[0]).isEqualTo("exp_001_baseline");
    assertThat(row[2]).isEqualTo("3");
    assertThat(row[5]).matches("\\d\\.\\d{6}");
    // 700 rows end in 2019: the later consensus periods have no scored day.
    assertThat(row[7]).isEqualTo("nan");
    assertThat(row[11]).isEqualTo("nan");
    assertThat(row[13]).matches("\\d+");
    assertThat(row[14]).isEqualTo("first try");
  }
}
