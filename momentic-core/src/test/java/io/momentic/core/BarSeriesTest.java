package io.momentic.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.momentic.core.testing.TestBars;
import org.junit.jupiter.api.Test;

class BarSeriesTest {

  @Test
  void upTo_view_sharesDataButCannotReachLaterBars() {
    BarSeries s = TestBars.daily("X", "2024-01-01", 10, 11, 12, 13);
    BarSeries view = s.upTo(2);

    assertThat(view.size()).isEqualTo(2);
    assertThat(view.close(1)).isEqualTo(11);
    assertThat(view.closes()).containsExactly(10, 11);
    assertThatThrownBy(() -> view.close(2)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> view.upTo(3)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void of_unsortedTimes_isRejected() {
    long[] t = {2, 1};
    double[] x = {1, 1};
    assertThatThrownBy(() -> BarSeries.of(Instrument.equity("X"), Interval.D1, t, x, x, x, x, x))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("strictly ascending");
  }

  @Test
  void of_copiesItsInput() {
    long[] t = {1, 2};
    double[] c = {5, 6};
    BarSeries s = BarSeries.of(Instrument.equity("X"), Interval.D1, t, c, c, c, c, c);
    c[0] = 99;
    assertThat(s.close(0)).isEqualTo(5);
  }

  @Test
  void indexAtOrBefore_findsLastBarNotAfterTime() {
    BarSeries s = TestBars.daily("X", "2024-01-01", 1, 2, 3);
    assertThat(s.indexAtOrBefore(TestBars.day("2024-01-02") + 5)).isEqualTo(1);
    assertThat(s.indexAtOrBefore(TestBars.day("2023-12-31"))).isEqualTo(-1);
    assertThat(s.indexAtOrBefore(TestBars.day("2024-02-01"))).isEqualTo(2);
  }

  @Test
  void builder_reverse_restoresAscendingOrder() {
    BarSeries.Builder b = BarSeries.builder(Instrument.equity("X"), Interval.D1);
    b.add(3, 1, 1, 1, 3, 0).add(2, 1, 1, 1, 2, 0).add(1, 1, 1, 1, 1, 0);
    BarSeries s = b.reverse().build();
    assertThat(s.times()).containsExactly(1, 2, 3);
    assertThat(s.closes()).containsExactly(1, 2, 3);
  }
}
