package io.momentic.analytics.regime;

import io.momentic.analytics.hmm.MultivariateHmm;
import io.momentic.core.Checks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The causal walk-forward of the regime harness's proposal family (spec §4.8): the same schedule
 * as {@link RegimeWalkForward} (refit every 30 rows from row 200 on the rows before the refit day,
 * at least 50 valid observations), with a D-channel observation standardised by each refit's
 * training rows (population std + 1e-9), an optional exogenous covariate (the VIX close,
 * standardised the same way) driving softmax transitions, and states mapped to (bear, ranging,
 * bull) by the mean of one channel — thirds-bucket for K &gt; 3, posterior columns of states
 * sharing a label summed (spec §4.6).
 *
 * <p>The first successful refit is a cold start; later ones run a single EM from the previous
 * model, used as-is in the new training window's standardised space, as the reference does. A
 * failed refit keeps the previous model with its standardisation and its state mapping.
 */
public final class MultivariateWalkForward {

  /** How the covariate enters the transitions (spec §4.8 ladder). */
  public enum Covariate {
    /** Homogeneous transitions: no covariate. */
    NONE("homogeneous"),
    /** {@code x_t = (1, z_t)}, z the standardised VIX close. */
    VIX("nh_softmax_vix"),
    /** {@code x_t = (1, max(0, z_t))}: calm days fall back to the intercept (exp_008's gate). */
    RELU_VIX("nh_softmax_relu_vix");

    private final String code;

    Covariate(String code) {
      this.code = code;
    }

    public String code() {
      return code;
    }

    public static Covariate parse(String text) {
      for (Covariate c : values()) {
        if (c.code.equals(text)) {
          return c;
        }
      }
      throw new IllegalArgumentException("Expected transitions homogeneous, nh_softmax_vix or nh_softmax_relu_vix, "
          + "but found '" + text + "'");
    }
  }

  /**
   * The cold-start settings, the warm refits' iteration cap, the covariate, the channel whose
   * mean orders the states, and whether the cold start's state mapping is kept for every refit.
   */
  public record Settings(MultivariateHmm.Settings cold, int warmMaxIterations, Covariate covariate, int orderChannel,
      boolean pinned) {

    public Settings {
      Checks.notNull(cold, "cold");
      Checks.notNull(covariate, "covariate");
      Checks.positive(warmMaxIterations, "warmMaxIterations");
      if (cold.nonHomogeneous() != (covariate != Covariate.NONE)) {
        throw new IllegalArgumentException("Expected non-homogeneous fits exactly when a covariate drives them");
      }
    }
  }

  /** A fitted model with the standardisation it was fitted in and its state → column map. */
  private record Served(MultivariateHmm.Model model, double[] mean, double[] std, double covariateMean,
      double covariateStd, int[] column) {}

  private MultivariateWalkForward() {}

  /**
   * @param features one row per day (D channels), a row with any NaN is not yet defined; valid rows
   *     must be contiguous once they start, as every §4.2 feature is
   * @param covariate one finite value per day (the VIX close), or null for homogeneous transitions
   */
  public static RegimeWalkForward.Result run(double[][] features, double[] covariate, Settings settings) {
    return run(features, covariate, settings, done -> {});
  }

  /** As above, telling {@code refitsDone} the number of refit attempts made after each one. */
  public static RegimeWalkForward.Result run(double[][] features, double[] covariate, Settings settings,
      java.util.function.IntConsumer refitsDone) {
    int n = features.length;
    if (settings.covariate() != Covariate.NONE && (covariate == null || covariate.length != n)) {
      throw new IllegalArgumentException("Expected one covariate value per day (" + n + "), but found "
          + (covariate == null ? "none" : Integer.toString(covariate.length)));
    }
    int d = features.length == 0 ? 0 : features[0].length;
    if (settings.orderChannel() < 0 || settings.orderChannel() >= Math.max(1, d)) {
      throw new IllegalArgumentException("Expected an order channel between 0 and " + (d - 1) + ", but found "
          + settings.orderChannel());
    }
    int firstValid = 0;
    while (firstValid < n && !valid(features[firstValid])) {
      firstValid++;
    }
    double[][] posterior = new double[n][3];
    for (double[] row : posterior) {
      Arrays.fill(row, Double.NaN);
    }
    List<Integer> refits = new ArrayList<>();
    int fits = 0;
    int fails = 0;
    Served served = null;
    int[] pinnedColumns = null;
    for (int t = RegimeWalkForward.WARMUP_DAYS; t < n; t += RegimeWalkForward.REFIT_CADENCE_DAYS) {
      refits.add(t);
      if (t - firstValid < RegimeWalkForward.MIN_VALID_OBSERVATIONS) {
        fails++;
      } else {
        try {
          Served next = refit(features, covariate, firstValid, t, settings, served);
          if (settings.pinned()) {
            pinnedColumns = pinnedColumns == null ? next.column() : pinnedColumns;
            next = new Served(next.model(), next.mean(), next.std(), next.covariateMean(), next.covariateStd(),
                pinnedColumns);
          }
          served = next;
          fits++;
        } catch (RuntimeException e) {
          fails++; // a refit that throws is a non-convergence; the previous model stays in force
        }
      }
      refitsDone.accept(refits.size());
      if (served == null) {
        continue;
      }
      int end = Math.min(n, t + RegimeWalkForward.REFIT_CADENCE_DAYS);
      double[][] x = standardised(features, firstValid, end, served.mean(), served.std());
      double[][] c = covariateRows(covariate, firstValid, end, served, settings.covariate());
      double[][] filtered = MultivariateHmm.filtered(served.model(), x, c);
      for (int day = t; day < end; day++) {
        double[] row = new double[3];
        double[] p = filtered[day - firstValid];
        for (int s = 0; s < p.length; s++) {
          row[served.column()[s]] += p[s];
        }
        posterior[day] = row;
      }
    }
    return new RegimeWalkForward.Result(posterior, List.copyOf(refits), fits, fails);
  }

