package io.momentic.analytics.hmm;

/**
 * The transition M-step of a non-homogeneous HMM (spec §4.4): for one source state i, the softmax
 * weights {@code W[i][j]} (j ≥ 1; column 0 is the zero reference) that maximise
 * {@code Σ_t Σ_j ξ_t(i, j)·log softmax_j(W[i]·x_{t+1})} — a weighted multinomial logistic
 * regression of the expected transitions on the destination day's covariate row.
 *
 * <p>Solved as the reference solves it: L-BFGS-B from the current weights, at most 50 iterations
 * at scipy's default tolerances ({@link Lbfgs}). The objective is concave, so where it has an
 * optimum this finds it; where the optimum lies at infinity (a source state with no observed
 * exits) the iteration stops somewhere on the way out, and only the same iteration stops at the
 * same place — which is why this is the reference's optimiser rather than a faster one.
 */
final class SoftmaxRegression {

  /** The reference's cap on the M-step's L-BFGS-B iterations (spec §4.4). */
  static final int MAX_ITERATIONS = 50;

  private SoftmaxRegression() {}

  /**
   * @param xi expected transitions ξ_t(i, j), t = 0…T−2
   * @param source the source state i
   * @param covariate one row per day (T rows); the step t → t+1 reads row t+1
   * @param start the current weights of state i (K×C; row 0 ignored and returned as zeros)
   */
  static double[][] fit(double[][][] xi, int source, double[][] covariate, double[][] start) {
    int k = start.length;
    int c = start[0].length;
    double[] theta = new double[(k - 1) * c];
    for (int j = 1; j < k; j++) {
      System.arraycopy(start[j], 0, theta, (j - 1) * c, c);
    }
    double[] p = new double[k];
    theta = Lbfgs.minimize((x, gradient) -> evaluate(xi, source, covariate, x, k, c, gradient, p), theta,
        MAX_ITERATIONS);
    double[][] out = new double[k][c];
    for (int j = 1; j < k; j++) {
      System.arraycopy(theta, (j - 1) * c, out[j], 0, c);
    }
    return out;
  }

  /**
   * The negative objective at θ, and (when asked) its gradient
   * {@code Σ_t (n_t·p_tj − ξ_t(i, j))·x_{t+1}}.
   */
  private static double evaluate(double[][][] xi, int source, double[][] covariate, double[] theta, int k, int c,
      double[] gradient, double[] p) {
    if (gradient != null) {
      java.util.Arrays.fill(gradient, 0);
    }
    double value = 0;
    for (int t = 0; t < xi.length; t++) {
      double[] x = covariate[t + 1];
      double[] target = xi[t][source];
      p[0] = 0;
      double max = 0;
      for (int j = 1; j < k; j++) {
        double s = 0;
        for (int a = 0; a < c; a++) {
          s += theta[(j - 1) * c + a] * x[a];
        }
        p[j] = s;
        max = Math.max(max, s);
      }
      double sum = 0;
      for (int j = 0; j < k; j++) {
        sum += Math.exp(p[j] - max);
      }
      double logZ = max + Math.log(sum);
      double n = 0;
      for (int j = 0; j < k; j++) {
        value -= target[j] * (p[j] - logZ);
        n += target[j];
        p[j] = Math.exp(p[j] - logZ);
      }
      if (gradient == null) {
        continue;
      }
      for (int j = 1; j < k; j++) {
        double residual = n * p[j] - target[j];
        for (int a = 0; a < c; a++) {
          gradient[(j - 1) * c + a] += residual * x[a];
        }
      }
    }
    return value;
  }
}
