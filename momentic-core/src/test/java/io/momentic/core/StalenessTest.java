package io.momentic.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class StalenessTest {

  private static long day(String d) {
    return LocalDate.parse(d).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
  }

  @Test
  void aLongWeekend_isNotStale_aWeekMore_is() {
    // Thursday 2024-03-28's bar closes Friday 00:00; Good Friday and the weekend pass; as of the end of
    // Monday 04-01 that is 4 days: within the 5 days tolerated.
    assertThat(Staleness.warning(day("2024-03-28"), Interval.D1, day("2024-04-02"))).isEmpty();
    // Closed 2024-03-29 00:00, as of 2024-04-03 00:00 + 1 ms: 5 days and 1 ms.
    assertThat(Staleness.warning(day("2024-03-28"), Interval.D1, day("2024-04-03") + 1)).isPresent();
  }

  @Test
  void theWarning_namesTheNewestBar_andItsAgeInCalendarUnits() {
    assertThat(Staleness.warning(day("2026-01-02"), Interval.D1, day("2026-12-02") + 3_600_000L).orElseThrow())
        .startsWith("newest bar 2026-01-02, 11 months before the as-of date 2026-12-02;");
    assertThat(Staleness.age(LocalDate.parse("2026-01-02"), LocalDate.parse("2026-01-14"))).isEqualTo("12 days");
    assertThat(Staleness.age(LocalDate.parse("2026-01-02"), LocalDate.parse("2026-02-28"))).isEqualTo("57 days");
    assertThat(Staleness.age(LocalDate.parse("2023-09-02"), LocalDate.parse("2026-12-02")))
        .isEqualTo("3 years 3 months");
    assertThat(Staleness.age(LocalDate.parse("2025-12-02"), LocalDate.parse("2026-12-02"))).isEqualTo("1 year");
  }

  @Test
  void weeklyBars_toleratesTwoWeeks() {
    // The week of Monday 2026-01-05 closes 01-12 00:00; two weeks later is still fresh, a day more is not.
    assertThat(Staleness.warning(day("2026-01-05"), Interval.W1, day("2026-01-26"))).isEmpty();
    assertThat(Staleness.warning(day("2026-01-05"), Interval.W1, day("2026-01-27"))).isPresent();
  }
}
