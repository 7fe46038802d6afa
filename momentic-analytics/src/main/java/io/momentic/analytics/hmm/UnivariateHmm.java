package io.momentic.analytics.hmm;

import io.momentic.core.Checks;
import java.util.Arrays;
import org.hipparchus.analysis.UnivariateFunction;
import org.hipparchus.analysis.solvers.BrentSolver;
import org.hipparchus.exception.MathRuntimeException;
import org.hipparchus.special.Gamma;
import java.util.SplittableRandom;

/**
 * A hidden Markov model with univariate Gaussian or Student-t emissions, entirely in log space
 * (reference {@code 004}, spec §4.3–4.6): forward–backward, Baum–Welch (ECME for Student-t),
 * Viterbi, filtered (causal) and smoothed posteriors, BIC. States are numbered by ascending mean,
 * so state 0 is the most negative (on a drawdown series: bear) and K−1 the highest (bull).
 *
 * <p>Fitting: seeded 1-D k-means for the start (cluster means, population std + 1e-6, shares,
 * ν = 8 for Student-t), a sticky transition matrix (0.95 on the diagonal), restarts whose means
 * are jittered by N(0, (0.15·std x)²) (restart 0 is not), and the best final likelihood wins.
 */
public final class UnivariateHmm {

  /** Sticky initial transition: probability of staying. */
  static final double STAY = 0.95;
  /** Student-t: starting degrees of freedom, and the interval the ν update searches (spec §4.4). */
  static final double NU_START = 8;
  static final double NU_MIN = 3;
  static final double NU_MAX = 30;

  /** Emission family. */
  public enum Family {
    GAUSSIAN("gaussian"),
    STUDENT_T("student_t");

    private final String code;

    Family(String code) {
      this.code = code;
    }

    /** The name used on the command line and in feed.json. */
    public String code() {
      return code;
    }

    public static Family parse(String text) {
      for (Family f : values()) {
        if (f.code.equals(text) || f.name().equalsIgnoreCase(text)) {
          return f;
        }
      }
      throw new IllegalArgumentException("Expected an emission family gaussian or student_t, but found '" + text + "'");
    }
  }

  /**
   * A model: initial and transition log-probabilities and per-state emission parameters (location,
   * scale and, for Student-t, degrees of freedom {@code nu}; {@code nu} is null for Gaussian),
   * states in ascending order of mean.
   */
  public record Model(double[] logPi, double[][] logA, double[] mean, double[] sigma, double[] nu) {

    /** A Gaussian model. */
    public Model(double[] logPi, double[][] logA, double[] mean, double[] sigma) {
      this(logPi, logA, mean, sigma, null);
    }

    public int states() {
      return mean.length;
    }

    public Family family() {
      return nu == null ? Family.GAUSSIAN : Family.STUDENT_T;
    }

    /** Free parameters: (K−1) initial + K(K−1) transition + 2K emission (+ K degrees of freedom for Student-t). */
    public int parameterCount() {
      int k = states();
      return (k - 1) + k * (k - 1) + (nu == null ? 2 : 3) * k;
    }

    Model withEmissions(double[] newMean, double[] newSigma, double[] newNu) {
      return new Model(logPi, logA, newMean, newSigma, newNu);
    }
  }

  /** A fit: the model, its log-likelihood, Baum–Welch iterations, whether it converged, its BIC. */
  public record Fit(Model model, double logLikelihood, int iterations, boolean converged, double bic) {}

  /** How to fit. */
  public record Settings(Family family, int states, int restarts, int maxIterations, double tolerance, long seed) {

    /** The notebooks' settings: 5 restarts (8 for K ≥ 4), 1000 iterations, tolerance 1e-5, seed 20260603. */
    public static Settings notebook(int states) {
      return notebook(Family.GAUSSIAN, states);
    }

    public static Settings notebook(Family family, int states) {
      return new Settings(family, states, states >= 4 ? 8 : 5, 1000, 1e-5, 20_260_603L);
    }

