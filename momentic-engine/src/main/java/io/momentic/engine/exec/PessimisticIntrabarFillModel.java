package io.momentic.engine.exec;

/**
 * The standard rules, except that within a bar the adverse extreme is assumed to come first — and,
 * for an entry filled inside the bar, after the entry. So a stop-loss armed by an entry is live
 * on the entry's own bar (the bar's low for a long, its high for a short, is taken to come after
 * the entry), while the take-profit is not (the favourable extreme is taken to have come before).
 * It never credits a fill that needs a particular order of the bar's extremes; it only charges
 * the ones that might have happened. Stops already win over take-profits in one bar.
 */
public final class PessimisticIntrabarFillModel extends BarRangeFillModel {

  @Override
  public boolean exitLiveOnEntryBar(FillContext entry, double entryPrice, boolean stopLoss) {
    if (entry.stage() == FillContext.Stage.CLOSE) {
      return false; // nothing of the bar is left after a fill at its close
    }
    return stopLoss || entryPrice == entry.open();
  }
}
