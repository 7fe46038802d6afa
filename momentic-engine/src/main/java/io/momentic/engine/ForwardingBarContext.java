package io.momentic.engine;

import io.momentic.engine.order.Order;

/**
 * A {@link BarContext} that passes every call to the engine's context of the current bar: the base
 * of wrappers that watch or gate what a strategy does (the look-ahead audit's recorder, the
 * meta-label filter) and override only the calls they care about.
 */
public abstract class ForwardingBarContext implements BarContext {

  /** The engine's context; set before each call into the wrapped strategy. */
  protected BarContext inner;

  public void wrap(BarContext context) {
    inner = context;
  }

  @Override
  public int bar() {
    return inner.bar();
  }

  @Override
  public long time() {
    return inner.time();
  }

  @Override
  public int symbolCount() {
    return inner.symbolCount();
  }

  @Override
  public String symbol(int s) {
    return inner.symbol(s);
  }

  @Override
  public boolean hasBar(int s) {
    return inner.hasBar(s);
  }

  @Override
  public double open(int s) {
    return inner.open(s);
  }

  @Override
  public double high(int s) {
    return inner.high(s);
  }

  @Override
  public double low(int s) {
    return inner.low(s);
  }

  @Override
  public double close(int s) {
    return inner.close(s);
  }

  @Override
  public double volume(int s) {
    return inner.volume(s);
  }

  @Override
  public double close(int s, int lag) {
    return inner.close(s, lag);
  }

  @Override
  public double get(Feature feature, int s) {
    return inner.get(feature, s);
  }

  @Override
  public double get(Feature feature, int s, int lag) {
    return inner.get(feature, s, lag);
  }

  @Override
  public double cash() {
    return inner.cash();
  }

  @Override
  public double position(int s) {
    return inner.position(s);
  }

  @Override
  public int heldSymbols(int[] into) {
    return inner.heldSymbols(into);
  }

  @Override
  public double equity() {
    return inner.equity();
  }

  @Override
  public double averagePrice(int s) {
    return inner.averagePrice(s);
  }

  @Override
  public long submit(Order order) {
    return inner.submit(order);
  }

  @Override
  public boolean cancel(long orderId) {
    return inner.cancel(orderId);
  }

  @Override
  public boolean modify(long orderId, double newStopPrice, double newLimitPrice) {
    return inner.modify(orderId, newStopPrice, newLimitPrice);
  }

  @Override
  public long replace(long orderId, Order replacement) {
    return inner.replace(orderId, replacement);
  }

  @Override
  public void cancelAll(int s) {
    inner.cancelAll(s);
  }

  @Override
  public void targetWeight(int s, double weight) {
    inner.targetWeight(s, weight);
  }

  @Override
  public void closeDelisted(int s) {
    inner.closeDelisted(s);
  }
}
