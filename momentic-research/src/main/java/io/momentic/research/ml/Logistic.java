package io.momentic.research.ml;

/**
 * Reference 001's small-sample model: scikit-learn's {@code Pipeline(StandardScaler,
 * LogisticRegression(C=1, class_weight="balanced"))}, the scaler unweighted, the row weights and
 * class weights multiplied into the logistic objective.
 */
public final class Logistic implements Classifier.Trainer {

  public static final double C = 1.0;

  @Override
  public Classifier fit(double[][] x, int[] y, double[] w) {
    StandardScaler scaler = StandardScaler.fit(x);
    double[][] z = scaler.transform(x);
    double[] cw = LogisticRegression.balancedClassWeights(y);
    double[] rowWeights = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      rowWeights[i] = (w == null ? 1 : w[i]) * cw[y[i]];
    }
    LogisticRegression.Model m = LogisticRegression.fit(z, y, rowWeights, C);
    return new Classifier() {
      @Override
      public double score(double[] row) {
        return m.decision(scaler.transform(row));
      }

      @Override
      public double probability(double[] row) {
        return m.probability(scaler.transform(row));
      }
    };
  }

  @Override
  public String describe() {
    return "logistic regression (standardised, C = 1, balanced class weights by class counts as scikit-learn 1.2)";
  }
}