  private static Served refit(double[][] features, double[] covariate, int from, int to, Settings settings,
      Served previous) {
    int d = features[0].length;
    for (int t = from; t < to; t++) {
      if (!valid(features[t])) {
        throw new IllegalArgumentException("Expected contiguous valid observations, but row " + t + " has a NaN");
      }
    }
    double[] mean = new double[d];
    double[] std = new double[d];
    for (int c = 0; c < d; c++) {
      double[] column = new double[to - from];
      for (int t = from; t < to; t++) {
        column[t - from] = features[t][c];
      }
      mean[c] = mean(column);
      std[c] = populationStd(column, mean[c]) + 1e-9;
    }
    double covariateMean = 0;
    double covariateStd = 1;
    if (settings.covariate() != Covariate.NONE) {
      double[] window = Arrays.copyOfRange(covariate, from, to);
      covariateMean = mean(window);
      covariateStd = populationStd(window, covariateMean) + 1e-9;
    }
    Served frame = new Served(null, mean, std, covariateMean, covariateStd, null);
    double[][] x = standardised(features, from, to, mean, std);
    double[][] c = covariateRows(covariate, from, to, frame, settings.covariate());
    MultivariateHmm.Fit fit = previous == null ? MultivariateHmm.fit(x, c, settings.cold())
        : MultivariateHmm.em(x, c, previous.model(), settings.warmMaxIterations(), settings.cold().tolerance());
    if (!Double.isFinite(fit.logLikelihood())) {
      throw new IllegalStateException("non-finite likelihood");
    }
    return new Served(fit.model(), mean, std, covariateMean, covariateStd,
        columns(fit.model(), settings.orderChannel()));
  }

  /**
   * State → posterior column (0 bear, 1 ranging, 2 bull) by ascending mean of the order channel:
   * for K = 3 one each; otherwise the lowest ⌊K/3⌋ are bear, the highest ⌊K/3⌋ bull, the rest ranging.
   */
  static int[] columns(MultivariateHmm.Model m, int orderChannel) {
    int k = m.states();
    Integer[] order = new Integer[k];
    for (int s = 0; s < k; s++) {
      order[s] = s;
    }
    Arrays.sort(order, (a, b) -> Double.compare(m.mean()[a][orderChannel], m.mean()[b][orderChannel]));
    int[] column = new int[k];
    int edge = k / 3;
    for (int rank = 0; rank < k; rank++) {
      column[order[rank]] = rank < edge ? 0 : rank >= k - edge ? 2 : 1;
    }
    return column;
  }

  private static double[][] standardised(double[][] features, int from, int to, double[] mean, double[] std) {
    int d = mean.length;
    double[][] x = new double[to - from][d];
    for (int t = from; t < to; t++) {
      for (int c = 0; c < d; c++) {
        x[t - from][c] = (features[t][c] - mean[c]) / std[c];
      }
    }
    return x;
  }

  private static double[][] covariateRows(double[] covariate, int from, int to, Served frame, Covariate kind) {
    if (kind == Covariate.NONE) {
      return null;
    }
    double[][] rows = new double[to - from][];
    for (int t = from; t < to; t++) {
      double z = (covariate[t] - frame.covariateMean()) / frame.covariateStd();
      rows[t - from] = new double[] {1, kind == Covariate.RELU_VIX ? Math.max(0, z) : z};
    }
    return rows;
  }

  private static boolean valid(double[] row) {
    for (double v : row) {
      if (Double.isNaN(v)) {
        return false;
      }
    }
    return true;
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }

  private static double populationStd(double[] v, double mean) {
    double s = 0;
    for (double x : v) {
      s += (x - mean) * (x - mean);
    }
    return Math.sqrt(s / v.length);
  }
}
