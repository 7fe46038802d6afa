package io.momentic.analytics.hmm;

import io.momentic.core.Checks;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.hipparchus.analysis.UnivariateFunction;
import org.hipparchus.analysis.solvers.BrentSolver;
import org.hipparchus.exception.MathRuntimeException;
import org.hipparchus.special.Gamma;

/**
 * A hidden Markov model over D-dimensional observations (reference {@code 004}, spec §4.3–4.5, the
 * regime harness's proposal family), in log space: multivariate Gaussian emissions with full or
 * diagonal covariance, or multivariate Student-t with a per-state ν (ECM); homogeneous transitions,
 * or non-homogeneous ones, {@code A_t(i, j) = softmax_j(W[i][j]·x_t)} with an exogenous covariate
 * row {@code x_t} (e.g. {@code (1, VIX_t)}) driving the step into day t.
 *
 * <p>States keep the order EM leaves them in; naming them (bear, ranging, bull) is the caller's
 * business (spec §4.6: by one channel's mean). Fitting starts from seeded D-dimensional k-means
 * (cluster means, sample covariance + 1e-3·I, shares, a sticky 0.95 transition matrix), restarts
 * jitter the means by {@code jitter·N(0, 1)·std(channel)} (restart 0 is not jittered), and the best
 * final likelihood wins.
 */
public final class MultivariateHmm {

  static final double STAY = 0.95;
  /** Ridge added to every covariance M-step (spec §4.4). */
  static final double COVARIANCE_RIDGE = 1e-4;
  /** Ridge added to the k-means start's covariances. */
  static final double START_RIDGE = 1e-3;
  static final double NU_START = 8;
  static final double NU_MIN = 2.05;
  static final double NU_MAX = 200;

  /** Emission family, with the descriptor the results TSV writes. */
  public enum Emission {
    MVN_FULL("mvn_full"),
    MVN_DIAG("mvn_diag"),
    MVT_FULL("mvt_full");

    private final String code;

    Emission(String code) {
      this.code = code;
    }

    public String code() {
      return code;
    }

    public static Emission parse(String text) {
      for (Emission e : values()) {
        if (e.code.equals(text)) {
          return e;
        }
      }
      throw new IllegalArgumentException("Expected an emission mvn_full, mvn_diag or mvt_full, but found '" + text
          + "'");
    }
  }

  /**
   * A model: initial log-probabilities, either a homogeneous {@code logA} (K×K) or softmax weights
   * {@code weights} (K×K×C, column j = 0 the zero reference), per-state means (K×D), covariance or
   * scale matrices (K×D×D) and, for Student-t, degrees of freedom.
   */
  public record Model(Emission emission, double[] logPi, double[][] logA, double[][][] weights, double[][] mean,
      double[][][] covariance, double[] nu) {

    public Model {
      Checks.notNull(emission, "emission");
      if ((logA == null) == (weights == null)) {
        throw new IllegalArgumentException("Expected either a homogeneous transition matrix or softmax weights");
      }
      if ((emission == Emission.MVT_FULL) != (nu != null)) {
        throw new IllegalArgumentException("Expected degrees of freedom exactly for Student-t emissions");
      }
    }

    public int states() {
      return mean.length;
    }

    public int dimensions() {
      return mean[0].length;
    }

    public boolean nonHomogeneous() {
      return weights != null;
    }

    /**
     * Free parameters: (K−1) initial, K(K−1) homogeneous or K(K−1)·C softmax transition, K·D means,
     * K·D (diagonal) or K·D(D+1)/2 (full) covariance, and K degrees of freedom for Student-t.
     */
    public int parameterCount() {
      int k = states();
      int d = dimensions();
      int transitions = weights == null ? k * (k - 1) : k * (k - 1) * weights[0][0].length;
      int covariance = emission == Emission.MVN_DIAG ? k * d : k * d * (d + 1) / 2;
      return (k - 1) + transitions + k * d + covariance + (nu == null ? 0 : k);
    }
  }

