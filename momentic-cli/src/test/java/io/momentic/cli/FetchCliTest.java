package io.momentic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.momentic.core.BarSeries;
import io.momentic.core.Interval;
import io.momentic.core.testing.TestBars;
import io.momentic.data.BarFiles;
import io.momentic.data.store.BarStore;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FetchCliTest {

  @TempDir Path dir;

  private Path folderWith(String... symbols) throws IOException {
    Path folder = Files.createDirectories(dir.resolve("feed"));
    for (String s : symbols) {
      Files.copy(TestBars.sharedData().resolve("binance_spot_1d/" + s + ".csv"), folder.resolve(s + ".csv"));
    }
    return folder;
  }

  @Test
  void fetchesIncrementallyIntoTheStore() throws IOException {
    Path folder = folderWith("BTCUSDT", "ETHUSDT");
    // First only the history up to 2025-12-31 is in the folder (the last two rows cut off).
    Path btc = folder.resolve("BTCUSDT.csv");
    List<String> lines = Files.readAllLines(btc);
    Files.write(btc, lines.subList(0, lines.size() - 2));
    Path ws = dir.resolve("ws");
    CliTest.Run first = CliTest.run("--workspace", ws.toString(), "fetch", "--venue", "csv", "--folder",
        folder.toString(), "--universe", "--since", "2018-01-01");
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out()).contains("added " + (2922 + 2924) + " bar(s) to 2 symbol(s)");

    Files.write(btc, lines); // two new days arrive
    CliTest.Run second = CliTest.run("--workspace", ws.toString(), "fetch", "--venue", "csv", "--folder",
        folder.toString(), "--symbols", "BTCUSDT,ETHUSDT", "--json");
    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(second.out()).contains("\"symbol\":\"BTCUSDT\",\"venue\":\"csv\",\"added\":2,\"stored\":2924")
        .contains("\"symbol\":\"ETHUSDT\",\"venue\":\"csv\",\"added\":0,\"stored\":2924");

    BarSeries expected = BarFiles.read(btc).single();
    try (BarStore store = BarStore.openReader(ws.resolve("data/store/momentic.db"))) {
      BarSeries stored = store.read("csv", "BTCUSDT", Interval.D1);
      assertThat(stored.times()).containsExactly(expected.times());
      assertThat(stored.closes()).containsExactly(expected.closes());
      assertThat(store.series()).allSatisfy(s -> assertThat(s.lastFetchMillis()).isPositive());
    }
  }

  @Test
  void theStoreListsAndExportsCanonicalCsvs() throws IOException {
    Path folder = folderWith("BTCUSDT", "ETHUSDT");
    Path ws = dir.resolve("ws");
    assertThat(CliTest.run("--workspace", ws.toString(), "fetch", "--venue", "csv", "--folder", folder.toString(),
        "--universe").exitCode()).isZero();
    CliTest.Run list = CliTest.run("--workspace", ws.toString(), "store", "list");
    assertThat(list.exitCode()).as(list.err()).isZero();
    assertThat(list.out()).contains("BTCUSDT").contains("ETHUSDT").contains("2 series in");
    CliTest.Run export = CliTest.run("--workspace", ws.toString(), "store", "export", "--venue", "csv", "--out",
        dir.resolve("out").toString());
    assertThat(export.exitCode()).as(export.err()).isZero();
    BarSeries original = BarFiles.read(folder.resolve("ETHUSDT.csv")).single();
    BarSeries exported = BarFiles.read(dir.resolve("out/ETHUSDT.csv")).single();
    assertThat(exported.times()).containsExactly(original.times());
    assertThat(exported.closes()).containsExactly(original.closes());
    assertThat(exported.volumes()).containsExactly(original.volumes());
    assertThat(CliTest.run("--workspace", ws.toString(), "store", "export", "--venue", "nope").exitCode())
        .isEqualTo(Main.EXIT_BAD_INPUT);
  }

  @Test
  void aMissingSymbolFailsOnlyThatSymbol() throws IOException {
    Path folder = folderWith("BTCUSDT");
    CliTest.Run run = CliTest.run("--workspace", dir.resolve("ws").toString(), "fetch", "--venue", "csv", "--folder",
        folder.toString(), "--symbols", "BTCUSDT,NOPEUSDT");
    assertThat(run.exitCode()).isEqualTo(Main.EXIT_FAILURE);
    assertThat(run.out()).contains("added 2924 bar(s) to 1 symbol(s); 1 failed").contains("failed: NOPEUSDT:");
  }

  @Test
  void anUnknownVenueIsBadInput() {
    CliTest.Run run = CliTest.run("--workspace", dir.resolve("ws").toString(), "fetch", "--venue", "kraken",
        "--symbols", "BTCUSDT");
    assertThat(run.exitCode()).isEqualTo(Main.EXIT_BAD_INPUT);
    assertThat(run.err()).contains("Unknown venue 'kraken'").contains("binance");
  }

  /** The Binance venue end to end against a loopback server: universe, klines, store. */
  @Test
  void fetchesTheBinanceUniverseFromALoopbackServer() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    long d0 = TestBars.day("2024-01-01");
    server.createContext("/", exchange -> {
      String path = exchange.getRequestURI().getPath();
      String body;
      if (path.equals("/api/v3/ticker/24hr")) {
        body = "[{\"symbol\":\"AAAUSDT\",\"quoteVolume\":\"50000000\"},{\"symbol\":\"BBBUSDT\",\"quoteVolume\":\"10\"}]";
      } else {
        StringBuilder sb = new StringBuilder("[");
        // Valid candles (low ≤ open, close ≤ high): an exchange's bars pass the same checks as file rows.
        for (int i = 0; i < 3; i++) {
          long open = d0 + i * Interval.D1.millis();
          sb.append(i > 0 ? "," : "").append('[').append(open).append(",\"1\",\"4\",\"0.5\",\"").append(1.5 + i)
              .append("\",\"100\",").append(open + Interval.D1.millis() - 1).append(",\"0\",1,\"0\",\"0\",\"0\"]");
        }
        body = sb.append(']').toString();
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, bytes.length);
      try (OutputStream o = exchange.getResponseBody()) {
        o.write(bytes);
      }
    });
    server.start();
    try {
      Path ws = dir.resolve("ws");
      CliTest.Run run = CliTest.run("--workspace", ws.toString(), "fetch", "--venue", "binance", "--universe",
          "--base-url", "http://127.0.0.1:" + server.getAddress().getPort(), "--since", "2024-01-01");
      assertThat(run.exitCode()).as(run.err()).isZero();
      assertThat(run.out()).contains("AAAUSDT").doesNotContain("BBBUSDT").contains("added 3 bar(s) to 1 symbol(s)");
      try (BarStore store = BarStore.openReader(ws.resolve("data/store/momentic.db"))) {
        assertThat(store.read("binance", "AAAUSDT", Interval.D1).closes()).containsExactly(1.5, 2.5, 3.5);
      }
    } finally {
      server.stop(0);
    }
  }
}
