package io.momentic.research;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.momentic.research.PurgedSplits.Plan;
import io.momentic.research.PurgedSplits.Range;
import io.momentic.research.PurgedSplits.Split;
import org.junit.jupiter.api.Test;

/** Small cases worked out by hand; the bar diagrams show test (T), purged (P), embargoed (E). */
class PurgedSplitsTest {

  /**
   * Ten samples, each label resolved two bars later (sample i spans [i, min(i + 2, 9)]), five
   * folds of two, embargo ⌈0.1 × 10⌉ = 1 bar.
   */
  @Test
  void purgedKFoldByHand() {
    Plan plan = PurgedSplits.everyBar(10, 2).kFold(5, 0.10);
    assertThat(plan.embargoBars()).isEqualTo(1);
    assertThat(plan.splits()).hasSize(5);
    // Fold 0: T T P P E . . . . .  — test labels span bars 0..3; samples 2 and 3 overlap them.
    Split f0 = plan.splits().get(0);
    assertThat(f0.test()).containsExactly(new Range(0, 2));
    assertThat(f0.train()).containsExactly(new Range(5, 10));
    assertThat(f0.purged()).isEqualTo(2);
    assertThat(f0.embargoed()).isEqualTo(1);
    // Fold 2: . . P P T T P P E .  — test labels span bars 4..7.
    Split f2 = plan.splits().get(2);
    assertThat(f2.test()).containsExactly(new Range(4, 6));
    assertThat(f2.train()).containsExactly(new Range(0, 2), new Range(9, 10));
    assertThat(f2.purged()).isEqualTo(4);
    assertThat(f2.embargoed()).isEqualTo(1);
    // Fold 4: . . . . . . P P T T  — nothing follows, so no embargo.
    Split f4 = plan.splits().get(4);
    assertThat(f4.train()).containsExactly(new Range(0, 6));
    assertThat(f4.purged()).isEqualTo(2);
    assertThat(f4.embargoed()).isZero();
    assertThat(plan.paths()).hasNumberOfRows(1);
  }

  @Test
  void withoutLabelSpanNothingIsPurged() {
    Plan plan = PurgedSplits.everyBar(9, 0).kFold(3, 0);
    assertThat(plan.splits()).allSatisfy(s -> {
      assertThat(s.purged()).isZero();
      assertThat(s.trainSize() + s.testSize()).isEqualTo(9);
    });
  }

  @Test
  void unevenFoldsPutTheExtraSamplesFirst() {
    Plan plan = PurgedSplits.everyBar(11, 0).kFold(3, 0);
    assertThat(plan.splits()).extracting(s -> s.test().get(0))
        .containsExactly(new Range(0, 4), new Range(4, 8), new Range(8, 11));
  }

  /** Six samples, three groups of two, two tested at a time, no span: C(3,2) = 3 splits, 2 paths. */
  @Test
  void combinatorialByHand() {
    Plan plan = PurgedSplits.everyBar(6, 0).combinatorial(3, 2, 0);
    assertThat(plan.splits()).hasSize(3);
    assertThat(plan.splits().get(0).test()).containsExactly(new Range(0, 4));
    assertThat(plan.splits().get(0).train()).containsExactly(new Range(4, 6));
    assertThat(plan.splits().get(1).test()).containsExactly(new Range(0, 2), new Range(4, 6));
    assertThat(plan.splits().get(1).train()).containsExactly(new Range(2, 4));
    assertThat(plan.splits().get(2).train()).containsExactly(new Range(0, 2));
    // Group 0 is tested in splits 0 and 1, group 1 in 0 and 2, group 2 in 1 and 2.
    assertThat(plan.paths()).isDeepEqualTo(new int[][] {{0, 0, 1}, {1, 2, 2}});
  }

  /**
   * Twelve samples spanning one bar, four groups of three, groups 0 and 2 tested, embargo
   * ⌈0.1 × 12⌉ = 2 bars:  T T T P E P T T T P E E  — nothing is left to train on.
   */
  @Test
  void combinatorialPurgesAndEmbargoesAroundEveryTestGroup() {
    Plan plan = PurgedSplits.everyBar(12, 1).combinatorial(4, 2, 0.10);
    assertThat(plan.embargoBars()).isEqualTo(2);
    Split s = plan.splits().get(1);
    assertThat(s.testGroups()).containsExactly(0, 2);
    assertThat(s.test()).containsExactly(new Range(0, 3), new Range(6, 9));
    assertThat(s.train()).isEmpty();
    assertThat(s.purged()).isEqualTo(3);
    assertThat(s.embargoed()).isEqualTo(3);
  }

  @Test
  void splitAndPathCounts() {
    int[][] cases = {{6, 2, 15, 5}, {10, 2, 45, 9}, {5, 1, 5, 1}, {8, 3, 56, 21}, {10, 5, 252, 126}};
    for (int[] c : cases) {
      Plan plan = PurgedSplits.everyBar(200, 3).combinatorial(c[0], c[1], 0.01);
      assertThat(plan.splits()).as("C(%d,%d)", c[0], c[1]).hasSize(c[2]);
      assertThat(plan.paths()).as("paths of (%d,%d)", c[0], c[1]).hasNumberOfRows(c[3]);
      // Every path tests every group exactly once, in a split that does test it.
      for (int[] path : plan.paths()) {
        for (int g = 0; g < c[0]; g++) {
          int group = g;
          assertThat(plan.splits().get(path[g]).testGroups()).contains(group);
        }
      }
    }
  }

  @Test
  void noTrainingSampleOverlapsATestLabel() {
    PurgedSplits samples = PurgedSplits.everyBar(120, 7);
    for (Split s : samples.combinatorial(6, 2, 0.02).splits()) {
      for (Range test : s.test()) {
        int lastTestBar = Math.min(test.to() - 1 + 7, 119);
        for (int i = 0; i < 120; i++) {
          if (s.inTrain(i)) {
            int end = Math.min(i + 7, 119);
            assertThat(end < test.from() || i > lastTestBar + 3).as("train sample %d", i).isTrue();
          }
        }
      }
    }
  }

  @Test
  void badArgumentsAreNamed() {
    assertThatThrownBy(() -> PurgedSplits.everyBar(10, 0).combinatorial(4, 4, 0)).hasMessageContaining("test groups");
    assertThatThrownBy(() -> PurgedSplits.everyBar(3, 0).kFold(5, 0)).hasMessageContaining("groups <= samples");
    assertThatThrownBy(() -> PurgedSplits.of(new int[] {0, 2}, new int[] {1, 1})).hasMessageContaining("sample 1");
  }
}
