package io.momentic.research.ml;

import java.util.Arrays;

/**
 * Binary logistic regression with an L2 penalty on the coefficients (not the intercept), scikit-learn's
 * objective {@code C × Σ sᵢ · logloss(yᵢ, xᵢ·β + b) + ½‖β‖²} with per-row weights sᵢ (sample weight
 * × class weight), minimised by Newton's method with a backtracking line search to the optimum
 * (gradient below 1e-12 relative), so the objective matches any exact solver's.
 */
public final class LogisticRegression {

  /** The fitted model and the objective value at its optimum. */
  public record Model(double[] coef, double intercept, double objective, int iterations) {

    /** {@code x·β + b}: scikit-learn's decision function. */
    public double decision(double[] x) {
      double z = intercept;
      for (int j = 0; j < coef.length; j++) {
        z += coef[j] * x[j];
      }
      return z;
    }

    public double probability(double[] x) {
      return sigmoid(decision(x));
    }
  }

  private LogisticRegression() {}

  /** Fits {@code y} (0/1) on {@code x} with row weights {@code w} (null: all 1) and penalty strength {@code c}. */
  public static Model fit(double[][] x, int[] y, double[] w, double c) {
    int n = x.length;
    int p = x[0].length;
    int k = p + 1; // coefficients then the intercept
    double[] theta = new double[k];
    double[] weights = w == null ? filled(n, 1) : w;
    double f = objective(x, y, weights, c, theta);
    int it = 0;
    for (; it < 100; it++) {
      double[] g = new double[k];
      double[][] h = new double[k][k];
      for (int i = 0; i < n; i++) {
        double z = theta[p];
        for (int j = 0; j < p; j++) {
          z += theta[j] * x[i][j];
        }
        double mu = sigmoid(z);
        double r = c * weights[i] * (mu - y[i]);
        double v = c * weights[i] * mu * (1 - mu);
        for (int a = 0; a < p; a++) {
          g[a] += r * x[i][a];
          double xa = v * x[i][a];
          for (int b = 0; b <= a; b++) {
            h[a][b] += xa * x[i][b];
          }
          h[p][a] += xa;
        }
        g[p] += r;
        h[p][p] += v;
      }
      for (int a = 0; a < p; a++) {
        g[a] += theta[a];
        h[a][a] += 1;
      }
      for (int a = 0; a < k; a++) {
        for (int b = a + 1; b < k; b++) {
          h[a][b] = h[b][a];
        }
      }
      double gnorm = 0;
      for (double gi : g) {
        gnorm = Math.max(gnorm, Math.abs(gi));
      }
      if (gnorm <= 1e-12 * Math.max(1, Math.abs(f))) {
        break;
      }
      double[] step = solve(h, g);
      double t = 1;
      double[] next = new double[k];
      double fn;
      double slope = 0;
      for (int a = 0; a < k; a++) {
        slope += g[a] * step[a];
      }
      while (true) {
        for (int a = 0; a < k; a++) {
          next[a] = theta[a] - t * step[a];
        }
        fn = objective(x, y, weights, c, next);
        if (fn <= f - 1e-4 * t * slope || t < 1e-12) {
          break;
        }
        t /= 2;
      }
      if (!(fn < f) && t < 1e-12) {
        break;
      }
      theta = next.clone();
      boolean converged = f - fn <= 1e-16 * Math.max(1, Math.abs(f));
      f = fn;
      if (converged && gnorm < 1e-8) {
        break;
      }
    }
    return new Model(Arrays.copyOf(theta, p), theta[p], f, it);
  }

  /** The objective at {@code theta} (coefficients then intercept). */
  static double objective(double[][] x, int[] y, double[] w, double c, double[] theta) {
    int p = theta.length - 1;
    double loss = 0;
    for (int i = 0; i < x.length; i++) {
      double z = theta[p];
      for (int j = 0; j < p; j++) {
        z += theta[j] * x[i][j];
      }
      // log(1 + e^{-z}) for y = 1, log(1 + e^{z}) for y = 0, without overflow.
      double m = y[i] == 1 ? -z : z;
      loss += w[i] * (m > 0 ? m + Math.log1p(Math.exp(-m)) : Math.log1p(Math.exp(m)));
    }
    double penalty = 0;
    for (int j = 0; j < p; j++) {
      penalty += theta[j] * theta[j];
    }
    return c * loss + 0.5 * penalty;
  }

  /** Objective of a given model (for comparing with another solver's). */
  public static double objective(double[][] x, int[] y, double[] w, double c, double[] coef, double intercept) {
    double[] theta = Arrays.copyOf(coef, coef.length + 1);
    theta[coef.length] = intercept;
    return objective(x, y, w == null ? filled(x.length, 1) : w, c, theta);
  }

  /**
   * scikit-learn's {@code class_weight="balanced"} as of 1.2: n / (2 · count(class)) from the
   * unweighted class counts (from 1.7 it uses weighted counts; Momentic keeps the counts).
   */
  public static double[] balancedClassWeights(int[] y) {
    int ones = 0;
    for (int v : y) {
      ones += v;
    }
    int zeros = y.length - ones;
    return new double[] {zeros == 0 ? 0 : y.length / (2.0 * zeros), ones == 0 ? 0 : y.length / (2.0 * ones)};
  }

  static double sigmoid(double z) {
    return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
  }

  private static double[] filled(int n, double v) {
    double[] a = new double[n];
    Arrays.fill(a, v);
    return a;
  }

  /** Solves h·s = g by Cholesky (h is symmetric positive definite: the L2 term makes it so). */
  private static double[] solve(double[][] h, double[] g) {
    int k = g.length;
    double[][] l = new double[k][k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j <= i; j++) {
        double s = h[i][j];
        for (int m = 0; m < j; m++) {
          s -= l[i][m] * l[j][m];
        }
        l[i][j] = i == j ? Math.sqrt(Math.max(s, 1e-300)) : s / l[j][j];
      }
    }
    double[] z = new double[k];
    for (int i = 0; i < k; i++) {
      double s = g[i];
      for (int m = 0; m < i; m++) {
        s -= l[i][m] * z[m];
      }
      z[i] = s / l[i][i];
    }
    double[] out = new double[k];
    for (int i = k - 1; i >= 0; i--) {
      double s = z[i];
      for (int m = i + 1; m < k; m++) {
        s -= l[m][i] * out[m];
      }
      out[i] = s / l[i][i];
    }
    return out;
  }
}