    /** The same settings with another number of restarts, iterations and tolerance. */
    public Settings with(int newRestarts, int newMaxIterations, double newTolerance) {
      return new Settings(family, states, newRestarts, newMaxIterations, newTolerance, seed);
    }

    public Settings {
      Checks.notNull(family, "family");
      if (states < 1) {
        throw new IllegalArgumentException("Expected at least 1 state, but found " + states);
      }
      Checks.positive(restarts, "restarts");
      Checks.positive(maxIterations, "maxIterations");
    }
  }

  private UnivariateHmm() {}

  //-------------------------------------------------------------------------
  // Inference

  /** {@code log B_t(k)}. */
  public static double[][] logEmissions(Model m, double[] x) {
    int k = m.states();
    double[][] b = new double[x.length][k];
    double[] constant = new double[k];
    for (int s = 0; s < k; s++) {
      constant[s] = m.nu() == null ? -Math.log(m.sigma()[s]) - 0.5 * Math.log(2 * Math.PI)
          : studentTConstant(m.nu()[s], m.sigma()[s]);
    }
    for (int t = 0; t < x.length; t++) {
      for (int s = 0; s < k; s++) {
        double z = (x[t] - m.mean()[s]) / m.sigma()[s];
        b[t][s] = m.nu() == null ? constant[s] - 0.5 * z * z
            : constant[s] - 0.5 * (m.nu()[s] + 1) * Math.log1p(z * z / m.nu()[s]);
      }
    }
    return b;
  }

  /** {@code lnΓ((ν+1)/2) − lnΓ(ν/2) − ½ ln(νπ) − ln σ}: the part of the Student-t log density free of x. */
  private static double studentTConstant(double nu, double sigma) {
    return Gamma.logGamma((nu + 1) / 2) - Gamma.logGamma(nu / 2) - 0.5 * Math.log(nu * Math.PI) - Math.log(sigma);
  }

  /** Forward log-messages {@code α_t(k)}. */
  public static double[][] forward(Model m, double[][] logB) {
    int n = logB.length;
    int k = m.states();
    double[][] alpha = new double[n][k];
    double[] terms = new double[k];
    for (int s = 0; s < k; s++) {
      alpha[0][s] = m.logPi()[s] + logB[0][s];
    }
    for (int t = 1; t < n; t++) {
      for (int j = 0; j < k; j++) {
        for (int i = 0; i < k; i++) {
          terms[i] = alpha[t - 1][i] + m.logA()[i][j];
        }
        alpha[t][j] = logSumExp(terms) + logB[t][j];
      }
    }
    return alpha;
  }

  /** Backward log-messages {@code β_t(k)}. */
  public static double[][] backward(Model m, double[][] logB) {
    int n = logB.length;
    int k = m.states();
    double[][] beta = new double[n][k];
    double[] terms = new double[k];
    for (int t = n - 2; t >= 0; t--) {
      for (int i = 0; i < k; i++) {
        for (int j = 0; j < k; j++) {
          terms[j] = m.logA()[i][j] + logB[t + 1][j] + beta[t + 1][j];
        }
        beta[t][i] = logSumExp(terms);
      }
    }
    return beta;
  }

  public static double logLikelihood(Model m, double[] x) {
    double[][] alpha = forward(m, logEmissions(m, x));
    return logSumExp(alpha[alpha.length - 1]);
  }

  /**
   * Filtered posteriors {@code P(state_t | x_0..x_t)}: α normalised per bar. Causal — the value at
   * t does not change when later observations arrive — so these are what a trading gate may use.
   */
  public static double[][] filtered(Model m, double[] x) {
    double[][] alpha = forward(m, logEmissions(m, x));
    return normalised(alpha);
  }

  /** Smoothed posteriors {@code P(state_t | all x)} (forward–backward; uses the future — for study only). */
  public static double[][] smoothed(Model m, double[] x) {
    double[][] logB = logEmissions(m, x);
    double[][] alpha = forward(m, logB);
    double[][] beta = backward(m, logB);
    double[][] sum = new double[x.length][m.states()];
    for (int t = 0; t < x.length; t++) {
      for (int s = 0; s < m.states(); s++) {
        sum[t][s] = alpha[t][s] + beta[t][s];
      }
    }
    return normalised(sum);
  }

