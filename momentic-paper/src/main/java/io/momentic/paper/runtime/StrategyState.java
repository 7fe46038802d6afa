package io.momentic.paper.runtime;

/**
 * A strategy's lifecycle in the runtime. Every transition carries a reason code; only transient
 * reasons (a data gap, a degraded venue) resume by themselves, after a cool-down. Risk blocks,
 * rejections and reconciliation mismatches quarantine until an operator clears them; retiring
 * needs the strategy flat (or holding dust only).
 */
public enum StrategyState {
  RUNNING, PAUSED, QUARANTINED, KILLED, RETIRED;

  /** Whether the strategy may open new positions or send new orders. */
  public boolean trades() {
    return this == RUNNING;
  }

  public String code() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
