package io.momentic.analytics.regime;

import io.momentic.analytics.hmm.UnivariateHmm;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The regime notebooks' "2022 pass criterion" (reference {@code 004}, spec §4.7): does a
 * full-sample Student-t HMM call calendar 2022 a bear, steadily, and better than the Gaussian at
 * the same K? Restricted to the days 2022-01-01 … 2022-12-31:
 *
 * <ol>
 *   <li>crit1: the median smoothed bear posterior (state 0, the lowest mean) is at least 0.6;
 *   <li>crit2: the canonical Viterbi path changes state at most 6 times;
 *   <li>crit3: the Student-t's median beats the Gaussian's by at least 0.15, or its Viterbi changes
 *       are at least 30 % fewer ({@code (flips_g − flips_t)/flips_g}, 0 when the Gaussian has none).
 * </ol>
 *
 * PASS when all three hold, BORDERLINE for two, FAIL otherwise. Smoothed posteriors use the
 * future: this describes history, it is not a signal.
 */
public final class PassCriterion2022 {

  public static final LocalDate FIRST_DAY = LocalDate.parse("2022-01-01");
  public static final LocalDate LAST_DAY = LocalDate.parse("2022-12-31");
  public static final double MEDIAN_BEAR_MIN = 0.6;
  public static final int VITERBI_CHANGES_MAX = 6;
  public static final double GAP_MIN = 0.15;
  public static final double FLIP_REDUCTION_MIN = 0.30;

  /** One model's 2022 numbers: median bear posterior, Viterbi changes, argmax-of-posterior changes. */
  public record Side(double medianBear, int viterbiChanges, int argmaxChanges) {

    boolean crit1() {
      return medianBear >= MEDIAN_BEAR_MIN;
    }

    boolean crit2() {
      return viterbiChanges <= VITERBI_CHANGES_MAX;
    }
  }

  public enum Verdict { PASS, BORDERLINE, FAIL }

  /** The criteria for the Student-t model against the Gaussian; {@code days} is the count of 2022 days. */
  public record Result(int days, Side studentT, Side gaussian, double gap, double flipReduction, boolean crit1,
      boolean crit2, boolean crit3, Verdict verdict) {

    /** The notebooks' side remark: the Gaussian alone meets crit1 and crit2. */
    public boolean gaussianPassesCrit1AndCrit2() {
      return gaussian.crit1() && gaussian.crit2();
    }
  }

  private PassCriterion2022() {}

  /**
   * The 2022 numbers of one fitted univariate model on its observations; {@code dates[t]} is the
   * date of {@code x[t]}. States are in ascending-mean order (as {@link UnivariateHmm#fit} returns
   * them), so state 0 is the bear.
   */
  public static Side side(UnivariateHmm.Model model, double[] x, List<LocalDate> dates) {
    return side(UnivariateHmm.smoothed(model, x), UnivariateHmm.viterbi(model, x), dates);
  }

  /** The 2022 numbers from smoothed posteriors (rows per day, column 0 bear) and a canonical path. */
  public static Side side(double[][] smoothed, int[] path, List<LocalDate> dates) {
    if (smoothed.length != dates.size() || path.length != dates.size()) {
      throw new IllegalArgumentException("Expected one posterior row and one path state per date, but found "
          + smoothed.length + " rows, " + path.length + " states and " + dates.size() + " dates");
    }
    double[] bear = new double[dates.size()];
    int days = 0;
    int viterbiChanges = 0;
    int argmaxChanges = 0;
    int previousState = -1;
    int previousArgmax = -1;
    for (int t = 0; t < dates.size(); t++) {
      if (!in2022(dates.get(t))) {
        continue;
      }
      bear[days++] = smoothed[t][0];
      int argmax = UnivariateHmm.argMax(smoothed[t]);
      if (previousState >= 0) {
        viterbiChanges += path[t] != previousState ? 1 : 0;
        argmaxChanges += argmax != previousArgmax ? 1 : 0;
      }
      previousState = path[t];
      previousArgmax = argmax;
    }
    return new Side(days == 0 ? Double.NaN : median(Arrays.copyOf(bear, days)), viterbiChanges, argmaxChanges);
  }

