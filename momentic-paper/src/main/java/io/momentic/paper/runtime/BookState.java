package io.momentic.paper.runtime;

/**
 * The whole book's state: ACTIVE (trading), REDUCING (only orders that reduce a position are
 * sent), HALTED (the kill switch: cancels pass, every new order is denied and the working orders
 * are cancelled).
 */
public enum BookState {
  ACTIVE, REDUCING, HALTED;

  public String code() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
