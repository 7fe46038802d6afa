package io.momentic.strategies;

import io.momentic.core.ConfigException;
import io.momentic.engine.Strategy;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Built-in strategies by name, with their parameters as {@code key=value} strings. */
public final class StrategyRegistry {

  private StrategyRegistry() {}

  public static List<String> names() {
    return List.of("buy-and-hold", "sma-cross");
  }

  /** Resolves a name and parameters into a strategy; unknown names or keys are a {@link ConfigException}. */
  public static Strategy create(String name, Map<String, String> params) {
    Map<String, String> p = new HashMap<>(params);
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "buy-and-hold" -> {
        checkKeys(name, p, Set.of());
        yield new BuyAndHold();
      }
      case "sma-cross" -> {
        checkKeys(name, p, Set.of("fast", "slow", "long-only"));
        yield new SmaCross(intParam(p, "fast", 10), intParam(p, "slow", 30), boolParam(p, "long-only", false));
      }
      default -> throw new ConfigException("strategy", "expected one of " + names() + ", found '" + name + "'");
    };
  }

  private static void checkKeys(String strategy, Map<String, String> p, Set<String> allowed) {
    for (String key : p.keySet()) {
      if (!allowed.contains(key)) {
        throw new ConfigException(key, "unknown parameter for " + strategy + "; expected one of " + allowed);
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
