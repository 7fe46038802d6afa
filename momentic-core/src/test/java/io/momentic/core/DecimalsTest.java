package io.momentic.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DecimalsTest {

  /** What {@link Decimals#shortest} has always meant, written with BigDecimal (the reference). */
  private static String reference(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    String s = Double.toString(v);
    return s.indexOf('E') < 0 ? s : new BigDecimal(s).toPlainString();
  }

  @Test
  void sameTextAsBigDecimal_overEveryMagnitude() {
    SplittableRandom rnd = new SplittableRandom(11);
    for (int i = 0; i < 200_000; i++) {
      double v = (rnd.nextBoolean() ? 1 : -1) * rnd.nextDouble() * Math.pow(10, rnd.nextInt(-30, 31));
      assertThat(Decimals.shortest(v)).as("%s", v).isEqualTo(reference(v));
      assertThat(Double.parseDouble(Decimals.shortest(v))).isEqualTo(v);
      StringBuilder appended = new StringBuilder("x,");
      assertThat(Decimals.appendShortest(appended, v).toString()).as("%s appended", v).isEqualTo("x," + reference(v));
    }
    for (double v : new double[] {1e-5, 1.0E-5, 1.5e20, -2.5e-7, 1e15 + 0.5, 9.999999999999999e22, Double.MIN_VALUE,
        Double.MAX_VALUE, 0.001, 1e7 + 0.25}) {
      assertThat(Decimals.shortest(v)).as("%s", v).isEqualTo(reference(v));
      assertThat(Decimals.appendShortest(new StringBuilder(), v).toString()).as("%s appended", v)
          .isEqualTo(reference(v));
    }
    assertThat(Decimals.shortest(1e-5)).isEqualTo("0.000010"); // BigDecimal keeps the mantissa's digit
  }
}
