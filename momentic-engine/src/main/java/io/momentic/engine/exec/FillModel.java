package io.momentic.engine.exec;

/**
 * Where a working order fills inside a bar, before slippage. Market orders are priced by the
 * stage (the open, or the close for same-close fills); the model decides stops, limits,
 * stop-limits and trailing stops from the bar's range, and whether the exits an entry arms are
 * live on the entry's own bar.
 */
public interface FillModel extends java.io.Serializable {

  /** The reference price at which the order in {@code c} fills on c's bar, or NaN if it does not. */
  double fillPrice(FillContext c);

  /**
   * Whether an exit armed by an entry that filled on this bar at {@code entryPrice} may fill on the
   * same bar. {@code stopLoss} tells the stop-loss leg from the take-profit leg.
   */
  boolean exitLiveOnEntryBar(FillContext entry, double entryPrice, boolean stopLoss);

  /** DESIGN.md §4: the bar's range, gaps filled at the open, stop-losses before take-profits. */
  FillModel DEFAULT = new BarRangeFillModel();

  /** Within a bar the adverse extreme comes first: see {@link PessimisticIntrabarFillModel}. */
  FillModel PESSIMISTIC = new PessimisticIntrabarFillModel();
}
