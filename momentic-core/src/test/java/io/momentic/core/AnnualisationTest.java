package io.momentic.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnnualisationTest {

  @Test
  void periodsPerYear_byHand() {
    // 24×5 FX: 52 weeks × 5 days × 24 h = 6,240 hourly bars (not 252 × 6.5 = 1,638).
    assertThat(Interval.H1.periodsPerYear(TradingCalendar.WEEKDAYS)).isEqualTo(6_240);
    assertThat(Interval.H1.periodsPerYear(TradingCalendar.EXCHANGE)).isEqualTo(1_638);
    assertThat(Interval.H4.periodsPerYear(TradingCalendar.CONTINUOUS)).isEqualTo(365 * 6);
    assertThat(Interval.D1.periodsPerYear(TradingCalendar.CONTINUOUS)).isEqualTo(365);
    assertThat(Interval.D1.periodsPerYear(TradingCalendar.WEEKDAYS)).isEqualTo(260);
    assertThat(Interval.D1.periodsPerYear(TradingCalendar.EXCHANGE)).isEqualTo(252);
    assertThat(Interval.W1.periodsPerYear(TradingCalendar.EXCHANGE)).isEqualTo(52);
    assertThat(Interval.M15.periodsPerYear(TradingCalendar.EXCHANGE)).isEqualTo(252 * 26);
    assertThat(AssetClass.FX.calendar()).isEqualTo(TradingCalendar.WEEKDAYS);
  }

  @Test
  void theCalendar_isReadFromTheBars() {
    // FX: Sunday 22:00 UTC to Friday 21:00, every hour.
    long[] fx = hourly(LocalDateTime.of(2024, 1, 7, 22, 0), 4 * 7 * 24, t -> {
      DayOfWeek d = t.getDayOfWeek();
      return d != DayOfWeek.SATURDAY && !(d == DayOfWeek.SUNDAY && t.getHour() < 22)
          && !(d == DayOfWeek.FRIDAY && t.getHour() > 21);
    });
    assertThat(Annualisation.inferCalendar(fx, Interval.H1)).isEqualTo(TradingCalendar.WEEKDAYS);
    // A US session, 14:00 to 20:00 UTC on weekdays: exchange hours.
    long[] session = hourly(LocalDateTime.of(2024, 1, 8, 0, 0), 4 * 7 * 24, t -> t.getDayOfWeek().getValue() <= 5
        && t.getHour() >= 14 && t.getHour() <= 20);
    assertThat(Annualisation.inferCalendar(session, Interval.H1)).isEqualTo(TradingCalendar.EXCHANGE);
    // Around the clock, weekends too.
    long[] crypto = hourly(LocalDateTime.of(2024, 1, 8, 0, 0), 14 * 24, t -> true);
    assertThat(Annualisation.inferCalendar(crypto, Interval.H1)).isEqualTo(TradingCalendar.CONTINUOUS);
    // Daily: Sunday rows but no Saturday ones is an FX week; weekly stamps say nothing.
    long[] dailyFx = daily(LocalDateTime.of(2024, 1, 7, 0, 0), 28, d -> d != DayOfWeek.SATURDAY);
    assertThat(Annualisation.inferCalendar(dailyFx, Interval.D1)).isEqualTo(TradingCalendar.WEEKDAYS);
    long[] weekdays = daily(LocalDateTime.of(2024, 1, 7, 0, 0), 28, d -> d.getValue() <= 5);
    assertThat(Annualisation.inferCalendar(weekdays, Interval.D1)).isEqualTo(TradingCalendar.EXCHANGE);
    long[] saturdayWeeks = daily(LocalDateTime.of(2024, 1, 6, 0, 0), 70, d -> d == DayOfWeek.SATURDAY);
    assertThat(Annualisation.inferCalendar(saturdayWeeks, Interval.W1)).isEqualTo(TradingCalendar.EXCHANGE);
  }

  @Test
  void theObservedFigure_andItsWarning() {
    // 3 years of weekday bars: 783 bars over 3 years less a couple of days.
    long[] weekdays = daily(LocalDateTime.of(2021, 1, 4, 0, 0), 3 * 365, d -> d.getValue() <= 5);
    Annualisation a = Annualisation.of(Interval.D1, TradingCalendar.EXCHANGE, weekdays, Double.NaN);
    double years = (weekdays[weekdays.length - 1] - weekdays[0]) / (365.25 * 86_400_000.0);
    assertThat(a.observedPerYear()).isCloseTo((weekdays.length - 1) / years, within(1e-9));
    assertThat(a.observedPerYear()).isCloseTo(261, within(1.0));
    assertThat(a.periodsPerYear()).isEqualTo(252);
    assertThat(a.basis()).isEqualTo("1d bars, exchange sessions: 252 days × 6.5 h");
    assertThat(a.mismatched()).isFalse();
    // The same bars read as 24/7 crypto: 365 against 261 observed is off by more than a quarter.
    Annualisation wrong = Annualisation.of(Interval.D1, TradingCalendar.CONTINUOUS, weekdays, Double.NaN);
    assertThat(wrong.mismatched()).isTrue();
    assertThat(wrong.warning()).contains("365 periods a year").contains("261 bars a year").contains("--asset-class");
    Annualisation set = Annualisation.of(Interval.D1, TradingCalendar.EXCHANGE, weekdays, 250);
    assertThat(set.periodsPerYear()).isEqualTo(250);
    assertThat(set.basis()).isEqualTo("set by --periods-per-year");
    assertThatThrownBy(() -> Annualisation.of(Interval.D1, TradingCalendar.EXCHANGE, weekdays, -1))
        .isInstanceOf(ConfigException.class).hasMessageContaining("> 0");
  }

  private interface HourRule {
    boolean keep(LocalDateTime t);
  }

  private interface DayRule {
    boolean keep(DayOfWeek d);
  }

  private static long[] hourly(LocalDateTime from, int hours, HourRule rule) {
    List<Long> out = new ArrayList<>();
    for (int h = 0; h < hours; h++) {
      LocalDateTime t = from.plusHours(h);
      if (rule.keep(t)) {
        out.add(t.toInstant(ZoneOffset.UTC).toEpochMilli());
      }
    }
    return out.stream().mapToLong(Long::longValue).toArray();
  }

  private static long[] daily(LocalDateTime from, int days, DayRule rule) {
    List<Long> out = new ArrayList<>();
    for (int d = 0; d < days; d++) {
      LocalDateTime t = from.plusDays(d);
      if (rule.keep(t.getDayOfWeek())) {
        out.add(t.toInstant(ZoneOffset.UTC).toEpochMilli());
      }
    }
    return out.stream().mapToLong(Long::longValue).toArray();
  }
}
