package io.momentic.core;

import static io.momentic.core.testing.TestBars.day;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ResamplerTest {

  /** Weekdays Mon 2026-06-01 … Wed 2026-06-17 (three weeks, the last one in progress). */
  private static BarSeries weekdays() {
    BarSeries.Builder b = BarSeries.builder(Instrument.equity("X"), Interval.D1);
    long t = day("2026-06-01");
    int k = 0;
    for (int d = 0; d < 17; d++) {
      long time = t + d * 86_400_000L;
      int dow = d % 7; // 0 = Monday
      if (dow < 5) {
        k++;
        b.add(time, k, k + 0.5, k - 0.5, k + 0.25, 10);
      }
    }
    return b.build();
  }

  @Test
  void weekly_inProgressWeekIsDropped() {
    // Reference 000 §1: on Wed 2026-06-17 the week of 06-15 has not ended, so it is not a bar.
    Clock wednesday = Clock.frozen(Instant.parse("2026-06-17T22:00:00Z"));
    BarSeries w = Resampler.resample(weekdays(), Interval.W1, wednesday);

    assertThat(w.size()).isEqualTo(2);
    assertThat(w.time(0)).isEqualTo(day("2026-06-01"));
    assertThat(w.time(1)).isEqualTo(day("2026-06-08"));
    // Week 1: bars k = 1..5 → open 1, high 5.5, low 0.5, close 5.25, volume 50.
    assertThat(w.open(0)).isEqualTo(1);
    assertThat(w.high(0)).isEqualTo(5.5);
    assertThat(w.low(0)).isEqualTo(0.5);
    assertThat(w.close(0)).isEqualTo(5.25);
    assertThat(w.volume(0)).isEqualTo(50);
    assertThat(w.close(1)).isEqualTo(10.25);
  }

  @Test
  void weekly_aWeekTheDataEndsInIsNotClosed_evenOnceItsEndHasPassed() {
    // The data ends on Wednesday 2026-06-17: by Monday the week's end has passed, but its Thursday
    // and Friday are missing and nothing later exists, so Mon–Wed is no "week" (issue 21 §7).
    Clock nextMonday = Clock.frozen(Instant.parse("2026-06-22T00:00:00Z"));
    assertThat(Resampler.resample(weekdays(), Interval.W1, nextMonday).size()).isEqualTo(2);
  }

  @Test
  void weekly_aShortWeekIsClosedWhenItsFridayIsThere_orLaterDataShowsItEnded() {
    Clock later = Clock.frozen(Instant.parse("2026-07-01T00:00:00Z"));
    // Data to Friday 06-19: the third week is complete.
    BarSeries.Builder full = BarSeries.builder(Instrument.equity("X"), Interval.D1);
    BarSeries w = weekdays();
    for (int i = 0; i < w.size(); i++) {
      full.add(w.time(i), w.open(i), w.high(i), w.low(i), w.close(i), w.volume(i));
    }
    full.add(day("2026-06-18"), 14, 14.5, 13.5, 14.25, 10).add(day("2026-06-19"), 15, 15.5, 14.5, 15.25, 10);
    assertThat(Resampler.resample(full.build(), Interval.W1, later).size()).isEqualTo(3);
    // A holiday week (no Thursday, no Friday) followed by Monday's bar: closed, with 3 bars.
    BarSeries.Builder holiday = BarSeries.builder(Instrument.equity("X"), Interval.D1);
    for (int i = 0; i < w.size(); i++) {
      holiday.add(w.time(i), w.open(i), w.high(i), w.low(i), w.close(i), w.volume(i));
    }
    holiday.add(day("2026-06-22"), 16, 16.5, 15.5, 16.25, 10);
    BarSeries h = Resampler.resample(holiday.build(), Interval.W1, later);
    assertThat(h.size()).isEqualTo(3); // the 06-22 week has only its Monday and nothing after: not closed
    assertThat(h.open(2)).isEqualTo(11);
    assertThat(h.close(2)).isEqualTo(13.25);
    assertThat(h.volume(2)).isEqualTo(30);
    // In a panel, another symbol's later bars show the week ended (a delisting mid-week).
    BarSeries other = BarSeries.builder(Instrument.equity("Y"), Interval.D1).add(day("2026-06-22"), 1, 1, 1, 1, 1)
        .build();
    Panel p = Resampler.resample(Panel.align(java.util.List.of(weekdays(), other)), Interval.W1, later);
    assertThat(p.size()).isEqualTo(3); // weeks of 06-01, 06-08, 06-15 (X's last week closed by Y's Monday)
  }

  @Test
  void weekly_aTwentyFourSevenWeekNeedsItsSunday() {
    BarSeries.Builder b = BarSeries.builder(Instrument.crypto("BTCUSDT", "binance"), Interval.D1);
    for (int d = 0; d < 13; d++) { // Mon 2026-06-01 … Sat 06-13
      b.add(day("2026-06-01") + d * 86_400_000L, 1, 1, 1, 1, 1);
    }
    Clock later = Clock.frozen(Instant.parse("2026-07-01T00:00:00Z"));
    assertThat(Resampler.resample(b.build(), Interval.W1, later).size()).isEqualTo(1); // Mon–Sat is not a week
  }

  @Test
  void weekly_sundayBeforeMidnightStillInProgress() {
    Clock sundayNight = Clock.frozen(Instant.parse("2026-06-21T23:59:59Z"));
    assertThat(Resampler.resample(weekdays(), Interval.W1, sundayNight).size()).isEqualTo(2);
  }

  @Test
  void monthly_bucketsByCalendarMonth() {
    BarSeries.Builder b = BarSeries.builder(Instrument.equity("X"), Interval.D1);
    b.add(day("2024-01-30"), 1, 2, 1, 2, 1).add(day("2024-01-31"), 2, 3, 2, 3, 1)
        .add(day("2024-02-01"), 3, 4, 3, 4, 1).add(day("2024-02-29"), 4, 9, 1, 5, 1)
        .add(day("2024-03-01"), 5, 6, 5, 6, 1);
    BarSeries m = Resampler.resample(b.build(), Interval.MN1, Clock.frozen(Instant.parse("2024-03-15T00:00:00Z")));
    assertThat(m.size()).isEqualTo(2);
    assertThat(m.time(1)).isEqualTo(day("2024-02-01"));
    assertThat(m.open(1)).isEqualTo(3);
    assertThat(m.high(1)).isEqualTo(9);
    assertThat(m.low(1)).isEqualTo(1);
    assertThat(m.close(1)).isEqualTo(5);
  }

  @Test
  void fourHour_fromHourly_alignedToMidnightUtc() {
    BarSeries.Builder b = BarSeries.builder(Instrument.crypto("BTCUSDT", "binance"), Interval.H1);
    long t0 = day("2024-01-01") + 2 * 3_600_000L; // 02:00
    for (int h = 0; h < 7; h++) { // 02:00 … 08:00
      b.add(t0 + h * 3_600_000L, 10 + h, 11 + h, 9 + h, 10.5 + h, 1);
    }
    BarSeries four = Resampler.resample(b.build(), Interval.H4, Clock.frozen(Instant.parse("2024-01-01T12:00:00Z")));
    // 02:00–03:00 fall in the 00:00 bucket, 04:00–07:00 in 04:00; the 08:00 bucket holds only the
    // 08:00 bar and the data ends at 09:00, so it is not a closed 4-hour bar even at 12:00.
    assertThat(four.size()).isEqualTo(2);
    assertThat(four.time(0)).isEqualTo(day("2024-01-01"));
    assertThat(four.open(0)).isEqualTo(10);
    assertThat(four.close(0)).isEqualTo(11.5);
    assertThat(four.volume(1)).isEqualTo(4);
  }

  @Test
  void frozenClock_alwaysAnswersTheSameInstant() {
    Instant at = Instant.parse("2020-05-05T10:00:00Z");
    Clock c = Clock.frozen(at);
    assertThat(c.now()).isEqualTo(at);
    assertThat(c.nowMillis()).isEqualTo(at.toEpochMilli());
    assertThat(Clock.system().now()).isAfter(at);
  }
}