  /** A fit: the model (post-M-step), the last E-step's log-likelihood, iterations, whether it converged. */
  public record Fit(Model model, double logLikelihood, int iterations, boolean converged) {}

  /**
   * How to fit from scratch: emission family, K, whether transitions follow the covariate,
   * restarts, the EM cap and tolerance, the seed, the restarts' jitter (in channel standard
   * deviations) and k-means' number of initialisations.
   */
  public record Settings(Emission emission, int states, boolean nonHomogeneous, int restarts, int maxIterations,
      double tolerance, long seed, double jitter, int kMeansInits) {

    /** The harness's proposal family: 3 restarts, 120 iterations, tolerance 1e-4, jitter 0.25, k-means n_init 3. */
    public static Settings proposal(Emission emission, int states, boolean nonHomogeneous) {
      return new Settings(emission, states, nonHomogeneous, 3, 120, 1e-4, 20_260_603L, 0.25, 3);
    }

    public Settings {
      Checks.notNull(emission, "emission");
      if (states < 2) {
        throw new IllegalArgumentException("Expected at least 2 states, but found " + states);
      }
      Checks.positive(restarts, "restarts");
      Checks.positive(maxIterations, "maxIterations");
      Checks.positive(kMeansInits, "kMeansInits");
    }
  }

  private MultivariateHmm() {}

  //-------------------------------------------------------------------------
  // Densities

  /** {@code log B_t(k)} for every observation row and state. */
  public static double[][] logEmissions(Model m, double[][] x) {
    int k = m.states();
    int d = m.dimensions();
    double[][] b = new double[x.length][k];
    double[] diff = new double[d];
    double[] z = new double[d];
    for (int s = 0; s < k; s++) {
      double[][] chol = cholesky(m.covariance()[s]);
      double logDet = 0;
      for (int i = 0; i < d; i++) {
        logDet += 2 * Math.log(chol[i][i]);
      }
      double constant;
      if (m.nu() == null) {
        constant = -0.5 * (d * Math.log(2 * Math.PI) + logDet);
      } else {
        double nu = m.nu()[s];
        constant = Gamma.logGamma((nu + d) / 2) - Gamma.logGamma(nu / 2) - 0.5 * d * Math.log(nu * Math.PI)
            - 0.5 * logDet;
      }
      for (int t = 0; t < x.length; t++) {
        double maha = mahalanobis(chol, x[t], m.mean()[s], diff, z);
        b[t][s] = m.nu() == null ? constant - 0.5 * maha
            : constant - 0.5 * (m.nu()[s] + d) * Math.log1p(maha / m.nu()[s]);
      }
    }
    return b;
  }

  /** {@code (x − μ)ᵀ Σ⁻¹ (x − μ)} through the lower Cholesky factor of Σ. */
  private static double mahalanobis(double[][] chol, double[] x, double[] mean, double[] diff, double[] z) {
    int d = mean.length;
    for (int i = 0; i < d; i++) {
      diff[i] = x[i] - mean[i];
    }
    double sum = 0;
    for (int i = 0; i < d; i++) {
      double v = diff[i];
      for (int j = 0; j < i; j++) {
        v -= chol[i][j] * z[j];
      }
      z[i] = v / chol[i][i];
      sum += z[i] * z[i];
    }
    return sum;
  }

