package io.momentic.core;

/**
 * A tradable thing: a symbol on a venue. {@code wholeUnits} says whether quantities must be
 * integers (shares) or may be fractional (crypto, FX).
 */
public record Instrument(String symbol, String venue, AssetClass assetClass, boolean wholeUnits) {

  public Instrument {
    Checks.notBlank(symbol, "symbol");
    Checks.notBlank(venue, "venue");
    Checks.notNull(assetClass, "assetClass");
  }

  /** An instrument with its asset class's unit rule. */
  public static Instrument of(String symbol, String venue, AssetClass assetClass) {
    return new Instrument(symbol, venue, assetClass, assetClass.wholeUnits());
  }

  /** A US-listed equity-like instrument (whole shares, exchange calendar). */
  public static Instrument equity(String symbol) {
    return of(symbol, "US", AssetClass.EQUITY);
  }

  /** A crypto spot pair (fractional units, 24/7 calendar). */
  public static Instrument crypto(String symbol, String venue) {
    return of(symbol, venue, AssetClass.CRYPTO);
  }

  public TradingCalendar calendar() {
    return assetClass.calendar();
  }
}
