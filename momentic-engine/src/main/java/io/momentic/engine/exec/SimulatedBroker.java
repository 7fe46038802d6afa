package io.momentic.engine.exec;

import io.momentic.core.Checks;
import io.momentic.core.Panel;
import io.momentic.engine.account.Ledger;
import io.momentic.engine.account.PortfolioState;
import io.momentic.engine.order.Order;
import io.momentic.engine.order.OrderEvent;

/**
 * The {@link Broker} over historical bars: a {@link MatchingCore} filling into a {@link Ledger}.
 * The backtest loop drives it bar by bar ({@link #openBar}, {@link #mark}, {@link #closeBar}) and
 * contains no fill rule itself; the paper venue drives the same pair with live bars.
 */
public final class SimulatedBroker implements Broker {

  private final MatchingCore core;
  private final Ledger ledger;

  public SimulatedBroker(Panel panel, Ledger ledger, ExecutionConfig config, FeatureValues features) {
    this.ledger = Checks.notNull(ledger, "ledger");
    this.core = new MatchingCore(panel, ledger, config, features);
  }

  /** A broker with a fresh ledger holding {@code initialCash}. */
  public static SimulatedBroker of(Panel panel, double initialCash, ExecutionConfig config, FeatureValues features) {
    return new SimulatedBroker(panel, new Ledger(panel.symbols(), initialCash), config, features);
  }

  public MatchingCore core() {
    return core;
  }

  public Ledger ledger() {
    return ledger;
  }

  //---------------------------------------------------------------------------
  // Driven by the bar loop

  public void startAt(int firstBar) {
    core.startAt(firstBar);
  }

  /** Fills at t's open and inside its range (see {@link MatchingCore}). */
  public void openBar(int bar) {
    core.openBar(bar);
  }

  /** Equity at t's close (gross exposure in {@link #lastGross()}). */
  public double mark(int bar) {
    return core.mark(bar);
  }

  public double lastGross() {
    return core.lastGross();
  }

  /** Same-close fills and trailing stops, after the decision at t's close. */
  public void closeBar(int bar) {
    core.closeBar(bar);
  }

  /** The state to save: the ledger and the working orders. */
  public PortfolioState snapshot(long asOfMillis) {
    return ledger.snapshot(asOfMillis, core.savedOrders(), core.pendingTargets());
  }

  //---------------------------------------------------------------------------
  // Broker

  @Override
  public long submit(Order order) {
    return core.submit(order);
  }

  @Override
  public boolean modify(long orderId, double newStopPrice, double newLimitPrice) {
    return core.modify(orderId, newStopPrice, newLimitPrice);
  }

  @Override
  public boolean cancel(long orderId) {
    return core.cancel(orderId);
  }

  @Override
  public void cancelAll(int symbol) {
    core.cancelAll(symbol);
  }

  @Override
  public void targetWeight(int symbol, double weight) {
    core.targetWeight(symbol, weight);
  }

  @Override
  public double position(int symbol) {
    return ledger.quantity(symbol);
  }

  @Override
  public double averagePrice(int symbol) {
    return ledger.averagePrice(symbol);
  }

  @Override
  public double cash() {
    return ledger.cash();
  }

  @Override
  public OrderEvent pollEvent() {
    return core.pollEvent();
  }
}
