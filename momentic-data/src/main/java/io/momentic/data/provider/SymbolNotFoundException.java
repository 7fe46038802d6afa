package io.momentic.data.provider;

/** The provider does not list the symbol (Binance answers 400 with code -1121 "Invalid symbol"). */
public final class SymbolNotFoundException extends FetchException {

  public SymbolNotFoundException(String message) {
    super(message, null);
  }
}
