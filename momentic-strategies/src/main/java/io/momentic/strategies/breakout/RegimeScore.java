package io.momentic.strategies.breakout;

import io.momentic.core.BarSeries;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The 0–100 regime score of reference 001, per bar and direction, from up to four inputs with
 * documented weights, renormalised over the inputs present (and the missing ones named):
 * <ul>
 *   <li>ADX, weight {@value #ADX_WEIGHT}: trend strength, {@code 100 × clamp((ADX − 15) / 25)}
 *       — 0 at ADX 15 or below, 100 at 40 or above;</li>
 *   <li>Fear &amp; Greed, weight {@value #SENTIMENT_WEIGHT}: the index for a long, 100 minus it for a short;</li>
 *   <li>funding, weight {@value #FUNDING_WEIGHT}: crowding against the trade lowers the score,
 *       {@code 50 − sign × funding / 0.0005 × 50} clamped — ±0.05 % per 8 h is the extreme;</li>
 *   <li>open interest, weight {@value #OPEN_INTEREST_WEIGHT}: new positions behind the move raise it,
 *       {@code 50 + 5 × ΔOI%} clamped (±10 % in a day is the extreme).</li>
 * </ul>
 * Computed once per series and direction (every bar at once), so the 72 methods read it rather
 * than recompute it.
 */
public final class RegimeScore {

  public static final double ADX_WEIGHT = 0.40;
  public static final double SENTIMENT_WEIGHT = 0.20;
  public static final double FUNDING_WEIGHT = 0.20;
  public static final double OPEN_INTEREST_WEIGHT = 0.20;

  /** The score per bar, which inputs were used and which were missing. */
  public record Result(double[] score, List<String> used, List<String> missing) {}

  private RegimeScore() {}

  public static Result compute(BarSeries bars, Direction direction, double[] adx, RegimeInputs inputs) {
    int n = bars.size();
    Map<RegimeInputs.Input, double[]> given = new EnumMap<>(RegimeInputs.Input.class);
    List<String> used = new ArrayList<>(List.of("adx"));
    List<String> missing = new ArrayList<>();
    for (RegimeInputs.Input input : RegimeInputs.Input.values()) {
      Optional<double[]> s = inputs.series(input, bars);
      if (s.isPresent()) {
        given.put(input, s.get());
        used.add(name(input));
      } else {
        missing.add(name(input));
      }
    }
    double sign = direction.sign();
    double[] score = new double[n];
    for (int t = 0; t < n; t++) {
      double weighted = 0;
      double weights = 0;
      if (!Double.isNaN(adx[t])) {
        weighted += ADX_WEIGHT * 100 * clamp((adx[t] - 15) / 25);
        weights += ADX_WEIGHT;
      }
      double fg = value(given, RegimeInputs.Input.FEAR_GREED, t);
      if (!Double.isNaN(fg)) {
        weighted += SENTIMENT_WEIGHT * (sign > 0 ? fg : 100 - fg);
        weights += SENTIMENT_WEIGHT;
      }
      double funding = value(given, RegimeInputs.Input.FUNDING, t);
      if (!Double.isNaN(funding)) {
        weighted += FUNDING_WEIGHT * 100 * clamp(0.5 - sign * funding / 0.0005 * 0.5);
        weights += FUNDING_WEIGHT;
      }
      double oi = value(given, RegimeInputs.Input.OPEN_INTEREST, t);
      if (!Double.isNaN(oi)) {
        weighted += OPEN_INTEREST_WEIGHT * 100 * clamp(0.5 + 0.05 * oi);
        weights += OPEN_INTEREST_WEIGHT;
      }
      // Weights renormalised over the inputs known at this bar; none known: undefined.
      score[t] = weights > 0 ? weighted / weights : Double.NaN;
    }
    return new Result(score, List.copyOf(used), List.copyOf(missing));
  }

  /** Reference 001's soft regime similarity: {@code max(0.15, 1 − |current − historical| / 100)}. */
  public static double similarityWeight(double current, double historical) {
    if (Double.isNaN(current) || Double.isNaN(historical)) {
      return 1; // nothing to compare: no discount
    }
    return Math.max(0.15, 1 - Math.abs(current - historical) / 100);
  }

  private static double value(Map<RegimeInputs.Input, double[]> given, RegimeInputs.Input input, int t) {
    double[] s = given.get(input);
    return s == null ? Double.NaN : s[t];
  }

  private static double clamp(double x) {
    return x < 0 ? 0 : x > 1 ? 1 : x;
  }

  private static String name(RegimeInputs.Input input) {
    return switch (input) {
      case FEAR_GREED -> "fear_greed";
      case FUNDING -> "funding";
      case OPEN_INTEREST -> "open_interest";
    };
  }
}
