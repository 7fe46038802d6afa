package io.momentic.research.ml;

import java.util.HashMap;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Reference 001's larger-sample models, on XGBoost (DESIGN §7: 3.0.4, one thread, seeded, so the
 * same data give the same trees bit for bit): gradient boosting (150 trees, depth 3, learning rate
 * 0.05, subsample 0.8) and a random forest (150 trees in one round, depth 5, each on a 63.2 %
 * subsample — a bootstrap's share of distinct rows — with √p features per split and a minimum leaf
 * hessian matching 5 rows at p = ½). Boosting's calibrator is fed its margin, the forest's its
 * probability, as scikit-learn's wrapper feeds them.
 */
public final class Ensembles {

  private Ensembles() {}

  /** Gradient boosting. */
  public static Classifier.Trainer boosting(long seed) {
    Map<String, Object> p = common(seed);
    p.put("max_depth", 3);
    p.put("eta", 0.05);
    p.put("subsample", 0.8);
    return trainer(p, 150, true, "gradient boosting (XGBoost 3.0.4: 150 trees, depth 3, learning rate 0.05, "
        + "subsample 0.8, seed " + seed + ")");
  }

  /** A random forest. */
  public static Classifier.Trainer forest(long seed) {
    Map<String, Object> p = common(seed);
    p.put("num_parallel_tree", 150);
    p.put("eta", 1.0);
    p.put("max_depth", 5);
    p.put("subsample", 0.632);
    p.put("min_child_weight", 5 * 0.25);
    p.put("lambda", 0.0);
    p.put("tree_method", "hist"); // the exact method cannot sample columns per split
    return trainer(p, 1, false, "random forest (XGBoost 3.0.4: 150 trees, depth 5, 63.2 % row subsample, √p "
        + "features per split, min leaf ≈ 5 rows, histogram splits, seed " + seed + ")");
  }

  private static Map<String, Object> common(long seed) {
    Map<String, Object> p = new HashMap<>();
    p.put("objective", "binary:logistic");
    p.put("nthread", 1);
    p.put("seed", seed);
    p.put("verbosity", 0);
    p.put("tree_method", "exact");
    p.put("base_score", 0.5);
    return p;
  }

  private static Classifier.Trainer trainer(Map<String, Object> params, int rounds, boolean margin, String text) {
    return new Classifier.Trainer() {
      @Override
      public Classifier fit(double[][] x, int[] y, double[] w) {
        Map<String, Object> p = new HashMap<>(params);
        if (params.containsKey("num_parallel_tree")) {
          p.put("colsample_bynode", Math.max(1, (int) Math.floor(Math.sqrt(x[0].length))) / (double) x[0].length);
        }
        try {
          DMatrix d = matrix(x);
          float[] labels = new float[y.length];
          for (int i = 0; i < y.length; i++) {
            labels[i] = y[i];
          }
          d.setLabel(labels);
          if (w != null) {
            float[] weights = new float[w.length];
            for (int i = 0; i < w.length; i++) {
              weights[i] = (float) w[i];
            }
            d.setWeight(weights);
          }
          Booster b = XGBoost.train(d, p, rounds, new HashMap<>(), null, null);
          d.dispose();
          return new XgbClassifier(b, margin);
        } catch (XGBoostError e) {
          throw new IllegalStateException("XGBoost could not fit: " + e.getMessage(), e);
        }
      }

      @Override
      public String describe() {
        return text;
      }
    };
  }

  static DMatrix matrix(double[][] x) throws XGBoostError {
    int n = x.length;
    int p = x[0].length;
    float[] flat = new float[n * p];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < p; j++) {
        flat[i * p + j] = (float) x[i][j];
      }
    }
    return new DMatrix(flat, n, p, Float.NaN);
  }

  /** A fitted booster; prediction of one row at a time (what a calibrator and a signal need). */
  private static final class XgbClassifier implements Classifier {
    private final Booster booster;
    private final boolean marginScore;

    XgbClassifier(Booster booster, boolean marginScore) {
      this.booster = booster;
      this.marginScore = marginScore;
    }

    private double predict(double[] x, boolean margin) {
      try {
        DMatrix d = matrix(new double[][] {x});
        float[][] out = booster.predict(d, margin, 0);
        d.dispose();
        return out[0][0];
      } catch (XGBoostError e) {
        throw new IllegalStateException("XGBoost could not predict: " + e.getMessage(), e);
      }
    }

    @Override
    public double score(double[] x) {
      return predict(x, marginScore);
    }

    @Override
    public double probability(double[] x) {
      return predict(x, false);
    }
  }
}
