package io.momentic.strategies;

import io.momentic.core.Interval;
import io.momentic.engine.Strategy;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A built-in strategy as the catalog lists it: its name, a one-line summary, the parameters it
 * declares, the bar interval its parameters count in (finer data is aggregated to it; empty: the
 * data's own), and how to build it from resolved parameters.
 */
public record StrategyDefinition(String name, String summary, List<ParamSpec> params, Optional<Interval> barInterval,
    Function<StrategyParams, Strategy> factory, Function<StrategyParams, List<String>> universe) {

  public StrategyDefinition {
    params = List.copyOf(params);
  }

  /** The declared parameter of that (normalised) name, if any. */
  public Optional<ParamSpec> param(String name) {
    return params.stream().filter(p -> p.name().equals(name)).findFirst();
  }
}
