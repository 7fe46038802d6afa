package io.momentic.analytics.hmm;

/**
 * The transition M-step of a non-homogeneous HMM (spec §4.4): for one source state i, the softmax
 * weights {@code W[i][j]} (j ≥ 1; column 0 is the zero reference) that maximise
 * {@code Σ_t Σ_j ξ_t(i, j)·log softmax_j(W[i]·x_{t+1})} — a weighted multinomial logistic
 * regression of the expected transitions on the destination day's covariate row.
 *
 * <p>The objective is concave, so Newton's method with a backtracking line search reaches its
 * optimum from the warm start in a handful of steps; the reference stops L-BFGS-B after at most
 * 50 iterations at its default tolerances, which lands on the same optimum to within those
 * tolerances. When the optimum lies at infinity (a transition with no expected mass), the
 * iteration cap stops the walk outwards, as it does in the reference.
 */
final class SoftmaxRegression {

  static final int MAX_ITERATIONS = 50;
  /** Stop once the largest gradient component is this small relative to the expected transitions. */
  static final double GRADIENT_TOLERANCE = 1e-10;

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
    int free = (k - 1) * c;
    double[] theta = new double[free];
    for (int j = 1; j < k; j++) {
      System.arraycopy(start[j], 0, theta, (j - 1) * c, c);
    }
    double total = 0;
    for (double[][] step : xi) {
      for (int j = 0; j < k; j++) {
        total += step[source][j];
      }
    }
    double[] gradient = new double[free];
    double[][] hessian = new double[free][free];
    double[] p = new double[k];
    double value = evaluate(xi, source, covariate, theta, k, c, gradient, hessian, p);
    for (int it = 0; it < MAX_ITERATIONS; it++) {
      double largest = 0;
      for (double g : gradient) {
        largest = Math.max(largest, Math.abs(g));
      }
      if (largest <= GRADIENT_TOLERANCE * Math.max(1, total)) {
        break;
      }
      double[] step = newtonStep(hessian, gradient);
      double slope = 0;
      for (int a = 0; a < free; a++) {
        slope += step[a] * gradient[a];
      }
      if (!(slope < 0)) {
        // The Hessian is singular along the gradient (no mass there): fall back to steepest descent.
        for (int a = 0; a < free; a++) {
          step[a] = -gradient[a];
        }
        slope = -dotSelf(gradient);
      }
      double scale = 1;
      double[] trial = new double[free];
      double trialValue = Double.NaN;
      boolean accepted = false;
      for (int halving = 0; halving < 40; halving++) {
        for (int a = 0; a < free; a++) {
          trial[a] = theta[a] + scale * step[a];
        }
        trialValue = evaluate(xi, source, covariate, trial, k, c, null, null, p);
        if (trialValue <= value + 1e-4 * scale * slope) {
          accepted = true;
          break;
        }
        scale /= 2;
      }
      if (!accepted || value - trialValue <= 1e-15 * Math.max(1, Math.abs(value))) {
        if (accepted) {
          theta = trial;
        }
        break;
      }
      theta = trial;
      value = evaluate(xi, source, covariate, theta, k, c, gradient, hessian, p);
    }
    double[][] out = new double[k][c];
    for (int j = 1; j < k; j++) {
      System.arraycopy(theta, (j - 1) * c, out[j], 0, c);
    }
    return out;
  }

  /**
   * The negative objective at θ, and (when asked) its gradient
   * {@code Σ_t (n_t·p_tj − ξ_t(i, j))·x_{t+1}} and Hessian {@code Σ_t n_t (p_j δ_jl − p_j p_l) x xᵀ}.
   */
  private static double evaluate(double[][][] xi, int source, double[][] covariate, double[] theta, int k, int c,
      double[] gradient, double[][] hessian, double[] p) {
    if (gradient != null) {
      java.util.Arrays.fill(gradient, 0);
      for (double[] row : hessian) {
        java.util.Arrays.fill(row, 0);
      }
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
        for (int l = 1; l < k; l++) {
          double w = n * p[j] * ((j == l ? 1 : 0) - p[l]);
          for (int a = 0; a < c; a++) {
            for (int b = 0; b < c; b++) {
              hessian[(j - 1) * c + a][(l - 1) * c + b] += w * x[a] * x[b];
            }
          }
        }
      }
    }
    return value;
  }

  /** Solves {@code H d = −g} by Cholesky with a small ridge when H is only semi-definite. */
  private static double[] newtonStep(double[][] hessian, double[] gradient) {
    int n = gradient.length;
    double trace = 0;
    for (int a = 0; a < n; a++) {
      trace += hessian[a][a];
    }
    double ridge = 0;
    for (int attempt = 0; attempt < 8; attempt++) {
      double[][] h = new double[n][n];
      for (int a = 0; a < n; a++) {
        h[a] = hessian[a].clone();
        h[a][a] += ridge;
      }
      double[][] l;
      try {
        l = MultivariateHmm.cholesky(h);
      } catch (IllegalStateException e) {
        ridge = ridge == 0 ? Math.max(1e-12, 1e-10 * trace) : ridge * 100;
        continue;
      }
      double[] y = new double[n];
      for (int a = 0; a < n; a++) {
        double v = -gradient[a];
        for (int b = 0; b < a; b++) {
          v -= l[a][b] * y[b];
        }
        y[a] = v / l[a][a];
      }
      double[] d = new double[n];
      for (int a = n - 1; a >= 0; a--) {
        double v = y[a];
        for (int b = a + 1; b < n; b++) {
          v -= l[b][a] * d[b];
        }
        d[a] = v / l[a][a];
      }
      return d;
    }
    double[] d = new double[n];
    for (int a = 0; a < n; a++) {
      d[a] = -gradient[a];
    }
    return d;
  }

  private static double dotSelf(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x * x;
    }
    return s;
  }
}
