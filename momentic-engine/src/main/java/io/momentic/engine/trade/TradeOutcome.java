package io.momentic.engine.trade;

/**
 * What one simulated trade did. A trade that never entered (its limit expired, or the data ended)
 * has {@code filled} false and NaN prices. {@code labelEndBar} is the bar the outcome was settled
 * on — the last exit fill — which purged cross-validation needs: a label spans
 * {@code [entryBar, labelEndBar]}.
 *
 * @param rMultiple net profit per unit (after fees) over the initial risk per unit, |entry − stop|
 * @param exit why the last part closed: {@code stop}, {@code target}, {@code break-even},
 *     {@code trailing-stop}, {@code max-hold}, {@code end-of-data}
 */
public record TradeOutcome(boolean filled, boolean expired, int decisionBar, int entryBar, double entryPrice,
    int labelEndBar, double exitPrice, double rMultiple, double fees, String exit) {

  /** A trade that never entered. */
  static TradeOutcome notFilled(int decisionBar, boolean expired, String why) {
    return new TradeOutcome(false, expired, decisionBar, -1, Double.NaN, -1, Double.NaN, Double.NaN, 0, why);
  }

  /** The bars the trade was held, entry bar and settling bar included. */
  public int barsHeld() {
    return filled ? labelEndBar - entryBar + 1 : 0;
  }
}
