package io.momentic.research;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.momentic.core.ConfigException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParameterGridTest {

  @Test
  void rangesAreExactDecimalsAndInclusive() {
    assertThat(ParameterGrid.parseDimension("x=0.1:0.3:0.1").values()).containsExactly("0.1", "0.2", "0.3");
    assertThat(ParameterGrid.parseDimension("fast=5:20:5").values()).containsExactly("5", "10", "15", "20");
    assertThat(ParameterGrid.parseDimension("slow=30:45:10").values()).containsExactly("30", "40");
    assertThat(ParameterGrid.parseDimension("mode=a, b,c").values()).containsExactly("a", "b", "c");
  }

  /** The Spark job ships the grid's trial list to its executors: it serializes and reads back the same. */
  @Test
  void theTrialListSerializes_andReadsBackTheSameTrials() throws Exception {
    List<Map<String, String>> trials = ParameterGrid.parse(List.of("fast=2:40:3", "slow=5:60:5", "mode=a,b"),
        List.of("fast < slow")).trials();
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
      out.writeObject(trials);
    }
    Object back;
    try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
        new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
      back = in.readObject();
    }
    assertThat(trials).hasSizeGreaterThan(100).isInstanceOf(java.io.Serializable.class);
    assertThat(back).isEqualTo(trials);
    // A few bytes a trial: the numbers, not a map each.
    assertThat(bytes.size()).isLessThan(40 * trials.size());
  }

  @Test
  void constraintsFilterInOdometerOrder() {
    ParameterGrid grid = new ParameterGrid(
        List.of(ParameterGrid.parseDimension("fast=1:3:1"), ParameterGrid.parseDimension("slow=2:3:1")),
        List.of(ParameterGrid.parseConstraint("fast < slow")));
    // (1,2) (1,3) (2,3); (2,2) (3,2) (3,3) fail fast < slow.
    assertThat(grid.combinations()).isEqualTo(6);
    assertThat(grid.trials()).containsExactly(Map.of("fast", "1", "slow", "2"), Map.of("fast", "1", "slow", "3"),
        Map.of("fast", "2", "slow", "3"));
  }

  @Test
  void seededSampleIsASubsetInGridOrder() {
    ParameterGrid grid = new ParameterGrid(List.of(ParameterGrid.parseDimension("a=1:100:1"),
        ParameterGrid.parseDimension("b=1:10:1")), List.of());
    List<Map<String, String>> all = grid.trials();
    List<Map<String, String>> s1 = grid.sample(50, 7);
    assertThat(s1).hasSize(50).isEqualTo(grid.sample(50, 7)).isNotEqualTo(grid.sample(50, 8));
    assertThat(all).containsAll(s1);
    for (int i = 1; i < s1.size(); i++) {
      assertThat(all.indexOf(s1.get(i))).isGreaterThan(all.indexOf(s1.get(i - 1)));
    }
    assertThat(grid.sample(5000, 1)).isEqualTo(all);
  }

  @Test
  void badSpecsNameTheProblem() {
    assertThatThrownBy(() -> ParameterGrid.parseDimension("fast=5:1:1")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("from <= to");
    assertThatThrownBy(() -> ParameterGrid.parseDimension("fast=a:b:1")).hasMessageContaining("expected a number");
    assertThatThrownBy(() -> ParameterGrid.parseConstraint("fast slow")).hasMessageContaining("'a < b'");
    assertThatThrownBy(() -> new ParameterGrid(List.of(ParameterGrid.parseDimension("fast=1,2")),
        List.of(ParameterGrid.parseConstraint("fast < slw")))).hasMessageContaining("found 'slw'");
  }
}
