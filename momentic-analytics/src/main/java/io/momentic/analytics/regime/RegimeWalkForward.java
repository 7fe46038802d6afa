package io.momentic.analytics.regime;

import io.momentic.analytics.hmm.UnivariateHmm;
import io.momentic.core.Checks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The causal walk-forward of the regime harness (reference {@code 004}, spec §4.8): refit every
 * 30 rows from row 200 on an expanding window of the rows before the refit day, and give each day
 * the filtered posterior of a forward pass with the model in force — nothing from the day's
 * future enters its posterior.
 *
 * <p>The first successful refit is a cold start (k-means, restarts); every later one is a single
 * Baum–Welch run from the previous refit's model (warm start). A refit with fewer than 50 valid
 * observations, or one that throws, counts as a non-convergence and leaves the previous model in
 * place. States are named by ascending mean, so with K = 3 the posterior columns are (bear,
 * ranging, bull). Following the spec's porting note, the posteriors of all days served by one
 * model come from a single forward pass from the first valid row (the reference re-filters per
 * day; the operations and so the values are the same).
 */
public final class RegimeWalkForward {

  public static final int WARMUP_DAYS = 200;
  public static final int REFIT_CADENCE_DAYS = 30;
  public static final int MIN_VALID_OBSERVATIONS = 50;

  /** How to fit: the cold-start settings and the warm refits' iteration cap. */
  public record Settings(UnivariateHmm.Settings cold, int warmMaxIterations) {

    /** The harness baseline (exp_001): 5 restarts, 200 iterations, tolerance 1e-5, warm refits of 200. */
    public static Settings baseline(UnivariateHmm.Family family) {
      return new Settings(new UnivariateHmm.Settings(family, 3, 5, 200, 1e-5, 20_260_603L), 200);
    }

    public Settings {
      Checks.notNull(cold, "cold");
      Checks.positive(warmMaxIterations, "warmMaxIterations");
    }
  }

  /**
   * Posteriors per row (NaN rows before the first model and where the feature is undefined), the
   * refit rows, and how many refits succeeded and failed.
   */
  public record Result(double[][] posterior, List<Integer> refitRows, int fits, int fails) {}

  private RegimeWalkForward() {}

  /**
   * Runs the walk-forward over one feature series (one value per row, NaN where undefined; valid
   * values must be contiguous once they start, as every §4.2 feature is).
   */
  public static Result run(double[] feature, Settings settings) {
    return run(feature, settings, done -> {});
  }

  /** The refit attempts a walk over {@code rows} rows makes: at day 200, then every 30 days. */
  public static int refitAttempts(int rows) {
    return rows <= WARMUP_DAYS ? 0 : (rows - WARMUP_DAYS + REFIT_CADENCE_DAYS - 1) / REFIT_CADENCE_DAYS;
  }

  /** As above, telling {@code refitsDone} the number of refit attempts made after each one. */
  public static Result run(double[] feature, Settings settings, java.util.function.IntConsumer refitsDone) {
    int n = feature.length;
    int k = settings.cold().states();
    int firstValid = 0;
    while (firstValid < n && Double.isNaN(feature[firstValid])) {
      firstValid++;
    }
    double[][] posterior = new double[n][k];
    for (double[] row : posterior) {
      Arrays.fill(row, Double.NaN);
    }
    List<Integer> refits = new ArrayList<>();
    int fits = 0;
    int fails = 0;
    UnivariateHmm.Model model = null;
    for (int t = WARMUP_DAYS; t < n; t += REFIT_CADENCE_DAYS) {
      refits.add(t);
      int valid = Math.max(0, t - firstValid);
      if (valid < MIN_VALID_OBSERVATIONS) {
        fails++;
      } else {
        double[] train = Arrays.copyOfRange(feature, firstValid, t);
        try {
          checkFinite(train, firstValid);
          UnivariateHmm.Fit fit = model == null ? UnivariateHmm.fit(train, settings.cold())
              : UnivariateHmm.baumWelch(train, model, settings.warmMaxIterations(), settings.cold().tolerance());
          if (!Double.isFinite(fit.logLikelihood())) {
            throw new IllegalStateException("non-finite likelihood");
          }
          model = fit.model();
          fits++;
        } catch (RuntimeException e) {
          fails++;
        }
      }
      refitsDone.accept(refits.size());
      if (model == null) {
        continue;
      }
      int end = Math.min(n, t + REFIT_CADENCE_DAYS);
      double[][] filtered = UnivariateHmm.filtered(model, Arrays.copyOfRange(feature, firstValid, end));
      for (int d = t; d < end; d++) {
        posterior[d] = filtered[d - firstValid];
      }
    }
    return new Result(posterior, List.copyOf(refits), fits, fails);
  }

  private static void checkFinite(double[] x, int offset) {
    for (int i = 0; i < x.length; i++) {
      if (!Double.isFinite(x[i])) {
        throw new IllegalArgumentException("Expected contiguous valid observations, but row " + (offset + i) + " is "
            + x[i]);
      }
    }
  }
}
