package io.momentic.engine;

import io.momentic.core.Checks;

/**
 * Run settings.
 *
 * @param leverageCap maximum gross exposure (Σ|quantity × price|) as a multiple of equity after a fill
 * @param minTradeValue target-weight rebalances smaller than this notional are skipped
 * @param closeAtEnd close open positions at the last bar's close (else they are reported as open)
 * @param startTimeMillis first bar that trades and is recorded (epoch ms); earlier bars are warm-up:
 *     features see them, the strategy is not asked to decide and the ledger does not start yet
 */
public record BacktestConfig(double initialCash, FeeModel fees, SlippageModel slippage, FillTiming fillTiming,
    boolean closeAtEnd, double leverageCap, double minTradeValue, long startTimeMillis) implements java.io.Serializable {

  public BacktestConfig {
    Checks.positive(initialCash, "initialCash");
    Checks.notNull(fees, "fees");
    Checks.notNull(slippage, "slippage");
    Checks.notNull(fillTiming, "fillTiming");
    Checks.positive(leverageCap, "leverageCap");
    Checks.notNegative(minTradeValue, "minTradeValue");
  }

  public static BacktestConfig of(double initialCash) {
    return new BacktestConfig(initialCash, FeeModel.ZERO, SlippageModel.ZERO, FillTiming.NEXT_OPEN, false, 1.0, 0,
        Long.MIN_VALUE);
  }

  public BacktestConfig withFees(FeeModel newFees) {
    return new BacktestConfig(initialCash, newFees, slippage, fillTiming, closeAtEnd, leverageCap,
        minTradeValue, startTimeMillis);
  }

  public BacktestConfig withSlippage(SlippageModel newSlippage) {
    return new BacktestConfig(initialCash, fees, newSlippage, fillTiming, closeAtEnd, leverageCap,
        minTradeValue, startTimeMillis);
  }

  public BacktestConfig withFillTiming(FillTiming timing) {
    return new BacktestConfig(initialCash, fees, slippage, timing, closeAtEnd, leverageCap,
        minTradeValue, startTimeMillis);
  }

  public BacktestConfig withCloseAtEnd(boolean close) {
    return new BacktestConfig(initialCash, fees, slippage, fillTiming, close, leverageCap,
        minTradeValue, startTimeMillis);
  }

  public BacktestConfig withLeverageCap(double cap) {
    return new BacktestConfig(initialCash, fees, slippage, fillTiming, closeAtEnd, cap,
        minTradeValue, startTimeMillis);
  }

  public BacktestConfig withMinTradeValue(double value) {
    return new BacktestConfig(initialCash, fees, slippage, fillTiming, closeAtEnd, leverageCap,
        value, startTimeMillis);
  }

  /** Starts trading and recording at the first bar at or after {@code timeMillis}; earlier bars are warm-up. */
  public BacktestConfig withStartTime(long timeMillis) {
    return new BacktestConfig(initialCash, fees, slippage, fillTiming, closeAtEnd, leverageCap, minTradeValue,
        timeMillis);
  }
}
