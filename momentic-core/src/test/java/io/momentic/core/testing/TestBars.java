package io.momentic.core.testing;

import io.momentic.core.BarSeries;
import io.momentic.core.Instrument;
import io.momentic.core.Interval;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;

/** Test fixtures shared by every module: the shared data folder and small bar series. */
public final class TestBars {

  private TestBars() {}

  /** The reason a real-data test gives when it is skipped; {@link SharedDataSkips} counts them by it. */
  public static final String SKIP_REASON = "real market data (../shared/data) not found";

  /**
   * {@code ../shared/data} beside the repository. When it is absent the test is skipped — unless
   * {@code -Dmomentic.sharedData=required} (as CI runs), which makes it fail instead. Call it inside
   * a test (or a {@code @BeforeEach}), never in a static initializer: a skip there is an error.
   */
  public static Path sharedData() {
    String root = System.getProperty("momentic.repoRoot", "..");
    Path data = Path.of(root).toAbsolutePath().resolve("../shared/data").normalize();
    if (!Files.isDirectory(data)) {
      if ("required".equals(System.getProperty("momentic.sharedData"))) {
        throw new AssertionError("Expected the real market data at " + data + " (-Dmomentic.sharedData=required), "
            + "but it is not there; fix: put ../shared beside the repository, or drop the property to skip these tests");
      }
      Assumptions.assumeTrue(false, SKIP_REASON + " at " + data);
    }
    return data;
  }

  public static long day(String isoDate) {
    return LocalDate.parse(isoDate).toEpochDay() * 86_400_000L;
  }

  /** Daily bars from closes: open = previous close, high/low 1% around max/min(open, close). */
  public static BarSeries daily(String symbol, String firstDate, double... closes) {
    BarSeries.Builder b = BarSeries.builder(Instrument.equity(symbol), Interval.D1);
    long t = day(firstDate);
    for (int i = 0; i < closes.length; i++) {
      double open = i == 0 ? closes[0] : closes[i - 1];
      b.add(t + i * 86_400_000L, open, Math.max(open, closes[i]) * 1.01, Math.min(open, closes[i]) * 0.99, closes[i],
          1000 + i);
    }
    return b.build();
  }

  /** A seeded random walk of {@code n} consistent OHLCV bars. */
  public static BarSeries randomWalk(long seed, int n) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] closes = new double[n];
    double p = 50 + r.nextDouble() * 100;
    for (int i = 0; i < n; i++) {
      p *= Math.exp((r.nextDouble() - 0.5) * 0.06);
      closes[i] = p;
    }
    BarSeries.Builder b = BarSeries.builder(Instrument.equity("RW" + seed), Interval.D1);
    long t = day("2020-01-01");
    for (int i = 0; i < n; i++) {
      double open = i == 0 ? closes[0] : closes[i - 1] * Math.exp((r.nextDouble() - 0.5) * 0.01);
      double hi = Math.max(open, closes[i]) * (1 + r.nextDouble() * 0.02);
      double lo = Math.min(open, closes[i]) * (1 - r.nextDouble() * 0.02);
      b.add(t + i * 86_400_000L, open, hi, lo, closes[i], Math.rint(1e5 * (1 + r.nextDouble())));
    }
    return b.build();
  }
}
