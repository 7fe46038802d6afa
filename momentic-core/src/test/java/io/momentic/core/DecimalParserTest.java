package io.momentic.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Every value is the JDK's {@link Double#parseDouble} of the same text, compared as bits. */
class DecimalParserTest {

  @Test
  void shortestFormsOfRandomDoublesReadBack() {
    SplittableRandom random = new SplittableRandom(20261203);
    for (int k = 0; k < 300_000; k++) {
      double v = switch (k % 3) {
        case 0 -> Double.longBitsToDouble(random.nextLong() & 0x7FFF_FFFF_FFFF_FFFFL); // any finite magnitude
        case 1 -> 100 * Math.exp(random.nextGaussian()); // prices
        default -> random.nextDouble() * Math.pow(10, random.nextInt(-30, 30));
      };
      if (!Double.isFinite(v)) {
        continue;
      }
      same(Double.toString(v));
      same(Double.toString(-v));
      same(new BigDecimal(v).round(new MathContext(1 + random.nextInt(19))).toPlainString());
    }
  }

  @Test
  void decimalsOfEveryLengthAndExponent() {
    SplittableRandom random = new SplittableRandom(42);
    for (int k = 0; k < 300_000; k++) {
      int length = 1 + random.nextInt(22);
      StringBuilder digits = new StringBuilder();
      for (int i = 0; i < length; i++) {
        digits.append((char) ('0' + random.nextInt(10)));
      }
      int point = random.nextInt(length + 1);
      String mantissa = digits.substring(0, point) + "." + digits.substring(point);
      same(mantissa);
      same(mantissa + "e" + random.nextInt(-330, 320));
      same(digits + "E+" + random.nextInt(0, 40));
    }
  }

  /** Near-halfway points: two neighbouring doubles' exact midpoint, cut to 17–19 significant digits. */
  @Test
  void nearHalfwayBetweenTwoDoubles() {
    SplittableRandom random = new SplittableRandom(7);
    for (int k = 0; k < 200_000; k++) {
      double v = k % 2 == 0 ? 100 * Math.exp(3 * random.nextGaussian())
          : Double.longBitsToDouble(random.nextLong(0x0010_0000_0000_0000L, 0x7FE0_0000_0000_0000L));
      BigDecimal midpoint = new BigDecimal(v).add(new BigDecimal(Math.nextUp(v))).divide(BigDecimal.valueOf(2));
      for (int precision = 17; precision <= 20; precision++) {
        for (RoundingMode mode : new RoundingMode[] {RoundingMode.FLOOR, RoundingMode.CEILING}) {
          same(midpoint.round(new MathContext(precision, mode)).toString());
        }
      }
    }
  }

  @Test
  void edgesAndWhatTheJdkRefuses() {
    for (String s : new String[] {"0", "-0", "+0.0", "0.000", ".5", "5.", "-.5", "1e0", "1E-0", "007", "00.0100",
        "9007199254740992", "9007199254740993", "9007199254740995", "18446744073709551615", "9999999999999999999",
        "1e22", "1e23", "1.7976931348623157e308", "1.7976931348623159e308", "2.2250738585072014e-308",
        "2.2250738585072011e-308", "4.9e-324", "1e-400", "1e400", "123456789012345678901234567890", "0x1p3", "1.5d",
        "1.5f", " 1.5", "1.5 ", "Infinity", "-Infinity", "NaN", "1e999999", "0.1", "0.2", "0.3", "2.5e-3"}) {
      same(s);
    }
    for (String bad : new String[] {"", "-", "+", ".", "e5", "1e", "1e+", "1.2.3", "1,5", "--1", "abc"}) {
      assertThrows(NumberFormatException.class, () -> Double.parseDouble(bad), bad);
      assertThrows(NumberFormatException.class, () -> DecimalParser.parse(bad), bad);
    }
  }

  static void same(String text) {
    double expected = Double.parseDouble(text);
    double actual = DecimalParser.parse(text);
    assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual),
        () -> "'" + text + "': expected " + expected + ", found " + actual);
  }
}
