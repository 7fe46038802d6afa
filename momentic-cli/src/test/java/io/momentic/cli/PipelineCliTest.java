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
    CliTest.Run again = CliTest.run("--workspace", ws.toString(), "pipeline", "run", "--now", "2026-01-11T12:00:00Z");
    assertThat(again.exitCode()).isZero();
    JsonNode second = new ObjectMapper().readTree(ws.resolve("data/results/archive/2026-01-11.json").toFile());
    assertThat(second.get("refresh").findValues("added")).allSatisfy(a -> assertThat(a.asInt()).isZero());
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
