package io.momentic.analytics.regime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.momentic.analytics.hmm.RegimeFeatures;
import io.momentic.analytics.hmm.UnivariateHmm;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PassCriterion2022Test {

  /** Days from 2021-12-30 to 2023-01-02: 2 before 2022, 365 inside, 2 after. */
  static List<LocalDate> days() {
    List<LocalDate> d = new ArrayList<>();
    for (LocalDate x = LocalDate.parse("2021-12-30"); !x.isAfter(LocalDate.parse("2023-01-02")); x = x.plusDays(1)) {
      d.add(x);
    }
    return d;
  }

  @Test
  void side_countsOnly2022Days_andTakesTheirMedian() {
    List<LocalDate> d = days();
    assertThat(d).hasSize(369);
    double[][] post = new double[d.size()][];
    int[] path = new int[d.size()];
    for (int t = 0; t < d.size(); t++) {
      // Bear posterior 0.0 outside 2022; inside, 0.30 on the first 100 days, 0.90 on the rest.
      double bear = PassCriterion2022.in2022(d.get(t)) ? (t - 2 < 100 ? 0.30 : 0.90) : 0.0;
      post[t] = new double[] {bear, 1 - bear, 0};
      path[t] = bear >= 0.5 ? 0 : 1;
    }
    // A change from 2021-12-31 to 2022-01-01 and one from 2022-12-31 to 2023-01-01 lie across the window's
    // edges and are not counted; inside, the path goes ranging → bear once (day 100 of 2022), then the
    // one-day bull blip on 2022-06-01 adds two more changes (in and out).
    path[0] = 0;
    path[1] = 0;
    path[d.size() - 1] = 2;
    int june1 = d.indexOf(LocalDate.parse("2022-06-01"));
    path[june1] = 2;
    PassCriterion2022.Side s = PassCriterion2022.side(post, path, d);
    // 365 days: 100 at 0.30, 265 at 0.90, so the middle (183rd) value is 0.90.
    assertThat(s.medianBear()).isEqualTo(0.90);
    assertThat(s.viterbiChanges()).isEqualTo(3);
    // The argmax follows the posterior only: one change, at day 100.
    assertThat(s.argmaxChanges()).isEqualTo(1);
    assertThat(PassCriterion2022.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
  }

  @Test
  void verdict_countsTheCriteriaHeld() {
    PassCriterion2022.Side gaussian = new PassCriterion2022.Side(0.50, 10, 12);
    // crit1 0.70 >= 0.6, crit2 4 <= 6, crit3 gap 0.20 >= 0.15: PASS.
    PassCriterion2022.Result pass = PassCriterion2022.judge(365, new PassCriterion2022.Side(0.70, 4, 5), gaussian);
    assertThat(pass.verdict()).isEqualTo(PassCriterion2022.Verdict.PASS);
    assertThat(pass.gap()).isCloseTo(0.20, within(1e-12));
    assertThat(pass.flipReduction()).isCloseTo(0.6, within(1e-12));
    // Gap 0.10 < 0.15 but flips (10 - 7)/10 = 0.30 >= 0.30 holds crit3; crit2 fails (7 > 6): BORDERLINE.
    PassCriterion2022.Result borderline = PassCriterion2022.judge(365, new PassCriterion2022.Side(0.60, 7, 7),
        gaussian);
    assertThat(borderline.crit1()).isTrue();
    assertThat(borderline.crit2()).isFalse();
    assertThat(borderline.crit3()).isTrue();
    assertThat(borderline.verdict()).isEqualTo(PassCriterion2022.Verdict.BORDERLINE);
    // Only crit2: FAIL; and a Gaussian without changes gives a flip reduction of 0, not a division by zero.
    PassCriterion2022.Result fail = PassCriterion2022.judge(365, new PassCriterion2022.Side(0.59, 0, 0),
        new PassCriterion2022.Side(0.55, 0, 0));
    assertThat(fail.flipReduction()).isZero();
    assertThat(fail.crit3()).isFalse();
    assertThat(fail.verdict()).isEqualTo(PassCriterion2022.Verdict.FAIL);
    assertThat(fail.gaussianPassesCrit1AndCrit2()).isFalse();
    assertThat(pass.gaussianPassesCrit1AndCrit2()).isFalse();
    assertThat(PassCriterion2022.judge(1, gaussian, new PassCriterion2022.Side(0.9, 1, 1))
        .gaussianPassesCrit1AndCrit2()).isTrue();
  }

  /**
   * The drawdown notebook on the 2021-06 → 2023-06 file (spec §5): the K=3 Gaussian's means ≈
   * (−1.21, −0.69, −0.13) and sigmas ≈ (0.12, 0.20, 0.11), 2022 bear median 1.00 with one Viterbi
   * change in 2022.
   */
  @Test
  void theDrawdownNotebook_gaussianCalls2022ABear() throws Exception {
    RegimeExperimentTest.Closes btc = RegimeExperimentTest.btc("btcusdt_daily.csv");
    double[] drawdown = RegimeFeatures.runningMaxDrawdown(btc.close());
    double[] x = Arrays.copyOfRange(drawdown, 1, drawdown.length);
    List<LocalDate> dates = btc.dates().subList(1, btc.dates().size());
    assertThat(x).hasSize(759);
    UnivariateHmm.Settings settings = UnivariateHmm.Settings.notebook(UnivariateHmm.Family.GAUSSIAN, 3);
    UnivariateHmm.Fit fit = UnivariateHmm.fit(x, settings);
    assertThat(fit.model().mean()).containsExactly(new double[] {-1.21, -0.69, -0.13}, within(0.005));
    assertThat(fit.model().sigma()).containsExactly(new double[] {0.12, 0.20, 0.11}, within(0.005));
    PassCriterion2022.Side g = PassCriterion2022.side(fit.model(), x, dates);
    assertThat(g.medianBear()).isGreaterThanOrEqualTo(0.995);
    assertThat(g.viterbiChanges()).isEqualTo(1);
    PassCriterion2022.Result r = PassCriterion2022.evaluate(x, dates, settings, fit);
    assertThat(r.days()).isEqualTo(365);
    assertThat(r.gaussian()).isEqualTo(g);
    assertThat(r.gaussianPassesCrit1AndCrit2()).isTrue();
    // The verdict follows from the Student-t's own numbers by the three rules.
    PassCriterion2022.Side t = r.studentT();
    int held = (t.medianBear() >= 0.6 ? 1 : 0) + (t.viterbiChanges() <= 6 ? 1 : 0)
        + (t.medianBear() - g.medianBear() >= 0.15 || (g.viterbiChanges() - t.viterbiChanges()) / 1.0 >= 0.30 ? 1 : 0);
    assertThat(r.verdict().ordinal()).isEqualTo(held == 3 ? 0 : held == 2 ? 1 : 2);
    assertThat(PassCriterion2022.evaluate(Arrays.copyOf(x, 200), dates.subList(0, 200), settings, fit)).isNull();
  }
}
