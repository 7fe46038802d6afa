package io.momentic.analytics.regime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole experiment ladder of spec §4.8 on the real BTC, VIX and label files, against the rows
 * of the reference's results TSV ({@code trader-research:results/regime_sweep_results.tsv}).
 * Where our row differs from the reference, DEV_NOTES ("issue 23") says by how much and why.
 */
class RegimeLadderTest {

  static Map<String, RegimeExperiment.Outcome> outcomes = new LinkedHashMap<>();

  static RegimeExperiment.Covariate vix() throws Exception {
    List<String> lines = Files.readAllLines(RegimeExperimentTest.research("vix_daily.csv"));
    List<LocalDate> dates = new ArrayList<>();
    double[] close = new double[lines.size() - 1];
    for (int i = 1; i < lines.size(); i++) {
      String[] f = lines.get(i).split(",");
      dates.add(LocalDate.parse(f[0]));
      close[i - 1] = Double.parseDouble(f[4]);
    }
    return new RegimeExperiment.Covariate(dates, close);
  }

  @BeforeAll
  static void runTheLadder() throws Exception {
    RegimeExperimentTest.Closes btc = RegimeExperimentTest.btc();
    ConsensusLabels labels = ConsensusLabels.read(RegimeExperimentTest.research("consensus_labels.tsv"));
    RegimeExperiment.Covariate vix = vix();
    for (RegimeExperiment.Spec spec : RegimeLadder.EXPERIMENTS) {
      outcomes.put(spec.id(), RegimeExperiment.run(btc.dates(), btc.close(), vix, labels, spec));
    }
  }

