package io.momentic.paper.runtime;

/**
 * Why a strategy placed no order on a bar: exactly one per bar without an order, counted per
 * strategy (reference 003's operator could not tell "nothing to do" from "blocked").
 */
public enum SkipReason {
  /** Before the first trading bar (indicators warming up). */
  WARM_UP,
  /** The strategy decided and asked for nothing. */
  NO_SIGNAL,
  /** The bar is older than two intervals plus the grace: no decision on stale data. */
  STALE_DATA,
  /** An operator paused the strategy. */
  PAUSED,
  /** A rejection, risk block or reconciliation mismatch quarantined it until an operator clears it. */
  QUARANTINED,
  /** Killed, or retired. */
  STOPPED,
  /** Every intent was denied by a local check. */
  RISK_BLOCKED,
  /** Every intent was below the venue's minimum quantity or notional (dust-sized). */
  BELOW_MINIMUM,
  /** An order that needs cash, with none left. */
  CASH;

  public String code() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
