package io.momentic.paper.venue;

/**
 * Something that happened to an order at the venue, numbered by {@code seq} (ascending, never
 * reused): a fill (the trades carry the amounts), a rejection with the venue's reason, a
 * cancellation or an expiry.
 */
public record OrderUpdate(long seq, String clientOrderId, OrderStatus.State state, long timeMillis, String code,
    String reason) {}
