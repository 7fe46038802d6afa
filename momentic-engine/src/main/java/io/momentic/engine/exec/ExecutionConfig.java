package io.momentic.engine.exec;

import io.momentic.core.Checks;
import io.momentic.engine.account.MarginModel;

/**
 * How orders become fills: the fill, slippage and fee models, when market orders fill, the
 * initial margin (leverage cap), the smallest rebalance worth trading, and the account's margin
 * rules. The backtest and the paper venue use the same record.
 *
 * @param leverageCap maximum gross exposure (Σ|quantity × price|) as a multiple of equity after a
 *     fill, net of its fee: the initial margin of every exposure-increasing fill
 * @param minTradeValue target-weight rebalances smaller than this notional are skipped
 */
public record ExecutionConfig(FeeModel fees, SlippageModel slippage, FillModel fillModel, FillTiming fillTiming,
    double leverageCap, double minTradeValue, MarginModel margin, VenueRules rules) implements java.io.Serializable {

  /** Without venue rules (any quantity, any price): what a backtest assumes unless told otherwise. */
  public ExecutionConfig(FeeModel fees, SlippageModel slippage, FillModel fillModel, FillTiming fillTiming,
      double leverageCap, double minTradeValue, MarginModel margin) {
    this(fees, slippage, fillModel, fillTiming, leverageCap, minTradeValue, margin, VenueRules.NONE);
  }

  public ExecutionConfig {
    Checks.notNull(fees, "fees");
    Checks.notNull(slippage, "slippage");
    Checks.notNull(fillModel, "fillModel");
    Checks.notNull(fillTiming, "fillTiming");
    Checks.positive(leverageCap, "leverageCap");
    Checks.notNegative(minTradeValue, "minTradeValue");
    Checks.notNull(margin, "margin");
    rules = rules == null ? VenueRules.NONE : rules;
  }

  /** No costs, next-open fills, the standard bar-range rules, 1× gross, a standard margin account. */
  public static ExecutionConfig defaults() {
    return DEFAULTS;
  }

  private static final ExecutionConfig DEFAULTS = new ExecutionConfig(FeeModel.ZERO, SlippageModel.ZERO,
      FillModel.DEFAULT, FillTiming.NEXT_OPEN, 1.0, 0, MarginModel.standard());

  public ExecutionConfig withFees(FeeModel newFees) {
    return new ExecutionConfig(newFees, slippage, fillModel, fillTiming, leverageCap, minTradeValue, margin, rules);
  }

  public ExecutionConfig withSlippage(SlippageModel newSlippage) {
    return new ExecutionConfig(fees, newSlippage, fillModel, fillTiming, leverageCap, minTradeValue, margin, rules);
  }

  public ExecutionConfig withFillModel(FillModel newFillModel) {
    return new ExecutionConfig(fees, slippage, newFillModel, fillTiming, leverageCap, minTradeValue, margin, rules);
  }

  public ExecutionConfig withFillTiming(FillTiming newTiming) {
    return new ExecutionConfig(fees, slippage, fillModel, newTiming, leverageCap, minTradeValue, margin, rules);
  }

  public ExecutionConfig withLeverageCap(double newCap) {
    return new ExecutionConfig(fees, slippage, fillModel, fillTiming, newCap, minTradeValue, margin, rules);
  }

  public ExecutionConfig withMinTradeValue(double newMinTradeValue) {
    return new ExecutionConfig(fees, slippage, fillModel, fillTiming, leverageCap, newMinTradeValue, margin, rules);
  }

  public ExecutionConfig withMargin(MarginModel newMargin) {
    return new ExecutionConfig(fees, slippage, fillModel, fillTiming, leverageCap, minTradeValue, newMargin, rules);
  }

  /** The venue's order rules (tick, lot step, minimums, price band, working-order cap, maker-only). */
  public ExecutionConfig withRules(VenueRules newRules) {
    return new ExecutionConfig(fees, slippage, fillModel, fillTiming, leverageCap, minTradeValue, margin, newRules);
  }
}