  /** The descriptor columns as the reference TSV wrote them (its text, copied by hand). */
  @Test
  void everyExperiment_runs_andWritesTheReferencesDescriptors(@TempDir Path dir) {
    Map<String, String> descriptors = Map.ofEntries(
        Map.entry("exp_001_baseline", "drawdown_200\t3\tgaussian\thomogeneous"),
        Map.entry("exp_002_proposal_k3", "trivar_r_vol5_dd200\t3\tmvn_full\tnh_softmax_vix"),
        Map.entry("exp_003_multivariate_only", "trivar_r_vol5_dd200\t3\tmvn_full\thomogeneous"),
        Map.entry("exp_004_nh_only", "drawdown_200\t3\tgaussian\tnh_softmax_vix"),
        Map.entry("exp_005_mvt_homog", "trivar_r_vol5_dd200\t3\tmvt_full\thomogeneous"),
        Map.entry("exp_006_mvt_nh", "trivar_r_vol5_dd200\t3\tmvt_full\tnh_softmax_vix"),
        Map.entry("exp_003_proposal_k4", "trivar_r_vol5_dd200\t4\tmvn_full\tnh_softmax_vix"),
        Map.entry("exp_004_diag_sigma", "trivar_r_vol5_dd200\t3\tmvn_diag\tnh_softmax_vix"),
        Map.entry("exp_007_diag_ddsort", "trivar_r_vol5_dd200\t3\tmvn_diag\tnh_softmax_vix"),
        Map.entry("exp_008_diag_vixgate", "trivar_r_vol5_dd200\t3\tmvn_diag\tnh_softmax_relu_vix"),
        Map.entry("exp_009_diag_pinned", "trivar_r_vol5_dd200\t3\tmvn_diag\tnh_softmax_vix"),
        Map.entry("exp_010_diag_homog", "trivar_r_vol5_dd200\t3\tmvn_diag\thomogeneous"));
    assertThat(outcomes.keySet()).containsExactlyInAnyOrderElementsOf(descriptors.keySet());
    Path tsv = dir.resolve("regime_sweep_results.tsv");
    outcomes.values().forEach(o -> RegimeExperiment.appendTsv(tsv, o, o.spec().comment()));
    List<String> rows;
    try {
      rows = Files.readAllLines(tsv);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    assertThat(rows).hasSize(13);
    for (String row : rows.subList(1, rows.size())) {
      String[] cells = row.split("\t", -1);
      assertThat(cells).hasSize(15);
      assertThat(String.join("\t", cells[1], cells[2], cells[3], cells[4])).isEqualTo(descriptors.get(cells[0]));
    }
    for (RegimeExperiment.Outcome o : outcomes.values()) {
      // Every drawdown-200 experiment fails the first two refits (1 and 31 valid rows, spec §4.8).
      assertThat(o.walk().fails()).as(o.spec().id()).isEqualTo(2);
      assertThat(o.walk().fits()).as(o.spec().id()).isEqualTo(94);
      assertThat(o.report().regimeScore()).as(o.spec().id()).isBetween(0.0, 1.0);
    }
  }

  @Test
  void baseline_isStillTheReferenceRow() {
    RegimeScore.Report r = outcomes.get("exp_001_baseline").report();
    assertThat(r.regimeScore()).isCloseTo(0.284996, within(5e-7));
    assertThat(r.flipCount()).isEqualTo(39);
  }

  /**
   * The homogeneous proposal rows reproduce the reference's periods to the printed six decimals
   * once the walk has left the cold start's year: the multivariate path (standardisation, k-means
   * start, full and diagonal M-steps, warm refits, return-sort) is the reference's. The 2018
   * period of exp_003_multivariate_only depends on which k-means partition the first refit
   * (61 observations) starts from, i.e. on scikit-learn's random stream (spec §4.5).
   */
  @Test
  void homogeneousProposals_reproduceTheReferencesPeriods() {
    Map<String, Double> multivariateOnly = outcomes.get("exp_003_multivariate_only").report().perPeriod();
    assertThat(multivariateOnly.get("2020q1_covid")).isCloseTo(0.000260, within(5e-7));
    assertThat(multivariateOnly.get("bull_2020_2021")).isCloseTo(0.914232, within(5e-7));
    assertThat(multivariateOnly.get("2022_bear")).isCloseTo(0.896122, within(5e-7));
    assertThat(multivariateOnly.get("2024_etf_bull")).isCloseTo(0.982523, within(5e-7));
    RegimeScore.Report diagHomog = outcomes.get("exp_010_diag_homog").report();
    assertThat(diagHomog.perPeriod().get("2018_bear")).isCloseTo(0.745726, within(5e-7));
    assertThat(diagHomog.perPeriod().get("2020q1_covid")).isCloseTo(0.315132, within(5e-7));
    assertThat(diagHomog.perPeriod().get("2022_bear")).isCloseTo(0.793284, within(5e-7));
    assertThat(diagHomog.perPeriod().get("2024_etf_bull")).isCloseTo(0.947721, within(5e-7));
    assertThat(diagHomog.regimeScore()).isCloseTo(0.592624, within(5e-5));
  }

  /**
   * Against an independent run of the reference's own method: its stored {@code sweep.py} proposal
   * family (features, per-refit standardisation, scikit-learn k-means, scipy's L-BFGS-B for the
   * softmax M-step, warm refits), with the spec's §4.4 diagonal reconstruction for exp_004, run
   * once under Debian's numpy 1.24.2, scipy 1.10.1, scikit-learn 1.2.1 and pandas 1.5.3 on the same
   * three files; the literals below are its per-period scores. The one-channel walk (exp_004_nh_only)
   * starts from the same k-means partition as scikit-learn's and agrees on every period. The
   * trivariate exp_004_diag_sigma starts from another 2018 partition (scikit-learn's random stream
   * is not replicated, as spec §4.5 allows: its 2018 is 0.733935, ours 0.845184) and still agrees on
   * COVID, the 2020–21 bull and 2022; 2024 differs by 1.7e-4. Neither run gives the reference TSV's
   * rows (0.400920, 0.703855): see DEV_NOTES, issue 23.
   */
  @Test
  void nhExperiments_agreeWithTheReferencesMethodUnderScipy() {
    RegimeScore.Report nhOnly = outcomes.get("exp_004_nh_only").report();
    Map<String, Double> p = nhOnly.perPeriod();
    assertThat(p.get("2018_bear")).isCloseTo(0.45373247693828755, within(5e-6));
    assertThat(p.get("2020q1_covid")).isCloseTo(0.06322821789312827, within(5e-6));
    assertThat(p.get("bull_2020_2021")).isCloseTo(0.9683241822855408, within(5e-6));
    assertThat(p.get("2022_bear")).isCloseTo(0.781995833506571, within(5e-6));
    assertThat(p.get("2024_etf_bull")).isCloseTo(0.9991016679957249, within(5e-6));
    assertThat(nhOnly.regimeScore()).isCloseTo(0.4017672474941186, within(2e-6));
    Map<String, Double> diag = outcomes.get("exp_004_diag_sigma").report().perPeriod();
    assertThat(diag.get("2020q1_covid")).isCloseTo(0.6649010500658059, within(5e-7));
    assertThat(diag.get("bull_2020_2021")).isCloseTo(0.6313819310338105, within(5e-7));
    assertThat(diag.get("2022_bear")).isCloseTo(0.8836328593685503, within(5e-7));
    assertThat(diag.get("2024_etf_bull")).isCloseTo(0.9742276626605262, within(5e-4));
  }

  /** The thirds-bucket and pinned variants change the labelling, not the fits. */
  @Test
  void ddSort_changesOnlyTheLabelling_ofTheSameFits() {
    RegimeExperiment.Outcome returnSort = outcomes.get("exp_004_diag_sigma");
    RegimeExperiment.Outcome ddSort = outcomes.get("exp_007_diag_ddsort");
    // Same fits; wherever both sorts agree on the mapping the posteriors are identical. The 2022
    // and 2024 periods are such spans in the reference too (its rows agree there to 6 decimals).
    assertThat(ddSort.report().perPeriod().get("2022_bear"))
        .isCloseTo(returnSort.report().perPeriod().get("2022_bear"), within(1e-12));
    assertThat(ddSort.report().perPeriod().get("2024_etf_bull"))
        .isCloseTo(returnSort.report().perPeriod().get("2024_etf_bull"), within(1e-12));
  }
}
