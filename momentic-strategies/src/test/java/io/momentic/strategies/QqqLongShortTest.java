package io.momentic.strategies;

import static io.momentic.strategies.QqqLongShort.Regime.DOWN;
import static io.momentic.strategies.QqqLongShort.Regime.MIXED;
import static io.momentic.strategies.QqqLongShort.Regime.STRONG_UP;
import static io.momentic.strategies.QqqLongShort.Regime.TIRING_UP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.momentic.core.BarSeries;
import io.momentic.core.ConfigException;
import io.momentic.core.Panel;
import io.momentic.core.testing.TestBars;
import io.momentic.data.BarFiles;
import io.momentic.engine.BacktestConfig;
import io.momentic.engine.BacktestEngine;
import io.momentic.engine.BacktestResult;
import io.momentic.engine.account.Fill;
import io.momentic.strategies.QqqLongShort.Params;
import io.momentic.strategies.QqqLongShort.Regime;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QqqLongShortTest {

  private static final Params P = Params.DEFAULTS;

  @Test
  void classify_followsTheReferenceRules() {
    // spreads, velocity, acceleration → regime (thresholds 0)
    assertThat(QqqLongShort.classify(0.02, 0.05, 0.001, 0.0001, P)).isEqualTo(STRONG_UP);
    assertThat(QqqLongShort.classify(0.02, 0.05, 0.001, -0.0001, P)).isEqualTo(TIRING_UP);
    assertThat(QqqLongShort.classify(0.02, 0.05, -0.001, -0.0001, P)).isEqualTo(TIRING_UP); // still up, slowing
    assertThat(QqqLongShort.classify(0.02, 0.05, -0.001, 0.0001, P)).isEqualTo(MIXED); // spreads up, falling
    assertThat(QqqLongShort.classify(-0.02, -0.05, -0.001, -0.0001, P)).isEqualTo(DOWN);
    assertThat(QqqLongShort.classify(-0.02, -0.05, -0.001, 0.0, P)).isEqualTo(DOWN); // acceleration <= 0
    assertThat(QqqLongShort.classify(-0.02, -0.05, -0.001, 0.0001, P)).isEqualTo(MIXED); // falling, but less so
    assertThat(QqqLongShort.classify(0.02, -0.05, 0.001, 0.0001, P)).isEqualTo(MIXED); // spreads disagree
    assertThat(QqqLongShort.classify(Double.NaN, 0.05, 0.001, 0.0001, P)).isEqualTo(MIXED); // warm-up
  }

  @Test
  void classify_deadBandsMakeSmallValuesMixed() {
    Params banded = new Params("QQQ", "TQQQ", "SQQQ", "UVXY", 50, 100, 250, 20, 10, 0.01, 0.0005, 0.00002, 1, 0.5,
        1, 0, 1);
    assertThat(QqqLongShort.classify(0.005, 0.05, 0.001, 0.0001, banded)).isEqualTo(MIXED); // spread inside band
    assertThat(QqqLongShort.classify(0.02, 0.05, 0.0004, 0.0001, banded)).isEqualTo(MIXED); // velocity inside
    assertThat(QqqLongShort.classify(0.02, 0.05, 0.001, 0.00001, banded)).isEqualTo(MIXED); // acceleration inside
    assertThat(QqqLongShort.classify(0.02, 0.05, 0.001, 0.00003, banded)).isEqualTo(STRONG_UP);
  }

  /**
   * On a log-price parabola ln c = α + βt + γt², the OLS slope over any window is the derivative at
   * the window's centre, β + 2γ·centre, so velocity is linear in t and acceleration is exactly 2γ.
   * Moving averages of a rising curve put the fast one above the slow ones, of a falling one below.
   */
  @Test
  void regimes_onLogParabolas_matchTheSignsWorkedOutByHand() {
    assertThat(after(250, regimesOf(0, 0.0, 0.0001))).containsOnly(STRONG_UP); // rising, accelerating
    assertThat(after(250, regimesOf(0, 0.01, -0.00001))).containsOnly(TIRING_UP); // rising (t < 500), slowing
    assertThat(after(250, regimesOf(5, 0.0, -0.00001))).containsOnly(DOWN); // falling, accelerating down
    assertThat(after(250, regimesOf(5, -0.01, 0.00001))).containsOnly(MIXED); // falling, decelerating
    assertThat(Arrays.copyOf(regimesOf(0, 0.0, 0.0001), 249)).containsOnly(MIXED); // SMA250 not formed yet
  }

  @Test
  void engineRun_buysTheLongLegAtTheOpenAfterTheRegimeTurns() {
    // QQQ accelerates up from bar 0: the regime is STRONG_UP from bar 249 (the first full SMA250), so the
    // target of 100 % TQQQ fills at bar 250's open, 10: 100,000 / 10 = 10,000 units. Nothing trades before.
    double[] qqq = logParabola(400, 0, 0.0, 0.0001);
    double[] flat10 = new double[400];
    double[] flat20 = new double[400];
    Arrays.fill(flat10, 10);
    Arrays.fill(flat20, 20);
    Panel panel = Panel.align(List.of(TestBars.daily("QQQ", "2020-01-01", qqq),
        TestBars.daily("TQQQ", "2020-01-01", flat10), TestBars.daily("SQQQ", "2020-01-01", flat20)));
    BacktestResult r = BacktestEngine.run(panel, new QqqLongShort(P), BacktestConfig.of(100_000));
    assertThat(r.fills()).singleElement().satisfies(f -> {
      assertThat(f.instrument()).isEqualTo("TQQQ");
      assertThat(f.bar()).isEqualTo(250);
      assertThat(f.quantity()).isEqualTo(10_000);
      assertThat(f.price()).isEqualTo(10);
    });
  }

  /**
   * The volatility constraint worked by hand: TQQQ's log returns alternate +0.03 and −0.03, so over
   * any 20 of them the mean is 0 and the sample standard deviation is 0.03·√(20/19) = 0.030779 a
   * day, 0.030779·√252 = 0.48861 a year (daily equity bars: 252 sessions). A 30 % target holds
   * 0.30 / 0.48861 = 61.40 % instead of 100 %; σ does not change, so nothing is rebalanced after.
   */
  @Test
  void targetVolatility_sizesTheLegByTargetOverRealisedVolatility() {
    double[] qqq = logParabola(400, 0, 0.0, 0.0001);
    double[] tqqq = new double[400];
    for (int t = 0; t < tqqq.length; t++) {
      tqqq[t] = 10 * Math.exp(t % 2 == 0 ? 0 : 0.03);
    }
    double[] flat20 = new double[400];
    Arrays.fill(flat20, 20);
    Panel panel = Panel.align(List.of(TestBars.daily("QQQ", "2020-01-01", qqq),
        TestBars.daily("TQQQ", "2020-01-01", tqqq), TestBars.daily("SQQQ", "2020-01-01", flat20)));
    double sigma = 0.03 * Math.sqrt(20.0 / 19.0) * Math.sqrt(252);
    assertThat(sigma).isCloseTo(0.48861, org.assertj.core.data.Offset.offset(1e-5));
    Map<String, String> capped = Map.of("target_vol", "0.30");
    BacktestResult r = BacktestEngine.run(panel, StrategyRegistry.create("qqq-long-short", capped),
        BacktestConfig.of(100_000));
    assertThat(r.fills()).singleElement().satisfies(f -> {
      assertThat(f.instrument()).isEqualTo("TQQQ");
      assertThat(f.bar()).isEqualTo(250);
      // 100,000 × 0.30 / 0.48861 at the bar-250 open (the 249 close, 10·e^0.03), in whole shares.
      assertThat(f.quantity()).isEqualTo(Math.floor(100_000 * (0.30 / sigma) / (10 * Math.exp(0.03))));
    });
    // A target above the realised volatility leaves the weight whole: 100,000 / 10.3045 = 9,704 shares.
    BacktestResult loose = BacktestEngine.run(panel, StrategyRegistry.create("qqq-long-short",
        Map.of("target_vol", "0.60")), BacktestConfig.of(100_000));
    assertThat(loose.fills()).singleElement().satisfies(f -> assertThat(f.quantity()).isEqualTo(9_704));
    assertThatThrownBy(() -> StrategyRegistry.create("qqq-long-short", Map.of("vol_window", "1")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("vol-window");
  }

  @Test
  void badParams_areConfigErrors() {
    assertThatThrownBy(() -> StrategyRegistry.create("qqq-long-short", Map.of("ma-fast", "100")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("ma-fast < ma-mid");
    assertThatThrownBy(() -> StrategyRegistry.create("qqq-long-short", Map.of("down_weight", "-1")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("down-weight");
    assertThatThrownBy(() -> StrategyRegistry.create("qqq-long-short", Map.of("ma_fats", "10")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("ma-fats");
    assertThat(StrategyRegistry.universe("qqq-long-short", Map.of())).containsExactly("QQQ", "TQQQ", "SQQQ");
    assertThat(StrategyRegistry.universe("qqq-long-short", Map.of("mixed_hedge_weight", "0.1")))
        .containsExactly("QQQ", "TQQQ", "SQQQ", "UVXY");
  }

  /**
   * On the real ETFs: the regimes recomputed here with plain loops (no Momentic indicator code),
   * and every fill falls on the open right after a regime change, on the leg that change asks for.
   */
  @Test
  void onRealEtfs_fillsHappenOnlyTheBarAfterARegimeChange() {
    Panel panel = etfPanel();
    int qqq = panel.getSymbolIndex("QQQ");
    double[] c = panel.closes(qqq);
    Regime[] expected = naiveRegimes(c, P);
    assertThat(QqqLongShort.regimes(c, P)).containsExactly(expected);

    long start = panel.time(panel.firstIndex(panel.getSymbolIndex("TQQQ")));
    BacktestResult r = BacktestEngine.run(panel, new QqqLongShort(P),
        BacktestConfig.of(100_000).withStartTime(start));
    int first = panel.firstIndex(panel.getSymbolIndex("TQQQ"));
    Set<Integer> changeBars = new HashSet<>();
    for (int t = first + 1; t < c.length; t++) {
      if (expected[t] != expected[t - 1]) {
        changeBars.add(t);
      }
    }
    assertThat(r.fills()).isNotEmpty();
    for (Fill f : r.fills()) {
      int decided = f.bar() - 1;
      assertThat(decided == first || changeBars.contains(decided)).as("fill at bar %d", f.bar()).isTrue();
      Regime now = expected[decided];
      if (f.side().name().equals("BUY")) {
        String leg = now == DOWN ? "SQQQ" : "TQQQ";
        assertThat(f.instrument()).as("buy after turning %s", now).isEqualTo(leg);
      }
    }
    Set<String> traded = new HashSet<>();
    r.fills().forEach(f -> traded.add(f.instrument()));
    assertThat(traded).containsExactlyInAnyOrder("TQQQ", "SQQQ");
  }

  @Test
  void onRealEtfs_noDecisionChangesWhenLaterBarsAreRemoved() {
    Panel panel = etfPanel();
    long start = panel.time(panel.firstIndex(panel.getSymbolIndex("TQQQ")));
    BacktestConfig config = BacktestConfig.of(100_000).withStartTime(start);
    BacktestResult full = BacktestEngine.run(panel, new QqqLongShort(P), config);
    for (int cut : new int[] {3_000, 4_000, 4_777, 5_500}) {
      BacktestResult part = BacktestEngine.run(panel.upTo(cut), new QqqLongShort(P), config);
      List<Fill> before = new ArrayList<>();
      for (Fill f : full.fills()) {
        if (f.bar() < cut) {
          before.add(f);
        }
      }
      assertThat(part.fills()).as("cut %d", cut).isEqualTo(before);
    }
  }

  //---------------------------------------------------------------------------
  private static Panel etfPanel() {
    Path etfs = TestBars.sharedData().resolve("etf_daily_xjcarter");
    List<BarSeries> series = new ArrayList<>();
    for (String s : List.of("QQQ", "TQQQ", "SQQQ")) {
      series.add(BarFiles.read(etfs.resolve(s + ".csv")).single());
    }
    return Panel.align(series);
  }

  private static Regime[] regimesOf(double a, double b, double g) {
    return QqqLongShort.regimes(logParabola(400, a, b, g), P);
  }

  private static double[] logParabola(int n, double a, double b, double g) {
    double[] c = new double[n];
    for (int t = 0; t < n; t++) {
      c[t] = Math.exp(a + b * t + g * t * t);
    }
    return c;
  }

  private static Regime[] after(int from, Regime[] r) {
    return Arrays.copyOfRange(r, from, r.length);
  }

  /** The regime rules with textbook loops: rolling means, least-squares slopes, then the sign tests. */
  private static Regime[] naiveRegimes(double[] c, Params p) {
    int n = c.length;
    double[] vel = new double[n];
    Arrays.fill(vel, Double.NaN);
    for (int t = p.velocityWindow() - 1; t < n; t++) {
      vel[t] = slope(c, t, p.velocityWindow(), true);
    }
    Regime[] out = new Regime[n];
    for (int t = 0; t < n; t++) {
      double acc = t >= p.velocityWindow() - 1 + p.accelerationWindow() - 1
          ? slope(vel, t, p.accelerationWindow(), false) : Double.NaN;
      double f = mean(c, t, p.maFast());
      double m = mean(c, t, p.maMid());
      double s = mean(c, t, p.maSlow());
      double s1 = (f - m) / c[t];
      double s2 = (f - s) / c[t];
      Regime r = MIXED;
      if (!Double.isNaN(s2) && !Double.isNaN(acc)) {
        if (s1 > 0 && s2 > 0 && vel[t] > 0 && acc > 0) {
          r = STRONG_UP;
        } else if (s1 > 0 && s2 > 0 && acc < 0) {
          r = TIRING_UP;
        } else if (s1 < 0 && s2 < 0 && vel[t] < 0 && acc <= 0) {
          r = DOWN;
        }
      }
      out[t] = r;
    }
    return out;
  }

  private static double mean(double[] x, int t, int w) {
    if (t < w - 1) {
      return Double.NaN;
    }
    double sum = 0;
    for (int i = t - w + 1; i <= t; i++) {
      sum += x[i];
    }
    return sum / w;
  }

  private static double slope(double[] y, int t, int w, boolean log) {
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double sxy = 0;
    for (int i = 0; i < w; i++) {
      double yi = log ? Math.log(y[t - w + 1 + i]) : y[t - w + 1 + i];
      sx += i;
      sy += yi;
      sxx += (double) i * i;
      sxy += i * yi;
    }
    return (w * sxy - sx * sy) / (w * sxx - sx * sx);
  }
}
