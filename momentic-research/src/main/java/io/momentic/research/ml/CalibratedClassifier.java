package io.momentic.research.ml;

import java.util.ArrayList;
import java.util.List;

/**
 * scikit-learn's {@code CalibratedClassifierCV(method="isotonic")} semantics: for each fold a base
 * model fitted on the fold's training rows and an isotonic calibrator fitted on its test rows'
 * scores (margin or probability, see {@link Classifier#score}) with their weights; a prediction is
 * the mean of the members' calibrated probabilities. The folds are the caller's: purged and
 * time-ordered by default in Momentic, stratified only when asked.
 */
public final class CalibratedClassifier implements Classifier {

  /** One fold's fitted base model and its calibrator. */
  public record Member(Classifier base, IsotonicRegression calibrator) {}

  private final List<Member> members;

  public CalibratedClassifier(List<Member> members) {
    if (members.isEmpty()) {
      throw new IllegalArgumentException("Expected at least one calibration fold, but found none");
    }
    this.members = List.copyOf(members);
  }

  public static CalibratedClassifier fit(Trainer trainer, double[][] x, int[] y, double[] w, List<Folds.Fold> folds) {
    List<Member> members = new ArrayList<>();
    for (Folds.Fold f : folds) {
      Classifier base = trainer.fit(Folds.rows(x, f.train()), Folds.pick(y, f.train()), Folds.pick(w, f.train()));
      double[] scores = new double[f.test().length];
      double[] labels = new double[f.test().length];
      for (int i = 0; i < scores.length; i++) {
        scores[i] = base.score(x[f.test()[i]]);
        labels[i] = y[f.test()[i]];
      }
      members.add(new Member(base, IsotonicRegression.fit(scores, labels, Folds.pick(w, f.test()))));
    }
    return new CalibratedClassifier(members);
  }

  /** The members' mean calibrated probability, from each member's base score of the row. */
  public static double combine(IsotonicRegression[] calibrators, double[] scores) {
    double sum = 0;
    for (int k = 0; k < calibrators.length; k++) {
      double p = calibrators[k].predict(scores[k]);
      sum += Math.min(1, Math.max(0, p));
    }
    return sum / calibrators.length;
  }

  @Override
  public double probability(double[] x) {
    IsotonicRegression[] cal = new IsotonicRegression[members.size()];
    double[] scores = new double[members.size()];
    for (int k = 0; k < cal.length; k++) {
      cal[k] = members.get(k).calibrator();
      scores[k] = members.get(k).base().score(x);
    }
    return combine(cal, scores);
  }

  @Override
  public double score(double[] x) {
    return probability(x);
  }

  public List<Member> members() {
    return members;
  }
}
