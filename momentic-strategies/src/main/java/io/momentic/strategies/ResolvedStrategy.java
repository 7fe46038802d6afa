package io.momentic.strategies;

import io.momentic.core.Interval;
import io.momentic.engine.Strategy;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A strategy with its parameters resolved: every declared parameter typed and present (defaults
 * filled in), ready to build as many fresh instances as a sweep or a fee-stress run needs.
 */
public record ResolvedStrategy(StrategyDefinition definition, StrategyParams params, boolean gated) {

  public String name() {
    return definition.name();
  }

  /** A new instance (strategies keep per-run state). */
  public Strategy create() {
    if (metaLabeled()) {
      return new MetaLabeledStrategy(this::createUnfiltered, params.number("meta-threshold"),
          params.integer("meta-min-trades"), 42);
    }
    return createUnfiltered();
  }

  /** Whether a meta-label filter wraps the strategy. */
  public boolean metaLabeled() {
    return params.values().containsKey("meta-threshold") && params.number("meta-threshold") > 0;
  }

  /** The strategy (and its regime gate) without the meta-label filter. */
  public Strategy createUnfiltered() {
    Strategy s = definition.factory().apply(params);
    if (!gated) {
      return s;
    }
    String symbol = params.text("regime-symbol");
    return new RegimeGate(s, new RegimeGate.Params(RegimeGate.Params.kind(params.text("regime-gate")),
        symbol == null || symbol.isBlank() ? null : symbol, params.number("regime-bear-max"),
        params.integer("regime-breadth-ma"), params.number("regime-breadth-min")));
  }

  /** Every parameter the run uses, defaults included (sorted), typed. */
  public Map<String, Object> values() {
    return params.values();
  }

  /** Every parameter as {@code --param} text, defaults included (sorted): what a run's manifest records. */
  public Map<String, String> texts() {
    return params.texts();
  }

  /** Symbols a multi-instrument strategy needs loaded, in order; empty for single-series strategies. */
  public List<String> universe() {
    return definition.universe().apply(params);
  }

  /** The interval its parameters count in, when it has one (finer data is aggregated to it). */
  public Optional<Interval> barInterval() {
    return definition.barInterval();
  }
}
