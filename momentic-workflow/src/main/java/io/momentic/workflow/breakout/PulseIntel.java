package io.momentic.workflow.breakout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Reference 001's pulse intel: on-chain and social context for a token, as a composite from −15 to
 * +15 with a verdict band. Four inputs behind one port, each cached for its time to live — TVL
 * 3600 s, exchange flows 900 s, social 1800 s, macro 14400 s. Each token input gives a sub-score
 * from −10 to +10; the token composite is their mean (over the inputs present) × 1.2, so ±12; the
 * macro modifier (±3) is added: ±15. Bands: ≥ +10 STRONGLY BULLISH, ≥ +4 BULLISH, above −4 NEUTRAL,
 * above −10 BEARISH, else STRONGLY BEARISH. Inputs without a source (no key, not configured) are
 * named as missing; a source that fails is missing too, with its reason.
 */
public final class PulseIntel {

  /** The inputs and their cache lifetimes. */
  public enum Input {
    TVL(3600), FLOWS(900), SOCIAL(1800), MACRO(14400);

    private final long ttlSeconds;

    Input(long ttlSeconds) {
      this.ttlSeconds = ttlSeconds;
    }

    public long ttlSeconds() {
      return ttlSeconds;
    }
  }

  /** One input's source: its sub-score for a symbol (token inputs ±10, macro ±3), or empty when it has none. */
  public interface Source {
    Optional<Double> score(String symbol) throws IOException;
  }

  /** The composite, its parts, its band and what was missing (and why). */
  public record Composite(double token, double macro, double total, String label, Map<String, Double> inputs,
      Map<String, String> missing) {}

  private final Map<Input, Source> sources;
  private final LongSupplier clockMillis;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  private record Cached(Optional<Double> value, long atMillis) {}

  public PulseIntel(Map<Input, Source> sources, LongSupplier clockMillis) {
    this.sources = new EnumMap<>(Input.class);
    this.sources.putAll(sources);
    this.clockMillis = clockMillis;
  }

  /** No sources configured: every input missing. */
  public static PulseIntel none() {
    return new PulseIntel(Map.of(), System::currentTimeMillis);
  }

  public Composite of(String symbol) {
    Map<String, Double> inputs = new LinkedHashMap<>();
    Map<String, String> missing = new LinkedHashMap<>();
    List<Double> token = new ArrayList<>();
    double macro = 0;
    for (Input input : Input.values()) {
      Source s = sources.get(input);
      String name = input.name().toLowerCase(Locale.ROOT);
      if (s == null) {
        missing.put(name, "no source configured");
        continue;
      }
      Optional<Double> v;
      try {
        v = cached(input, symbol, s);
      } catch (IOException e) {
        missing.put(name, "source failed: " + e.getMessage());
        continue;
      }
      if (v.isEmpty()) {
        missing.put(name, "no value for " + symbol);
        continue;
      }
      if (input == Input.MACRO) {
        macro = clamp(v.get(), 3);
        inputs.put(name, macro);
      } else {
        double x = clamp(v.get(), 10);
        inputs.put(name, x);
        token.add(x);
      }
    }
    double tokenScore = token.isEmpty() ? 0 : 1.2 * token.stream().mapToDouble(Double::doubleValue).average()
        .orElse(0);
    double total = tokenScore + macro;
    return new Composite(tokenScore, macro, total, band(total), inputs, missing);
  }

  private Optional<Double> cached(Input input, String symbol, Source s) throws IOException {
    String key = input + ":" + symbol;
    Cached c = cache.get(key);
    long now = clockMillis.getAsLong();
    if (c != null && now - c.atMillis() < input.ttlSeconds() * 1000) {
      return c.value();
    }
    Optional<Double> v = s.score(symbol);
    cache.put(key, new Cached(v, now));
    return v;
  }

  /** Reference 001's verdict bands. */
  public static String band(double score) {
    return score >= 10 ? "STRONGLY BULLISH" : score >= 4 ? "BULLISH" : score > -4 ? "NEUTRAL" : score > -10
        ? "BEARISH" : "STRONGLY BEARISH";
  }

  private static double clamp(double v, double limit) {
    return Math.max(-limit, Math.min(limit, v));
  }

