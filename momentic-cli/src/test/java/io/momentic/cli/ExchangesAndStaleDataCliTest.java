package io.momentic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.momentic.core.testing.TestBars;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TradingView exchange backfill against a loopback fake of its symbol search, the pipeline's
 * {@code [momentum]} theme and exchange lookup, {@code pipeline run --as-of --dry-run --json}, and
 * the stale-data warnings of the screens.
 */
class ExchangesAndStaleDataCliTest {

  @TempDir Path dir;
  private HttpServer server;
  private final List<String> asked = Collections.synchronizedList(new ArrayList<>());
  /** ticker → the fake's answer: an exchange code, or "403" for a refusal; absent: no match. */
  private final Map<String, String> listings = new ConcurrentHashMap<>();

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private String fakeTradingView() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/symbol_search/v3/", ex -> {
      String text = "";
      for (String kv : ex.getRequestURI().getRawQuery().split("&")) {
        if (kv.startsWith("text=")) {
          text = URLDecoder.decode(kv.substring(5), StandardCharsets.UTF_8);
        }
      }
      asked.add(text);
      String answer = listings.get(text);
      int status = "403".equals(answer) ? 403 : 200;
      String body = status == 403 ? "<html>Forbidden</html>" : answer == null ? "{\"symbols_remaining\":0,\"symbols\":[]}"
          : "{\"symbols_remaining\":0,\"symbols\":[{\"symbol\":\"<em>" + text + "</em>\",\"description\":\"x\","
              + "\"type\":\"stock\",\"exchange\":\"" + answer + "\",\"currency_code\":\"USD\",\"country\":\"US\","
              + "\"source_id\":\"" + answer + "\",\"is_primary_listing\":true}]}";
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    });
    server.start();
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Test
  void theBackfill_learnsWhatItCan_listsFailures_andRetriesOnlyThem() throws IOException {
    String url = fakeTradingView();
    Path ws = Files.createDirectories(dir.resolve("ws"));
    Files.createDirectories(ws.resolve("config/universe"));
    Files.writeString(ws.resolve("config/universe/us.csv"), "symbol,exchange\nAAPL,NASDAQ\nCELC,\nBW,\nDOWN,\nGONE,\n");
    listings.put("CELC", "NASDAQ");
    listings.put("BW", "NYSE");
    listings.put("DOWN", "403");

    CliTest.Run first = CliTest.run("--workspace", ws.toString(), "universe", "resolve-exchanges", "us",
        "--tradingview-url", url, "--spacing-ms", "0");
    assertThat(first.exitCode()).as(first.err() + first.out()).isEqualTo(Main.EXIT_FAILURE);
    assertThat(first.out()).contains("3 / 5 names mapped (0 already known, 3 learned now)")
        .contains("left bare): GONE").contains("failed (not stored; run again to retry): DOWN").contains("HTTP 403");
    // The file's own exchange column answered AAPL: TradingView was asked only for the other four.
    assertThat(asked).containsExactly("CELC", "BW", "DOWN", "GONE");
    Map<?, ?> map = new ObjectMapper().readValue(ws.resolve("state/tv_exchange_map.json").toFile(), Map.class);
    assertThat(map).isEqualTo(Map.of("AAPL", "NASDAQ", "CELC", "NASDAQ", "BW", "NYSE"));

    // The site answers DOWN the next night: only the names not in the map are asked again.
    listings.put("DOWN", "AMEX");
    asked.clear();
    CliTest.Run second = CliTest.run("--workspace", ws.toString(), "universe", "resolve-exchanges", "us",
        "--tradingview-url", url, "--spacing-ms", "0", "--json");
    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(asked).containsExactly("DOWN", "GONE");
    JsonNode doc = new ObjectMapper().readTree(second.out());
    assertThat(doc.get("known").asInt()).isEqualTo(3);
    assertThat(doc.get("learned").asInt()).isEqualTo(1);
    assertThat(doc.get("map_size").asInt()).isEqualTo(4);
  }

  /** A csv-venue workspace of four Binance pairs ending 2026-01-02, with a [momentum] table. */
  private Path pipelineWorkspace(String momentumExtra) throws IOException {
    Path ws = dir.resolve("ws");
    Path feed = Files.createDirectories(ws.resolve("feed"));
    for (String s : List.of("BTCUSDT", "ETHUSDT", "BNBUSDT", "XRPUSDT")) {
      Files.copy(TestBars.sharedData().resolve("binance_spot_1d/" + s + ".csv"), feed.resolve(s + ".csv"));
    }
    Files.createDirectories(ws.resolve("config/universe"));
    // No exchange column: chart prefixes come only from the map or the online lookup.
    Files.writeString(ws.resolve("config/universe/crypto4.csv"), "symbol\nBTCUSDT\nETHUSDT\nBNBUSDT\nXRPUSDT\n");
    Files.writeString(ws.resolve("config/pipeline.toml"), """
        [[source]]
        venue = "csv"
        folder = "feed"

        [momentum]
        universe = "crypto4"
        lookback = 12
        skip = 1
        top = 4
        """ + momentumExtra);
    return ws;
  }

  @Test
  void thePipeline_themesItsShortlist_andLooksUpChartExchanges() throws IOException {
    String url = fakeTradingView();
    listings.put("BTCUSDT", "BINANCE"); // the fake lists every pair on BINANCE
    listings.put("ETHUSDT", "BINANCE");
    listings.put("BNBUSDT", "BINANCE");
    listings.put("XRPUSDT", "BINANCE");
    Path ws = pipelineWorkspace("theme = \"groovy\"\nexchange_lookup = \"tradingview\"\ntradingview_url = \"" + url
        + "\"\n");
    CliTest.Run run = CliTest.run("--workspace", ws.toString(), "pipeline", "run", "--as-of", "2026-01-04");
    assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
    String page = Files.readString(ws.resolve("data/results/pages/momentum.html"));
    assertThat(page).contains("Fredoka"); // the groovy stylesheet
    assertThat(page).contains("https://www.tradingview.com/chart/?symbol=BINANCE:BTCUSDT");
    assertThat(Files.readString(ws.resolve("state/tv_exchange_map.json"))).contains("\"XRPUSDT\" : \"BINANCE\"");
    // The archive of an as-of run is that day's.
    assertThat(ws.resolve("data/results/archive/2026-01-04.json")).isRegularFile();
    assertThat(run.err()).doesNotContain("stale"); // bars to 01-02 are fresh on 01-04

    CliTest.Run badTheme = CliTest.run("--workspace", ws.toString(), "pipeline", "run", "--dry-run");
    assertThat(badTheme.exitCode()).isZero();
    Files.writeString(ws.resolve("config/pipeline.toml"), Files.readString(ws.resolve("config/pipeline.toml"))
        .replace("groovy", "psychedelic"));
    badTheme = CliTest.run("--workspace", ws.toString(), "pipeline", "run", "--dry-run");
    assertThat(badTheme.exitCode()).isEqualTo(Main.EXIT_BAD_INPUT);
    assertThat(badTheme.err()).contains("theme").contains("default, groovy").contains("psychedelic");
  }

  @Test
  void aDryRun_fetchesAndWritesNothing_andPrintsWhatItWouldPublish() throws IOException {
    Path ws = pipelineWorkspace("");
    CliTest.Run real = CliTest.run("--workspace", ws.toString(), "pipeline", "run", "--as-of", "2025-12-31");
    assertThat(real.exitCode()).as(real.err() + real.out()).isZero();
    long storeSize = Files.size(ws.resolve("data/store/momentic.db"));
    String manifest = Files.readString(ws.resolve("data/results/pipeline/manifest.json"));
    String pageBefore = Files.readString(ws.resolve("data/results/pages/momentum.html"));

    CliTest.Run dry = CliTest.run("--workspace", ws.toString(), "pipeline", "run", "--as-of", "2026-01-05",
        "--dry-run", "--json");
    assertThat(dry.exitCode()).as(dry.err()).isZero();
    JsonNode doc = new ObjectMapper().readTree(dry.out()); // stdout is one JSON document
    assertThat(doc.get("dry_run").asBoolean()).isTrue();
    assertThat(doc.get("date").asText()).isEqualTo("2026-01-05");
    assertThat(doc.get("steps").get(0).get("outcome").asText()).isEqualTo("dry-run");
    assertThat(doc.get("steps").get(0).get("detail").asText()).contains("csv 1d").contains("nothing fetched");
    // The first run stored the bars closed by the end of 12-31; the dry run screens what is stored, as of
    // 01-05, fetching nothing: the week of 12-29 lacks its last days, so the last complete week is 12-22.
    assertThat(doc.get("published").get("momentum").get("week_start").asText()).isEqualTo("2025-12-22");
    assertThat(doc.get("published").get("crosses").get("as_of").asText()).isEqualTo("2026-01-05");
    assertThat(ws.resolve("data/results/archive/2026-01-05.json")).doesNotExist();
    assertThat(Files.readString(ws.resolve("data/results/pipeline/manifest.json"))).isEqualTo(manifest);
    assertThat(Files.readString(ws.resolve("data/results/pages/momentum.html"))).isEqualTo(pageBefore);
    assertThat(Files.size(ws.resolve("data/store/momentic.db"))).isEqualTo(storeSize);
  }

  @Test
  void screensOnStaleData_sayWhatTheyDescribe_insteadOfAnEmptyResult() throws IOException {
    Path ws = pipelineWorkspace("");
    assertThat(CliTest.run("--workspace", ws.toString(), "pipeline", "run", "--as-of", "2026-01-04").exitCode())
        .isZero();
    // Eleven months later nothing was refreshed: the newest stored bar is 2026-01-02.
    Path page = dir.resolve("crosses.html");
    CliTest.Run crosses = CliTest.run("--workspace", ws.toString(), "screen", "crosses", "--as-of", "2026-12-02",
        "--html", page.toString());
    assertThat(crosses.exitCode()).as(crosses.err()).isZero();
    assertThat(crosses.out()).contains("WARNING stale data: newest bar 2026-01-02, 11 months before the as-of date "
        + "2026-12-02").contains("not known, not none (4 series ended before it)");
    assertThat(Files.readString(page)).contains("id=\"stale\"").contains("11 months before");

    CliTest.Run json = CliTest.run("--workspace", ws.toString(), "screen", "crosses", "--as-of", "2026-12-02", "--json");
    assertThat(new ObjectMapper().readTree(json.out()).get("stale_series").asInt()).isEqualTo(4);

    // Fresh data has no warning.
    CliTest.Run fresh = CliTest.run("--workspace", ws.toString(), "screen", "crosses", "--as-of", "2026-01-04");
    assertThat(fresh.out()).doesNotContain("stale");

    CliTest.Run pipeline = CliTest.run("--workspace", ws.toString(), "pipeline", "run", "--as-of", "2026-12-02",
        "--dry-run");
    assertThat(pipeline.err()).contains("crosses: stale data: newest bar 2026-01-02, 11 months")
        .contains("momentum: stale data");
    assertThat(pipeline.out()).contains("STALE");
  }

  @Test
  void theShortlistFromTheStore_takesMembershipFromTheStoredBars() throws IOException {
    Path ws = pipelineWorkspace("");
    // XRPUSDT stops trading on 2025-06-30 (its feed ends there); the other three go on to 2026-01-02.
    Path xrp = ws.resolve("feed/XRPUSDT.csv");
    List<String> lines = Files.readAllLines(xrp);
    List<String> kept = new ArrayList<>(List.of(lines.get(0)));
    lines.subList(1, lines.size()).stream().filter(l -> l.substring(0, 10).compareTo("2025-06-30") <= 0)
        .forEach(kept::add);
    Files.write(xrp, kept);
    CliTest.Run run = CliTest.run("--workspace", ws.toString(), "pipeline", "run", "--as-of", "2026-01-04");
    assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
    JsonNode momentum = new ObjectMapper().readTree(ws.resolve("data/results/archive/2026-01-04.json").toFile())
        .get("momentum");
    assertThat(momentum.get("survivorship").asText()).contains("the bar store's first and last bars")
        .contains("1 name(s) not members that week left out");
    assertThat(momentum.get("shortlist").findValuesAsText("symbol")).doesNotContain("XRPUSDT");
  }

  @Test
  void binanceDelistingNotices_areRecordedByThePipeline_andEndAMembership() throws IOException {
    // A loopback Binance: two liquid pairs, DDDUSDT in BREAK (delisted) in exchangeInfo, three daily candles.
    java.util.concurrent.atomic.AtomicReference<String> dddStatus = new java.util.concurrent.atomic.AtomicReference<>(
        "BREAK");
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    long d0 = TestBars.day("2024-01-01");
    server.createContext("/", ex -> {
      String path = ex.getRequestURI().getPath();
      String body;
      if (path.equals("/api/v3/ticker/24hr")) {
        body = "[{\"symbol\":\"AAAUSDT\",\"quoteVolume\":\"50000000\"}]";
      } else if (path.equals("/api/v3/exchangeInfo")) {
        body = "{\"timezone\":\"UTC\",\"symbols\":[{\"symbol\":\"AAAUSDT\",\"status\":\"TRADING\",\"baseAsset\":\"AAA\","
            + "\"quoteAsset\":\"USDT\"},{\"symbol\":\"DDDUSDT\",\"status\":\"" + dddStatus.get() + "\",\"baseAsset\":"
            + "\"DDD\",\"quoteAsset\":\"USDT\"},{\"symbol\":\"DDDBTC\",\"status\":\"BREAK\",\"baseAsset\":\"DDD\","
            + "\"quoteAsset\":\"BTC\"}]}";
      } else {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < 3; i++) {
          long open = d0 + i * 86_400_000L;
          sb.append(i > 0 ? "," : "").append('[').append(open).append(",\"1\",\"4\",\"0.5\",\"").append(1.5 + i)
              .append("\",\"100\",").append(open + 86_399_999L).append(",\"0\",1,\"0\",\"0\",\"0\"]");
        }
        body = sb.append(']').toString();
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, bytes.length);
      try (OutputStream o = ex.getResponseBody()) {
        o.write(bytes);
      }
    });
    server.start();
    Path ws = Files.createDirectories(dir.resolve("bn"));
    Files.createDirectories(ws.resolve("config"));
    Files.writeString(ws.resolve("config/pipeline.toml"), "[[source]]\nvenue = \"binance\"\nsince = \"2024-01-01\"\n"
        + "base_url = \"http://127.0.0.1:" + server.getAddress().getPort() + "\"\n");
    CliTest.Run run = CliTest.run("--workspace", ws.toString(), "pipeline", "run", "--as-of", "2024-01-04");
    assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
    JsonNode notices = new ObjectMapper().readTree(ws.resolve("state/delisted_binance.json").toFile());
    assertThat(notices.get("DDDUSDT").get("status").asText()).isEqualTo("BREAK");
    assertThat(notices.get("DDDUSDT").get("noticed").asText()).isEqualTo("2024-01-04");
    assertThat(notices.has("DDDBTC")).isFalse(); // USDT pairs only
    // A second night keeps the first date; a pair trading again is taken off.
    CliTest.run("--workspace", ws.toString(), "pipeline", "run", "--as-of", "2024-01-05");
    assertThat(new ObjectMapper().readTree(ws.resolve("state/delisted_binance.json").toFile()).get("DDDUSDT")
        .get("noticed").asText()).isEqualTo("2024-01-04");
    dddStatus.set("TRADING");
    CliTest.run("--workspace", ws.toString(), "pipeline", "run", "--as-of", "2024-01-06");
    assertThat(new ObjectMapper().readTree(ws.resolve("state/delisted_binance.json").toFile()).has("DDDUSDT")).isFalse();
  }

  @Test
  void aNoticedDelisting_takesThePairOutOfTheShortlist_fromTheDayNoticed() throws IOException {
    Path ws = pipelineWorkspace("");
    Files.createDirectories(ws.resolve("state"));
    Files.writeString(ws.resolve("state/delisted_binance.json"),
        "{\"ETHUSDT\": {\"status\": \"BREAK\", \"noticed\": \"2025-12-01\"}}");
    CliTest.Run run = CliTest.run("--workspace", ws.toString(), "pipeline", "run", "--as-of", "2026-01-04");
    assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
    JsonNode momentum = new ObjectMapper().readTree(ws.resolve("data/results/archive/2026-01-04.json").toFile())
        .get("momentum");
    assertThat(momentum.get("shortlist").findValuesAsText("symbol")).doesNotContain("ETHUSDT").contains("BTCUSDT");
    assertThat(momentum.get("survivorship").asText()).contains("1 name(s) not members that week left out");
  }
}
