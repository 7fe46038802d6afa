package io.momentic.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The return distribution's bins, counted by hand. */
class BenchmarkChartsTest {

  @Test
  void histogram_countsEachValueInItsBin_theLastBinClosed() {
    // Bins of width 0.5 over [0, 2]: [0, .5) [.5, 1) [1, 1.5) [1.5, 2].
    int[] counts = BenchmarkCharts.histogram(new double[] {0, 0.25, 0.5, 1.2, 1.5, 2, Double.NaN, 2.5, -0.1}, 0, 2, 4);
    assertThat(counts).containsExactly(2, 1, 1, 2);
  }

  @Test
  void distribution_drawsABarPerNonEmptyBin_withEveryReturnCounted() {
    double[] strategy = {-1, -1, 0, 0, 0, 0, 3};
    double[] benchmark = {-2, 1, 1, 1, 2, 2, 2};
    String svg = BenchmarkCharts.distribution(strategy, benchmark);
    Matcher m = Pattern.compile("class=\"bin strategy\" data-count=\"(\\d+)\"").matcher(svg);
    int total = 0;
    int bars = 0;
    while (m.find()) {
      total += Integer.parseInt(m.group(1));
      bars++;
    }
    assertThat(total).isEqualTo(strategy.length);
    assertThat(bars).isEqualTo(3); // -1, 0 and 3 fall in three different bins of the 40 over [-2, 3]
    assertThat(svg).contains("data-count=\"4\"", "class=\"zero\"");
    Matcher b = Pattern.compile("class=\"bin benchmark\" data-count=\"(\\d+)\"").matcher(svg);
    int benchmarkTotal = 0;
    while (b.find()) {
      benchmarkTotal += Integer.parseInt(b.group(1));
    }
    assertThat(benchmarkTotal).isEqualTo(benchmark.length);
  }

  @Test
  void tenths_writeWhatPercentPointOneFWrites() {
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(3);
    for (int i = 0; i < 100_000; i++) {
      double v = (rnd.nextDouble() - 0.5) * Math.pow(10, rnd.nextInt(7));
      String expected = String.format(java.util.Locale.ROOT, "%.1f", v);
      String actual = BenchmarkCharts.tenths(new StringBuilder(), v).toString();
      if (!expected.equals(actual)) {
        // Only a value on a rounding tie may differ (format rounds its decimal expansion half up).
        assertThat(Math.abs(Math.abs(v) * 10 % 1 - 0.5)).as("%s vs %s for %s", actual, expected, v).isLessThan(1e-6);
      }
    }
    assertThat(BenchmarkCharts.tenths(new StringBuilder(), -0.04).toString()).isEqualTo("-0.0");
    assertThat(BenchmarkCharts.tenths(new StringBuilder(), -12.25).toString()).isEqualTo("-12.3");
  }

  @Test
  void theTimeAxisPeriod_isTheCalendarsYearAndMonth() {
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(11);
    for (int i = 0; i < 100_000; i++) {
      long millis = rnd.nextLong(-5_000_000_000_000L, 20_000_000_000_000L); // about 1811 to 2603
      java.time.LocalDate d = java.time.Instant.ofEpochMilli(millis).atZone(java.time.ZoneOffset.UTC).toLocalDate();
      assertThat(BenchmarkCharts.TimeAxis.period(millis, true)).isEqualTo(d.getYear());
      assertThat(BenchmarkCharts.TimeAxis.period(millis, false)).isEqualTo(d.getYear() * 12L + d.getMonthValue());
    }
  }
}
