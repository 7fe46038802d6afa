package io.momentic.engine;

import io.momentic.core.Checks;
import io.momentic.engine.account.MarginModel;
import io.momentic.engine.exec.ExecutionConfig;
import io.momentic.engine.exec.FeeModel;
import io.momentic.engine.exec.FillModel;
import io.momentic.engine.exec.FillTiming;
import io.momentic.engine.exec.SlippageModel;

/**
 * Run settings: the cash, how orders fill ({@link ExecutionConfig}: fee, slippage and fill models,
 * timing, leverage cap, margin), and which bars are traded and recorded.
 *
 * @param closeAtEnd close open positions at the last bar's close (else they are reported as open)
 * @param startTimeMillis first bar that trades and is recorded (epoch ms); earlier bars are warm-up:
 *     features see them, the strategy is not asked to decide and the ledger does not start yet
 */
public record BacktestConfig(double initialCash, ExecutionConfig execution, boolean closeAtEnd,
    long startTimeMillis) implements java.io.Serializable {

  public BacktestConfig {
    Checks.positive(initialCash, "initialCash");
    Checks.notNull(execution, "execution");
  }

  public static BacktestConfig of(double initialCash) {
    return new BacktestConfig(initialCash, ExecutionConfig.defaults(), false, Long.MIN_VALUE);
  }

  public FeeModel fees() {
    return execution.fees();
  }

  public SlippageModel slippage() {
    return execution.slippage();
  }

  public FillTiming fillTiming() {
    return execution.fillTiming();
  }

  public FillModel fillModel() {
    return execution.fillModel();
  }

  /** Maximum gross exposure as a multiple of equity after a fill, net of its fee. */
  public double leverageCap() {
    return execution.leverageCap();
  }

  /** Target-weight rebalances smaller than this notional are skipped. */
  public double minTradeValue() {
    return execution.minTradeValue();
  }

  public MarginModel margin() {
    return execution.margin();
  }

  public BacktestConfig withExecution(ExecutionConfig newExecution) {
    return new BacktestConfig(initialCash, newExecution, closeAtEnd, startTimeMillis);
  }

  public BacktestConfig withFees(FeeModel newFees) {
    return withExecution(execution.withFees(newFees));
  }

  public BacktestConfig withSlippage(SlippageModel newSlippage) {
    return withExecution(execution.withSlippage(newSlippage));
  }

  public BacktestConfig withFillTiming(FillTiming timing) {
    return withExecution(execution.withFillTiming(timing));
  }

  public BacktestConfig withFillModel(FillModel model) {
    return withExecution(execution.withFillModel(model));
  }

  public BacktestConfig withLeverageCap(double cap) {
    return withExecution(execution.withLeverageCap(cap));
  }

  public BacktestConfig withMinTradeValue(double value) {
    return withExecution(execution.withMinTradeValue(value));
  }

  public BacktestConfig withMargin(MarginModel model) {
    return withExecution(execution.withMargin(model));
  }

  public BacktestConfig withCloseAtEnd(boolean close) {
    return new BacktestConfig(initialCash, execution, close, startTimeMillis);
  }

  /** Starts trading and recording at the first bar at or after {@code timeMillis}; earlier bars are warm-up. */
  public BacktestConfig withStartTime(long timeMillis) {
    return new BacktestConfig(initialCash, execution, closeAtEnd, timeMillis);
  }
}
