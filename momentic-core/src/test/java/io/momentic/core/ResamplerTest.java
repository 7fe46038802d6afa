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
  void weekly_weekIsKeptOnceItHasEnded() {
    Clock nextMonday = Clock.frozen(Instant.parse("2026-06-22T00:00:00Z"));
    BarSeries w = Resampler.resample(weekdays(), Interval.W1, nextMonday);
    assertThat(w.size()).isEqualTo(3);
    // The third week has only Mon–Wed (data ends): open 11, close 13.25, volume 30.
    assertThat(w.open(2)).isEqualTo(11);
    assertThat(w.close(2)).isEqualTo(13.25);
    assertThat(w.volume(2)).isEqualTo(30);
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
    // 02:00–03:00 fall in the 00:00 bucket, 04:00–07:00 in 04:00; 08:00 is in progress until 12:00 → kept at 12:00.
    assertThat(four.size()).isEqualTo(3);
    assertThat(four.time(0)).isEqualTo(day("2024-01-01"));
    assertThat(four.open(0)).isEqualTo(10);
    assertThat(four.close(0)).isEqualTo(11.5);
    assertThat(four.volume(1)).isEqualTo(4);
    assertThat(four.close(2)).isEqualTo(16.5);
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
