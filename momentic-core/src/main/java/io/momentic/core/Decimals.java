package io.momentic.core;

import java.math.BigDecimal;

/** Numbers as text that reads back to the same double: the canonical CSV form and every run file's. */
public final class Decimals {

  private Decimals() {}

  /** Shortest round-tripping decimal, never in scientific notation ({@code 1.0E-5} → {@code 0.00001}). */
  public static String shortest(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    String s = Double.toString(v);
    if (s.indexOf('E') < 0) {
      return s;
    }
    return new BigDecimal(s).toPlainString();
  }
}
