package io.momentic.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.momentic.core.BarSeries;
import io.momentic.core.TradingCalendar;
import java.io.StringWriter;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class SyntheticMarketTest {

  @Property(tries = 25)
  void bars_areConsistentOhlcv(@ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
    SyntheticMarket.Spec spec = SyntheticMarket.Spec.gbmUniverse(3, 300, seed).withJumps(20, -0.05, 0.1)
        .withRegimes(3, -0.5, 0.05);
    for (BarSeries s : SyntheticMarket.generate(spec)) {
      for (int i = 0; i < s.size(); i++) {
        assertThat(s.low(i)).isLessThanOrEqualTo(Math.min(s.open(i), s.close(i)));
        assertThat(s.high(i)).isGreaterThanOrEqualTo(Math.max(s.open(i), s.close(i)));
        assertThat(s.low(i)).isPositive();
        assertThat(s.volume(i)).isGreaterThanOrEqualTo(0);
      }
    }
  }

  @Test
  void sameSeed_sameBytes_otherSeed_otherBars() throws Exception {
    SyntheticMarket.Spec spec = SyntheticMarket.Spec.gbmUniverse(2, 200, 9);
    assertThat(csv(SyntheticMarket.generate(spec))).isEqualTo(csv(SyntheticMarket.generate(spec)));
    assertThat(csv(SyntheticMarket.generate(spec.withSeed(10)))).isNotEqualTo(csv(SyntheticMarket.generate(spec)));
  }

  private static String csv(List<BarSeries> universe) throws Exception {
    StringWriter w = new StringWriter();
    for (BarSeries s : universe) {
      CanonicalCsv.write(s, w);
    }
    return w.toString();
  }

  @Test
  void gbm_logReturnsHaveTheSpecifiedDriftAndVolatility() {
    // 20 symbols x 5,000 days, μ = 0.10, σ = 0.20, ρ = 0: daily log returns have mean (μ − σ²/2)/252
    // and std σ/√252. With 100,000 draws the standard error of the std is about 0.2 %.
    SyntheticMarket.Spec spec = SyntheticMarket.Spec.gbmUniverse(20, 5000, 1).withDriftAndVolatility(0.10, 0.20)
        .withCorrelation(0);
    double sum = 0;
    double sumSq = 0;
    int n = 0;
    for (BarSeries s : SyntheticMarket.generate(spec)) {
      for (int i = 1; i < s.size(); i++) {
        double r = Math.log(s.close(i) / s.close(i - 1));
        sum += r;
        sumSq += r * r;
        n++;
      }
    }
    double mean = sum / n;
    double std = Math.sqrt(sumSq / n - mean * mean);
    assertThat(std * Math.sqrt(252)).isCloseTo(0.20, within(0.003));
    // The mean is noisy: its standard error is σ/√(252·n) ≈ 0.0004 per day-year; allow 4 SE.
    assertThat(mean * 252).isCloseTo(0.08, within(4 * 0.20 * Math.sqrt(252.0 / n)));
  }

  @Test
  void correlatedShocks_haveTheSpecifiedCorrelation() {
    SyntheticMarket.Spec spec = SyntheticMarket.Spec.gbmUniverse(2, 20_000, 3).withCorrelation(0.6);
    List<BarSeries> u = SyntheticMarket.generate(spec);
    double[] a = logReturns(u.get(0));
    double[] b = logReturns(u.get(1));
    assertThat(correlation(a, b)).isCloseTo(0.6, within(0.02));
  }

  @Test
  void ornsteinUhlenbeck_revertsToTheStartPrice() {
    // Discretised OU on the log price: x_{t+1} − m ≈ e^{−θ·dt}(x_t − m) with θ = 50/yr → AR(1) ≈ 0.820 daily.
    SyntheticMarket.Spec spec = SyntheticMarket.Spec.gbmUniverse(1, 20_000, 4)
        .withModel(SyntheticMarket.Model.ORNSTEIN_UHLENBECK, 50).withDriftAndVolatility(0, 0.3);
    BarSeries s = SyntheticMarket.generate(spec).get(0);
    double m = Math.log(100);
    double sxy = 0;
    double sxx = 0;
    for (int i = 1; i < s.size(); i++) {
      double x0 = Math.log(s.close(i - 1)) - m;
      double x1 = Math.log(s.close(i)) - m;
      sxy += x0 * x1;
      sxx += x0 * x0;
    }
    assertThat(sxy / sxx).isCloseTo(Math.exp(-50.0 / 252), within(0.02));
  }

  @Test
  void jumps_fattenTheTails() {
    SyntheticMarket.Spec base = SyntheticMarket.Spec.gbmUniverse(1, 20_000, 5);
    double plain = kurtosis(logReturns(SyntheticMarket.generate(base).get(0)));
    double jumpy = kurtosis(logReturns(SyntheticMarket.generate(base.withJumps(10, 0, 0.08)).get(0)));
    assertThat(plain).isCloseTo(3, within(0.2));
    assertThat(jumpy).isGreaterThan(6);
  }

  @Test
  void calendars_exchangeSkipsWeekends_continuousDoesNot() {
    BarSeries exchange = SyntheticMarket.generate(SyntheticMarket.Spec.gbmUniverse(1, 30, 1)).get(0);
    for (int i = 0; i < exchange.size(); i++) {
      DayOfWeek d = LocalDate.ofEpochDay(exchange.time(i) / 86_400_000L).getDayOfWeek();
      assertThat(d).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
    }
    BarSeries crypto = SyntheticMarket.generate(SyntheticMarket.Spec.gbmUniverse(1, 30, 1)
        .withCalendar(TradingCalendar.CONTINUOUS)).get(0);
    assertThat(crypto.time(29) - crypto.time(0)).isEqualTo(29 * 86_400_000L);
  }

  private static double[] logReturns(BarSeries s) {
    double[] r = new double[s.size() - 1];
    for (int i = 1; i < s.size(); i++) {
      r[i - 1] = Math.log(s.close(i) / s.close(i - 1));
    }
    return r;
  }

  private static double correlation(double[] a, double[] b) {
    double ma = 0;
    double mb = 0;
    for (int i = 0; i < a.length; i++) {
      ma += a[i];
      mb += b[i];
    }
    ma /= a.length;
    mb /= b.length;
    double sab = 0;
    double saa = 0;
    double sbb = 0;
    for (int i = 0; i < a.length; i++) {
      sab += (a[i] - ma) * (b[i] - mb);
      saa += (a[i] - ma) * (a[i] - ma);
      sbb += (b[i] - mb) * (b[i] - mb);
    }
    return sab / Math.sqrt(saa * sbb);
  }

  private static double kurtosis(double[] x) {
    double m = 0;
    for (double v : x) {
      m += v;
    }
    m /= x.length;
    double m2 = 0;
    double m4 = 0;
    for (double v : x) {
      double d = v - m;
      m2 += d * d;
      m4 += d * d * d * d;
    }
    m2 /= x.length;
    m4 /= x.length;
    return m4 / (m2 * m2);
  }
}
