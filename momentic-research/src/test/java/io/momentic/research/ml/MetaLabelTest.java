package io.momentic.research.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MetaLabelTest {

  /** n seeded samples whose label depends on the first feature. */
  static List<MetaLabel.Sample> samples(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<MetaLabel.Sample> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double a = r.nextGaussian();
      double b = r.nextGaussian();
      int label = r.nextDouble() < 1 / (1 + Math.exp(-2 * a)) ? 1 : 0;
      out.add(new MetaLabel.Sample(new double[] {a, b}, label, 0.5 + r.nextDouble(), 3 * i, 3 * i + 5));
    }
    return out;
  }

  @Test
  void theModelFollowsTheSampleCount() {
    assertThat(MetaLabel.byCount(19)).isEqualTo(MetaLabel.Model.HEURISTIC);
    assertThat(MetaLabel.byCount(20)).isEqualTo(MetaLabel.Model.LOGISTIC);
    assertThat(MetaLabel.byCount(49)).isEqualTo(MetaLabel.Model.LOGISTIC);
    assertThat(MetaLabel.byCount(50)).isEqualTo(MetaLabel.Model.FOREST);
    assertThat(MetaLabel.byCount(149)).isEqualTo(MetaLabel.Model.FOREST);
    assertThat(MetaLabel.byCount(150)).isEqualTo(MetaLabel.Model.BOOSTING);
    for (int n : new int[] {30, 70, 160}) {
      MetaLabel.Fit f = MetaLabel.fit(samples(n, n), MetaLabel.Options.DEFAULTS);
      assertThat(f.model()).isEqualTo(MetaLabel.byCount(n).name().toLowerCase());
      assertThat(f.calibrated()).isEqualTo(n >= MetaLabel.MIN_CALIBRATION);
      assertThat(f.weighted()).isTrue();
      assertThat(f.cv().splits()).isEqualTo(Math.min(5, n / 15));
      assertThat(f.cv().auc()).as("n=" + n).isGreaterThan(0.6); // the label does depend on the feature
      assertThat(f.probability(new double[] {2, 0})).isGreaterThan(f.probability(new double[] {-2, 0}));
    }
  }

  @Test
  void theHeuristic_isTheWeightedWinShareShrunkTowardAHalf() {
    // 10 samples, weight 1, 7 wins: (7 + 0.5 × 5) / (10 + 5) = 0.6333…
    List<MetaLabel.Sample> s = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      s.add(new MetaLabel.Sample(new double[] {i}, i < 7 ? 1 : 0, 1, i, i + 1));
    }
    MetaLabel.Fit f = MetaLabel.fit(s, MetaLabel.Options.DEFAULTS);
    assertThat(f.model()).isEqualTo("heuristic");
    assertThat(f.reason()).contains("under 20 samples");
    assertThat(f.probability(new double[] {0})).isCloseTo(9.5 / 15, within(1e-15));
    assertThat(f.cv().note()).contains("not trained");
  }

  @Test
  void everyFallbackIsReported() {
    // One class: no classifier can be trained.
    List<MetaLabel.Sample> oneClass = new ArrayList<>();
    for (MetaLabel.Sample x : samples(40, 1)) {
      oneClass.add(new MetaLabel.Sample(x.features(), 1, x.weight(), x.start(), x.end()));
    }
    MetaLabel.Fit f = MetaLabel.fit(oneClass, MetaLabel.Options.DEFAULTS);
    assertThat(f.model()).isEqualTo("heuristic");
    assertThat(f.reason()).contains("only one class");
    // A weight that is not a number: the weighted fit fails, the unweighted one runs — and says so.
    List<MetaLabel.Sample> badWeight = new ArrayList<>(samples(40, 2));
    MetaLabel.Sample first = badWeight.get(0);
    badWeight.set(0, new MetaLabel.Sample(first.features(), first.label(), Double.NaN, first.start(), first.end()));
    MetaLabel.Fit g = MetaLabel.fit(badWeight, MetaLabel.Options.DEFAULTS);
    assertThat(g.model()).isEqualTo("logistic");
    assertThat(g.weighted()).isFalse();
    assertThat(g.reason()).contains("the weighted fit failed").contains("finite");
    assertThat(g.description()).contains("unweighted");
  }

  @Test
  void purgedTimeSeriesFolds_byHand() {
    // 9 samples, sample i known at bar i, label resolved 2 bars later; 2 splits, embargo ⌈0.1 × 9⌉ = 1.
    // Test blocks of ⌊9 / 3⌋ = 3: [3, 6) and [6, 9). Fold 0 trains on rows before 3 − 1 = 2 whose
    // label ends before bar 3: row 0 (ends 2); row 1 ends at 3, inside the test block: purged.
    // Fold 1 trains on rows before 5 ending before bar 6: rows 0–3 (row 4 ends at 6).
    int[] start = {0, 1, 2, 3, 4, 5, 6, 7, 8};
    int[] end = {2, 3, 4, 5, 6, 7, 8, 9, 10};
    List<Folds.Fold> folds = Folds.purgedTimeSeries(start, end, 2, 0.1);
    assertThat(folds.get(0).train()).containsExactly(0);
    assertThat(folds.get(0).test()).containsExactly(3, 4, 5);
    assertThat(folds.get(1).train()).containsExactly(0, 1, 2, 3);
    assertThat(folds.get(1).test()).containsExactly(6, 7, 8);
  }

  @Test
  void calibrationImprovesAnOverconfidentClassifier() {
    // A base model three times too sure of itself (sigmoid of 3 × its margin); isotonic calibration on
    // its margins must bring its Brier score down on rows it never saw.
    Classifier.Trainer overconfident = new Classifier.Trainer() {
      @Override
      public Classifier fit(double[][] x, int[] y, double[] w) {
        Classifier lr = new Logistic().fit(x, y, w);
        return new Classifier() {
          @Override
          public double score(double[] row) {
            return lr.score(row);
          }

          @Override
          public double probability(double[] row) {
            return LogisticRegression.sigmoid(3 * lr.score(row));
          }
        };
      }

      @Override
      public String describe() {
        return "overconfident";
      }
    };
    List<MetaLabel.Sample> train = samples(600, 11);
    List<MetaLabel.Sample> test = samples(600, 12);
    double[][] x = train.stream().map(MetaLabel.Sample::features).toArray(double[][]::new);
    int[] y = train.stream().mapToInt(MetaLabel.Sample::label).toArray();
    int[] s = train.stream().mapToInt(MetaLabel.Sample::start).toArray();
    int[] e = train.stream().mapToInt(MetaLabel.Sample::end).toArray();
    Classifier raw = overconfident.fit(x, y, null);
    Classifier cal = CalibratedClassifier.fit(overconfident, x, y, null, Folds.purgedTimeSeries(s, e, 3, 0.01));
    double[] pr = test.stream().mapToDouble(t -> raw.probability(t.features())).toArray();
    double[] pc = test.stream().mapToDouble(t -> cal.probability(t.features())).toArray();
    int[] ty = test.stream().mapToInt(MetaLabel.Sample::label).toArray();
    assertThat(Scores.brier(pc, ty, null)).isLessThan(Scores.brier(pr, ty, null) - 0.01);
  }
}
