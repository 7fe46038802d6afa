package io.momentic.analytics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The two-pass summary gives every one-metric function's value to the bit, on every kind of path. */
class CurveSummaryTest {

  static final double PPY = 252;

  @Test
  void equalsTheOneMetricFunctionsOnRandomPaths() {
    SplittableRandom random = new SplittableRandom(20261203);
    for (int path = 0; path < 2_000; path++) {
      int length = 1 + random.nextInt(path < 50 ? 6 : 600);
      double[] wealth = new double[length];
      wealth[0] = 10_000;
      int kind = path % 5;
      for (int i = 1; i < length; i++) {
        double r = random.nextGaussian() * 0.02;
        wealth[i] = switch (kind) {
          case 0 -> wealth[i - 1] * (1 + r);                                   // an ordinary curve
          case 1 -> random.nextInt(4) == 0 ? wealth[i - 1] : wealth[i - 1] * (1 + r); // flat stretches
          case 2 -> random.nextInt(50) == 0 ? 0 : Math.max(0, wealth[i - 1]) * (1 + r); // ruin: 0/0 returns
          case 3 -> wealth[i - 1] * (1 + Math.abs(r));                         // never a drawdown or a loss
          default -> wealth[i - 1] * (1 - 0.5 * Math.abs(r));                  // only losses
        };
      }
      assertSame(wealth, "path " + path + " (kind " + kind + ", " + length + " values)");
    }
  }

  @Test
  void edgeCases() {
    assertSame(new double[] {1}, "one value, no return");
    assertSame(new double[] {1, 1}, "one flat return");
    assertSame(new double[] {1, 2}, "one gain");
    assertSame(new double[] {1, 0, 0, 1}, "ruin then NaN and infinite returns");
    assertSame(new double[] {5, 5, 5, 5, 5}, "flat: no deviation, no downside");
  }

  /** Each component against its definition, compared as bits (NaN equals NaN, −0 differs from 0). */
  static void assertSame(double[] wealth, String what) {
    CurveSummary s = CurveSummary.of(wealth, PPY);
    double[] r = EquityMetrics.returns(wealth);
    assertArrayEquals(r, s.returns(), what + ": returns");
    bits(ReturnMetrics.annualReturn(r, PPY), s.annualReturn(), what + ": annual return");
    bits(ReturnMetrics.annualVolatility(r, PPY), s.annualVolatility(), what + ": annual volatility");
    bits(ReturnMetrics.sharpe(r, PPY), s.sharpe(), what + ": Sharpe");
    bits(ReturnMetrics.sortino(r, PPY), s.sortino(), what + ": Sortino");
    bits(ReturnMetrics.calmar(r, PPY), s.calmar(), what + ": Calmar");
    bits(EquityMetrics.maxDrawdown(wealth), s.maxDrawdown(), what + ": max drawdown");
    assertEquals(EquityMetrics.maxDrawdownDuration(wealth), s.maxDrawdownDuration(), what + ": duration");
    bits(EquityMetrics.averageDrawdown(wealth), s.averageDrawdown(), what + ": average drawdown");
    bits(ReturnMetrics.hitRate(r), s.hitRate(), what + ": hit rate");
    bits(ReturnMetrics.skew(r), s.skew(), what + ": skew");
    bits(ReturnMetrics.excessKurtosis(r), s.excessKurtosis(), what + ": excess kurtosis");
    assertSameFromEquity(wealth, s, what);
  }

  /**
   * The same path given as an initial value and the values after it, through a reused workspace
   * (used before on another path), gives the same summary to the bit, and each block's Σr and Σr²
   * equal the plain in-order sums of its returns.
   */
  static void assertSameFromEquity(double[] wealth, CurveSummary expected, String what) {
    double[] values = Arrays.copyOfRange(wealth, 1, wealth.length);
    int returns = values.length;
    for (int blocks : new int[] {0, 2, 16}) {
      int rows = blocks == 0 ? 0 : returns / blocks;
      if (blocks > 0 && rows < 1) {
        continue;
      }
      CurveSummary.Workspace workspace = new CurveSummary.Workspace(blocks, rows);
      double[] other = new double[returns]; // another path of the same length first: nothing of it may remain
      for (int i = 0; i < returns; i++) {
        other[i] = 100 + (i % 7) - 3 * (i % 2);
      }
      CurveSummary.of(99, other, PPY, workspace);
      CurveSummary s = CurveSummary.of(wealth[0], values, PPY, workspace);
      String at = what + " (from the equity, " + blocks + " blocks)";
      assertArrayEquals(expected.returns(), s.returns(), at + ": returns");
      bits(expected.annualReturn(), s.annualReturn(), at + ": annual return");
      bits(expected.annualVolatility(), s.annualVolatility(), at + ": annual volatility");
      bits(expected.sharpe(), s.sharpe(), at + ": Sharpe");
      bits(expected.sortino(), s.sortino(), at + ": Sortino");
      bits(expected.calmar(), s.calmar(), at + ": Calmar");
      bits(expected.maxDrawdown(), s.maxDrawdown(), at + ": max drawdown");
      assertEquals(expected.maxDrawdownDuration(), s.maxDrawdownDuration(), at + ": duration");
      bits(expected.averageDrawdown(), s.averageDrawdown(), at + ": average drawdown");
      bits(expected.hitRate(), s.hitRate(), at + ": hit rate");
      bits(expected.skew(), s.skew(), at + ": skew");
      bits(expected.excessKurtosis(), s.excessKurtosis(), at + ": excess kurtosis");
      double[] r = expected.returns();
      for (int b = 0; b < blocks; b++) {
        double sum = 0;
        double sumSq = 0;
        for (int t = b * rows; t < (b + 1) * rows; t++) {
          sum += r[t];
          sumSq += r[t] * r[t];
        }
        bits(sum, workspace.blockSum()[b], at + ": block " + b + " sum");
        bits(sumSq, workspace.blockSumSq()[b], at + ": block " + b + " sum of squares");
      }
    }
  }

  static void bits(double expected, double actual, String what) {
    assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(actual),
        what + ": expected " + expected + ", found " + actual);
  }
}
