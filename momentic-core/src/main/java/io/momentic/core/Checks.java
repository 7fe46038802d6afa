package io.momentic.core;

/**
 * Argument validators that return their argument, so they can be used inline in constructors:
 * {@code this.period = Checks.positive(period, "period");}. Messages name the argument, the
 * expected bound and the value found.
 */
public final class Checks {

  private Checks() {}

  public static int positive(int value, String name) {
    if (value <= 0) {
      throw new IllegalArgumentException("Expected '" + name + "' > 0, but found " + value);
    }
    return value;
  }

  public static int notNegative(int value, String name) {
    if (value < 0) {
      throw new IllegalArgumentException("Expected '" + name + "' >= 0, but found " + value);
    }
    return value;
  }

  public static double positive(double value, String name) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException("Expected finite '" + name + "' > 0, but found " + value);
    }
    return value;
  }

  public static double notNegative(double value, String name) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException("Expected finite '" + name + "' >= 0, but found " + value);
    }
    return value;
  }

  public static double finite(double value, String name) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("Expected finite '" + name + "', but found " + value);
    }
    return value;
  }

  /** Checks {@code lowInclusive <= value < highExclusive}. */
  public static int inRange(int value, int lowInclusive, int highExclusive, String name) {
    if (value < lowInclusive || value >= highExclusive) {
      throw new IllegalArgumentException(
          "Expected " + lowInclusive + " <= '" + name + "' < " + highExclusive + ", but found " + value);
    }
    return value;
  }

  /** Checks {@code lowInclusive <= value <= highInclusive}. */
  public static double inRangeInclusive(double value, double lowInclusive, double highInclusive, String name) {
    if (!(value >= lowInclusive && value <= highInclusive)) {
      throw new IllegalArgumentException(
          "Expected " + lowInclusive + " <= '" + name + "' <= " + highInclusive + ", but found " + value);
    }
    return value;
  }

  public static <T> T notNull(T value, String name) {
    if (value == null) {
      throw new IllegalArgumentException("Expected '" + name + "' to be present, but found null");
    }
    return value;
  }

  public static String notBlank(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("Expected non-blank '" + name + "', but found '" + value + "'");
    }
    return value;
  }
}
