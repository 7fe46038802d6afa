package io.momentic.strategies;

import io.momentic.core.ConfigException;
import io.momentic.core.Interval;
import io.momentic.engine.Strategy;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Built-in strategies by name, with their parameters as {@code key=value} strings. */
public final class StrategyRegistry {

  private StrategyRegistry() {}

  public static List<String> names() {
    return List.of("buy-and-hold", "sma-cross", "qqq-long-short", "xsec-momentum");
  }

  /**
   * The bar interval a strategy's parameters are counted in, when it has one: finer data is
   * aggregated to it before the run (xsec-momentum counts weeks).
   */
  public static Optional<Interval> barInterval(String name) {
    return name.toLowerCase(Locale.ROOT).equals("xsec-momentum") ? Optional.of(Interval.W1) : Optional.empty();
  }

  /**
   * Symbols a multi-instrument strategy needs loaded, in order; empty for strategies that trade the
   * single series they are given.
   */
  public static List<String> universe(String name, Map<String, String> params) {
    Map<String, String> p = normalized(params);
    p.keySet().removeAll(GATE_KEYS);
    return name.toLowerCase(Locale.ROOT).equals("qqq-long-short") ? qqqParams(p).symbols() : List.of();
  }

  /** Parameters any strategy takes: a regime gate around it (see {@link RegimeGate}). */
  public static final Set<String> GATE_KEYS = Set.of("regime-gate", "regime-symbol", "regime-bear-max",
      "regime-breadth-ma", "regime-breadth-min");

  /**
   * Resolves a name and parameters into a strategy; unknown names or keys are a
   * {@link ConfigException}. The {@link #GATE_KEYS} wrap any strategy in a {@link RegimeGate}.
   */
  public static Strategy create(String name, Map<String, String> params) {
    Map<String, String> p = normalized(params);
    Map<String, String> gate = new HashMap<>();
    for (String key : GATE_KEYS) {
      if (p.containsKey(key)) {
        gate.put(key, p.remove(key));
      }
    }
    Strategy strategy = createUngated(name, p);
    String kind = gate.getOrDefault("regime-gate", "none").strip().toLowerCase(Locale.ROOT);
    if (kind.equals("none")) {
      gate.remove("regime-gate");
      if (!gate.isEmpty()) {
        throw new ConfigException(gate.keySet().iterator().next(), "is a regime-gate setting, but no gate is set; "
            + "add regime-gate=hmm or regime-gate=breadth");
      }
      return strategy;
    }
    return new RegimeGate(strategy, new RegimeGate.Params(RegimeGate.Params.kind(kind), gate.get("regime-symbol"),
        doubleParam(gate, "regime-bear-max", 0.5), intParam(gate, "regime-breadth-ma", 200),
        doubleParam(gate, "regime-breadth-min", 0.5)));
  }

  private static Strategy createUngated(String name, Map<String, String> p) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "buy-and-hold" -> {
        checkKeys(name, p, Set.of());
        yield new BuyAndHold();
      }
      case "sma-cross" -> {
        checkKeys(name, p, Set.of("fast", "slow", "long-only"));
        yield new SmaCross(intParam(p, "fast", 10), intParam(p, "slow", 30), boolParam(p, "long-only", false));
      }
      case "qqq-long-short" -> new QqqLongShort(qqqParams(p));
      case "xsec-momentum" -> new XsecMomentum(momentumParams(p));
      default -> throw new ConfigException("strategy", "expected one of " + names() + ", found '" + name + "'");
    };
  }

  private static final Set<String> QQQ_KEYS = Set.of("signal", "long", "short", "hedge", "ma-fast", "ma-mid",
      "ma-slow", "velocity-window", "acceleration-window", "spread-threshold", "velocity-threshold",
      "acceleration-threshold", "strong-up-weight", "tiring-up-weight", "down-weight", "mixed-hedge-weight",
      "max-gross");

  private static QqqLongShort.Params qqqParams(Map<String, String> p) {
    checkKeys("qqq-long-short", p, QQQ_KEYS);
    QqqLongShort.Params d = QqqLongShort.Params.DEFAULTS;
    return new QqqLongShort.Params(p.getOrDefault("signal", d.signal()), p.getOrDefault("long", d.longSymbol()),
        p.getOrDefault("short", d.shortSymbol()), p.getOrDefault("hedge", d.hedgeSymbol()),
        intParam(p, "ma-fast", d.maFast()), intParam(p, "ma-mid", d.maMid()), intParam(p, "ma-slow", d.maSlow()),
        intParam(p, "velocity-window", d.velocityWindow()), intParam(p, "acceleration-window", d.accelerationWindow()),
        doubleParam(p, "spread-threshold", d.spreadThreshold()),
        doubleParam(p, "velocity-threshold", d.velocityThreshold()),
        doubleParam(p, "acceleration-threshold", d.accelerationThreshold()),
        doubleParam(p, "strong-up-weight", d.strongUpWeight()), doubleParam(p, "tiring-up-weight", d.tiringUpWeight()),
        doubleParam(p, "down-weight", d.downWeight()), doubleParam(p, "mixed-hedge-weight", d.mixedHedgeWeight()),
        doubleParam(p, "max-gross", d.maxGross()));
  }

  /** The xsec-momentum settings from {@code key=value} parameters (defaults: {@link XsecMomentum.Params#DEFAULTS}). */
  public static XsecMomentum.Params momentumParams(Map<String, String> params) {
    Map<String, String> p = normalized(params);
    checkKeys("xsec-momentum", p, Set.of("lookback", "skip", "top-n", "gate", "gate-ma", "min-addv"));
    XsecMomentum.Params d = XsecMomentum.Params.DEFAULTS;
    return new XsecMomentum.Params(intParam(p, "lookback", d.lookback()), intParam(p, "skip", d.skip()),
        intParam(p, "top-n", d.topN()), doubleParam(p, "gate", d.gate()), intParam(p, "gate-ma", d.gateMa()),
        doubleParam(p, "min-addv", d.minAddv()));
  }

  /** Keys are case-insensitive and accept {@code snake_case} (TOML) as well as {@code kebab-case}. */
  private static Map<String, String> normalized(Map<String, String> params) {
    Map<String, String> out = new HashMap<>();
    params.forEach((k, v) -> out.put(k.strip().toLowerCase(Locale.ROOT).replace('_', '-'), v));
    return out;
  }

  static double doubleParam(Map<String, String> p, String key, double fallback) {
    String v = p.get(key);
    if (v == null) {
      return fallback;
    }
    try {
      return Double.parseDouble(v.strip());
    } catch (NumberFormatException e) {
      throw new ConfigException(key, "expected a number, found '" + v + "'");
    }
  }

  private static void checkKeys(String strategy, Map<String, String> p, Set<String> allowed) {
    for (String key : p.keySet()) {
      if (!allowed.contains(key)) {
        throw new ConfigException(key, "unknown parameter for " + strategy + "; expected one of " + new java.util.TreeSet<>(allowed));
      }
    }
  }

  static int intParam(Map<String, String> p, String key, int fallback) {
    String v = p.get(key);
    if (v == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(v.strip());
    } catch (NumberFormatException e) {
      throw new ConfigException(key, "expected an integer, found '" + v + "'");
    }
  }

  static boolean boolParam(Map<String, String> p, String key, boolean fallback) {
    String v = p.get(key);
    if (v == null) {
      return fallback;
    }
    return switch (v.strip().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1" -> true;
      case "false", "no", "0" -> false;
      default -> throw new ConfigException(key, "expected true or false, found '" + v + "'");
    };
  }
}
