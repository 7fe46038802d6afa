package io.momentic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.momentic.core.testing.TestBars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Meta-labelling any strategy from the command line: backtest side by side, sweeps, the catalog. */
class MetaLabelCliTest {

  @TempDir
  Path dir;

  private static final ObjectMapper JSON = new ObjectMapper();

  private static String spy() {
    return TestBars.sharedData().resolve("etf_daily_xjcarter/SPY.csv").toString();
  }

  @Test
  void backtest_printsTheFilteredRunBesideTheUnfilteredOne() throws IOException {
    CliTest.Run meta = CliTest.run("backtest", "--data", spy(), "--strategy", "sma-cross", "--param", "fast=5",
        "--param", "slow=20", "--meta-label", "--meta-threshold", "0.4", "--out", dir.resolve("m").toString(), "--json");
    assertThat(meta.exitCode()).as(meta.err()).isZero();
    JsonNode m = JSON.readTree(meta.out());
    JsonNode ml = m.get("meta_label");
    assertThat(ml.get("threshold").asDouble()).isEqualTo(0.4);

    // The unfiltered side is what a plain backtest of the same strategy gives.
    CliTest.Run plain = CliTest.run("backtest", "--data", spy(), "--strategy", "sma-cross", "--param", "fast=5",
        "--param", "slow=20", "--out", dir.resolve("p").toString(), "--json");
    JsonNode p = JSON.readTree(plain.out());
    assertThat(p.has("meta_label")).isFalse();
    assertThat(ml.get("unfiltered").get("final_equity").asDouble()).isEqualTo(p.get("final_equity").asDouble());
    assertThat(ml.get("unfiltered").get("trades").asInt()).isEqualTo(p.get("trades").asInt());
    // The filtered side is the run itself, and it holds one position per entry taken.
    assertThat(ml.get("filtered").get("final_equity").asDouble()).isEqualTo(m.get("final_equity").asDouble());
    int judged = ml.get("entries_judged").asInt();
    int skipped = ml.get("entries_skipped").asInt();
    assertThat(judged).isEqualTo(p.get("trades").asInt() + p.get("open_trades").asInt());
    assertThat(skipped).isPositive().isLessThan(judged);
    assertThat(m.get("trades").asInt() + m.get("open_trades").asInt()).isEqualTo(judged - skipped);
    // meta-min-trades is 20, but this strategy reverses: each position is decided on the bar before
    // the previous one's exit fills, so at the k-th entry only k − 2 trades have settled, and the
    // first 21 entries are taken unjudged.
    assertThat(ml.get("entries_taken_unscored").asInt()).isEqualTo(21);
    // meta_decisions.csv: one row per judged entry, the skipped ones and the unscored ones as counted.
    List<Map<String, String>> decisions = csv(dir.resolve("m/meta_decisions.csv"));
    assertThat(decisions).hasSize(judged);
    assertThat(decisions.stream().filter(d -> d.get("taken").equals("0"))).hasSize(skipped);
    assertThat(decisions.stream().filter(d -> d.get("p_win").isEmpty())).hasSize(21);
    assertThat(decisions.stream().filter(d -> d.get("taken").equals("0"))
        .allMatch(d -> Double.parseDouble(d.get("p_win")) < 0.4)).isTrue();
    // meta_samples.csv: the plain run's closed trades (each is a position here: the strategy reverses,
    // never adds), in order, labelled won when its P&L is positive; the strategy's one feature,
    // sma_cross, is the side it entered on; the label spans the decision (the bar before the entry
    // fill) to the exit fill.
    List<Map<String, String>> samples = csv(dir.resolve("m/meta_samples.csv"));
    List<Map<String, String>> closed = csv(dir.resolve("p/trades.csv")).stream()
        .filter(t -> t.get("status").equals("closed"))
        .sorted(java.util.Comparator.comparing((Map<String, String> t) -> t.get("entry_time"))).toList();
    assertThat(samples).hasSize(closed.size());
    for (int i = 0; i < closed.size(); i++) {
      Map<String, String> sample = samples.get(i);
      Map<String, String> trade = closed.get(i);
      assertThat(sample.get("exit_time")).as("sample " + i).isEqualTo(trade.get("exit_time"));
      assertThat(sample.get("won")).as("sample " + i).isEqualTo(Double.parseDouble(trade.get("pnl")) > 0 ? "1" : "0");
      assertThat(sample.get("sma_cross")).as("sample " + i).isEqualTo(trade.get("side").equals("long") ? "1" : "-1");
      assertThat(sample.get("decision_time")).isLessThan(trade.get("entry_time"));
    }
    // The table is one `momentic ml fit` takes as written, its spans purging the folds.
    CliTest.Run fit = CliTest.run("ml", "fit", "--data", dir.resolve("m/meta_samples.csv").toString(), "--label", "won",
        "--start-col", "decision_bar", "--end-col", "exit_bar", "--json");
    assertThat(fit.exitCode()).as(fit.err()).isZero();
    assertThat(JSON.readTree(fit.out()).get("features").toString()).isEqualTo("[\"sma_cross\"]");
    JsonNode manifest = JSON.readTree(dir.resolve("m/manifest.json").toFile());
    assertThat(manifest.get("params").get("meta-threshold").asText()).isEqualTo("0.4");
    assertThat(manifest.get("seed").asLong()).isEqualTo(42);

    CliTest.Run text = CliTest.run("backtest", "--data", spy(), "--strategy", "sma-cross", "--param", "fast=5",
        "--param", "slow=20", "--meta-label", "--out", dir.resolve("t").toString());
    assertThat(text.exitCode()).as(text.err()).isZero();
    assertThat(text.out()).contains("meta-label (threshold 0.55)").contains("  unfiltered final equity")
        .contains("  filtered   final equity");
  }

  /** A CSV file's rows as header → cell maps (no quoted commas in these files' cells). */
  private static List<Map<String, String>> csv(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    String[] header = lines.get(0).split(",", -1);
    List<Map<String, String>> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",", -1);
      Map<String, String> row = new LinkedHashMap<>();
      for (int c = 0; c < header.length; c++) {
        row.put(header[c], cells[c]);
      }
      rows.add(row);
    }
    return rows;
  }

  @Test
  void sweep_countsEachThresholdAsATrial() throws IOException {
    CliTest.Run run = CliTest.run("sweep", "--data", spy(), "--strategy", "sma-cross", "--grid", "fast=5",
        "--grid", "slow=20", "--grid", "meta-threshold=0,0.45", "--resamples", "100", "--out",
        dir.resolve("s").toString(), "--json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode s = JSON.readTree(run.out());
    assertThat(s.get("trials").asInt()).isEqualTo(2);
    assertThat(s.get("deflated_sharpe").get("trials").asInt()).isEqualTo(2);
  }

  @Test
  void theCatalogListsTheSettings_andBadOnesAreRefused() {
    CliTest.Run list = CliTest.run("strategies", "sma-cross");
    assertThat(list.out()).contains("meta-label filter (any strategy").contains("meta-threshold")
        .contains("meta-min-trades");
    CliTest.Run bad = CliTest.run("backtest", "--data", spy(), "--strategy", "sma-cross", "--meta-label", "1.5",
        "--out", dir.resolve("b").toString());
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("meta-threshold").contains("[0, 1)");
  }
}
