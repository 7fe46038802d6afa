package io.momentic.paper.venue;

import io.momentic.engine.order.Side;

/**
 * One execution at the venue. {@code tradeId} is the venue's (a fill is applied once per trade
 * id); {@code price} includes slippage and {@code slippageCost} is what it cost against the
 * unslipped price, when the venue knows it (0 otherwise); {@code reason} names an exit the venue
 * made itself (a bracket's stop-loss, a margin call).
 */
public record VenueTrade(long tradeId, String clientOrderId, int symbol, String instrument, Side side,
    double quantity, double price, double fee, double slippageCost, long timeMillis, String reason) {}
