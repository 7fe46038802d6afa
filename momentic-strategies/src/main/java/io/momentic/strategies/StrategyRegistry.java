package io.momentic.strategies;

import io.momentic.core.Interval;
import io.momentic.engine.Strategy;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Built-in strategies by name with their parameters as {@code key=value} strings: shorthands over
 * the {@link StrategyCatalog}, where the strategies and their parameters are declared.
 */
public final class StrategyRegistry {

  private StrategyRegistry() {}

  public static List<String> names() {
    return StrategyCatalog.names();
  }

  /**
   * The bar interval a strategy's parameters are counted in, when it has one: finer data is
   * aggregated to it before the run (xsec-momentum counts weeks).
   */
  public static Optional<Interval> barInterval(String name) {
    return StrategyCatalog.get(name).barInterval();
  }

  /**
   * Symbols a multi-instrument strategy needs loaded, in order; empty for strategies that trade the
   * single series they are given.
   */
  public static List<String> universe(String name, Map<String, String> params) {
    return StrategyCatalog.resolve(name, params).universe();
  }

  /**
   * Resolves a name and parameters into a strategy; unknown names or keys are a
   * {@link io.momentic.core.ConfigException}. The regime-gate keys wrap any strategy in a {@link RegimeGate}.
   */
  public static Strategy create(String name, Map<String, String> params) {
    return StrategyCatalog.resolve(name, params).create();
  }

  /** The xsec-momentum settings from {@code key=value} parameters (defaults: {@link XsecMomentum.Params#DEFAULTS}). */
  public static XsecMomentum.Params momentumParams(Map<String, String> params) {
    return StrategyCatalog.momentum(StrategyCatalog.resolve("xsec-momentum", params).params());
  }
}
