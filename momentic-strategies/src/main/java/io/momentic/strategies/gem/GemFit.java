package io.momentic.strategies.gem;

import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.RealVector;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresBuilder;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LevenbergMarquardtOptimizer;
import org.hipparchus.util.Pair;

/**
 * The per-token trend fit of the GEM bear specialist (spec §1.2), on one token's window of
 * candles {@code [from, to)}.
 *
 * <p>Exponential: {@code y = a0·a1^x} with {@code x = 0..n−1}, seeded by log-linear OLS and
 * refined in price space by Levenberg–Marquardt the way SciPy's {@code curve_fit(method="lm")}
 * does it — MINPACK's algorithm (Hipparchus's port), a forward-difference Jacobian with step
 * {@code √ε·|p|}, relative tolerances 1.49012e-8 on cost and parameters, no gradient test, at most
 * 5000 evaluations; on failure the seed is kept. Linear (the notebook's variant): OLS in price
 * space, slope normalised by the mean close.
 */
public final class GemFit {

  /** MINPACK's ftol = xtol default in SciPy. */
  static final double TOLERANCE = 1.49012e-8;
  static final int MAX_EVALUATIONS = 5000;
  private static final double STEP = Math.sqrt(Math.ulp(1.0));

  /** A fitted token (spec's {@code Position} before weighting). */
  public record Position(int token, double momentum, double r2, double a1, double atr) {}

  /** Which trend model to fit. */
  public enum Model {
    EXPONENTIAL, LINEAR;

    public static Model parse(String text) {
      return switch (text.strip().toLowerCase(java.util.Locale.ROOT)) {
        case "exponential", "exp" -> EXPONENTIAL;
        case "linear", "lin" -> LINEAR;
        default -> throw new io.momentic.core.ConfigException("fit", "expected exponential or linear, found '" + text + "'");
      };
    }
  }

  private GemFit() {}

  /** Fits {@code model}; null when the window cannot be fitted (fewer than 2 candles, a close ≤ 0). */
  public static Position fit(Model model, int token, double[] high, double[] low, double[] close, int from, int to,
      int atrWindow, double r2Exponent) {
    return model == Model.EXPONENTIAL ? exponential(token, high, low, close, from, to, atrWindow, r2Exponent)
        : linear(token, high, low, close, from, to, atrWindow, r2Exponent);
  }

