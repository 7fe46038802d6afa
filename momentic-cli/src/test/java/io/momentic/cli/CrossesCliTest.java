package io.momentic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.momentic.core.BarSeries;
import io.momentic.core.testing.TestBars;
import io.momentic.data.BarFiles;
import io.momentic.core.Timestamps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code screen crosses} over the store, checked against a brute-force recomputation. */
class CrossesCliTest {

  @TempDir Path dir;
  private Path ws;
  private final List<BarSeries> coins = new ArrayList<>();

  @BeforeEach
  void fillStore() throws IOException {
    Path folder = Files.createDirectories(dir.resolve("feed"));
    for (String s : List.of("BTCUSDT", "ETHUSDT", "BNBUSDT", "XRPUSDT")) {
      Path f = TestBars.sharedData().resolve("binance_spot_1d/" + s + ".csv");
      Files.copy(f, folder.resolve(s + ".csv"));
      coins.add(BarFiles.read(f).single());
    }
    ws = dir.resolve("ws");
    assertThat(CliTest.run("--workspace", ws.toString(), "fetch", "--venue", "csv", "--folder", folder.toString(),
        "--universe").exitCode()).isZero();
  }

  /** Plain-loop SMA of closes[t-n+1..t]. */
  private static double sma(BarSeries s, int t, int n) {
    double sum = 0;
    for (int i = t - n + 1; i <= t; i++) {
      sum += s.close(i);
    }
    return sum / n;
  }

  /** The latest day in (asOf-30d, asOf] where SMA50 went strictly from ≤ to > SMA200 (golden) or the mirror. */
  private static String bruteForce(BarSeries s, long asOf, boolean golden) {
    String found = null;
    for (int t = 200; t < s.size() && s.time(t) <= asOf; t++) {
      if (s.time(t) <= asOf - 30 * 86_400_000L) {
        continue;
      }
      double prev = sma(s, t - 1, 50) - sma(s, t - 1, 200);
      double now = sma(s, t, 50) - sma(s, t, 200);
      boolean crossed = golden ? prev <= 0 && now > 0 : prev >= 0 && now < 0;
      if (crossed) {
        found = Timestamps.formatDate(s.time(t));
      }
    }
    return found;
  }

  @Test
  void everyReportedCrossMatchesABruteForceRecomputation() throws IOException {
    ObjectMapper json = new ObjectMapper();
    int hits = 0;
    for (String asOf : List.of("2020-06-10", "2021-07-15", "2022-01-20", "2023-02-10", "2024-09-20", "2025-04-15")) {
      CliTest.Run run = CliTest.run("--workspace", ws.toString(), "screen", "crosses", "--as-of", asOf, "--json");
      assertThat(run.exitCode()).as(run.err()).isZero();
      JsonNode doc = json.readTree(run.out());
      assertThat(doc.get("as_of").asText()).isEqualTo(asOf);
      long asOfMillis = TestBars.day(asOf) + 86_400_000L - 1;
      for (BarSeries coin : coins) {
        for (String kind : List.of("golden", "death")) {
          String expected = bruteForce(coin, asOfMillis, kind.equals("golden"));
          String reported = null;
          for (JsonNode h : doc.get(kind)) {
            if (h.get("symbol").asText().equals(coin.symbol())) {
              reported = h.get("cross_date").asText();
              double strength = h.get("strength").asDouble();
              assertThat(strength).isBetween(0.0, 10.0);
              assertThat(strength).isCloseTo(h.get("volume_points").asDouble() + h.get("slope_points").asDouble()
                  + h.get("gap_points").asDouble(), org.assertj.core.data.Offset.offset(0.051));
            }
          }
          assertThat(reported).as("%s %s as of %s", coin.symbol(), kind, asOf).isEqualTo(expected);
          hits += expected == null ? 0 : 1;
        }
      }
    }
    assertThat(hits).as("the dates were chosen to include crosses").isGreaterThanOrEqualTo(4);
  }

  @Test
  void writesThePageAndTheDatedSnapshot() throws IOException {
    Path page = dir.resolve("crosses.html");
    CliTest.Run run = CliTest.run("--workspace", ws.toString(), "screen", "crosses", "--as-of", "2020-06-10",
        "--html", page.toString(), "--snapshot");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("Golden crosses").contains("Death crosses").contains("page: ").contains("snapshot: ");
    Path snapshot = ws.resolve("data/results/crosses/2020-06-10.json");
    JsonNode doc = new ObjectMapper().readTree(snapshot.toFile());
    Document html = Jsoup.parse(page.toFile());
    assertThat(html.select("#as-of").text()).isEqualTo("2020-06-10");
    assertThat(html.select("#golden tbody tr")).hasSize(doc.get("golden").size());
    assertThat(html.select("#death tbody tr")).hasSize(doc.get("death").size());
    assertThat(html.select("script[src], link[href], img[src]")).isEmpty();
    for (int i = 0; i < doc.get("golden").size(); i++) {
      assertThat(html.select("#golden tbody tr").get(i).select("td").get(0).text())
          .isEqualTo(doc.get("golden").get(i).get("symbol").asText());
    }
  }

  @Test
  void aMissingStoreIsBadInput() throws IOException {
    CliTest.Run run = CliTest.run("--workspace", dir.resolve("empty").toString(), "screen", "crosses");
    assertThat(run.exitCode()).isEqualTo(Main.EXIT_BAD_INPUT);
    assertThat(run.err().lines()).hasSize(1);
    assertThat(run.err()).contains("momentic.db: expected a Momentic bar store, found no bar store here");
    assertThat(run.err()).contains("no bar store here").contains("fix:");
  }
}