  /** The most likely state path (ties → lowest state). */
  public static int[] viterbi(Model m, double[] x) {
    double[][] logB = logEmissions(m, x);
    int n = x.length;
    int k = m.states();
    double[][] delta = new double[n][k];
    int[][] back = new int[n][k];
    for (int s = 0; s < k; s++) {
      delta[0][s] = m.logPi()[s] + logB[0][s];
    }
    for (int t = 1; t < n; t++) {
      for (int j = 0; j < k; j++) {
        int best = 0;
        double bestValue = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < k; i++) {
          double v = delta[t - 1][i] + m.logA()[i][j];
          if (v > bestValue) {
            bestValue = v;
            best = i;
          }
        }
        delta[t][j] = bestValue + logB[t][j];
        back[t][j] = best;
      }
    }
    int[] path = new int[n];
    path[n - 1] = argMax(delta[n - 1]);
    for (int t = n - 1; t > 0; t--) {
      path[t - 1] = back[t][path[t]];
    }
    return path;
  }

  //-------------------------------------------------------------------------
  // Fitting

  /** Baum–Welch with seeded k-means starts and restarts; the best final likelihood wins. */
  public static Fit fit(double[] x, Settings settings) {
    if (x.length < 2 * settings.states()) {
      throw new IllegalArgumentException("Expected at least " + 2 * settings.states() + " observations for "
          + settings.states() + " states, but found " + x.length);
    }
    SplittableRandom master = new SplittableRandom(settings.seed());
    double std = Math.sqrt(variance(x));
    Fit best = null;
    for (int r = 0; r < settings.restarts(); r++) {
      SplittableRandom child = new SplittableRandom(master.nextInt(Integer.MAX_VALUE));
      Model start = kMeansStart(x, settings.states(), child);
      if (r > 0) {
        double[] mean = start.mean().clone();
        for (int s = 0; s < mean.length; s++) {
          mean[s] += 0.15 * std * gaussian(child);
        }
        start = start.withEmissions(mean, start.sigma(), null);
      }
      if (settings.family() == Family.STUDENT_T) {
        double[] nu = new double[settings.states()];
        Arrays.fill(nu, NU_START);
        start = start.withEmissions(start.mean(), start.sigma(), nu);
      }
      Fit f = baumWelch(x, start, settings.maxIterations(), settings.tolerance());
      if (Double.isFinite(f.logLikelihood()) && (best == null || f.logLikelihood() > best.logLikelihood())) {
        best = f;
      }
    }
    if (best == null) {
      throw new IllegalStateException("Expected a finite likelihood from some restart, but every restart failed");
    }
    return best;
  }

  /** Baum–Welch from {@code start} until the likelihood moves less than {@code tolerance}. */
  public static Fit baumWelch(double[] x, Model start, int maxIterations, double tolerance) {
    Model m = start;
    int n = x.length;
    int k = m.states();
    double previous = Double.NEGATIVE_INFINITY;
    double ll = Double.NEGATIVE_INFINITY;
    int iterations = 0;
    boolean converged = false;
    for (int it = 0; it < maxIterations; it++) {
      double[][] logB = logEmissions(m, x);
      double[][] alpha = forward(m, logB);
      double[][] beta = backward(m, logB);
      ll = logSumExp(alpha[n - 1]);
      double[][] gamma = new double[n][k];
      for (int t = 0; t < n; t++) {
        for (int s = 0; s < k; s++) {
          gamma[t][s] = Math.exp(alpha[t][s] + beta[t][s] - ll);
        }
      }
      // Transitions: log Σ_t ξ_t(i, j), normalised per source state.
      double[][] logA = new double[k][k];
      double[] terms = new double[n - 1];
      for (int i = 0; i < k; i++) {
        for (int j = 0; j < k; j++) {
          for (int t = 0; t < n - 1; t++) {
            terms[t] = alpha[t][i] + m.logA()[i][j] + logB[t + 1][j] + beta[t + 1][j] - ll;
          }
          logA[i][j] = logSumExp(terms);
        }
        double row = logSumExp(logA[i]);
        for (int j = 0; j < k; j++) {
          logA[i][j] -= row;
        }
      }
      double[] logPi = new double[k];
      double piSum = logSumExp(alphaPlusBeta(alpha[0], beta[0], ll));
      for (int s = 0; s < k; s++) {
        logPi[s] = alpha[0][s] + beta[0][s] - ll - piSum;
      }
      double[] mean = new double[k];
      double[] sigma = new double[k];
      double[] nu = m.nu() == null ? null : new double[k];
      for (int s = 0; s < k; s++) {
        if (nu == null) {
          gaussianStep(x, gamma, s, mean, sigma);
        } else {
          studentTStep(x, gamma, s, m, mean, sigma, nu);
        }
      }
      m = new Model(logPi, logA, mean, sigma, nu);
      iterations = it + 1;
      if (Math.abs(ll - previous) < tolerance) {
        converged = true;
        break;
      }
      previous = ll;
    }
    Model sorted = sortByMean(m);
    double bic = sorted.parameterCount() * Math.log(n) - 2 * ll;
    return new Fit(sorted, ll, iterations, converged, bic);
  }

  /** Weighted mean and population std (+1e-6 after the root) of state s. */
  private static void gaussianStep(double[] x, double[][] gamma, int s, double[] mean, double[] sigma) {
    double w = 0;
    double wx = 0;
    for (int t = 0; t < x.length; t++) {
      w += gamma[t][s];
      wx += gamma[t][s] * x[t];
    }
    mean[s] = wx / w;
    double ss = 0;
    for (int t = 0; t < x.length; t++) {
      double d = x[t] - mean[s];
      ss += gamma[t][s] * d * d;
    }
    sigma[s] = Math.sqrt(ss / w) + 1e-6;
  }

  /**
   * One ECME step for a Student-t state (Liu–Rubin; spec §4.4): weights {@code w = (ν+1)/(ν+z²)}
   * from the previous μ, σ; the weighted location and scale; weights again with the new μ, σ and
   * the previous ν; then ν solves {@code ln(ν/2) − ψ(ν/2) + 1 + c = 0} on [3, 30].
   */
  private static void studentTStep(double[] x, double[][] gamma, int s, Model previous, double[] mean,
      double[] sigma, double[] nu) {
    double mu0 = previous.mean()[s];
    double sigma0 = previous.sigma()[s];
    double nu0 = previous.nu()[s];
    double g = 0;
    double gw = 0;
    double gwx = 0;
    for (int t = 0; t < x.length; t++) {
      double z = (x[t] - mu0) / sigma0;
      double w = (nu0 + 1) / (nu0 + z * z);
      g += gamma[t][s];
      gw += gamma[t][s] * w;
      gwx += gamma[t][s] * w * x[t];
    }
    double mu = gwx / gw;
    double ss = 0;
    for (int t = 0; t < x.length; t++) {
      double z = (x[t] - mu0) / sigma0;
      double w = (nu0 + 1) / (nu0 + z * z);
      ss += gamma[t][s] * w * (x[t] - mu) * (x[t] - mu);
    }
    double sd = Math.sqrt(ss / g) + 1e-6;
    double sum = 0;
    for (int t = 0; t < x.length; t++) {
      double z = (x[t] - mu) / sd;
      double w = (nu0 + 1) / (nu0 + z * z);
      sum += gamma[t][s] * (Math.log(w) - w);
    }
    double c = sum / g + Gamma.digamma((nu0 + 1) / 2) - Math.log((nu0 + 1) / 2);
    mean[s] = mu;
    sigma[s] = sd;
    nu[s] = solveNu(c, nu0);
  }

  /**
   * The root of {@code f(ν) = ln(ν/2) − ψ(ν/2) + 1 + c} on [3, 30] (Brent, absolute accuracy 1e-3);
   * without a sign change, the endpoint with the smaller |f|; on a numerical failure, {@code previous}.
   */
  static double solveNu(double c, double previous) {
    UnivariateFunction f = v -> Math.log(v / 2) - Gamma.digamma(v / 2) + 1 + c;
    double lo = f.value(NU_MIN);
    double hi = f.value(NU_MAX);
    if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
      return previous;
    }
    if (Math.signum(lo) == Math.signum(hi) && lo != 0) {
      return Math.abs(lo) <= Math.abs(hi) ? NU_MIN : NU_MAX;
    }
    try {
      return new BrentSolver(1e-3).solve(100, f, NU_MIN, NU_MAX);
    } catch (MathRuntimeException e) {
      return previous;
    }
  }

  private static double[] alphaPlusBeta(double[] alpha, double[] beta, double ll) {
    double[] out = new double[alpha.length];
    for (int s = 0; s < out.length; s++) {
      out[s] = alpha[s] + beta[s] - ll;
    }
    return out;
  }

  /** Renumbers states by ascending mean (bear first). */
  static Model sortByMean(Model m) {
    int k = m.states();
    Integer[] order = new Integer[k];
    for (int s = 0; s < k; s++) {
      order[s] = s;
    }
    Arrays.sort(order, (a, b) -> Double.compare(m.mean()[a], m.mean()[b]));
    double[] logPi = new double[k];
    double[][] logA = new double[k][k];
    double[] mean = new double[k];
    double[] sigma = new double[k];
    double[] nu = m.nu() == null ? null : new double[k];
    for (int a = 0; a < k; a++) {
      logPi[a] = m.logPi()[order[a]];
      mean[a] = m.mean()[order[a]];
      sigma[a] = m.sigma()[order[a]];
      if (nu != null) {
        nu[a] = m.nu()[order[a]];
      }
      for (int b = 0; b < k; b++) {
        logA[a][b] = m.logA()[order[a]][order[b]];
      }
    }
    return new Model(logPi, logA, mean, sigma, nu);
  }

  /** 1-D k-means (k-means++ seeding, Lloyd iterations): means, population std + 1e-6, shares; sticky A. */
  static Model kMeansStart(double[] x, int k, SplittableRandom rng) {
    double[] centers = new double[k];
    centers[0] = x[rng.nextInt(x.length)];
    double[] d2 = new double[x.length];
    for (int c = 1; c < k; c++) {
      double total = 0;
      for (int t = 0; t < x.length; t++) {
        double best = Double.POSITIVE_INFINITY;
        for (int j = 0; j < c; j++) {
          best = Math.min(best, (x[t] - centers[j]) * (x[t] - centers[j]));
        }
        d2[t] = best;
        total += best;
      }
      double u = rng.nextDouble() * total;
      int pick = x.length - 1;
      for (int t = 0; t < x.length; t++) {
        u -= d2[t];
        if (u <= 0) {
          pick = t;
          break;
        }
      }
      centers[c] = x[pick];
    }
    int[] label = new int[x.length];
    for (int iter = 0; iter < 300; iter++) {
      boolean moved = false;
      for (int t = 0; t < x.length; t++) {
        int best = 0;
        for (int j = 1; j < k; j++) {
          if (Math.abs(x[t] - centers[j]) < Math.abs(x[t] - centers[best])) {
            best = j;
          }
        }
        moved |= label[t] != best;
        label[t] = best;
      }
      double[] sum = new double[k];
      int[] count = new int[k];
      for (int t = 0; t < x.length; t++) {
        sum[label[t]] += x[t];
        count[label[t]]++;
      }
      for (int j = 0; j < k; j++) {
        if (count[j] > 0) {
          centers[j] = sum[j] / count[j];
        }
      }
      if (!moved && iter > 0) {
        break;
      }
    }
    double[] sigma = new double[k];
    double[] share = new double[k];
    int[] count = new int[k];
    for (int t = 0; t < x.length; t++) {
      double d = x[t] - centers[label[t]];
      sigma[label[t]] += d * d;
      count[label[t]]++;
    }
    double overall = Math.sqrt(variance(x));
    double[] logPi = new double[k];
    double[][] logA = new double[k][k];
    for (int j = 0; j < k; j++) {
      sigma[j] = count[j] > 0 ? Math.sqrt(sigma[j] / count[j]) + 1e-6 : overall + 1e-6;
      share[j] = (double) count[j] / x.length;
      logPi[j] = Math.log(share[j] + 1e-12);
      for (int i = 0; i < k; i++) {
        double a = k == 1 ? 1 : i == j ? STAY : (1 - STAY) / (k - 1);
        logA[i][j] = Math.log(a + 1e-12);
      }
    }
    return new Model(logPi, logA, centers, sigma);
  }

  //-------------------------------------------------------------------------

  static double logSumExp(double[] v) {
    double max = Double.NEGATIVE_INFINITY;
    for (double x : v) {
      max = Math.max(max, x);
    }
    if (max == Double.NEGATIVE_INFINITY) {
      return max;
    }
    double s = 0;
    for (double x : v) {
      s += Math.exp(x - max);
    }
    return max + Math.log(s);
  }

  private static double[][] normalised(double[][] logValues) {
    double[][] out = new double[logValues.length][];
    for (int t = 0; t < logValues.length; t++) {
      double z = logSumExp(logValues[t]);
      out[t] = new double[logValues[t].length];
      for (int s = 0; s < out[t].length; s++) {
        out[t][s] = Math.exp(logValues[t][s] - z);
      }
    }
    return out;
  }

  /** Index of the largest value; ties go to the lowest index (Viterbi, and the regime score's argmax). */
  public static int argMax(double[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] > v[best]) {
        best = i;
      }
    }
    return best;
  }

  /** Population variance (ddof = 0), as the reference's restart jitter uses it. */
  private static double variance(double[] x) {
    double sd = io.momentic.analytics.ReturnMetrics.std(x);
    return sd * sd * (x.length - 1) / x.length;
  }

  /** Standard normal draw (Box–Muller) from a seeded generator. */
  static double gaussian(SplittableRandom rng) {
    double u = 1 - rng.nextDouble();
    double v = rng.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Simulates T observations and their states from a model (for parameter-recovery tests and demos). */
  public static double[][] simulate(Model m, int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] x = new double[n];
    double[] states = new double[n];
    int s = draw(m.logPi(), rng);
    for (int t = 0; t < n; t++) {
      if (t > 0) {
        s = draw(m.logA()[s], rng);
      }
      states[t] = s;
      double draw = gaussian(rng);
      if (m.nu() != null) {
        // t(ν) = Z / sqrt(χ²(ν)/ν), with χ²(ν) = 2·Gamma(ν/2).
        draw /= Math.sqrt(2 * gammaDraw(m.nu()[s] / 2, rng) / m.nu()[s]);
      }
      x[t] = m.mean()[s] + m.sigma()[s] * draw;
    }
    return new double[][] {x, states};
  }

  /** A Gamma(shape, 1) draw (Marsaglia–Tsang; shape below 1 boosted by U^(1/shape)). */
  static double gammaDraw(double shape, SplittableRandom rng) {
    if (shape < 1) {
      return gammaDraw(shape + 1, rng) * Math.pow(1 - rng.nextDouble(), 1 / shape);
    }
    double d = shape - 1.0 / 3;
    double c = 1 / Math.sqrt(9 * d);
    while (true) {
      double z = gaussian(rng);
      double v = 1 + c * z;
      if (v <= 0) {
        continue;
      }
      v = v * v * v;
      double u = 1 - rng.nextDouble();
      if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) {
        return d * v;
      }
    }
  }

  /** A state drawn from log-probabilities. */
  static int draw(double[] logP, SplittableRandom rng) {
    double u = rng.nextDouble();
    for (int i = 0; i < logP.length; i++) {
      u -= Math.exp(logP[i]);
      if (u <= 0) {
        return i;
      }
    }
    return logP.length - 1;
  }
}
