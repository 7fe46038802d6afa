package io.momentic.strategies;

import java.util.List;

/**
 * Strategies from outside Momentic: a jar on the class path that lists an implementation in
 * {@code META-INF/services/io.momentic.strategies.StrategyProvider} adds its strategies to the
 * catalog, beside the built-ins — the same names in {@code momentic strategies}, backtests, sweeps,
 * the look-ahead audit and paper trading. A name already taken is refused at start. The launcher
 * puts the jars of {@code MOMENTIC_CLASSPATH} on the class path (see docs/STRATEGIES.md).
 */
public interface StrategyProvider {

  /** The strategies this jar provides, each with its declared parameters. */
  List<StrategyDefinition> strategies();
}
