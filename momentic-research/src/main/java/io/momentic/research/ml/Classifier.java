package io.momentic.research.ml;

/** A fitted binary classifier. */
public interface Classifier {

  /**
   * What a calibrator is fed: the margin (decision function) for logistic regression and boosting,
   * the probability for a forest — as scikit-learn's calibration wrapper does.
   */
  double score(double[] x);

  /** The probability of class 1. */
  double probability(double[] x);

  /** Fits a classifier of one kind. */
  interface Trainer {

    /** Fits on rows {@code x}, labels {@code y} (0/1) and row weights {@code w} (null: unweighted). */
    Classifier fit(double[][] x, int[] y, double[] w);

    /** e.g. {@code logistic regression (standardised, balanced classes, C = 1)}. */
    String describe();
  }
}
