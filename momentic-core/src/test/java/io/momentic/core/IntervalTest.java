package io.momentic.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IntervalTest {

  @Test
  void periodsPerYear_followCalendarConventions() {
    assertThat(Interval.D1.periodsPerYear(TradingCalendar.EXCHANGE)).isEqualTo(252);
    assertThat(Interval.D1.periodsPerYear(TradingCalendar.CONTINUOUS)).isEqualTo(365);
    assertThat(Interval.W1.periodsPerYear(TradingCalendar.EXCHANGE)).isEqualTo(52);
    assertThat(Interval.H1.periodsPerYear(TradingCalendar.CONTINUOUS)).isEqualTo(365 * 24);
    assertThat(Interval.H1.periodsPerYear(TradingCalendar.EXCHANGE)).isEqualTo(252 * 6.5);
  }

  @Test
  void parse_knownAndUnknownCodes() {
    assertThat(Interval.parse("4h")).isEqualTo(Interval.H4);
    assertThat(Interval.parse("1m")).isEqualTo(Interval.M1);
    assertThat(Interval.parse("1M")).isEqualTo(Interval.MN1);
    assertThat(Interval.parse("1W")).isEqualTo(Interval.W1);
    assertThatThrownBy(() -> Interval.parse("7x")).isInstanceOf(ConfigException.class).hasMessageContaining("'7x'");
  }
}