  public static Position exponential(int token, double[] high, double[] low, double[] close, int from, int to,
      int atrWindow, double r2Exponent) {
    int n = to - from;
    if (n < 2) {
      return null;
    }
    double[] y = new double[n];
    double[] logY = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = close[from + i];
      if (!(y[i] > 0)) {
        return null;
      }
      logY[i] = Math.log(y[i]);
    }
    double[] ols = ols(logY);
    double[] start = {Math.exp(ols[0]), Math.exp(ols[1])};
    if (!Double.isFinite(start[0]) || !Double.isFinite(start[1])) {
      return null;
    }
    double[] p = refine(y, start);
    double a0 = p[0];
    double a1 = p[1];
    double mean = mean(y);
    double ssRes = 0;
    double ssTot = 0;
    for (int i = 0; i < n; i++) {
      double r = y[i] - a0 * Math.pow(a1, i);
      ssRes += r * r;
      double d = y[i] - mean;
      ssTot += d * d;
    }
    double r2 = ssTot < 1e-12 ? 0 : 1 - ssRes / ssTot;
    double momentum = Math.pow(r2, r2Exponent) * (a1 - 1) * 100;
    return new Position(token, momentum, r2, a1, atr(high, low, close, from, to, atrWindow, mean));
  }

  public static Position linear(int token, double[] high, double[] low, double[] close, int from, int to,
      int atrWindow, double r2Exponent) {
    int n = to - from;
    if (n < 2) {
      return null;
    }
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = close[from + i];
      if (!(y[i] > 0)) {
        return null;
      }
    }
    double[] b = ols(y);
    double mean = mean(y);
    double ssRes = 0;
    double ssTot = 0;
    for (int i = 0; i < n; i++) {
      double r = y[i] - (b[0] + b[1] * i);
      ssRes += r * r;
      double d = y[i] - mean;
      ssTot += d * d;
    }
    double r2 = ssTot < 1e-12 ? 0 : 1 - ssRes / ssTot;
    double slope = b[1] / mean;
    double momentum = Math.pow(r2, r2Exponent) * slope * 100;
    return new Position(token, momentum, r2, 1 + slope, atr(high, low, close, from, to, atrWindow, mean));
  }

  /** Intercept and slope of y on x = 0..n−1. */
  static double[] ols(double[] y) {
    int n = y.length;
    double mx = (n - 1) / 2.0;
    double my = mean(y);
    double sxy = 0;
    double sxx = 0;
    for (int i = 0; i < n; i++) {
      sxy += (i - mx) * (y[i] - my);
      sxx += (i - mx) * (i - mx);
    }
    double slope = sxy / sxx;
    return new double[] {my - slope * mx, slope};
  }

  /** Price-space least squares from {@code start}; the start itself when the optimiser fails. */
  static double[] refine(double[] y, double[] start) {
    int n = y.length;
    try {
      LeastSquaresOptimizer.Optimum optimum = new LevenbergMarquardtOptimizer()
          .withCostRelativeTolerance(TOLERANCE)
          .withParameterRelativeTolerance(TOLERANCE)
          .withOrthoTolerance(0)
          .optimize(new LeastSquaresBuilder()
              .start(start)
              .target(y)
              .maxEvaluations(MAX_EVALUATIONS)
              .maxIterations(MAX_EVALUATIONS)
              .lazyEvaluation(false)
              .model(point -> valueAndForwardJacobian(point, n))
              .build());
      double[] p = optimum.getPoint().toArray();
      return Double.isFinite(p[0]) && Double.isFinite(p[1]) ? p : start;
    } catch (RuntimeException e) {
      return start; // e.g. the evaluation budget ran out: the reference keeps the log-linear guess
    }
  }

  private static Pair<RealVector, org.hipparchus.linear.RealMatrix> valueAndForwardJacobian(RealVector point, int n) {
    double[] p = point.toArray();
    double[] f = model(p, n);
    double[][] jacobian = new double[n][2];
    for (int j = 0; j < 2; j++) {
      // MINPACK fdjac2: h = √ε·|p_j| (√ε when p_j = 0), forward difference.
      double h = STEP * Math.abs(p[j]);
      if (h == 0) {
        h = STEP;
      }
      double[] shifted = p.clone();
      shifted[j] = p[j] + h;
      double[] g = model(shifted, n);
      for (int i = 0; i < n; i++) {
        jacobian[i][j] = (g[i] - f[i]) / h;
      }
    }
    return new Pair<>(new ArrayRealVector(f, false), new Array2DRowRealMatrix(jacobian, false));
  }

  private static double[] model(double[] p, int n) {
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = p[0] * Math.pow(p[1], i);
    }
    return out;
  }

  /**
   * ATR over the last {@code min(n, atrWindow)} candles (true ranges against the previous candle
   * inside that slice), divided by the mean close of the whole window; 0 when undefined.
   */
  static double atr(double[] high, double[] low, double[] close, int from, int to, int atrWindow, double meanClose) {
    int n = to - from;
    int l = Math.min(n, atrWindow);
    if (l <= 1 || meanClose <= 0) {
      return 0;
    }
    double sum = 0;
    for (int i = to - l + 1; i < to; i++) {
      double prev = close[i - 1];
      sum += Math.max(high[i] - low[i], Math.max(Math.abs(high[i] - prev), Math.abs(low[i] - prev)));
    }
    return sum / (l - 1) / meanClose;
  }

  private static double mean(double[] y) {
    double s = 0;
    for (double v : y) {
      s += v;
    }
    return s / y.length;
  }
}
