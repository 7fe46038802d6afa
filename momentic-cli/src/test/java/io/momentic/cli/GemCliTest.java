package io.momentic.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.momentic.core.testing.TestBars;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GemCliTest {

  static String candles() {

    return TestBars.sharedData().resolve("trader_research/bear_portfolio_candles.csv").toString();

  }
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  @Test
  void run_printsTheNotebooksExpBearW30_besideMomenticsTimingAndTheBenchmark() throws Exception {
    CliTest.Run r = CliTest.run("--workspace", dir.toString(), "gem", "run", "--data", candles(), "--preset", "bear",
        "--param", "fit_window=30", "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode d = JSON.readTree(r.out());
    // Spec §5: total 6.40 %, annual 9.69 %, max DD −1.39 %, Sharpe 1.593, Sortino 3.332, Calmar 6.982, 21, $10,640.43.
    assertThat(d.get("timing").asText()).isEqualTo("same-close");
    assertThat(d.get("total_return_pct").asDouble()).isCloseTo(6.40, within(0.005));
    assertThat(d.get("annualized_return_pct").asDouble()).isCloseTo(9.69, within(0.005));
    assertThat(d.get("max_drawdown_pct").asDouble()).isCloseTo(-1.39, within(0.005));
    assertThat(d.get("sharpe_ratio").asDouble()).isCloseTo(1.593, within(0.0005));
    assertThat(d.get("sortino_ratio").asDouble()).isCloseTo(3.332, within(0.0005));
    assertThat(d.get("calmar_ratio").asDouble()).isCloseTo(6.982, within(0.0005));
    assertThat(d.get("rebalance_count").asInt()).isEqualTo(21);
    assertThat(d.get("final_value").asDouble()).isCloseTo(10_640.43, within(0.005));
    assertThat(d.get("hhi").asDouble()).isBetween(0.0, 1.0);
    // Score: one name held at the end (HHI 1) and DD under 15 %, so the score is the annual return.
    assertThat(d.get("score").asDouble()).isCloseTo(d.get("annualized_return_pct").asDouble() / 100, within(1e-12));
    assertThat(d.get("stress").get("final_value").asDouble()).isLessThan(d.get("final_value").asDouble());
    assertThat(d.get("next_open").get("timing").asText()).isEqualTo("next-open");
    assertThat(d.get("buy_and_hold").get("total_return_pct").asDouble()).isCloseTo(-0.65, within(0.005));
    assertThat(d.get("contract_fees").asBoolean()).isTrue();

    CliTest.Run table = CliTest.run("--workspace", dir.toString(), "gem", "run", "--data", candles(), "--preset",
        "bear", "--param", "fit_window=30");
    assertThat(table.out()).contains("same-close (reference)").contains("next-open (Momentic)")
        .contains("equal-weight buy and hold").contains("10,640.43").contains("monthly win rate");

    // The run folder: the same document, each day's value of the walk and the buy-and-hold, the report.
    Path folder;
    try (var dirs = Files.list(dir.resolve("data/results"))) {
      folder = dirs.filter(f -> f.getFileName().toString().startsWith("gem-")).findFirst().orElseThrow();
    }
    assertThat(JSON.readTree(folder.resolve("gem.json").toFile())).isEqualTo(d);
    List<String> equity = Files.readAllLines(folder.resolve("equity.csv"));
    assertThat(equity.get(0)).isEqualTo("date,value,buy_and_hold");
    double[] values = equity.stream().skip(1).mapToDouble(l -> Double.parseDouble(l.split(",")[1])).toArray();
    assertThat(values[values.length - 1]).isCloseTo(d.get("final_value").asDouble(), within(1e-6));
    // The notebook's monthly win rate, recounted: 30-row chunks, last/first − 1 > 0, a chunk of one skipped.
    int chunks = 0;
    int wins = 0;
    for (int start = 0; start < values.length; start += 30) {
      int end = Math.min(start + 30, values.length);
      if (end - start >= 2) {
        chunks++;
        wins += values[end - 1] > values[start] ? 1 : 0;
      }
    }
    assertThat(d.get("monthly_win_rate_pct").asDouble()).isCloseTo(100.0 * wins / chunks, within(1e-9));
    String html = Files.readString(folder.resolve("report.html"));
    assertThat(html).contains("id=\"gem-runs\"", "equal-weight buy and hold", "10,640.43", "<svg id=\"gem-equity\"",
        "<svg id=\"gem-underwater\"", "id=\"win-rate\"");
    // A row of the /runs notebook, with GEM's own numbers.
    try (io.momentic.web.WebServer server = io.momentic.web.WebServer.start(io.momentic.data.Workspace.at(dir),
        "127.0.0.1", 0, null)) {
      java.net.http.HttpResponse<String> runs = java.net.http.HttpClient.newHttpClient().send(
          java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + server.port() + "/api/runs"))
              .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
      JsonNode row = JSON.readTree(runs.body()).get(0);
      assertThat(row.get("kind").asText()).isEqualTo("gem");
      assertThat(row.get("strategy").asText()).isEqualTo("gem");
      assertThat(row.get("sharpe").asDouble()).isEqualTo(d.get("sharpe_ratio").asDouble());
      assertThat(row.get("cagr_pct").asDouble()).isEqualTo(d.get("annualized_return_pct").asDouble());
      assertThat(row.get("params").get("fit_window").asText()).isEqualTo("30");
      assertThat(row.get("first_bar").asText()).isEqualTo(equity.get(1).substring(0, 10));
    }
  }

  @Test
  void sweep_appendsTheTsv_andReportsTrialsAndDeflatedSharpe() throws Exception {
    CliTest.Run r = CliTest.run("--workspace", dir.toString(), "gem", "sweep", "--data", candles(), "--preset", "bear",
        "--param", "fit_window", "--values", "15,30,60,90");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("Done. 4 candidates").contains("Best: fit_window=").contains("trials 4")
        .contains("deflated Sharpe");
    Path tsv = dir.resolve("data/results/gem/bear_sweep_results.tsv");
    List<String> lines = Files.readAllLines(tsv);
    assertThat(lines).hasSize(5);
    assertThat(lines.get(2)).contains("fit_window=30");
    CliTest.Run quiet = CliTest.run("--workspace", dir.toString(), "gem", "sweep", "--data", candles(), "--preset",
        "bear", "--param", "top_n", "--values", "1,2", "--no-write", "--json");
    assertThat(quiet.exitCode()).as(quiet.err()).isZero();
    assertThat(JSON.readTree(quiet.out()).get("trials").asInt()).isEqualTo(2);
    assertThat(Files.readAllLines(tsv)).hasSize(5);
  }

  @Test
  void badInput_exitsWithCodeTwo() {
    assertThat(CliTest.run("gem", "sweep", "--data", candles(), "--param", "nope", "--values", "1").err())
        .contains("unknown GEM parameter");
    assertThat(CliTest.run("gem", "run", "--data", candles(), "--param", "top_n=many").exitCode()).isEqualTo(2);
    assertThat(CliTest.run("gem", "run", "--data", candles(), "--timing", "tomorrow").exitCode()).isEqualTo(2);
    assertThat(CliTest.run("gem", "run", "--data", candles(), "--preset", "bull").exitCode()).isEqualTo(2);
  }
}
