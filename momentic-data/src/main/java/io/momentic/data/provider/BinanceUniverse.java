package io.momentic.data.provider;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The USDT universe by volume (reference 001 {@code _scanner_get_universe(min_volume_usdt)}):
 * Binance spot pairs quoted in USDT whose 24-hour quote volume ({@code GET /api/v3/ticker/24hr},
 * field {@code quoteVolume}) is at least the minimum, largest first. Stablecoin bases (a USDC/USDT
 * "momentum" is noise) and leveraged tokens ({@code …UP}, {@code …DOWN}, {@code …BULL},
 * {@code …BEAR} on a listed underlying: BTCUP, not JUP) are left out.
 */
public final class BinanceUniverse {

  /** One member of the universe. */
  public record Member(String symbol, double quoteVolume24h) {}

  static final Set<String> STABLE_BASES = Set.of("USDC", "BUSD", "TUSD", "FDUSD", "USDP", "DAI", "USDD", "PYUSD",
      "USDE", "EUR", "AEUR", "EURI", "UST", "USTC", "SUSD", "GUSD", "PAX", "USD1");

  private final URI baseUrl;
  private final HttpJson http;

  public BinanceUniverse(URI baseUrl, HttpJson http) {
    this.baseUrl = baseUrl;
    this.http = http;
  }

  /** The members with 24h quote volume ≥ {@code minQuoteVolume}, largest first, at most {@code top} (0: all). */
  public List<Member> build(double minQuoteVolume, int top) {
    URI uri = baseUrl.resolve("/api/v3/ticker/24hr");
    JsonNode tickers = http.get(uri);
    if (!tickers.isArray()) {
      throw new FetchException(uri + ": expected a JSON array of tickers, found " + tickers.getNodeType(), null);
    }
    java.util.Set<String> bases = new java.util.HashSet<>();
    for (JsonNode t : tickers) {
      String symbol = t.path("symbol").asText("");
      if (symbol.endsWith("USDT") && symbol.length() > 4) {
        bases.add(symbol.substring(0, symbol.length() - 4));
      }
    }
    List<Member> members = new ArrayList<>();
    for (JsonNode t : tickers) {
      String symbol = t.path("symbol").asText("");
      if (!symbol.endsWith("USDT") || symbol.length() <= 4) {
        continue;
      }
      String base = symbol.substring(0, symbol.length() - 4);
      if (STABLE_BASES.contains(base) || leveraged(base, bases)) {
        continue;
      }
      double quoteVolume = Double.parseDouble(t.path("quoteVolume").asText("0"));
      if (quoteVolume >= minQuoteVolume) {
        members.add(new Member(symbol, quoteVolume));
      }
    }
    members.sort(Comparator.comparingDouble(Member::quoteVolume24h).reversed().thenComparing(Member::symbol));
    return top > 0 && members.size() > top ? List.copyOf(members.subList(0, top)) : List.copyOf(members);
  }

  /**
   * Binance's delisting notice as its API gives it: the USDT pairs {@code GET /api/v3/exchangeInfo}
   * lists with a status other than {@code TRADING} ({@code BREAK} once delisted or suspended,
   * {@code HALT}, {@code END_OF_DAY}…), symbol → status.
   */
  public java.util.Map<String, String> notTrading() {
    URI uri = baseUrl.resolve("/api/v3/exchangeInfo");
    JsonNode info = http.get(uri);
    JsonNode symbols = info.path("symbols");
    if (!symbols.isArray()) {
      throw new FetchException(uri + ": expected {\"symbols\": [...]}, found " + info.getNodeType(), null);
    }
    java.util.Map<String, String> out = new java.util.TreeMap<>();
    for (JsonNode s : symbols) {
      String symbol = s.path("symbol").asText("");
      String status = s.path("status").asText("");
      if (s.path("quoteAsset").asText("").equals("USDT") && !status.isEmpty() && !status.equals("TRADING")) {
        out.put(symbol, status);
      }
    }
    return out;
  }

  /**
   * A leveraged token: a base ending in DOWN, BULL or BEAR, or its underlying's base plus UP (BTCUP
   * on BTC) — for UP the underlying must itself be listed, so a coin whose name merely ends so (JUP)
   * stays in.
   */
  static boolean leveraged(String base, java.util.Set<String> bases) {
    if (base.endsWith("DOWN") || base.endsWith("BULL") || base.endsWith("BEAR")) {
      return base.length() > 4;
    }
    return base.endsWith("UP") && base.length() > 2 && bases.contains(base.substring(0, base.length() - 2));
  }
}
