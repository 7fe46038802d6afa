package io.momentic.workflow.breakout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PulseIntelTest {

  @Test
  void theCompositeAndItsBands_byHand() {
    // Token inputs TVL +10 and social +5 → mean 7.5 × 1.2 = 9; macro +2 → 11: STRONGLY BULLISH.
    Map<PulseIntel.Input, PulseIntel.Source> sources = new EnumMap<>(PulseIntel.Input.class);
    sources.put(PulseIntel.Input.TVL, s -> Optional.of(14.0)); // clamped to +10
    sources.put(PulseIntel.Input.SOCIAL, s -> Optional.of(5.0));
    sources.put(PulseIntel.Input.MACRO, s -> Optional.of(2.0));
    PulseIntel.Composite c = new PulseIntel(sources, () -> 0).of("ETHUSDT");
    assertThat(c.token()).isCloseTo(9.0, within(1e-12));
    assertThat(c.total()).isCloseTo(11.0, within(1e-12));
    assertThat(c.label()).isEqualTo("STRONGLY BULLISH");
    assertThat(c.missing()).containsOnlyKeys("flows");
    assertThat(PulseIntel.band(9)).isEqualTo("BULLISH");
    assertThat(PulseIntel.band(3)).isEqualTo("NEUTRAL");
    assertThat(PulseIntel.band(-3)).isEqualTo("NEUTRAL");
    assertThat(PulseIntel.band(-4)).isEqualTo("BEARISH");
    assertThat(PulseIntel.band(-10)).isEqualTo("STRONGLY BEARISH");
    PulseIntel.Composite none = PulseIntel.none().of("ETHUSDT");
    assertThat(none.total()).isZero();
    assertThat(none.missing()).containsOnlyKeys("tvl", "flows", "social", "macro");
  }

  @Test
  void httpSources_overLoopbackFakes_cachedForTheirTtl() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    AtomicInteger llamaCalls = new AtomicInteger();
    server.createContext("/protocol/lido", ex -> {
      llamaCalls.incrementAndGet();
      // TVL 100 → 110 over 8 days: +10 % → sub-score +5.
      String body = "{\"tvl\": [{\"date\": 1700000000, \"totalLiquidityUSD\": 100}, {\"date\": 1700200000, "
          + "\"totalLiquidityUSD\": 104}, {\"date\": 1700691200, \"totalLiquidityUSD\": 110}]}";
      send(ex, 200, body);
    });
    server.createContext("/api4/public/coins/ETH/v1", ex -> {
      boolean keyed = "Bearer lc-key".equals(ex.getRequestHeaders().getFirst("Authorization"));
      send(ex, keyed ? 200 : 401, keyed ? "{\"data\": {\"sentiment\": 70}}" : "{\"error\": \"unauthorized\"}");
    });
    server.start();
    try {
      URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
      Map<PulseIntel.Input, PulseIntel.Source> sources = new EnumMap<>(PulseIntel.Input.class);
      sources.put(PulseIntel.Input.TVL, PulseIntel.defiLlamaTvl(base, Map.of("ETH", "lido")));
      sources.put(PulseIntel.Input.SOCIAL, PulseIntel.lunarCrushSocial(base, "lc-key").orElseThrow());
      AtomicLong now = new AtomicLong(1_000_000);
      PulseIntel pulse = new PulseIntel(sources, now::get);
      PulseIntel.Composite c = pulse.of("ETHUSDT");
      // TVL +5 (110 vs 100 seven days before the last point), social (70 − 50) / 5 = +4: 4.5 × 1.2 = 5.4.
      assertThat(c.inputs().get("tvl")).isCloseTo(5.0, within(1e-12));
      assertThat(c.inputs().get("social")).isCloseTo(4.0, within(1e-12));
      assertThat(c.total()).isCloseTo(5.4, within(1e-12));
      assertThat(c.label()).isEqualTo("BULLISH");
      pulse.of("ETHUSDT");
      assertThat(llamaCalls.get()).isEqualTo(1); // cached
      now.addAndGet(3_600_000); // TVL's TTL passes
      pulse.of("ETHUSDT");
      assertThat(llamaCalls.get()).isEqualTo(2);
      assertThat(PulseIntel.lunarCrushSocial(base, null)).isEmpty(); // no key: no source
      Map<PulseIntel.Input, PulseIntel.Source> badKey = new EnumMap<>(PulseIntel.Input.class);
      badKey.put(PulseIntel.Input.SOCIAL, PulseIntel.lunarCrushSocial(base, "wrong").orElseThrow());
      assertThat(new PulseIntel(badKey, now::get).of("ETHUSDT").missing().get("social")).contains("HTTP 401");
    } finally {
      server.stop(0);
    }
  }

  private static void send(com.sun.net.httpserver.HttpExchange ex, int status, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(status, b.length);
    try (OutputStream o = ex.getResponseBody()) {
      o.write(b);
    }
  }
}