  /** Lower Cholesky factor; a matrix that is not positive definite is an error (the refit fails). */
  static double[][] cholesky(double[][] a) {
    int n = a.length;
    double[][] l = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double sum = a[i][j];
        for (int p = 0; p < j; p++) {
          sum -= l[i][p] * l[j][p];
        }
        if (i == j) {
          if (!(sum > 0)) {
            throw new IllegalStateException("Expected a positive-definite covariance, but found pivot " + sum);
          }
          l[i][i] = Math.sqrt(sum);
        } else {
          l[i][j] = sum / l[j][j];
        }
      }
    }
    return l;
  }

  //-------------------------------------------------------------------------
  // Transitions

  /**
   * {@code log A_t(i, j)} per day: the homogeneous matrix repeated, or {@code log softmax_j(W[i][j]·x_t)}.
   * Row t governs the step from t−1 into t; row 0 is unused.
   */
  public static double[][][] logTransitions(Model m, double[][] covariate, int n) {
    int k = m.states();
    double[][][] out = new double[n][][];
    if (!m.nonHomogeneous()) {
      Arrays.fill(out, m.logA());
      return out;
    }
    requireCovariate(covariate, n);
    double[] score = new double[k];
    for (int t = 0; t < n; t++) {
      out[t] = new double[k][k];
      for (int i = 0; i < k; i++) {
        for (int j = 0; j < k; j++) {
          score[j] = dot(m.weights()[i][j], covariate[t]);
        }
        double z = logSumExp(score);
        for (int j = 0; j < k; j++) {
          out[t][i][j] = score[j] - z;
        }
      }
    }
    return out;
  }

  private static void requireCovariate(double[][] covariate, int n) {
    if (covariate == null || covariate.length != n) {
      throw new IllegalArgumentException("Expected one covariate row per observation (" + n + "), but found "
          + (covariate == null ? "none" : Integer.toString(covariate.length)));
    }
  }

  //-------------------------------------------------------------------------
  // Inference

  static double[][] forward(double[] logPi, double[][][] logA, double[][] logB) {
    int n = logB.length;
    int k = logPi.length;
    double[][] alpha = new double[n][k];
    double[] terms = new double[k];
    for (int s = 0; s < k; s++) {
      alpha[0][s] = logPi[s] + logB[0][s];
    }
    for (int t = 1; t < n; t++) {
      for (int j = 0; j < k; j++) {
        for (int i = 0; i < k; i++) {
          terms[i] = alpha[t - 1][i] + logA[t][i][j];
        }
        alpha[t][j] = logSumExp(terms) + logB[t][j];
      }
    }
    return alpha;
  }

  static double[][] backward(double[][][] logA, double[][] logB) {
    int n = logB.length;
    int k = logB[0].length;
    double[][] beta = new double[n][k];
    double[] terms = new double[k];
    for (int t = n - 2; t >= 0; t--) {
      for (int i = 0; i < k; i++) {
        for (int j = 0; j < k; j++) {
          terms[j] = logA[t + 1][i][j] + logB[t + 1][j] + beta[t + 1][j];
        }
        beta[t][i] = logSumExp(terms);
      }
    }
    return beta;
  }

  /**
   * Filtered posteriors {@code P(state_t | x_0..x_t)} (α normalised per row): causal, the value at t
   * is the same whether or not later rows exist.
   */
  public static double[][] filtered(Model m, double[][] x, double[][] covariate) {
    double[][] alpha = forward(m.logPi(), logTransitions(m, covariate, x.length), logEmissions(m, x));
    for (double[] row : alpha) {
      double z = logSumExp(row);
      for (int s = 0; s < row.length; s++) {
        row[s] = Math.exp(row[s] - z);
      }
    }
    return alpha;
  }

  public static double logLikelihood(Model m, double[][] x, double[][] covariate) {
    double[][] alpha = forward(m.logPi(), logTransitions(m, covariate, x.length), logEmissions(m, x));
    return logSumExp(alpha[alpha.length - 1]);
  }

  //-------------------------------------------------------------------------
  // Fitting

  /** Cold start: k-means, restarts with jittered means, the best finite final likelihood. */
  public static Fit fit(double[][] x, double[][] covariate, Settings settings) {
    int k = settings.states();
    if (x.length < 2 * k) {
      throw new IllegalArgumentException("Expected at least " + 2 * k + " observations for " + k
          + " states, but found " + x.length);
    }
    if (settings.nonHomogeneous()) {
      requireCovariate(covariate, x.length);
    }
    double[] channelStd = populationStd(x);
    SplittableRandom master = new SplittableRandom(settings.seed());
    Fit best = null;
    for (int r = 0; r < settings.restarts(); r++) {
      SplittableRandom child = new SplittableRandom(master.nextInt(Integer.MAX_VALUE));
      Model start = start(x, covariate, settings, child);
      if (r > 0) {
        for (double[] mean : start.mean()) {
          for (int c = 0; c < mean.length; c++) {
            mean[c] += settings.jitter() * UnivariateHmm.gaussian(child) * channelStd[c];
          }
        }
      }
      // A restart whose covariance degenerates fails the whole fit, as in the reference.
      Fit f = em(x, covariate, start, settings.maxIterations(), settings.tolerance());
      if (best == null || Double.isFinite(f.logLikelihood()) && f.logLikelihood() > best.logLikelihood()) {
        best = f;
      }
    }
    if (best == null) {
      throw new IllegalStateException("Expected some restart to fit, but every restart failed");
    }
    return best;
  }

  /** The k-means start of spec §4.5. */
  static Model start(double[][] x, double[][] covariate, Settings settings, SplittableRandom rng) {
    int k = settings.states();
    int d = x[0].length;
    int[] label = KMeans.cluster(x, k, settings.kMeansInits(), rng);
    double[][] mean = new double[k][d];
    double[][][] cov = new double[k][d][d];
    double[] logPi = new double[k];
    int[] count = new int[k];
    for (int t = 0; t < x.length; t++) {
      count[label[t]]++;
      for (int c = 0; c < d; c++) {
        mean[label[t]][c] += x[t][c];
      }
    }
    for (int s = 0; s < k; s++) {
      for (int c = 0; c < d; c++) {
        mean[s][c] /= count[s];
      }
    }
    for (int t = 0; t < x.length; t++) {
      int s = label[t];
      for (int a = 0; a < d; a++) {
        for (int b = 0; b < d; b++) {
          cov[s][a][b] += (x[t][a] - mean[s][a]) * (x[t][b] - mean[s][b]);
        }
      }
    }
    for (int s = 0; s < k; s++) {
      for (int a = 0; a < d; a++) {
        for (int b = 0; b < d; b++) {
          boolean keep = settings.emission() != Emission.MVN_DIAG || a == b;
          cov[s][a][b] = count[s] > d ? (keep ? cov[s][a][b] / (count[s] - 1) : 0) + (a == b ? START_RIDGE : 0)
              : a == b ? 1 : 0;
        }
      }
      logPi[s] = Math.log((double) count[s] / x.length + 1e-12);
    }
    double[][] logA = new double[k][k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        logA[i][j] = Math.log((i == j ? STAY : (1 - STAY) / (k - 1)) + 1e-12);
      }
    }
    double[] nu = null;
    if (settings.emission() == Emission.MVT_FULL) {
      nu = new double[k];
      Arrays.fill(nu, NU_START);
    }
    if (!settings.nonHomogeneous()) {
      return new Model(settings.emission(), logPi, logA, null, mean, cov, nu);
    }
    // The sticky matrix as softmax intercepts relative to column 0, slopes 0.
    int dc = covariate[0].length;
    double[][][] w = new double[k][k][dc];
    for (int i = 0; i < k; i++) {
      for (int j = 1; j < k; j++) {
        w[i][j][0] = logA[i][j] - logA[i][0];
      }
    }
    return new Model(settings.emission(), logPi, null, w, mean, cov, nu);
  }

  /**
   * Expectation–maximisation from {@code start} until the likelihood moves less than
   * {@code tolerance}: per iteration the E-step (which gives the likelihood), then π, the
   * transitions (closed form, or one weighted softmax regression per source state), then the
   * emissions. The returned model is post-M-step; the likelihood is the last E-step's (spec §4.3).
   */
  public static Fit em(double[][] x, double[][] covariate, Model start, int maxIterations, double tolerance) {
    Model m = start;
    int n = x.length;
    int k = m.states();
    double previous = Double.NEGATIVE_INFINITY;
    double ll = Double.NEGATIVE_INFINITY;
    int iterations = 0;
    boolean converged = false;
    double[][] gamma = new double[n][k];
    double[][][] xi = new double[n - 1][k][k];
    for (int it = 0; it < maxIterations; it++) {
      double[][] logB = logEmissions(m, x);
      double[][][] logA = logTransitions(m, covariate, n);
      double[][] alpha = forward(m.logPi(), logA, logB);
      double[][] beta = backward(logA, logB);
      ll = logSumExp(alpha[n - 1]);
      for (int t = 0; t < n; t++) {
        for (int s = 0; s < k; s++) {
          gamma[t][s] = Math.exp(alpha[t][s] + beta[t][s] - ll);
        }
      }
      for (int t = 0; t < n - 1; t++) {
        for (int i = 0; i < k; i++) {
          for (int j = 0; j < k; j++) {
            xi[t][i][j] = Math.exp(alpha[t][i] + logA[t + 1][i][j] + logB[t + 1][j] + beta[t + 1][j] - ll);
          }
        }
      }
      double[] logPi = new double[k];
      double[] first = new double[k];
      for (int s = 0; s < k; s++) {
        first[s] = alpha[0][s] + beta[0][s] - ll;
      }
      double firstSum = logSumExp(first);
      for (int s = 0; s < k; s++) {
        logPi[s] = first[s] - firstSum;
      }
      double[][] newLogA = null;
      double[][][] newWeights = null;
      if (m.nonHomogeneous()) {
        newWeights = new double[k][][];
        for (int i = 0; i < k; i++) {
          newWeights[i] = SoftmaxRegression.fit(xi, i, covariate, m.weights()[i]);
        }
      } else {
        newLogA = homogeneousStep(alpha, beta, logA, logB, ll);
      }
      double[][] mean = new double[k][];
      double[][][] cov = new double[k][][];
      double[] nu = m.nu() == null ? null : new double[k];
      for (int s = 0; s < k; s++) {
        if (nu == null) {
          gaussianStep(x, gamma, s, m.emission() == Emission.MVN_DIAG, mean, cov);
        } else {
          studentTStep(x, gamma, s, m, mean, cov, nu);
        }
      }
      m = new Model(m.emission(), logPi, newLogA, newWeights, mean, cov, nu);
      iterations = it + 1;
      if (Double.isFinite(ll) && Math.abs(ll - previous) < tolerance) {
        converged = true;
        break;
      }
      previous = ll;
    }
    return new Fit(m, ll, iterations, converged);
  }

  /** {@code log A(i, j) = logsumexp_t log ξ_t(i, j)}, normalised per source state (in log space, as the reference). */
  private static double[][] homogeneousStep(double[][] alpha, double[][] beta, double[][][] logA, double[][] logB,
      double ll) {
    int n = alpha.length;
    int k = alpha[0].length;
    double[][] out = new double[k][k];
    double[] terms = new double[n - 1];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        for (int t = 0; t < n - 1; t++) {
          terms[t] = alpha[t][i] + logA[t + 1][i][j] + logB[t + 1][j] + beta[t + 1][j] - ll;
        }
        out[i][j] = logSumExp(terms);
      }
      double row = logSumExp(out[i]);
      for (int j = 0; j < k; j++) {
        out[i][j] -= row;
      }
    }
    return out;
  }

  /** Weighted mean and covariance (+1e-4·I) of state s; off-diagonals zero for the diagonal family. */
  private static void gaussianStep(double[][] x, double[][] gamma, int s, boolean diagonal, double[][] mean,
      double[][][] cov) {
    int d = x[0].length;
    double w = 1e-12;
    double[] mu = new double[d];
    for (int t = 0; t < x.length; t++) {
      w += gamma[t][s];
      for (int c = 0; c < d; c++) {
        mu[c] += gamma[t][s] * x[t][c];
      }
    }
    for (int c = 0; c < d; c++) {
      mu[c] /= w;
    }
    mean[s] = mu;
    cov[s] = weightedScatter(x, gamma, s, null, mu, w, diagonal);
  }

  /**
   * {@code Σ_t γ_t·u_t·(x_t − μ)(x_t − μ)ᵀ / denominator + 1e-4·I} ({@code u} = 1 when null).
   */
  private static double[][] weightedScatter(double[][] x, double[][] gamma, int s, double[] u, double[] mu,
      double denominator, boolean diagonal) {
    int d = mu.length;
    double[][] out = new double[d][d];
    for (int t = 0; t < x.length; t++) {
      double g = gamma[t][s] * (u == null ? 1 : u[t]);
      for (int a = 0; a < d; a++) {
        double da = x[t][a] - mu[a];
        for (int b = diagonal ? a : 0; b <= a; b++) {
          out[a][b] += g * da * (x[t][b] - mu[b]);
        }
      }
    }
    for (int a = 0; a < d; a++) {
      for (int b = 0; b <= a; b++) {
        out[a][b] /= denominator;
        out[b][a] = out[a][b];
      }
      out[a][a] += COVARIANCE_RIDGE;
    }
    return out;
  }

  /**
   * One ECM step for a multivariate Student-t state (spec §4.4): weights
   * {@code u = (ν + D)/(ν + m)} from the previous (μ, Σ, ν); the weighted location and scale; ν solving
   * {@code ln(ν/2) − ψ(ν/2) + c = 0} on [2.05, 200] with
   * {@code c = 1 + Σγ(ln u − u)/Σγ + ψ((ν+D)/2) − ln((ν+D)/2)}.
   */
  private static void studentTStep(double[][] x, double[][] gamma, int s, Model previous, double[][] mean,
      double[][][] cov, double[] nu) {
    int d = x[0].length;
    double nu0 = previous.nu()[s];
    double[][] chol = cholesky(previous.covariance()[s]);
    double[] diff = new double[d];
    double[] z = new double[d];
    double[] u = new double[x.length];
    double g = 0;
    double gu = 0;
    double gLog = 0;
    double[] mu = new double[d];
    for (int t = 0; t < x.length; t++) {
      double maha = mahalanobis(chol, x[t], previous.mean()[s], diff, z);
      u[t] = (nu0 + d) / (nu0 + maha);
      g += gamma[t][s];
      gu += gamma[t][s] * u[t];
      gLog += gamma[t][s] * (Math.log(u[t]) - u[t]);
      for (int c = 0; c < d; c++) {
        mu[c] += gamma[t][s] * u[t] * x[t][c];
      }
    }
    for (int c = 0; c < d; c++) {
      mu[c] /= gu + 1e-12;
    }
    mean[s] = mu;
    cov[s] = weightedScatter(x, gamma, s, u, mu, g + 1e-12, false);
    double c = 1 + gLog / g + Gamma.digamma((nu0 + d) / 2) - Math.log((nu0 + d) / 2);
    nu[s] = solveNu(c, nu0);
  }

  /** The root of {@code ln(ν/2) − ψ(ν/2) + c} on [2.05, 200]; without a sign change the better endpoint. */
  static double solveNu(double c, double previous) {
    UnivariateFunction f = v -> Math.log(v / 2) - Gamma.digamma(v / 2) + c;
    double lo = f.value(NU_MIN);
    double hi = f.value(NU_MAX);
    if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
      return previous;
    }
    if (Math.signum(lo) == Math.signum(hi) && lo != 0) {
      return Math.abs(lo) <= Math.abs(hi) ? NU_MIN : NU_MAX;
    }
    try {
      return new BrentSolver(1e-12, 2e-12).solve(100, f, NU_MIN, NU_MAX);
    } catch (MathRuntimeException e) {
      return previous;
    }
  }

  //-------------------------------------------------------------------------

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  static double logSumExp(double[] v) {
    return UnivariateHmm.logSumExp(v);
  }

  /** Population standard deviation of each column. */
  static double[] populationStd(double[][] x) {
    int d = x[0].length;
    double[] mean = new double[d];
    for (double[] row : x) {
      for (int c = 0; c < d; c++) {
        mean[c] += row[c];
      }
    }
    double[] out = new double[d];
    for (int c = 0; c < d; c++) {
      mean[c] /= x.length;
    }
    for (double[] row : x) {
      for (int c = 0; c < d; c++) {
        out[c] += (row[c] - mean[c]) * (row[c] - mean[c]);
      }
    }
    for (int c = 0; c < d; c++) {
      out[c] = Math.sqrt(out[c] / x.length);
    }
    return out;
  }
}
