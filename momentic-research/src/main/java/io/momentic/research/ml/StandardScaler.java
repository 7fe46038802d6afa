package io.momentic.research.ml;

/**
 * Column standardisation as scikit-learn's {@code StandardScaler}: the mean and the population
 * standard deviation (ddof 0) of each column, a column without variance scaled by 1.
 */
public final class StandardScaler {

  private final double[] mean;
  private final double[] scale;

  private StandardScaler(double[] mean, double[] scale) {
    this.mean = mean;
    this.scale = scale;
  }

  /** Fits on the rows of {@code x} (rows × columns). */
  public static StandardScaler fit(double[][] x) {
    int p = x[0].length;
    double[] mean = new double[p];
    double[] scale = new double[p];
    int n = x.length;
    for (int j = 0; j < p; j++) {
      // Welford's update: the same mean and variance as numpy's two-pass formulas to the last bits
      // for the sizes used here, without cancellation.
      double m = 0;
      double s = 0;
      for (int i = 0; i < n; i++) {
        double d = x[i][j] - m;
        m += d / (i + 1);
        s += d * (x[i][j] - m);
      }
      mean[j] = m;
      double sd = Math.sqrt(s / n);
      scale[j] = sd == 0 || !Double.isFinite(sd) ? 1 : sd;
    }
    return new StandardScaler(mean, scale);
  }

  public double[][] transform(double[][] x) {
    double[][] out = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      out[i] = transform(x[i]);
    }
    return out;
  }

  public double[] transform(double[] row) {
    double[] r = new double[row.length];
    for (int j = 0; j < row.length; j++) {
      r[j] = (row[j] - mean[j]) / scale[j];
    }
    return r;
  }

  public double[] mean() {
    return mean.clone();
  }

  public double[] scale() {
    return scale.clone();
  }
}
