package io.momentic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.momentic.core.testing.TestBars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The breakout scan and Step 1 end to end from the command line: on synthetic bars, and on Binance's daily pairs. */
class BreakoutCliTest {

  @TempDir
  Path dir;

  static final ObjectMapper JSON = new ObjectMapper();

  /** A workspace whose store holds the given folder's bar files (venue csv). */
  static Path storeOf(Path dir, Path folder) {
    Path ws = dir.resolve("ws");
    CliTest.Run fetch = CliTest.run("--workspace", ws.toString(), "fetch", "--venue", "csv", "--folder",
        folder.toString(), "--universe", "--since", "2000-01-01");
    assertThat(fetch.exitCode()).as(fetch.err()).isZero();
    return ws;
  }

  @Test
  void scanAndAnalyse_onSyntheticBars() throws Exception {
    Path gen = dir.resolve("gen");
    assertThat(CliTest.run("--workspace", gen.toString(), "generate", "--symbols", "3", "--bars", "1500", "--seed",
        "5").exitCode()).isZero();
    Path ws = storeOf(dir, gen.resolve("data/raw"));
    // No USDT pairs here: named symbols are scanned without the volume floor.
    CliTest.Run scan = CliTest.run("--workspace", ws.toString(), "scan", "breakout", "--interval", "1d", "--symbols",
        "SYN01,SYN02,SYN03", "--candles", "400", "--json");
    assertThat(scan.exitCode()).as(scan.err()).isZero();
    JsonNode doc = JSON.readTree(scan.out());
    assertThat(doc.get("scanned").asInt()).isEqualTo(3);
    assertThat(doc.get("signals").size()).isPositive();
    JsonNode first = doc.get("signals").get(0);
    assertThat(first.get("features").size()).isEqualTo(22);
    assertThat(first.get("body_pct").asDouble()).isGreaterThanOrEqualTo(0.60);
    assertThat(first.get("vol_mult").asDouble()).isGreaterThanOrEqualTo(1.8);
    assertThat(first.get("regime_inputs_missing")).hasSize(3);

    String symbol = first.get("symbol").asText();
    String bar = first.get("bar_time").asText();
    CliTest.Run a = CliTest.run("--workspace", ws.toString(), "breakout", "analyse", symbol, "--interval", "1d",
        "--bar", bar, "--json");
    assertThat(a.exitCode()).as(a.err()).isZero();
    JsonNode analysis = JSON.readTree(a.out());
    assertThat(analysis.get("methods")).hasSize(72);
    assertThat(analysis.get("flagged_by_scanner").asBoolean()).isTrue();
    assertThat(analysis.get("signal").get("bar_time").asText()).isEqualTo(bar);
    JsonNode wf = analysis.get("walk_forward");
    for (String key : new String[] {"ok", "verdict", "is_pf", "oos_pf", "oos_wr", "is_pf_clean", "oos_pf_clean", "oos_n",
        "purge_diag", "label_diag", "oos_pf_ci", "rolling_wfo", "regime_breakdown", "tier_label"}) {
      assertThat(wf.has(key)).as(key).isTrue();
    }
    assertThat(wf.get("label_diag").has("pf_inflation_pct")).isTrue();
    assertThat(wf.get("rolling_wfo").get("windows")).hasSize(5);
    assertThat(wf.get("purge_diag").get("embargo_bars").asInt()).isPositive();
    Path folder = ws.resolve("data/results/breakout/" + symbol + "-1d-" + bar.replace(":", ""));
    for (String f : new String[] {"analysis.json", "signal.json", "methods.csv", "candidates.json", "walkforward.json",
        "manifest.json"}) {
      assertThat(folder.resolve(f)).as(f).exists();
    }
    assertThat(Files.readAllLines(folder.resolve("methods.csv"))).hasSize(73);
    // The stored analysis is a row of the runs notebook, and its page draws it again from the file.
    try (io.momentic.web.WebServer server = io.momentic.web.WebServer.start(io.momentic.data.Workspace.at(ws),
        "127.0.0.1", 0, null)) {
      java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + server.port();
      String runs = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/runs")).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString()).body();
      String name = folder.getFileName().toString();
      assertThat(runs).contains("id=\"breakout-analyses\"", "href=\"/breakout/analyses/" + name + "\"", bar,
          analysis.get("walk_forward").get("verdict").asText());
      java.net.http.HttpResponse<String> page = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
          base + "/breakout/analyses/" + name)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains("id=\"methods\"", symbol, "<nav");
      assertThat(page.body().split("<tr", -1).length).isGreaterThan(72);
      assertThat(http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base
          + "/breakout/analyses/..%2f..%2fpipeline")).build(), java.net.http.HttpResponse.BodyHandlers.ofString())
          .statusCode()).isEqualTo(404);
    }
    // Manual mode: a bar the scanner did not flag is analysed too, and says so.
    CliTest.Run manual = CliTest.run("--workspace", ws.toString(), "breakout", "analyse", symbol, "--interval", "1d",
        "--bar", "2020-06-01", "--json");
    if (manual.exitCode() == 0) {
      assertThat(JSON.readTree(manual.out()).get("methods")).hasSize(72);
    } else {
      assertThat(manual.exitCode()).isEqualTo(2); // a doji, or a bar before the warm-up: one clear line
      assertThat(manual.err().strip().lines().count()).isEqualTo(1);
    }
    CliTest.Run badBar = CliTest.run("--workspace", ws.toString(), "breakout", "analyse", symbol, "--interval", "1d",
        "--bar", "1999-01-01");
    assertThat(badBar.exitCode()).isEqualTo(2);
    assertThat(badBar.err()).contains("expected the open time of a stored 1d bar").contains("fix:");
    CliTest.Run badInterval = CliTest.run("--workspace", ws.toString(), "scan", "breakout", "--interval", "1m");
    assertThat(badInterval.exitCode()).isEqualTo(2);
  }

  @Test
  void scanAndAnalyse_onBinanceDailyPairs() throws IOException {
    Path ws = storeOf(dir, TestBars.sharedData().resolve("binance_spot_1d"));
    CliTest.Run scan = CliTest.run("--workspace", ws.toString(), "scan", "breakout", "--interval", "1d",
        "--min-quote-volume", "0", "--json");
    assertThat(scan.exitCode()).as(scan.err()).isZero();
    JsonNode doc = JSON.readTree(scan.out());
    assertThat(doc.get("scanned").asInt()).isEqualTo(50);
    assertThat(doc.get("failed")).isEmpty();
    assertThat(doc.get("signals").size()).isPositive();
    String symbol = doc.get("signals").get(0).get("symbol").asText();
    CliTest.Run text = CliTest.run("--workspace", ws.toString(), "breakout", "analyse", symbol, "--interval", "1d");
    assertThat(text.exitCode()).as(text.err()).isZero();
    assertThat(text.out()).contains("flagged by the scanner").contains("candidate A").contains("candidate B")
        .contains("walk-forward of");
  }
}
