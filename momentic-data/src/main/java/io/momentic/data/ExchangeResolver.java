package io.momentic.data;

import java.util.Optional;

/**
 * Port: a ticker's primary listing exchange as chart sites name it (NASDAQ, NYSE, AMEX …), for
 * links such as TradingView's {@code ?symbol=NASDAQ:AAPL}. Empty when unknown; an implementation
 * that fails (network down) returns empty rather than a guess.
 */
@FunctionalInterface
public interface ExchangeResolver {

  Optional<String> resolve(String symbol);

  /** Knows nothing: every link uses the bare symbol. */
  static ExchangeResolver none() {
    return symbol -> Optional.empty();
  }

  /** Asks this resolver, then {@code next} when this one does not know. */
  default ExchangeResolver orElse(ExchangeResolver next) {
    return symbol -> {
      Optional<String> found = resolve(symbol);
      return found.isPresent() ? found : next.resolve(symbol);
    };
  }
}