  /** The verdict for {@code studentT} against {@code gaussian}; {@code days} is the number of 2022 days seen. */
  public static Result judge(int days, Side studentT, Side gaussian) {
    double gap = studentT.medianBear() - gaussian.medianBear();
    double flipReduction = gaussian.viterbiChanges() == 0 ? 0.0
        : (double) (gaussian.viterbiChanges() - studentT.viterbiChanges()) / gaussian.viterbiChanges();
    boolean crit1 = studentT.crit1();
    boolean crit2 = studentT.crit2();
    boolean crit3 = gap >= GAP_MIN || flipReduction >= FLIP_REDUCTION_MIN;
    int held = (crit1 ? 1 : 0) + (crit2 ? 1 : 0) + (crit3 ? 1 : 0);
    Verdict verdict = held == 3 ? Verdict.PASS : held == 2 ? Verdict.BORDERLINE : Verdict.FAIL;
    return new Result(days, studentT, gaussian, gap, flipReduction, crit1, crit2, crit3, verdict);
  }

  /**
   * The criterion for a fitted model: the other family is fitted at the same K with the same
   * settings, then the Student-t is judged against the Gaussian. Null when no observation lies in
   * 2022.
   */
  public static Result evaluate(double[] x, List<LocalDate> dates, UnivariateHmm.Settings settings,
      UnivariateHmm.Fit fitted) {
    int days = days2022(dates);
    if (days == 0) {
      return null;
    }
    boolean fittedIsT = settings.family() == UnivariateHmm.Family.STUDENT_T;
    UnivariateHmm.Family other = fittedIsT ? UnivariateHmm.Family.GAUSSIAN : UnivariateHmm.Family.STUDENT_T;
    UnivariateHmm.Fit otherFit = UnivariateHmm.fit(x, new UnivariateHmm.Settings(other, settings.states(),
        settings.restarts(), settings.maxIterations(), settings.tolerance(), settings.seed()));
    Side fittedSide = side(fitted.model(), x, dates);
    Side otherSide = side(otherFit.model(), x, dates);
    return fittedIsT ? judge(days, fittedSide, otherSide) : judge(days, otherSide, fittedSide);
  }

  /** The result as the feed and {@code regime fit --json} write it (snake_case keys). */
  public static Map<String, Object> document(Result r) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("start", FIRST_DAY.toString());
    doc.put("end", LAST_DAY.toString());
    doc.put("n_days", r.days());
    doc.put("student_t", sideDocument(r.studentT()));
    doc.put("gaussian", sideDocument(r.gaussian()));
    doc.put("gap", r.gap());
    doc.put("flip_reduction", r.flipReduction());
    doc.put("crit1", r.crit1());
    doc.put("crit2", r.crit2());
    doc.put("crit3", r.crit3());
    doc.put("verdict", r.verdict().name());
    doc.put("gaussian_passes_crit1_and_crit2", r.gaussianPassesCrit1AndCrit2());
    return doc;
  }

  private static Map<String, Object> sideDocument(Side s) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("median_bear_posterior", s.medianBear());
    doc.put("viterbi_changes", s.viterbiChanges());
    doc.put("argmax_changes", s.argmaxChanges());
    return doc;
  }

  /** The number of observation dates inside calendar 2022. */
  public static int days2022(List<LocalDate> dates) {
    int n = 0;
    for (LocalDate d : dates) {
      n += in2022(d) ? 1 : 0;
    }
    return n;
  }

  static boolean in2022(LocalDate d) {
    return !d.isBefore(FIRST_DAY) && !d.isAfter(LAST_DAY);
  }

  /** The median (mean of the two middle values for an even count, as numpy's). */
  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
  }
}
