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

class WalkForwardCliTest {

  @TempDir
  Path dir;

  private static Path goog() {

    return TestBars.sharedData().resolve("backtesting_py/GOOG.csv");

  }

  private JsonNode walk(String name, String... extra) throws IOException {
    List<String> args = new java.util.ArrayList<>(List.of("walkforward", "--data", goog().toString(), "--strategy",
        "sma-cross", "--grid", "fast=5:30:5", "--grid", "slow=20:100:20", "--constraint", "fast < slow",
        "--commission", "0.001", "--out", dir.resolve(name).toString(), "--json"));
    args.addAll(List.of(extra));
    CliTest.Run run = CliTest.run(args.toArray(String[]::new));
    assertThat(run.exitCode()).as(run.err()).isZero();
    return new ObjectMapper().readTree(run.out());
  }

  @Test
  void fiveAnchoredFoldsStitchedAndCounted() throws IOException {
    JsonNode r = walk("a");
    JsonNode folds = r.get("folds");
    assertThat(folds).hasSize(5);
    double wealth = 1;
    int hits = 0;
    String firstTrainBar = folds.get(0).get("train").get("first_bar").asText();
    for (JsonNode f : folds) {
      assertThat(f.get("train").get("first_bar").asText()).isEqualTo(firstTrainBar);
      wealth *= 1 + f.get("test_metrics").get("total_return_pct").asDouble() / 100;
      boolean hit = f.get("test_metrics").get("profit_factor").asDouble() >= 1;
      assertThat(f.get("edge_hit").asBoolean()).isEqualTo(hit);
      hits += hit ? 1 : 0;
    }
    assertThat(r.get("edge_hit_rate").asDouble()).isEqualTo(hits / 5.0);
    assertThat(r.get("oos_total_return_pct").asDouble()).isCloseTo(100 * (wealth - 1), within(1e-9));
    // goog() has 2,148 bars: the first test window starts at bar round(0.5 × 2148) = 1074.
    List<String> equity = Files.readAllLines(dir.resolve("a/oos_equity.csv"));
    assertThat(equity).hasSize(1 + 2148 - 1074);
    // The stitched run's Sharpe and drawdown, recomputed from oos_equity.csv (wealth 1 before the first test bar).
    double previous = 1;
    double peak = 1;
    double worst = 0;
    double[] returns = new double[equity.size() - 1];
    for (int i = 1; i < equity.size(); i++) {
      double w = Double.parseDouble(equity.get(i).split(",")[1]);
      returns[i - 1] = w / previous - 1;
      previous = w;
      peak = Math.max(peak, w);
      worst = Math.min(worst, w / peak - 1);
    }
    double mean = java.util.Arrays.stream(returns).average().orElseThrow();
    double ss = java.util.Arrays.stream(returns).map(x -> (x - mean) * (x - mean)).sum();
    JsonNode oos = r.get("oos");
    assertThat(oos.get("bars").asInt()).isEqualTo(2148 - 1074);
    assertThat(oos.get("sharpe").asDouble()).isCloseTo(mean / Math.sqrt(ss / (returns.length - 1)) * Math.sqrt(252),
        within(1e-9));
    assertThat(oos.get("max_drawdown_pct").asDouble()).isCloseTo(100 * worst, within(1e-9));
    // The report: a row per fold with its choice and its edge, and the stitched equity drawn.
    String html = Files.readString(dir.resolve("a/report.html"));
    assertThat(html).contains("id=\"folds\"", "<svg id=\"oos-equity\"");
    assertThat(html.split("<tr><td>", -1).length - 1).as("headline rows + fold rows").isEqualTo(8 + 5);
    for (JsonNode f : folds) {
      String chosen = "fast=" + f.get("best_params").get("fast").asText() + ", slow="
          + f.get("best_params").get("slow").asText();
      assertThat(html).contains("<tr><td>" + f.get("fold").asInt() + "</td>").contains(chosen);
    }
  }

  @Test
  void rollingWindowsKeepTheirLength() throws IOException {
    JsonNode folds = walk("r", "--rolling", "--cuts", "0.6,0.8").get("folds");
    assertThat(folds).hasSize(2);
    assertThat(folds.get(1).get("train").get("bars").asInt()).isEqualTo(folds.get(0).get("train").get("bars").asInt());
    assertThat(folds.get(1).get("train").get("first_bar").asText())
        .isNotEqualTo(folds.get(0).get("train").get("first_bar").asText());
  }

  @Test
  void periodsPerYear_annualisesEveryFold() throws IOException {
    JsonNode plain = walk("d", "--cuts", "0.7");
    JsonNode set = walk("p", "--cuts", "0.7", "--periods-per-year", "365");
    assertThat(set.get("manifest").get("periods_per_year").asDouble()).isEqualTo(365);
    JsonNode a = plain.get("folds").get(0);
    JsonNode b = set.get("folds").get(0);
    assertThat(b.get("best_params")).isEqualTo(a.get("best_params"));
    assertThat(b.get("test_metrics").get("sharpe").asDouble()).isCloseTo(
        a.get("test_metrics").get("sharpe").asDouble() * Math.sqrt(365.0 / 252.0), within(1e-9));
  }
}
