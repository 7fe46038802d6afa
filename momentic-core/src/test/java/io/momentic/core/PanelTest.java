package io.momentic.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.momentic.core.testing.TestBars;
import java.util.List;
import org.junit.jupiter.api.Test;

class PanelTest {

  @Test
  void align_unionOfTimes_nanWhereSymbolHasNoBar() {
    // A listed from day 1; B lists on day 2 and delists after day 3; C skips day 2 (a holiday).
    BarSeries a = TestBars.daily("A", "2024-01-01", 10, 11, 12, 13);
    BarSeries b = TestBars.daily("B", "2024-01-02", 20, 21);
    BarSeries c = BarSeries.builder(Instrument.equity("C"), Interval.D1)
        .add(TestBars.day("2024-01-01"), 5, 5, 5, 5, 1)
        .add(TestBars.day("2024-01-03"), 6, 6, 6, 6, 1)
        .add(TestBars.day("2024-01-04"), 7, 7, 7, 7, 1).build();

    Panel p = Panel.align(List.of(a, b, c));

    assertThat(p.size()).isEqualTo(4);
    assertThat(p.symbols()).containsExactly("A", "B", "C");
    assertThat(p.closes(0)).containsExactly(10, 11, 12, 13);
    assertThat(p.closes(1)).containsExactly(Double.NaN, 20, 21, Double.NaN);
    assertThat(p.closes(2)).containsExactly(5, Double.NaN, 6, 7);
    assertThat(p.firstIndex(1)).isEqualTo(1);
    assertThat(p.lastIndex(1)).isEqualTo(2);
    assertThat(p.barCount()).isEqualTo(4 + 2 + 3);
    assertThat(p.series(2).closes()).containsExactly(5, 6, 7);
  }

  @Test
  void upTo_hidesLaterTimes() {
    Panel p = Panel.align(List.of(TestBars.daily("A", "2024-01-01", 1, 2, 3)));
    Panel view = p.upTo(2);
    assertThat(view.size()).isEqualTo(2);
    assertThatThrownBy(() -> view.close(0, 2)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThat(view.series(0).size()).isEqualTo(2);
  }

  @Test
  void align_duplicateSymbol_isRejected() {
    BarSeries a = TestBars.daily("A", "2024-01-01", 1, 2);
    assertThatThrownBy(() -> Panel.align(List.of(a, a))).hasMessageContaining("'A' twice");
  }
}
