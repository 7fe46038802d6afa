package io.momentic.research;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The column-wise trial table reads back what was written, and ranks as a sort of trial objects would. */
class TrialTableTest {

  @Test
  void rowsReadBack_andRankingMatchesSortingTheTrials() {
    SplittableRandom rnd = new SplittableRandom(9);
    List<Map<String, String>> params = new ArrayList<>();
    List<Sweep.Trial> rows = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      params.add(Map.of("k", Integer.toString(i)));
      // Few distinct values and some NaN: ties and NaN must order by trial index.
      double sharpe = rnd.nextInt(10) == 0 ? Double.NaN : rnd.nextInt(7) / 3.0;
      rows.add(new Sweep.Trial(i, params.get(i), new double[] {sharpe, rnd.nextDouble()},
          new double[] {rnd.nextDouble(), rnd.nextDouble()}, new double[] {rnd.nextDouble(), rnd.nextDouble()}));
    }
    TrialTable table = TrialTable.of(rows, 2, 2);
    assertThat(table).hasSize(500);
    for (int i = 0; i < 500; i++) {
      assertThat(table.get(i).metrics()).isEqualTo(rows.get(i).metrics());
      assertThat(table.get(i).blockSum()).isEqualTo(rows.get(i).blockSum());
      assertThat(table.get(i).blockSumSq()).isEqualTo(rows.get(i).blockSumSq());
      assertThat(table.get(i).params()).isEqualTo(params.get(i));
      assertThat(table.metric(i, 1)).isEqualTo(rows.get(i).metrics()[1]);
    }
    for (boolean minimize : new boolean[] {false, true}) {
      Comparator<Sweep.Trial> byValue = (a, b) -> {
        double x = a.metrics()[0];
        double y = b.metrics()[0];
        if (Double.isNaN(x) || Double.isNaN(y)) {
          return Boolean.compare(Double.isNaN(x), Double.isNaN(y));
        }
        return minimize ? Double.compare(x, y) : Double.compare(y, x);
      };
      List<Sweep.Trial> expected = new ArrayList<>(rows);
      expected.sort(byValue.thenComparingInt(Sweep.Trial::index));
      Sweep.Objective objective = new Sweep.Objective("sharpe", minimize);
      for (List<Sweep.Trial> trials : List.of(rows, (List<Sweep.Trial>) table)) {
        Sweep.Result r = new Sweep.Result(List.of("sharpe", "other"), trials, new Sweep.Window(0, 10), 2, 5, 252);
        assertThat(r.ranked(objective).stream().map(Sweep.Trial::index).toList())
            .isEqualTo(expected.stream().map(Sweep.Trial::index).toList());
      }
    }
    // CSCV from the table's flat arrays equals CSCV from the per-trial rows.
    Sweep.Result fromRows = new Sweep.Result(List.of("sharpe", "other"), rows, new Sweep.Window(0, 10), 2, 5, 252);
    Sweep.Result fromTable = new Sweep.Result(List.of("sharpe", "other"), table, new Sweep.Window(0, 10), 2, 5, 252);
    assertThat(fromTable.overfitting().pbo()).isEqualTo(fromRows.overfitting().pbo());
    assertThat(fromTable.overfitting().logits()).isEqualTo(fromRows.overfitting().logits());
  }

  @Test
  void theGridsLazyTrials_areTheCombinationsInOrder() {
    ParameterGrid grid = ParameterGrid.parse(List.of("a=1:4:1", "b=x,y,z", "c=10:30:10"), List.of("a < c"));
    List<Map<String, String>> lazy = grid.trials();
    List<Map<String, String>> expected = new ArrayList<>();
    for (String a : List.of("1", "2", "3", "4")) {
      for (String b : List.of("x", "y", "z")) {
        for (String c : List.of("10", "20", "30")) {
          expected.add(Map.of("a", a, "b", b, "c", c));
        }
      }
    }
    assertThat(lazy).isEqualTo(expected); // every a is below every c here: nothing filtered
    assertThat(lazy.get(5).keySet()).containsExactly("a", "b", "c");
    List<Map<String, String>> filtered = ParameterGrid.parse(List.of("a=1:30:1", "c=10:30:10"), List.of("a < c"))
        .trials();
    assertThat(filtered).hasSize(9 + 19 + 29);
    assertThat(filtered).allSatisfy(t -> assertThat(Integer.parseInt(t.get("a"))).isLessThan(
        Integer.parseInt(t.get("c"))));
  }
}
