package io.momentic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.momentic.core.testing.TestBars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every key of every command's {@code --json} document is a name {@code docs/METRICS.md} defines
 * (its metric sections and its key vocabulary), so one name means one thing across commands.
 * Keys that are data — parameter names, symbols, regime labels, exit reasons — are not vocabulary.
 */
class JsonVocabularyTest {

  @TempDir
  Path dir;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Objects whose keys are data (a parameter, symbol, regime or exit reason each), not names. */
  private static final Set<String> DATA_KEYED = Set.of("params", "grid", "best_params", "exit_reasons",
      "by_instrument", "regimes");

  /** Every name the metrics page writes as code. */
  private static Set<String> vocabulary() throws IOException {
    Path doc = Path.of(System.getProperty("momentic.repoRoot", "..")).resolve("docs/METRICS.md");
    Set<String> names = new TreeSet<>();
    Matcher m = Pattern.compile("`([a-z0-9_]+)`").matcher(Files.readString(doc));
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  private static void keys(JsonNode node, String path, Set<String> out) {
    if (node.isObject()) {
      node.fields().forEachRemaining(e -> {
        if (!e.getKey().endsWith("_note")) {
          out.add(e.getKey() + "  (at " + path + ")");
        }
        if (!DATA_KEYED.contains(e.getKey())) {
          keys(e.getValue(), path + "/" + e.getKey(), out);
        }
      });
    } else if (node.isArray()) {
      node.forEach(v -> keys(v, path + "[]", out));
    }
  }

  private void assertAllNamed(List<String[]> commands) throws IOException {
    Set<String> vocabulary = vocabulary();
    Set<String> unnamed = new TreeSet<>();
    for (String[] args : commands) {
      CliTest.Run run = CliTest.run(args);
      assertThat(run.exitCode()).as(String.join(" ", args) + "\n" + run.err()).isZero();
      Set<String> found = new TreeSet<>();
      // Named by the command (the first word after any --workspace DIR).
      keys(JSON.readTree(run.out()), args[args[0].equals("--workspace") ? 2 : 0], found);
      for (String k : found) {
        if (!vocabulary.contains(k.substring(0, k.indexOf("  (at ")))) {
          unnamed.add(k);
        }
      }
    }
    assertThat(unnamed).as("keys docs/METRICS.md does not define").isEmpty();
  }

  @Test
  void backtestSweepAndWalkForward_speakTheMetricsPagesNames() throws IOException {
    Path ws = dir.resolve("ws");
    assertThat(CliTest.run("--workspace", ws.toString(), "generate", "--symbols", "3", "--bars", "800", "--seed", "3")
        .exitCode()).isZero();
    Path raw = ws.resolve("data/raw");
    String w = ws.toString();
    List<String[]> commands = new ArrayList<>();
    commands.add(new String[] {"--workspace", w, "backtest", "--data", raw.resolve("SYN01.csv").toString(),
        "--strategy", "sma-cross", "--commission", "0.001", "--json"});
    commands.add(new String[] {"--workspace", w, "backtest", "--data", raw.toString(), "--strategy", "xsec-momentum",
        "--param", "lookback=4", "--param", "skip=0", "--param", "top-n=2", "--param", "min-addv=0", "--json"});
    commands.add(new String[] {"--workspace", w, "sweep", "--data", raw.resolve("SYN01.csv").toString(), "--strategy",
        "sma-cross", "--grid", "fast=5,10", "--grid", "slow=20,40", "--resamples", "50", "--json"});
    commands.add(new String[] {"--workspace", w, "walkforward", "--data", raw.resolve("SYN01.csv").toString(),
        "--strategy", "sma-cross", "--grid", "fast=5,10", "--grid", "slow=20,40", "--json"});
    commands.add(new String[] {"--workspace", w, "screen", "momentum", "--data", raw.toString(), "--min-addv", "0",
        "--json"});
    commands.add(new String[] {"--workspace", w, "screen", "crosses", "--data", raw.toString(), "--json"});
    commands.add(new String[] {"--workspace", w, "stats", "psr", "--sharpe", "1.2", "--observations", "1000",
        "--json"});
    commands.add(new String[] {"--workspace", w, "stats", "dsr", "--sharpe", "1.2", "--observations", "1000",
        "--trials", "50", "--trials-sharpe-variance", "0.2", "--json"});
    assertAllNamed(commands);
    // The metrics of a run's equity file, against itself as the benchmark.
    Path run;
    try (var runs = Files.list(ws.resolve("data/results"))) {
      run = runs.filter(d -> d.getFileName().toString().startsWith("sma-cross-")).findFirst().orElseThrow();
    }
    String equity = run.resolve("equity.csv").toString();
    assertAllNamed(List.<String[]>of(new String[] {"metrics", "--returns", equity, "--equity", "--benchmark", equity,
        "--json"}));
  }

  @Test
  void gemRun_speaksTheMetricsPagesNames() throws IOException {
    Path candles = TestBars.sharedData().resolve("trader_research/bear_portfolio_candles.csv");
    assertAllNamed(List.<String[]>of(new String[] {"--workspace", dir.toString(), "gem", "run", "--data",
        candles.toString(), "--preset", "bear", "--json"}));
  }
}
