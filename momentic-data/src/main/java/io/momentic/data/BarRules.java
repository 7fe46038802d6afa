package io.momentic.data;

import io.momentic.core.BarSeries;
import io.momentic.core.Timestamps;
import java.util.Optional;

/**
 * What makes a bar valid, in one place, for every way bars arrive — CSV and JSON files
 * ({@link RowCollector}) and every provider ({@link io.momentic.data.provider.DataProvider}): prices
 * finite and above zero, volume finite and at least zero (or not reported: NaN), low at most high,
 * open and close within [low, high]. Times strictly increasing within a series are checked where
 * the series is assembled.
 */
public final class BarRules {

  /** The field a violation is about. */
  public enum Field { OPEN, HIGH, LOW, CLOSE, VOLUME }

  /** The first rule a bar breaks: which field, what was expected, what was found. */
  public record Violation(Field field, String expected, String found) {

    /** As one phrase: {@code high: expected >= low (10), found 9}. */
    public String describe() {
      return field.name().toLowerCase(java.util.Locale.ROOT) + ": expected " + expected + ", found " + found;
    }
  }

  private BarRules() {}

  /** Why a price is not valid, or empty: finite and above zero. */
  public static Optional<String> priceProblem(double price) {
    return price > 0 && price < Double.POSITIVE_INFINITY ? Optional.empty()
        : Optional.of(Double.isNaN(price) ? "a number" : "a price > 0");
  }

  /** The first rule the bar breaks, or empty when it is valid; volume NaN means "not reported". */
  public static Optional<Violation> check(double open, double high, double low, double close, double volume) {
    // Each price in turn (no arrays per row: a million-row file checks a million rows).
    Optional<Violation> price = priceViolation(Field.OPEN, open);
    if (price.isEmpty()) {
      price = priceViolation(Field.HIGH, high);
    }
    if (price.isEmpty()) {
      price = priceViolation(Field.LOW, low);
    }
    if (price.isEmpty()) {
      price = priceViolation(Field.CLOSE, close);
    }
    if (price.isPresent()) {
      return price;
    }
    if (!Double.isNaN(volume) && !(volume >= 0 && volume < Double.POSITIVE_INFINITY)) {
      return Optional.of(new Violation(Field.VOLUME, "a volume >= 0", fmt(volume)));
    }
    if (high < low) {
      return Optional.of(new Violation(Field.HIGH, ">= low (" + fmt(low) + ")", fmt(high)));
    }
    if (open < low || open > high) {
      return Optional.of(new Violation(Field.OPEN, "within [low, high] = [" + fmt(low) + ", " + fmt(high) + "]",
          fmt(open)));
    }
    if (close < low || close > high) {
      return Optional.of(new Violation(Field.CLOSE, "within [low, high] = [" + fmt(low) + ", " + fmt(high) + "]",
          fmt(close)));
    }
    return Optional.empty();
  }

  private static Optional<Violation> priceViolation(Field field, double price) {
    Optional<String> p = priceProblem(price);
    return p.isEmpty() ? Optional.empty() : Optional.of(new Violation(field, p.get(), fmt(price)));
  }

  /** The first bar of {@code series} that breaks a rule, said with its index and open time, or empty. */
  public static Optional<String> check(BarSeries series) {
    for (int i = 0; i < series.size(); i++) {
      Optional<Violation> v = check(series.open(i), series.high(i), series.low(i), series.close(i), series.volume(i));
      if (v.isPresent()) {
        return Optional.of("bar " + (i + 1) + " of " + series.size() + " (opened " + Timestamps.format(series.time(i))
            + "): " + v.get().describe());
      }
    }
    return Optional.empty(); // times are strictly increasing by construction (BarSeries.Builder.build)
  }

  static String fmt(double v) {
    return Double.isFinite(v) ? CanonicalCsv.formatNumber(v) : Double.toString(v);
  }
}
