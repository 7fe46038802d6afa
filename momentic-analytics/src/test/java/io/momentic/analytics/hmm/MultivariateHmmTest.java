package io.momentic.analytics.hmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MultivariateHmmTest {

  static final double[] X = {0.3, -1.2, 0.5};
  static final double[] MU = {0.1, -0.4, 0.2};
  static final double[][] SIGMA = {{1.0, 0.3, -0.2}, {0.3, 2.0, 0.4}, {-0.2, 0.4, 0.5}};

  static MultivariateHmm.Model oneState(MultivariateHmm.Emission emission, double[] mean, double[][] cov,
      double[] nu) {
    return new MultivariateHmm.Model(emission, new double[] {0}, new double[][] {{0}}, null,
        new double[][] {mean}, new double[][][] {cov}, nu);
  }

  /** Fixtures from scipy 1.10.1 {@code multivariate_normal.logpdf} and {@code multivariate_t.logpdf}. */
  @Test
  void densities_matchScipy() {
    double mvn = MultivariateHmm.logEmissions(oneState(MultivariateHmm.Emission.MVN_FULL, MU, SIGMA, null),
        new double[][] {X})[0][0];
    assertThat(mvn).isCloseTo(-3.196536881131736, within(1e-12));
    double mvt5 = MultivariateHmm.logEmissions(oneState(MultivariateHmm.Emission.MVT_FULL, MU, SIGMA,
        new double[] {5}), new double[][] {X})[0][0];
    assertThat(mvt5).isCloseTo(-3.3362272829559343, within(1e-12));
    double mvt25 = MultivariateHmm.logEmissions(oneState(MultivariateHmm.Emission.MVT_FULL, MU, SIGMA,
        new double[] {2.5}), new double[][] {{2.0, 1.0, -1.0}})[0][0];
    assertThat(mvt25).isCloseTo(-5.972106495787082, within(1e-12));
    double[][] diagonal = {{1.0, 0, 0}, {0, 2.0, 0}, {0, 0, 0.5}};
    double diag = MultivariateHmm.logEmissions(oneState(MultivariateHmm.Emission.MVN_DIAG, MU, diagonal, null),
        new double[][] {X})[0][0];
    assertThat(diag).isCloseTo(-3.026815599614018, within(1e-12));
  }

  /** A diagonal Gaussian is the product of its channels' univariate densities (computed by hand). */
  @Test
  void diagonalDensity_isTheProductOfUnivariateNormals() {
    double[] var = {1.0, 2.0, 0.5};
    double byHand = 0;
    for (int c = 0; c < 3; c++) {
      double z = (X[c] - MU[c]) / Math.sqrt(var[c]);
      byHand += -0.5 * Math.log(2 * Math.PI * var[c]) - 0.5 * z * z;
    }
    double[][] cov = {{1.0, 0, 0}, {0, 2.0, 0}, {0, 0, 0.5}};
    assertThat(MultivariateHmm.logEmissions(oneState(MultivariateHmm.Emission.MVN_DIAG, MU, cov, null),
        new double[][] {X})[0][0]).isCloseTo(byHand, within(1e-13));
  }

  static MultivariateHmm.Model nhModel() {
    double[][][] w = {
        {{0, 0}, {-2.0, 1.5}, {-3.0, 0.2}},
        {{-1.0, -0.5}, {0, 0}, {-2.5, 0.8}},
        {{-3.0, 1.0}, {-1.5, -0.7}, {0, 0}}};
    // Column 0 is the reference: rebase each source row so its first column is zero.
    double[][][] rebased = new double[3][3][2];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        for (int c = 0; c < 2; c++) {
          rebased[i][j][c] = w[i][j][c] - w[i][0][c];
        }
      }
    }
    double[][] mean = {{-1, 0.5}, {0, 0}, {1, -0.5}};
    double[][][] cov = {{{0.5, 0.1}, {0.1, 0.4}}, {{0.3, 0}, {0, 0.3}}, {{0.6, -0.2}, {-0.2, 0.5}}};
    return new MultivariateHmm.Model(MultivariateHmm.Emission.MVN_FULL,
        new double[] {Math.log(0.5), Math.log(0.3), Math.log(0.2)}, null, rebased, mean, cov, null);
  }

  @Test
  void softmaxTransitionRows_sumToOne_everyDay() {
    SplittableRandom rng = new SplittableRandom(7);
    double[][] covariate = new double[50][];
    for (int t = 0; t < 50; t++) {
      covariate[t] = new double[] {1, 3 * (rng.nextDouble() - 0.5)};
    }
    double[][][] logA = MultivariateHmm.logTransitions(nhModel(), covariate, 50);
    for (int t = 0; t < 50; t++) {
      for (int i = 0; i < 3; i++) {
        double sum = 0;
        for (int j = 0; j < 3; j++) {
          sum += Math.exp(logA[t][i][j]);
        }
        assertThat(sum).as("day %d row %d", t, i).isCloseTo(1, within(1e-14));
      }
    }
  }

  /** The forward likelihood equals the sum over all 3^5 state paths of π·Π A_t·Π B, computed directly. */
  @Test
  void nonHomogeneousLikelihood_matchesTheSumOverEveryPath() {
    MultivariateHmm.Model m = nhModel();
    double[][] x = {{-0.8, 0.3}, {0.1, 0.2}, {1.2, -0.1}, {0.9, -0.6}, {-0.2, 0.0}};
    double[][] covariate = {{1, 0.0}, {1, 1.2}, {1, -0.4}, {1, 2.0}, {1, -1.5}};
    double[][] logB = MultivariateHmm.logEmissions(m, x);
    double total = 0;
    int[] path = new int[5];
    for (int code = 0; code < 243; code++) {
      int c = code;
      for (int t = 0; t < 5; t++) {
        path[t] = c % 3;
        c /= 3;
      }
      double p = Math.exp(m.logPi()[path[0]] + logB[0][path[0]]);
      for (int t = 1; t < 5; t++) {
        double[] score = new double[3];
        double z = 0;
        for (int j = 0; j < 3; j++) {
          score[j] = Math.exp(m.weights()[path[t - 1]][j][0] + m.weights()[path[t - 1]][j][1] * covariate[t][1]);
          z += score[j];
        }
        p *= score[path[t]] / z * Math.exp(logB[t][path[t]]);
      }
      total += p;
    }
    assertThat(MultivariateHmm.logLikelihood(m, x, covariate)).isCloseTo(Math.log(total), within(1e-12));
  }

  @Test
  void filteredPosteriors_areCausal() {
    double[][][] sim = simulate(nhModel(), 400, 11);
    double[][] x = sim[0];
    double[][] covariate = sim[1];
    double[][] full = MultivariateHmm.filtered(nhModel(), x, covariate);
    for (int cut : new int[] {10, 199, 399}) {
      double[][] part = MultivariateHmm.filtered(nhModel(), java.util.Arrays.copyOf(x, cut + 1),
          java.util.Arrays.copyOf(covariate, cut + 1));
      assertThat(part[cut]).containsExactly(full[cut]);
    }
  }

  /**
   * With a constant covariate (x = 1) the softmax regression has a closed form:
   * {@code W_j = ln(Σ_t ξ_t(i, j) / Σ_t ξ_t(i, 0))} — reached to within scipy's stopping
   * tolerances (a gradient of 1e-5 on counts of about 200 is about 1e-7 in W).
   */
  @Test
  void softmaxStep_withAnInterceptOnly_isTheLogRatioOfExpectedCounts() {
    SplittableRandom rng = new SplittableRandom(3);
    int n = 200;
    double[][][] xi = new double[n - 1][3][3];
    double[] counts = new double[3];
    for (int t = 0; t < n - 1; t++) {
      for (int j = 0; j < 3; j++) {
        xi[t][1][j] = rng.nextDouble() * (j + 1);
        counts[j] += xi[t][1][j];
      }
    }
    double[][] covariate = new double[n][];
    for (int t = 0; t < n; t++) {
      covariate[t] = new double[] {1};
    }
    double[][] w = SoftmaxRegression.fit(xi, 1, covariate, new double[3][1]);
    assertThat(w[0][0]).isZero();
    assertThat(w[1][0]).isCloseTo(Math.log(counts[1] / counts[0]), within(1e-6));
    assertThat(w[2][0]).isCloseTo(Math.log(counts[2] / counts[0]), within(1e-6));
  }

  /**
   * Data simulated from a two-state bivariate Gaussian HMM whose switching follows a known
   * covariate law: the fit recovers the means, covariances and the slope's sign and size.
   */
  @Test
  void recoversTheParameters_ofAVixDrivenSimulation() {
    double[][][] w = {{{0, 0}, {-3.0, 1.5}}, {{0, 0}, {2.5, -1.0}}};
    MultivariateHmm.Model truth = new MultivariateHmm.Model(MultivariateHmm.Emission.MVN_FULL,
        new double[] {Math.log(0.5), Math.log(0.5)}, null, w, new double[][] {{-1.0, 0.5}, {1.0, -0.5}},
        new double[][][] {{{0.3, 0.1}, {0.1, 0.2}}, {{0.25, -0.05}, {-0.05, 0.3}}}, null);
    double[][][] sim = simulate(truth, 6_000, 21);
    MultivariateHmm.Settings settings = new MultivariateHmm.Settings(MultivariateHmm.Emission.MVN_FULL, 2, true, 3,
        300, 1e-7, 5, 0.25, 3);
    MultivariateHmm.Model fit = MultivariateHmm.fit(sim[0], sim[1], settings).model();
    int low = fit.mean()[0][0] < fit.mean()[1][0] ? 0 : 1;
    int high = 1 - low;
    assertThat(fit.mean()[low][0]).isCloseTo(-1.0, within(0.03));
    assertThat(fit.mean()[high][1]).isCloseTo(-0.5, within(0.03));
    assertThat(fit.covariance()[low][0][1]).isCloseTo(0.1, within(0.02));
    assertThat(fit.covariance()[high][1][1]).isCloseTo(0.3, within(0.03));
    // From the low state, leaving gets likelier as the covariate rises: logit = −3 + 1.5·z.
    double[] leave = fit.weights()[low][high];
    double[] stay = fit.weights()[low][low];
    assertThat(leave[0] - stay[0]).isCloseTo(-3.0, within(0.3));
    assertThat(leave[1] - stay[1]).isCloseTo(1.5, within(0.3));
  }

  @Test
  void diagonalFamily_keepsItsOffDiagonalsZero_andStudentT_estimatesNu() {
    double[][][] sim = simulate(nhModel(), 1_500, 5);
    MultivariateHmm.Fit diag = MultivariateHmm.fit(sim[0], null,
        new MultivariateHmm.Settings(MultivariateHmm.Emission.MVN_DIAG, 3, false, 2, 100, 1e-6, 1, 0.25, 3));
    for (double[][] cov : diag.model().covariance()) {
      assertThat(cov[0][1]).isZero();
      assertThat(cov[1][0]).isZero();
    }
    // Gaussian data: the Student-t's ν runs up towards its ceiling (a heavy tail is not needed).
    MultivariateHmm.Fit t = MultivariateHmm.fit(sim[0], sim[1],
        new MultivariateHmm.Settings(MultivariateHmm.Emission.MVT_FULL, 3, true, 1, 100, 1e-6, 1, 0.25, 3));
    for (double nu : t.model().nu()) {
      assertThat(nu).isGreaterThan(15).isLessThanOrEqualTo(MultivariateHmm.NU_MAX);
    }
    assertThat(t.model().parameterCount()).isEqualTo(2 + 3 * 2 * 2 + 6 + 9 + 3);
  }

  @Test
  void nuUpdate_solvesItsEquation() {
    double c = -0.05;
    double nu = MultivariateHmm.solveNu(c, 8);
    assertThat(Math.log(nu / 2) - org.hipparchus.special.Gamma.digamma(nu / 2) + c).isCloseTo(0, within(1e-9));
    // ln(ν/2) − ψ(ν/2) falls from ≈0.57 at 2.05 to ≈0.005 at 200: no root for c = 5 (f > 0, nearer zero at
    // 200) nor for c = −1 (f < 0, nearer zero at 2.05).
    assertThat(MultivariateHmm.solveNu(5, 8)).isEqualTo(MultivariateHmm.NU_MAX);
    assertThat(MultivariateHmm.solveNu(-1, 8)).isEqualTo(MultivariateHmm.NU_MIN);
  }

  /** Observations and a covariate row {@code (1, z_t)} per day, z ~ a slow AR(1), states by the model's law. */
  static double[][][] simulate(MultivariateHmm.Model m, int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    int d = m.dimensions();
    double[][] x = new double[n][d];
    double[][] covariate = new double[n][];
    double z = 0;
    int s = 0;
    double[][][] chol = new double[m.states()][][];
    for (int k = 0; k < m.states(); k++) {
      chol[k] = MultivariateHmm.cholesky(m.covariance()[k]);
    }
    for (int t = 0; t < n; t++) {
      z = 0.97 * z + 0.25 * UnivariateHmm.gaussian(rng);
      covariate[t] = new double[] {1, z};
      if (t == 0) {
        s = UnivariateHmm.draw(m.logPi(), rng);
      } else {
        double[][][] logA = m.nonHomogeneous() ? MultivariateHmm.logTransitions(m, new double[][] {covariate[t]}, 1)
            : new double[][][] {m.logA()};
        s = UnivariateHmm.draw(logA[0][s], rng);
      }
      double[] e = new double[d];
      for (int c = 0; c < d; c++) {
        e[c] = UnivariateHmm.gaussian(rng);
      }
      for (int a = 0; a < d; a++) {
        double v = m.mean()[s][a];
        for (int b = 0; b <= a; b++) {
          v += chol[s][a][b] * e[b];
        }
        x[t][a] = v;
      }
    }
    return new double[][][] {x, covariate};
  }

}
