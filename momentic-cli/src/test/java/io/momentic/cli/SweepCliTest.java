package io.momentic.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.momentic.core.testing.TestBars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepCliTest {

  @TempDir
  Path dir;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static Path goog() {
    return TestBars.sharedData().resolve("backtesting_py/GOOG.csv");
  }

  private CliTest.Run sweep(Path out, String... extra) {
    List<String> args = new java.util.ArrayList<>(List.of("sweep", "--data", goog().toString(), "--strategy",
        "sma-cross", "--grid", "fast=5:50:5", "--grid", "slow=20:200:10", "--constraint", "fast < slow",
        "--commission", "0.001", "--resamples", "200", "--out", out.toString()));
    args.addAll(List.of(extra));
    return CliTest.run(args.toArray(String[]::new));
  }

  @Test
  void sameBytesAtOneThreadOrTwo() throws IOException {
    CliTest.Run one = sweep(dir.resolve("one"), "--threads", "1");
    CliTest.Run two = sweep(dir.resolve("two"), "--threads", "2");
    assertThat(one.exitCode()).as(one.err()).isZero();
    assertThat(two.exitCode()).as(two.err()).isZero();
    for (String f : List.of("trials.csv", "summary.json", "report.html")) {
      assertThat(Files.readAllBytes(dir.resolve("two").resolve(f))).as(f)
          .isEqualTo(Files.readAllBytes(dir.resolve("one").resolve(f)));
    }
  }

  /**
   * The sweep writes the winner's own backtest on the test period: an independent path (a whole
   * backtest with warm-up before its start) that gives the sweep's out-of-sample numbers exactly.
   * A grid of more cells than a table can hold is drawn on a canvas, every trial's cell in it.
   */
  @Test
  void theWinnersTearSheet_isItsTestRun_andALargeGridsHeatMapIsACanvas() throws Exception {
    CliTest.Run run = sweep(dir.resolve("w"), "--json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode summary = JSON.readTree(dir.resolve("w/summary.json").toFile());
    JsonNode winner = JSON.readTree(dir.resolve("w/winner/metrics.json").toFile());
    JsonNode test = summary.get("best").get("test");
    for (String k : List.of("sharpe", "total_return_pct", "max_drawdown_pct", "profit_factor", "trades")) {
      assertThat(winner.get(k).asDouble()).as(k).isCloseTo(test.get(k).asDouble(), within(1e-9));
    }
    JsonNode manifest = JSON.readTree(dir.resolve("w/winner/manifest.json").toFile());
    assertThat(manifest.get("first_bar").asText()).startsWith(summary.get("test").get("first_bar").asText());
    summary.get("best").get("params").fields().forEachRemaining(e ->
        assertThat(manifest.get("params").get(e.getKey()).asText()).isEqualTo(e.getValue().asText()));
    String report = Files.readString(dir.resolve("w/report.html"));
    assertThat(report).contains("href=\"winner/report.html\"", "<table class=\"heat\" id=\"heatmap\"");

    CliTest.Run big = CliTest.run("sweep", "--data", goog().toString(), "--strategy", "sma-cross", "--grid",
        "fast=2:60:1", "--grid", "slow=3:80:1", "--constraint", "fast < slow", "--resamples", "50", "--partitions", "8",
        "--out", dir.resolve("big").toString());
    assertThat(big.exitCode()).as(big.err()).isZero();
    String html = Files.readString(dir.resolve("big/report.html"));
    assertThat(html).contains("id=\"heatmap-canvas\"").doesNotContain("id=\"heatmap\"");
    // Every (fast, slow) pair with a finite train Sharpe is one cell of the chart's data.
    List<String> trials = Files.readAllLines(dir.resolve("big/trials.csv"));
    List<String> header = List.of(trials.get(0).split(","));
    java.util.Set<String> pairs = new java.util.HashSet<>();
    for (String line : trials.subList(1, trials.size())) {
      String[] f = line.split(",");
      if (Double.isFinite(Double.parseDouble(f[header.indexOf("sharpe")]))) {
        pairs.add(f[header.indexOf("fast")] + "/" + f[header.indexOf("slow")]);
      }
    }
    String data = html.substring(html.indexOf("<script type=\"application/json\" id=\"heatmap-data\">"));
    JsonNode doc = JSON.readTree(data.substring(data.indexOf('>') + 1, data.indexOf("</script>")));
    assertThat(doc.get("xs")).hasSize(59);
    assertThat(doc.get("ys")).hasSize(78);
    int cells = 0;
    for (JsonNode v : doc.get("values")) {
      cells += v.isNull() ? 0 : 1;
    }
    assertThat(cells).isEqualTo(pairs.size());
    boolean required = "required".equals(System.getenv("MOMENTIC_BROWSER_TESTS"));
    if (required || WebDriverClient.available()) {
      try (WebDriverClient browser = new WebDriverClient(dir.resolve("chrome-profile-heat"))) {
        browser.open(dir.resolve("big/report.html").toUri().toString());
        browser.await("document.getElementById('heatmap-canvas').dataset.cells !== undefined", 20);
        assertThat(browser.script("return Number(document.getElementById('heatmap-canvas').dataset.cells);").asInt())
            .isEqualTo(pairs.size());
        assertThat(browser.consoleErrors()).isEmpty();
        browser.script("document.getElementById('heatmap-canvas').scrollIntoView();");
        browser.screenshot(Path.of("target", "browser", "sweep-heatmap.png"));
      }
    }
  }

  @Test
  void regimeGateParameters_countAsTrials() throws IOException {
    CliTest.Run run = CliTest.run("sweep", "--data", goog().toString(), "--strategy", "sma-cross", "--grid", "fast=10,20",
        "--grid", "slow=50", "--grid", "regime-gate=hmm", "--grid", "regime-bear-max=0.3,0.5,0.7", "--resamples", "100",
        "--out", dir.resolve("gated").toString(), "--json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode s = JSON.readTree(run.out());
    // 2 fast values × 3 gate thresholds: the deflated Sharpe is charged for all 6.
    assertThat(s.get("trials").asInt()).isEqualTo(6);
    assertThat(s.get("deflated_sharpe").get("trials").asInt()).isEqualTo(6);
    assertThat(s.get("best").get("params").get("regime-gate").asText()).isEqualTo("hmm");
  }

  @Test
  void summaryCountsTrialsAndMatchesPlainBacktests() throws IOException {
    CliTest.Run run = sweep(dir.resolve("s"), "--json", "--top-k", "3");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode s = JSON.readTree(run.out());
    // fast 5..50 (10 values) × slow 20..200 (19 values), fast < slow: 19·3 + 18·2 + 17·2 + 16·2 + 15 = 174.
    assertThat(s.get("trials").asInt()).isEqualTo(174);
    assertThat(s.get("grid_combinations").asInt()).isEqualTo(190);
    List<String> rows = Files.readAllLines(dir.resolve("s/trials.csv"));
    assertThat(rows).hasSize(175);

    // The best trial's train metrics are those of a plain backtest over the train period (from its
    // first bar: a sweep measures every trial over one window, warm-up included).
    JsonNode best = s.get("best");
    String lastTrainBar = s.get("train").get("last_bar").asText();
    CliTest.Run plain = CliTest.run("backtest", "--data", goog().toString(), "--strategy", "sma-cross", "--param",
        "fast=" + best.get("params").get("fast").asText(), "--param", "slow=" + best.get("params").get("slow").asText(),
        "--commission", "0.001", "--start", s.get("train").get("first_bar").asText(), "--end", lastTrainBar, "--out", dir.resolve("plain").toString(), "--json");
    assertThat(plain.exitCode()).as(plain.err()).isZero();
    JsonNode m = JSON.readTree(plain.out());
    assertThat(best.get("train").get("sharpe").asDouble()).isEqualTo(m.get("sharpe").asDouble());
    assertThat(best.get("train").get("total_return_pct").asDouble()).isEqualTo(m.get("total_return_pct").asDouble());

    // It is the highest train Sharpe in trials.csv, and the DSR deflates by the spread of all 174.
    String[] header = rows.get(0).split(",");
    int sharpeCol = List.of(header).indexOf("sharpe");
    double max = Double.NEGATIVE_INFINITY;
    double sum = 0;
    double sumSq = 0;
    for (String row : rows.subList(1, rows.size())) {
      double v = Double.parseDouble(row.split(",", -1)[sharpeCol]);
      max = Math.max(max, v);
      sum += v;
      sumSq += v * v;
    }
    double variance = (sumSq - sum * sum / 174) / 173;
    assertThat(best.get("train").get("sharpe").asDouble()).isEqualTo(max);
    JsonNode dsr = s.get("deflated_sharpe");
    assertThat(dsr.get("trials_sharpe_variance").asDouble()).isCloseTo(variance, within(1e-9));
    assertThat(dsr.get("dsr").asDouble()).isLessThan(dsr.get("psr").asDouble());
    assertThat(s.get("top")).hasSize(3);
    assertThat(s.get("pbo").get("combinations").asInt()).isEqualTo(12870);
    assertThat(s.get("bootstrap").get("evaluated_on").asText()).isEqualTo("test");
    assertThat(s.get("fee_stress").get("factor").asDouble()).isEqualTo(1.5);
    // One instrument: it is all of the net P&L, in each period.
    for (String period : List.of("train", "test")) {
      JsonNode a = s.get("attribution").get(period);
      assertThat(a.get("by_instrument").get("GOOG").asDouble()).isEqualTo(a.get("net_pnl").asDouble());
      assertThat(a.get("hhi").asDouble()).isEqualTo(1.0);
    }
    assertThat(s.get("attribution").get("train").get("net_pnl").asDouble())
        .isCloseTo(best.get("train").get("total_return_pct").asDouble() * 100, within(1e-6));
    assertThat(s.get("regimes").fieldNames()).toIterable().containsExactlyInAnyOrder("STRONG", "MID", "WEAK");
    String html = Files.readString(dir.resolve("s/report.html"));
    assertThat(html).contains("id=\"heatmap\"").contains("class=\"best\"").contains("deflated Sharpe ratio")
        .doesNotContain("<script").doesNotContain("http://").doesNotContain("https://");
  }

  @Test
  void threeWaySplit_choosesOnValidation_andTestsOnlyTheChoice() throws IOException {
    CliTest.Run run = sweep(dir.resolve("v"), "--validate-fraction", "0.2", "--json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode s = JSON.readTree(run.out());
    // 2,148 bars: train round(0.6 × 2148) = 1,289, validate round(0.2 × 2148) = 430, test the other 429.
    assertThat(s.get("train").get("bars").asInt()).isEqualTo(1_289);
    assertThat(s.get("validate").get("bars").asInt()).isEqualTo(430);
    assertThat(s.get("test").get("bars").asInt()).isEqualTo(429);
    JsonNode best = s.get("best");
    double bestValidate = Double.NEGATIVE_INFINITY;
    for (JsonNode row : s.get("top")) {
      assertThat(row.has("validate")).isTrue();
      bestValidate = Math.max(bestValidate, row.get("validate").get("sharpe").asDouble());
    }
    assertThat(best.get("validate").get("sharpe").asDouble()).isEqualTo(bestValidate);
    // Its test numbers are a plain backtest of the chosen parameters over the test period.
    CliTest.Run plain = CliTest.run("backtest", "--data", goog().toString(), "--strategy", "sma-cross", "--param",
        "fast=" + best.get("params").get("fast").asText(), "--param", "slow=" + best.get("params").get("slow").asText(),
        "--commission", "0.001", "--start", s.get("test").get("first_bar").asText(), "--out",
        dir.resolve("plain").toString(), "--json");
    assertThat(plain.exitCode()).as(plain.err()).isZero();
    JsonNode m = JSON.readTree(plain.out());
    assertThat(best.get("test").get("sharpe").asDouble()).isEqualTo(m.get("sharpe").asDouble());
    assertThat(best.get("test").get("total_return_pct").asDouble()).isEqualTo(m.get("total_return_pct").asDouble());
    assertThat(s.get("manifest").get("validate").get("bars").asInt()).isEqualTo(430);

    CliTest.Run text = sweep(dir.resolve("v2"), "--validate-fraction", "0.2");
    assertThat(text.out()).contains("valid: ").contains("chosen here among the top 5");
    CliTest.Run bad = sweep(dir.resolve("bad"), "--validate-fraction", "0.5");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("validate-fraction").contains("train + validate < 1");
  }

  @Test
  void periodsPerYear_annualisesTheSweep() throws IOException {
    JsonNode daily = JSON.readTree(sweep(dir.resolve("d"), "--json", "--train-fraction", "1").out());
    JsonNode set = JSON.readTree(sweep(dir.resolve("p"), "--json", "--train-fraction", "1", "--periods-per-year",
        "365").out());
    // Sharpe scales with the square root of the periods a year; the ranking, and so the winner, does not move.
    assertThat(set.get("best").get("params")).isEqualTo(daily.get("best").get("params"));
    assertThat(set.get("best").get("train").get("sharpe").asDouble()).isCloseTo(
        daily.get("best").get("train").get("sharpe").asDouble() * Math.sqrt(365.0 / 252.0), within(1e-9));
  }

  @Test
  void configFileGivesTheSameSweepAsTheFlags() throws IOException {
    Path config = Path.of(System.getProperty("momentic.repoRoot", ".")).resolve("config/strategy/sma_cross_sweep.toml");
    CliTest.Run fromFile = CliTest.run("sweep", "--config", config.toString(), "--data", goog().toString(),
        "--resamples", "200", "--out", dir.resolve("file").toString());
    CliTest.Run fromFlags = sweep(dir.resolve("flags"), "--param", "long_only=false");
    assertThat(fromFile.exitCode()).as(fromFile.err()).isZero();
    assertThat(fromFlags.exitCode()).as(fromFlags.err()).isZero();
    assertThat(Files.readString(dir.resolve("file/trials.csv")))
        .isEqualTo(Files.readString(dir.resolve("flags/trials.csv")));
  }

  @Test
  void sampledSubsetIsSeeded() throws IOException {
    CliTest.Run a = sweep(dir.resolve("a"), "--sample", "40", "--seed", "7", "--partitions", "8");
    CliTest.Run b = sweep(dir.resolve("b"), "--sample", "40", "--seed", "7", "--partitions", "8");
    assertThat(a.exitCode()).as(a.err()).isZero();
    assertThat(Files.readAllLines(dir.resolve("a/trials.csv"))).hasSize(41)
        .isEqualTo(Files.readAllLines(dir.resolve("b/trials.csv")));
  }

  @Test
  void badGridsExitTwoWithTheReason() {
    CliTest.Run unknown = CliTest.run("sweep", "--data", goog().toString(), "--strategy", "sma-cross", "--grid",
        "fats=5:10:5", "--out", dir.resolve("x").toString());
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("'fats'").contains("unknown parameter");
    CliTest.Run none = CliTest.run("sweep", "--data", goog().toString(), "--strategy", "sma-cross", "--grid",
        "fast=50:60:10", "--grid", "slow=10:20:10", "--constraint", "fast < slow", "--out", dir.resolve("y").toString());
    assertThat(none.exitCode()).isEqualTo(2);
    assertThat(none.err()).contains("exclude every combination");
    CliTest.Run noGrid = CliTest.run("sweep", "--data", goog().toString(), "--strategy", "sma-cross");
    assertThat(noGrid.exitCode()).isEqualTo(2);
    assertThat(noGrid.err()).contains("--grid");
  }
}
