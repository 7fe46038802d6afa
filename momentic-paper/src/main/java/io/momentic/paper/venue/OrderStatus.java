package io.momentic.paper.venue;

/** An order as the venue knows it. {@code filledQuantity} is what has filled so far. */
public record OrderStatus(String clientOrderId, State state, int symbol, double filledQuantity, String reason) {

  public enum State {
    /** Accepted and waiting for its fill (a market order before the next open, a working limit or stop). */
    WORKING,
    PARTIALLY_FILLED,
    FILLED,
    CANCELLED,
    EXPIRED,
    REJECTED,
    /** The venue never saw it: a command lost before it arrived. Safe to send again. */
    NOT_FOUND;

    public boolean done() {
      return this == FILLED || this == CANCELLED || this == EXPIRED || this == REJECTED;
    }
  }
}
