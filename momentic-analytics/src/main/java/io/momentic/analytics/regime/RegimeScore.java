package io.momentic.analytics.regime;

import io.momentic.analytics.hmm.UnivariateHmm;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The regime score (reference {@code 004}, spec §4.9 (ii), the "smooth" score): how well daily
 * (bear, ranging, bull) posteriors agree with the consensus periods.
 *
 * <p>Per day of a consensus period with true label y:
 * {@code L = a·(1 − p_y)² + b·p_ranging² + c·p_opposite(y)²} with a = 1, b = 0.25, c = 8;
 * per period {@code s_P = 1 − mean(L)/(a + c)}; quality Q = geometric mean of clip(s_P, 0, 1)
 * over the periods with at least one scored day; reliability R = exp(−7·fails/(fits + fails));
 * score = Q·R. A day without a posterior (NaN) is scored as the uniform (⅓, ⅓, ⅓).
 */
public final class RegimeScore {

  public static final double BRIER_HIT = 1;
  public static final double BRIER_RANGING = 0.25;
  public static final double BRIER_OPPOSITE = 8;
  public static final double NONCONVERGENCE_LAMBDA = 7;

  private static final double[] UNIFORM = {1.0 / 3, 1.0 / 3, 1.0 / 3};

  /**
   * The score and its diagnostics: per-period s_P (in consensus order, only periods with scored
   * days), argmax accuracy over all scored days, the number of scored days inside consensus
   * periods, how many of those were NaN (scored as uniform), the non-convergence rate, and the
   * number of changes of the posterior argmax (NaN rows dropped).
   */
  public record Report(double regimeScore, double quality, double reliability, Map<String, Double> perPeriod,
      double argmaxAccuracy, int nValid, int nNanUniform, double nonconvergenceRate, int flipCount) {}

  private RegimeScore() {}

  /** The loss of one day: {@code a(1 − p_y)² + b·p_ranging² + c·p_opposite²}. */
  public static double dayLoss(double[] p, int label) {
    int opposite = label == ConsensusLabels.BEAR ? ConsensusLabels.BULL : ConsensusLabels.BEAR;
    double miss = 1 - p[label];
    return BRIER_HIT * miss * miss + BRIER_RANGING * p[ConsensusLabels.RANGING] * p[ConsensusLabels.RANGING]
        + BRIER_OPPOSITE * p[opposite] * p[opposite];
  }

  /** {@code 1 − L/(a + c)} for a single day: the worked values of spec §4.9. */
  public static double daySimilarity(double[] p, int label) {
    return 1 - dayLoss(p, label) / (BRIER_HIT + BRIER_OPPOSITE);
  }

  /**
   * Scores posteriors of the scored days.
   *
   * @param posterior one row (bear, ranging, bull) per scored day; a row with a NaN is "no model"
   * @param label true label per day (0 bear, 1 ranging, 2 bull)
   * @param periodId the day's consensus period id, or null for a ranging (unscored) day
   * @param periodOrder the consensus ids in report order
   * @param fits successful refits
   * @param fails refits that failed
   */
  public static Report score(double[][] posterior, int[] label, String[] periodId, List<String> periodOrder, int fits,
      int fails) {
    if (posterior.length != label.length || label.length != periodId.length) {
      throw new IllegalArgumentException("Expected posteriors, labels and periods of one length, but found "
          + posterior.length + ", " + label.length + " and " + periodId.length);
    }
    Map<String, double[]> lossSum = new LinkedHashMap<>(); // id → {Σ L, days}
    for (String id : periodOrder) {
      lossSum.put(id, new double[2]);
    }
    int correct = 0;
    int nValid = 0;
    int nNan = 0;
    int flips = 0;
    int previousArgmax = -1;
    for (int d = 0; d < posterior.length; d++) {
      boolean missing = hasNaN(posterior[d]);
      double[] p = missing ? UNIFORM : posterior[d];
      int argmax = UnivariateHmm.argMax(p);
      if (argmax == label[d]) {
        correct++;
      }
      if (!missing) {
        if (previousArgmax >= 0 && argmax != previousArgmax) {
          flips++;
        }
        previousArgmax = argmax;
      }
      if (periodId[d] != null) {
        double[] acc = lossSum.get(periodId[d]);
        if (acc == null) {
          throw new IllegalArgumentException("Expected a period id among " + periodOrder + ", but found '"
              + periodId[d] + "'");
        }
        acc[0] += dayLoss(p, label[d]);
        acc[1]++;
        nValid++;
        if (missing) {
          nNan++;
        }
      }
    }
    Map<String, Double> perPeriod = new LinkedHashMap<>();
    double logSum = 0;
    int periods = 0;
    for (Map.Entry<String, double[]> e : lossSum.entrySet()) {
      double[] acc = e.getValue();
      if (acc[1] == 0) {
        continue;
      }
      double s = 1 - acc[0] / acc[1] / (BRIER_HIT + BRIER_OPPOSITE);
      perPeriod.put(e.getKey(), s);
      logSum += Math.log(Math.min(1, Math.max(0, s)));
      periods++;
    }
    double quality = periods == 0 ? 0 : Math.exp(logSum / periods);
    int attempts = fits + fails;
    double rate = attempts == 0 ? 0 : (double) fails / attempts;
    double reliability = Math.exp(-NONCONVERGENCE_LAMBDA * rate);
    double accuracy = posterior.length == 0 ? Double.NaN : (double) correct / posterior.length;
    return new Report(quality * reliability, quality, reliability, perPeriod, accuracy, nValid, nNan, rate, flips);
  }

  private static boolean hasNaN(double[] p) {
    for (double v : p) {
      if (Double.isNaN(v)) {
        return true;
      }
    }
    return false;
  }
}
