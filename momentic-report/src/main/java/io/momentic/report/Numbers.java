package io.momentic.report;

import io.momentic.core.Decimals;
import java.util.Locale;

/**
 * The one number formatter of pages and terminal output: a kind per column (percent, money,
 * count, price, quantity, plain number), "–" for an unknown value, "∞" for an unbounded one.
 * CSV files get {@link #csv}: the shortest text that reads back to the same double.
 */
public final class Numbers {

  /** How a number is shown. */
  public enum Kind {
    /** {@code 12.34%} (the value is already in percent). */
    PCT,
    /** {@code 12,345.67}. */
    MONEY,
    /** {@code 12}. */
    INT,
    /** {@code 123.4500}. */
    PRICE,
    /** {@code 12} or {@code 0.123456}. */
    QTY,
    /** {@code 1.234}. */
    NUM
  }

  private Numbers() {}

  public static String fmt(double v, Kind kind) {
    if (Double.isNaN(v)) {
      return "–";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "∞" : "−∞";
    }
    return switch (kind) {
      case PCT -> String.format(Locale.ROOT, "%.2f%%", v);
      case MONEY -> String.format(Locale.ROOT, "%,.2f", v);
      case INT -> String.format(Locale.ROOT, "%d", Math.round(v));
      case PRICE -> String.format(Locale.ROOT, "%.4f", v);
      case QTY -> v == Math.rint(v) ? String.format(Locale.ROOT, "%d", (long) v)
          : String.format(Locale.ROOT, "%.6f", v);
      case NUM -> String.format(Locale.ROOT, "%.3f", v);
    };
  }

  /** A value of a JSON-like document (a number, or null/absent) in a kind. */
  public static String fmt(Object v, Kind kind) {
    return fmt(num(v), kind);
  }

  /** A number of a document, NaN when absent or not a number. */
  public static double num(Object o) {
    return o instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  /** A number with a printf pattern; anything else (null, absent) as "–". */
  public static String pattern(Object v, String pattern) {
    return v instanceof Number n && Double.isFinite(n.doubleValue()) ? String.format(Locale.ROOT, pattern,
        n.doubleValue()) : "–";
  }

  /** A signed percent with one decimal, {@code +12.3%}. */
  public static String signedPct(double v) {
    return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%+.1f%%", v);
  }

  /** Dollars in M or B, as a trader reads liquidity. */
  public static String dollars(double v) {
    if (Double.isNaN(v)) {
      return "–";
    }
    if (v >= 1e9) {
      return String.format(Locale.ROOT, "$%.2fB", v / 1e9);
    }
    return String.format(Locale.ROOT, "$%.1fM", v / 1e6);
  }

  /** A share (0.634) as a percent with one decimal, or "n/a". */
  public static String share(Object v) {
    return v instanceof Number n && Double.isFinite(n.doubleValue())
        ? String.format(Locale.ROOT, "%.1f%%", 100 * n.doubleValue()) : "n/a";
  }

  /** A CSV cell: the canonical decimal that reads back to the same double, empty for NaN. */
  public static String csv(double v) {
    return Double.isNaN(v) ? "" : Decimals.shortest(v);
  }

  /** {@link #csv} appended to {@code out} (no String per cell). */
  public static StringBuilder appendCsv(StringBuilder out, double v) {
    return Double.isNaN(v) ? out : Decimals.appendShortest(out, v);
  }
}
