package io.momentic.strategies.gem;

import io.momentic.core.ConfigException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every setting of the GEM bear specialist (spec §1.7), in the reference's declaration order —
 * the order of the sweep TSV's trailing columns. The model body reads these; the scoring harness
 * ({@link EnsembleScore}) overwrites {@code feeRate} and {@code initialCapital}.
 */
public record GemParams(double r2Threshold, int topN, int atrWindow, int fitWindow, double momentumCap,
    double r2Exponent, int rebalanceCooldown, boolean useR2Filter, boolean useGrowthFilter, boolean useMomentumCap,
    boolean useInverseVolWeighting, boolean pickLowestMomentum, double feeRate, double initialCapital) {

  /** Field names in declaration order (snake_case, as the reference spells them). */
  public static final List<String> FIELDS = List.of("r2_threshold", "top_n", "atr_window", "fit_window",
      "momentum_cap", "r2_exponent", "rebalance_cooldown", "use_r2_filter", "use_growth_filter", "use_momentum_cap",
      "use_inverse_vol_weighting", "pick_lowest_momentum", "fee_rate", "initial_capital");

  /** The final {@code sweep_1.py} defaults. */
  public static final GemParams DEFAULT = new GemParams(0.5, 5, 15, 30, 0.14, 2.0, 7, true, true, true, true, false,
      0.003, 10_000);

  /** The notebook's own defaults (top 20, all history, no cap, r²¹). */
  public static final GemParams NOTEBOOK = new GemParams(0.5, 20, 15, 0, 0, 1.0, 7, true, true, true, true, false,
      0.003, 10_000);

  /** Notebook {@code BEAR_PARAMS} (on the notebook defaults). */
  public static final GemParams BEAR = NOTEBOOK.with("top_n", "1").with("r2_threshold", "0.5")
      .with("rebalance_cooldown", "10").with("momentum_cap", "0.14").with("r2_exponent", "2.0");

  /** Notebook {@code RANGING_PARAMS} (on the notebook defaults). */
  public static final GemParams RANGING = NOTEBOOK.with("top_n", "8").with("r2_threshold", "0.3")
      .with("rebalance_cooldown", "5").with("momentum_cap", "0.20").with("r2_exponent", "1.5");

  public GemParams {
    if (topN < 1) {
      throw new ConfigException("top_n", "expected at least 1 name, found " + topN);
    }
    if (atrWindow < 1) {
      throw new ConfigException("atr_window", "expected >= 1 candle, found " + atrWindow);
    }
    if (fitWindow < 0 || fitWindow == 1) {
      throw new ConfigException("fit_window", "expected 0 (all history) or >= 2 candles, found " + fitWindow);
    }
    if (rebalanceCooldown < 0) {
      throw new ConfigException("rebalance_cooldown", "expected >= 0 days, found " + rebalanceCooldown);
    }
    if (!(feeRate >= 0 && feeRate < 1)) {
      throw new ConfigException("fee_rate", "expected a rate in [0, 1), found " + feeRate);
    }
    if (!(initialCapital > 0) || Double.isInfinite(initialCapital)) {
      throw new ConfigException("initial_capital", "expected a finite amount > 0, found " + initialCapital);
    }
    for (double v : new double[] {r2Threshold, momentumCap, r2Exponent}) {
      if (!Double.isFinite(v)) {
        throw new ConfigException("r2_threshold/momentum_cap/r2_exponent", "expected finite numbers, found " + v);
      }
    }
  }

  /** A named preset: default, notebook, bear or ranging. */
  public static GemParams preset(String name) {
    return switch (name.strip().toLowerCase(Locale.ROOT)) {
      case "default" -> DEFAULT;
      case "notebook" -> NOTEBOOK;
      case "bear" -> BEAR;
      case "ranging" -> RANGING;
      default -> throw new ConfigException("preset", "expected default, notebook, bear or ranging, found '" + name + "'");
    };
  }

  /**
   * A copy with one field set from text, coerced to the field's type (booleans accept
   * 1/true/yes/on and 0/false/no/off), as the reference's sweep driver does.
   */
  public GemParams with(String field, String text) {
    Map<String, Object> v = values();
    String key = field.strip().toLowerCase(Locale.ROOT).replace('-', '_');
    Object old = v.get(key);
    if (old == null) {
      throw new ConfigException(field, "unknown GEM parameter; expected one of " + FIELDS);
    }
    String t = text.strip();
    try {
      v.put(key, switch (old) {
        case Integer i -> Integer.parseInt(t);
        case Boolean b -> switch (t.toLowerCase(Locale.ROOT)) {
          case "1", "true", "yes", "on" -> true;
          case "0", "false", "no", "off" -> false;
          default -> throw new ConfigException(key, "expected true or false (1/yes/on, 0/no/off), found '" + text + "'");
        };
        default -> Double.parseDouble(t);
      });
    } catch (NumberFormatException e) {
      throw new ConfigException(key, "expected " + (old instanceof Integer ? "an integer" : "a number") + ", found '"
          + text + "'");
    }
    return of(v);
  }

  /** Field → value, in declaration order. */
  public Map<String, Object> values() {
    Map<String, Object> m = new LinkedHashMap<>();
    Object[] all = {r2Threshold, topN, atrWindow, fitWindow, momentumCap, r2Exponent, rebalanceCooldown, useR2Filter,
        useGrowthFilter, useMomentumCap, useInverseVolWeighting, pickLowestMomentum, feeRate, initialCapital};
    for (int i = 0; i < FIELDS.size(); i++) {
      m.put(FIELDS.get(i), all[i]);
    }
    return m;
  }

  private static GemParams of(Map<String, Object> v) {
    return new GemParams((Double) v.get("r2_threshold"), (Integer) v.get("top_n"), (Integer) v.get("atr_window"),
        (Integer) v.get("fit_window"), (Double) v.get("momentum_cap"), (Double) v.get("r2_exponent"),
        (Integer) v.get("rebalance_cooldown"), (Boolean) v.get("use_r2_filter"), (Boolean) v.get("use_growth_filter"),
        (Boolean) v.get("use_momentum_cap"), (Boolean) v.get("use_inverse_vol_weighting"),
        (Boolean) v.get("pick_lowest_momentum"), (Double) v.get("fee_rate"), (Double) v.get("initial_capital"));
  }

  public GemParams withFees(double newFeeRate, double newInitialCapital) {
    return new GemParams(r2Threshold, topN, atrWindow, fitWindow, momentumCap, r2Exponent, rebalanceCooldown,
        useR2Filter, useGrowthFilter, useMomentumCap, useInverseVolWeighting, pickLowestMomentum, newFeeRate,
        newInitialCapital);
  }
}
