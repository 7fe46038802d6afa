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
      "by_instrument", "regimes", "per_period", "regime_breakdown", "filtered_posterior_last", "positions", "skips",
      "paper_skips", "backtest_skips", "features");

  /** Every name the metrics page writes as code. */
  private static Set<String> vocabulary() throws IOException {
    Path doc = Path.of(System.getProperty("momentic.repoRoot", "..")).resolve("docs/METRICS.md");
    Set<String> names = new TreeSet<>();
    Matcher m = Pattern.compile("`([A-Za-z0-9_]+)`").matcher(Files.readString(doc));
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
  void regimeCommands_speakTheMetricsPagesNames() throws IOException {
    Path btc = TestBars.sharedData().resolve("trader_research/btcusdt_daily_2017_2026.csv");
    Path labels = TestBars.sharedData().resolve("trader_research/consensus_labels.tsv");
    String w = dir.resolve("ws").toString();
    assertAllNamed(List.of(
        new String[] {"--workspace", w, "regime", "fit", "--data", btc.toString(), "--json"},
        new String[] {"--workspace", w, "regime", "walk", "--data", btc.toString(), "--labels", labels.toString(),
            "--json"},
        new String[] {"--workspace", w, "regime", "experiments", "--json"}));
  }

  @Test
  void breakoutCommands_speakTheMetricsPagesNames() throws IOException {
    Path gen = dir.resolve("gen");
    assertThat(CliTest.run("--workspace", gen.toString(), "generate", "--symbols", "3", "--bars", "1500", "--seed",
        "5").exitCode()).isZero();
    Path ws = BreakoutCliTest.storeOf(dir, gen.resolve("data/raw"));
    CliTest.Run scan = CliTest.run("--workspace", ws.toString(), "scan", "breakout", "--interval", "1d", "--symbols",
        "SYN01,SYN02,SYN03", "--candles", "400", "--json");
    JsonNode first = JSON.readTree(scan.out()).get("signals").get(0);
    // The features object is keyed by the 22 features, each of which the breakout section names.
    List<String> names = new ArrayList<>();
    first.get("features").fieldNames().forEachRemaining(names::add);
    assertThat(names).containsExactlyInAnyOrderElementsOf(java.util.Arrays.stream(
        io.momentic.strategies.breakout.BreakoutFeatures.Feature.values()).map(f -> f.column()).toList());
    assertThat(vocabulary()).containsAll(names);
    assertAllNamed(List.of(
        new String[] {"--workspace", ws.toString(), "scan", "breakout", "--interval", "1d", "--symbols",
            "SYN01,SYN02,SYN03", "--candles", "400", "--json"},
        new String[] {"--workspace", ws.toString(), "breakout", "analyse", first.get("symbol").asText(), "--interval",
            "1d", "--bar", first.get("bar_time").asText(), "--step", "2", "--json"}));
    // Step 3's verdict and pulse, with an endpoint on loopback.
    try (FakeLlm llm = new FakeLlm()) {
      assertAllNamed(List.<String[]>of(new String[] {"--workspace", ws.toString(), "breakout", "analyse",
          first.get("symbol").asText(), "--interval", "1d", "--bar", first.get("bar_time").asText(), "--step", "3",
          "--json"}));
    }
  }

  @Test
  void paperCommands_speakTheMetricsPagesNames() throws Exception {
    String w = dir.toString();
    assertThat(CliTest.run("--workspace", w, "generate", "--symbols", "2", "--bars", "300", "--seed", "5").exitCode())
        .isZero();
    Path config = dir.resolve("config/paper.toml");
    Files.createDirectories(config.getParent());
    // Two versions of one strategy (compare's variants) and a multi-symbol one.
    Files.writeString(config, """
        [[strategy]]
        id = "sma_fast"
        strategy = "sma-cross"
        data = ["../data/raw/SYN01.csv"]
        commission = "0.001"
        params = { fast = 5, slow = 20 }

        [[strategy]]
        id = "sma_slow"
        strategy = "sma-cross"
        data = ["../data/raw/SYN01.csv"]
        commission = "0.001"
        params = { fast = 10, slow = 40 }

        [[strategy]]
        id = "hold"
        strategy = "buy-and-hold"
        data = ["../data/raw/SYN01.csv", "../data/raw/SYN02.csv"]
        """);
    String c = config.toString();
    List<String[]> commands = new ArrayList<>();
    commands.add(new String[] {"--workspace", w, "paper", "run", "--config", c, "--json"});
    commands.add(new String[] {"--workspace", w, "paper", "pause", "sma_fast", "--reason", "drill", "--config", c,
        "--json"});
    commands.add(new String[] {"--workspace", w, "paper", "resume", "sma_fast", "--reason", "drill", "--config", c,
        "--json"});
    assertAllNamed(commands);
    // An action queued while a runtime holds the journal, and refused when the runtime takes it: an incident.
    try (var held = io.momentic.paper.journal.Journal.openWriter(dir.resolve("state/paper/journal.db"))) {
      CliTest.Run clear = CliTest.run("--workspace", w, "paper", "clear", "sma_fast", "--reason", "x", "--config", c,
          "--json");
      assertThat(clear.exitCode()).as(clear.err()).isZero();
    }
    assertThat(CliTest.run("--workspace", w, "paper", "run", "--config", c).exitCode()).isZero();
    CliTest.Run incidents = CliTest.run("--workspace", w, "paper", "incidents", "--json");
    assertThat(JSON.readTree(incidents.out()).get("incidents")).isNotEmpty();
    assertAllNamed(List.of(
        new String[] {"--workspace", w, "paper", "status", "--json"},
        new String[] {"--workspace", w, "paper", "incidents", "--json"},
        new String[] {"--workspace", w, "paper", "reconcile", "--config", c, "--json"},
        new String[] {"--workspace", w, "paper", "dust", "--config", c, "--json"},
        new String[] {"--workspace", w, "paper", "compare", "--config", c, "--json"}));
  }

  @Test
  void gemRun_speaksTheMetricsPagesNames() throws IOException {
    Path candles = TestBars.sharedData().resolve("trader_research/bear_portfolio_candles.csv");
    assertAllNamed(List.<String[]>of(new String[] {"--workspace", dir.toString(), "gem", "run", "--data",
        candles.toString(), "--preset", "bear", "--json"}));
  }
}
