package io.momentic.research.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * The in-house ML kernels against scikit-learn 1.2.1's fixtures (written once by
 * {@code src/test/fixtures/make_sklearn_fixtures.py}, Debian's python3-sklearn; never by the build).
 */
class SklearnFixturesTest {

  static JsonNode fixture(String name) throws IOException {
    try (InputStream in = SklearnFixturesTest.class.getResourceAsStream("/ml/" + name)) {
      return new ObjectMapper().readTree(in);
    }
  }

  static double[] doubles(JsonNode a) {
    double[] out = new double[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = a.get(i).asDouble();
    }
    return out;
  }

  static int[] ints(JsonNode a) {
    int[] out = new int[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = a.get(i).asInt();
    }
    return out;
  }

  static double[][] matrix(JsonNode a) {
    double[][] out = new double[a.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = doubles(a.get(i));
    }
    return out;
  }

  @Test
  void stratifiedFolds_matchExactly() throws IOException {
    for (JsonNode c : fixture("stratified_kfold.json").get("cases")) {
      assertThat(StratifiedKFold.testFolds(ints(c.get("y")), c.get("splits").asInt()))
          .containsExactly(ints(c.get("test_folds")));
    }
  }

  @Test
  void isotonic_matchesTo1e12() throws IOException {
    JsonNode f = fixture("isotonic.json");
    IsotonicRegression iso = IsotonicRegression.fit(doubles(f.get("x")), doubles(f.get("y")), doubles(f.get("w")));
    double[] tx = doubles(f.get("thresholds_x"));
    double[] ty = doubles(f.get("thresholds_y"));
    assertThat(iso.thresholdsX()).hasSize(tx.length);
    for (int i = 0; i < tx.length; i++) {
      assertThat(iso.thresholdsX()[i]).isEqualTo(tx[i]);
      assertThat(iso.thresholdsY()[i]).isCloseTo(ty[i], within(1e-12));
    }
    double[] q = doubles(f.get("query"));
    double[] expected = doubles(f.get("predicted"));
    for (int i = 0; i < q.length; i++) {
      assertThat(iso.predict(q[i])).as("query %s", q[i]).isCloseTo(expected[i], within(1e-12));
    }
  }

  @Test
  void logisticRegression_reachesTheSameOptimum() throws IOException {
    JsonNode f = fixture("logistic.json");
    double[][] x = matrix(f.get("x"));
    int[] y = ints(f.get("y"));
    double[] s = doubles(f.get("sample_weight"));
    StandardScaler scaler = StandardScaler.fit(x);
    double[] mean = doubles(f.get("scaler_mean"));
    double[] scale = doubles(f.get("scaler_scale"));
    for (int j = 0; j < mean.length; j++) {
      assertThat(scaler.mean()[j]).isCloseTo(mean[j], within(1e-14));
      assertThat(scaler.scale()[j]).isCloseTo(scale[j], within(1e-14));
    }
    double[] cw = LogisticRegression.balancedClassWeights(y);
    assertThat(cw).containsExactly(doubles(f.get("class_weight")), within(1e-15));
    double[][] z = scaler.transform(x);
    double[] rows = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      rows[i] = s[i] * cw[y[i]];
    }
    LogisticRegression.Model m = LogisticRegression.fit(z, y, rows, 1.0);
    double theirs = f.get("objective").asDouble();
    // Ours is the exact optimum: never above theirs, and within 1e-9 relative of it.
    assertThat(m.objective()).isLessThanOrEqualTo(theirs * (1 + 1e-12));
    assertThat(Math.abs(m.objective() - theirs) / theirs).isLessThan(1e-9);
    double[] coef = doubles(f.get("coef"));
    for (int j = 0; j < coef.length; j++) {
      assertThat(m.coef()[j]).isCloseTo(coef[j], within(1e-5));
    }
    assertThat(m.intercept()).isCloseTo(f.get("intercept").asDouble(), within(1e-5));
  }

  @Test
  void theCalibrationWrapper_givenTheSameBaseResponses_matchesTo1e12() throws IOException {
    JsonNode f = fixture("calibration.json");
    double[] y = doubles(f.get("y"));
    double[] w = doubles(f.get("w"));
    JsonNode folds = f.get("folds");
    IsotonicRegression[] cal = new IsotonicRegression[folds.size()];
    double[][] predScores = new double[folds.size()][];
    for (int k = 0; k < cal.length; k++) {
      int[] test = ints(folds.get(k).get("test"));
      double[] ys = new double[test.length];
      double[] ws = new double[test.length];
      for (int i = 0; i < test.length; i++) {
        ys[i] = y[test[i]];
        ws[i] = w[test[i]];
      }
      cal[k] = IsotonicRegression.fit(doubles(folds.get(k).get("calibration_scores")), ys, ws);
      predScores[k] = doubles(folds.get(k).get("prediction_scores"));
    }
    double[] expected = doubles(f.get("probabilities"));
    for (int r = 0; r < expected.length; r++) {
      double[] scores = new double[cal.length];
      for (int k = 0; k < cal.length; k++) {
        scores[k] = predScores[k][r];
      }
      assertThat(CalibratedClassifier.combine(cal, scores)).isCloseTo(expected[r], within(1e-12));
    }
    // And the folds the wrapper used are the stratified ones Momentic computes.
    int[] labels = new int[y.length];
    for (int i = 0; i < y.length; i++) {
      labels[i] = (int) y[i];
    }
    java.util.List<Folds.Fold> ours = Folds.stratified(labels, 3);
    for (int k = 0; k < folds.size(); k++) {
      assertThat(ours.get(k).test()).containsExactly(ints(folds.get(k).get("test")));
    }
  }

  @Test
  void aucAndBrier_matchWithWeights() throws IOException {
    JsonNode f = fixture("scores.json");
    double[] p = doubles(f.get("p"));
    int[] y = ints(f.get("y"));
    double[] w = doubles(f.get("w"));
    assertThat(Scores.auc(p, y, w)).isCloseTo(f.get("auc").asDouble(), within(1e-12));
    assertThat(Scores.auc(p, y, null)).isCloseTo(f.get("auc_unweighted").asDouble(), within(1e-12));
    assertThat(Scores.brier(p, y, w)).isCloseTo(f.get("brier").asDouble(), within(1e-12));
  }
}