  //---------------------------------------------------------------------------
  // Sources over HTTP

  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode get(URI uri, String bearer) throws IOException {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).header("Accept",
        "application/json");
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    try {
      HttpResponse<String> r = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() / 100 != 2) {
        throw new IOException(uri.getHost() + " answered HTTP " + r.statusCode());
      }
      return JSON.readTree(r.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /** The base asset of a pair: {@code ETHUSDT} → {@code ETH}. */
  static String baseAsset(String symbol) {
    String s = symbol.toUpperCase(Locale.ROOT);
    for (String q : new String[] {"USDT", "USDC", "BUSD", "BTC", "ETH"}) {
      if (s.endsWith(q) && s.length() > q.length()) {
        return s.substring(0, s.length() - q.length());
      }
    }
    return s;
  }

  /**
   * DefiLlama's {@code GET /protocol/{slug}}: {@code {"tvl": [{"date": s, "totalLiquidityUSD": x}, …]}}. The
   * sub-score is the TVL's change over the last 7 days in percent, halved (±20 % → ±10). {@code slugs} maps a
   * base asset to its protocol slug; an asset without one has no value.
   */
  public static Source defiLlamaTvl(URI base, Map<String, String> slugs) {
    return symbol -> {
      String slug = slugs.get(baseAsset(symbol));
      if (slug == null) {
        return Optional.empty();
      }
      JsonNode tvl = get(URI.create(base.toString().replaceAll("/+$", "") + "/protocol/" + slug), null).path("tvl");
      if (!tvl.isArray() || tvl.size() < 2) {
        return Optional.empty();
      }
      JsonNode last = tvl.get(tvl.size() - 1);
      long cutoff = last.path("date").asLong() - 7 * 86_400;
      double before = Double.NaN;
      for (JsonNode p : tvl) {
        if (p.path("date").asLong() <= cutoff) {
          before = p.path("totalLiquidityUSD").asDouble();
        }
      }
      double now = last.path("totalLiquidityUSD").asDouble();
      return before > 0 ? Optional.of((now / before - 1) * 100 / 2) : Optional.empty();
    };
  }

  /**
   * LunarCrush's {@code GET /api4/public/coins/{SYMBOL}/v1} with a bearer key:
   * {@code {"data": {"sentiment": 0–100, …}}}. The sub-score is (sentiment − 50) / 5. No key: no source.
   */
  public static Optional<Source> lunarCrushSocial(URI base, String apiKey) {
    if (apiKey == null || apiKey.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(symbol -> {
      JsonNode d = get(URI.create(base.toString().replaceAll("/+$", "") + "/api4/public/coins/" + baseAsset(symbol)
          + "/v1"), apiKey).path("data");
      return d.has("sentiment") ? Optional.of((d.get("sentiment").asDouble() - 50) / 5) : Optional.empty();
    });
  }

  /** The sources the environment configures (MOMENTIC_DEFILLAMA_URL, LUNARCRUSH_API_KEY, …). */
  public static PulseIntel fromEnvironment() {
    Map<Input, Source> sources = new EnumMap<>(Input.class);
    String llama = Optional.ofNullable(System.getenv("MOMENTIC_DEFILLAMA_URL")).orElse("https://api.llama.fi");
    if (System.getenv("MOMENTIC_PULSE_TVL_SLUGS") != null) {
      Map<String, String> slugs = new LinkedHashMap<>();
      for (String kv : System.getenv("MOMENTIC_PULSE_TVL_SLUGS").split(",")) {
        String[] p = kv.split("=", 2);
        if (p.length == 2) {
          slugs.put(p[0].strip().toUpperCase(Locale.ROOT), p[1].strip());
        }
      }
      sources.put(Input.TVL, defiLlamaTvl(URI.create(llama), slugs));
    }
    lunarCrushSocial(URI.create(Optional.ofNullable(System.getenv("MOMENTIC_LUNARCRUSH_URL"))
        .orElse("https://lunarcrush.com")), System.getenv("LUNARCRUSH_API_KEY"))
        .ifPresent(s -> sources.put(Input.SOCIAL, s));
    return new PulseIntel(sources, System::currentTimeMillis);
  }
}
