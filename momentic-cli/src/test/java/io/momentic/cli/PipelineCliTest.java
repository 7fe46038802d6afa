package io.momentic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.momentic.core.testing.TestBars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineCliTest {

  @TempDir Path dir;

  private Path workspace() throws IOException {
    Path ws = dir.resolve("ws");
    Path feed = Files.createDirectories(ws.resolve("feed"));
    for (String s : List.of("BTCUSDT", "ETHUSDT", "BNBUSDT", "XRPUSDT")) {
      Files.copy(TestBars.sharedData().resolve("binance_spot_1d/" + s + ".csv"), feed.resolve(s + ".csv"));
    }
    Files.createDirectories(ws.resolve("config"));
    Files.writeString(ws.resolve("config/pipeline.toml"), """
        [[source]]
        venue = "csv"
        folder = "feed"
        interval = "1d"
        since = "2018-01-01"

        [crosses]
        window_days = 30
        """);
    return ws;
  }

  @Test
  void refreshesScreensAndPublishesTheDatedArchive() throws IOException {
    Path ws = workspace();
    CliTest.Run run = CliTest.run("--workspace", ws.toString(), "pipeline", "run", "--now", "2026-01-10T12:00:00Z");
    assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
    assertThat(run.out()).contains("refresh").contains("crosses").contains("momentum  skipped");
    JsonNode archive = new ObjectMapper().readTree(ws.resolve("data/results/archive/2026-01-10.json").toFile());
    assertThat(archive.get("date").asText()).isEqualTo("2026-01-10");
    assertThat(archive.get("refresh")).hasSize(4);
    assertThat(archive.get("refresh").get(0).get("added").asInt()).isEqualTo(2924);
    JsonNode fresh = archive.get("freshness").get(0);
    assertThat(fresh.get("venue").asText()).isEqualTo("csv");
    assertThat(fresh.get("symbols").asInt()).isEqualTo(4);
    assertThat(fresh.get("newest_bar").asText()).isEqualTo("2026-01-02");
    // The 2026-01-02 bar closed at 01-03 00:00; by 01-10 12:00 seven whole days have closed since.
    assertThat(fresh.get("intervals_behind").asInt()).isEqualTo(7);

    // The archive's crosses are the screen's crosses for the same day.
    CliTest.Run screen = CliTest.run("--workspace", ws.toString(), "screen", "crosses", "--json", "--as-of",
        "2026-01-10");
    JsonNode same = new ObjectMapper().readTree(screen.out());
    assertThat(archive.get("crosses").get("golden")).isEqualTo(same.get("golden"));
    assertThat(archive.get("crosses").get("death")).isEqualTo(same.get("death"));
    assertThat(ws.resolve("data/results/pages/crosses.html")).isRegularFile();

    JsonNode manifest = new ObjectMapper().readTree(ws.resolve("data/results/pipeline/manifest.json").toFile());
    assertThat(manifest.get("outcome").asText()).isEqualTo("ok");
    assertThat(manifest.get("steps")).extracting(s -> s.get("name").asText())
        .containsExactly("refresh", "crosses", "momentum", "publish");

    // Run again the next day: nothing new to add, a second dated archive.
    CliTest.Run again = CliTest.run("--progress", "plain", "--workspace", ws.toString(), "pipeline", "run", "--now",
        "2026-01-11T12:00:00Z");
    assertThat(again.exitCode()).isZero();
    // The refresh (the step that waits on the network) reports its series, and how long it took.
    assertThat(again.err()).containsPattern("refresh csv 1d: 4 step\\(s\\) in \\d+\\.\\d s");
    JsonNode second = new ObjectMapper().readTree(ws.resolve("data/results/archive/2026-01-11.json").toFile());
    assertThat(second.get("refresh").findValues("added")).allSatisfy(a -> assertThat(a.asInt()).isZero());
  }

  @Test
  void theShortlistReadsTheStoreTheRefreshJustUpdated() throws IOException {
    Path ws = workspace();
    // Only the history up to Sunday 2025-12-21 is in the feed at first; there is no data/raw.
    for (String s : List.of("BTCUSDT", "ETHUSDT", "BNBUSDT", "XRPUSDT")) {
      Path f = ws.resolve("feed/" + s + ".csv");
      List<String> lines = Files.readAllLines(f);
      Files.writeString(ws.resolve("feed/" + s + ".full"), String.join("\n", lines) + "\n");
      int keep = lines.size();
      while (!lines.get(keep - 1).contains("2025-12-21")) {
        keep--;
      }
      Files.write(f, lines.subList(0, keep));
    }
    Files.createDirectories(ws.resolve("config/universe"));
    Files.writeString(ws.resolve("config/universe/crypto4.csv"), "symbol,exchange,name\nBTCUSDT,BINANCE,Bitcoin\n"
        + "ETHUSDT,BINANCE,Ether\nBNBUSDT,BINANCE,BNB\nXRPUSDT,BINANCE,XRP\n");
    Files.writeString(ws.resolve("config/pipeline.toml"), Files.readString(ws.resolve("config/pipeline.toml"))
        + "\n[momentum]\nuniverse = \"crypto4\"\nlookback = 12\nskip = 1\ntop = 2\n");
    CliTest.Run first = CliTest.run("--workspace", ws.toString(), "pipeline", "run", "--now", "2025-12-22T12:00:00Z");
    assertThat(first.exitCode()).as(first.err() + first.out()).isZero();
    assertThat(first.out()).contains("momentum  ok");
    JsonNode a = new ObjectMapper().readTree(ws.resolve("data/results/archive/2025-12-22.json").toFile());
    // Daily crypto bars: the last closed week by Monday 12-22 is that of Monday 12-15 (through its Sunday).
    assertThat(a.get("momentum").get("week_start").asText()).isEqualTo("2025-12-15");
    try (var raw = Files.list(ws.resolve("data/raw"))) {
      assertThat(raw.toList()).isEmpty(); // nothing exported: the shortlist came from the store
    }

    // The bars to Friday 2026-01-02 arrive: the store is refreshed and the shortlist moves to the last
    // complete week, that of 12-22 (the week of 12-29 lacks its Saturday and Sunday).
    for (String s : List.of("BTCUSDT", "ETHUSDT", "BNBUSDT", "XRPUSDT")) {
      Files.move(ws.resolve("feed/" + s + ".full"), ws.resolve("feed/" + s + ".csv"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    CliTest.Run second = CliTest.run("--workspace", ws.toString(), "pipeline", "run", "--now", "2026-01-05T12:00:00Z");
    assertThat(second.exitCode()).as(second.err() + second.out()).isZero();
    JsonNode b = new ObjectMapper().readTree(ws.resolve("data/results/archive/2026-01-05.json").toFile());
    assertThat(b.get("refresh").get(0).get("added").asInt()).isPositive();
    assertThat(b.get("momentum").get("week_start").asText()).isEqualTo("2025-12-22");
  }

  @Test
  void aBrokenConfigIsBadInput() throws IOException {
    Path ws = workspace();
    Files.writeString(ws.resolve("config/pipeline.toml"), "[[source]\nvenue = \n");
    CliTest.Run run = CliTest.run("--workspace", ws.toString(), "pipeline", "run");
    assertThat(run.exitCode()).isEqualTo(Main.EXIT_BAD_INPUT);
    assertThat(run.err()).contains("pipeline.toml").contains("expected valid TOML").contains("fix:");
  }
}
