package io.momentic.engine.account;

import io.momentic.engine.order.Side;

/**
 * One execution. {@code price} includes slippage; {@code slippageCost} is what slippage cost
 * versus the unslipped price ({@code ≥ 0}); {@code fee} is the commission charged ({@code ≥ 0}).
 * {@code action} is {@code buy}, {@code sell}, {@code short_open} or {@code short_cover}
 * (reference 002 §5.4).
 */
public record Fill(int bar, long timeMillis, int symbol, String instrument, Side side, String action, double quantity,
    double price, double fee, double slippageCost, long orderId, String reason) {

  /** quantity × price. */
  public double grossValue() {
    return quantity * price;
  }
}
