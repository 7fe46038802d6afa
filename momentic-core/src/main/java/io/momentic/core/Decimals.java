package io.momentic.core;

/** Numbers as text that reads back to the same double: the canonical CSV form and every run file's. */
public final class Decimals {

  private Decimals() {}

  /** Shortest round-tripping decimal, never in scientific notation ({@code 1.0E-5} → {@code 0.00001}). */
  public static String shortest(double v) {
    return appendShortest(new StringBuilder(24), v).toString();
  }

  /**
   * {@link #shortest} appended to {@code out}, without a String per number in the common case (a
   * million-row file writes five million of them).
   */
  public static StringBuilder appendShortest(StringBuilder out, double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return out.append((long) v);
    }
    int start = out.length();
    out.append(v); // String.valueOf(v)'s text, written in place
    for (int i = start; i < out.length(); i++) {
      if (out.charAt(i) == 'E') {
        String scientific = out.substring(start);
        out.setLength(start);
        return out.append(plain(scientific, i - start));
      }
    }
    return out;
  }

  /**
   * {@code d.dddE±n} written out, exactly as {@code new BigDecimal(s).toPlainString()} writes it (the
   * mantissa's digits kept as they are) but without building a BigDecimal: a million-row equity
   * file spent most of its time there.
   */
  private static String plain(String s, int e) {
    int exponent = Integer.parseInt(s, e + 1, s.length(), 10);
    boolean negative = s.charAt(0) == '-';
    int start = negative ? 1 : 0;
    int dot = s.indexOf('.', start);
    StringBuilder digits = new StringBuilder(e);
    digits.append(s, start, dot).append(s, dot + 1, e);
    int point = dot - start + exponent; // where the decimal point falls among the digits
    StringBuilder out = new StringBuilder(digits.length() + Math.abs(exponent) + 3);
    if (negative) {
      out.append('-');
    }
    if (point <= 0) {
      out.append("0.");
      out.repeat('0', -point);
      out.append(digits);
    } else if (point >= digits.length()) {
      out.append(digits);
      out.repeat('0', point - digits.length());
    } else {
      out.append(digits, 0, point).append('.').append(digits, point, digits.length());
    }
    return out.toString();
  }
}
