package io.momentic.research.ml;

import static io.momentic.research.ml.SklearnFixturesTest.fixture;
import static io.momentic.research.ml.SklearnFixturesTest.ints;
import static io.momentic.research.ml.SklearnFixturesTest.matrix;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * XGBoost's forest and boosting against scikit-learn's RandomForestClassifier and
 * GradientBoostingClassifier with the same settings, statistically (they are other algorithms):
 * out-of-sample AUC within 0.01 and Brier score within 0.005 of the fixture; and bit for bit the
 * same with the same seed.
 */
class EnsemblesTest {

  private static double[] predict(Classifier c, double[][] x) {
    double[] p = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      p[i] = c.probability(x[i]);
    }
    return p;
  }

  @Test
  void forestAndBoosting_matchScikitLearnStatistically_andRepeatBitForBit() throws IOException {
    JsonNode f = fixture("ensembles.json");
    double[][] tx = matrix(f.get("train_x"));
    int[] ty = ints(f.get("train_y"));
    double[][] vx = matrix(f.get("test_x"));
    int[] vy = ints(f.get("test_y"));
    for (String kind : new String[] {"forest", "boosting"}) {
      Classifier.Trainer t = kind.equals("forest") ? Ensembles.forest(7) : Ensembles.boosting(7);
      double[] p = predict(t.fit(tx, ty, null), vx);
      double auc = Scores.auc(p, vy, null);
      double brier = Scores.brier(p, vy, null);
      assertThat(auc).as(kind + " AUC").isCloseTo(f.get(kind).get("auc").asDouble(), within(0.01));
      assertThat(brier).as(kind + " Brier").isCloseTo(f.get(kind).get("brier").asDouble(), within(0.005));
      double[] again = predict(t.fit(tx, ty, null), vx);
      assertThat(again).as(kind + " reproducible").containsExactly(p);
    }
  }
}
