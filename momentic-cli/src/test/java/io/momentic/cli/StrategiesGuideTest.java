package io.momentic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/STRATEGIES.md, as a user follows it: the example strategy (compiled here, registered through
 * META-INF/services) is in the catalog, backtests with the entry a brute-force scan finds, passes
 * the look-ahead audit — and the guide shows exactly this source.
 */
class StrategiesGuideTest {

  private static final Path REPO = Path.of(System.getProperty("momentic.repoRoot", "."));
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  @Test
  void theGuidesStrategy_isRegistered_backtests_andPassesTheAudit() throws Exception {
    CliTest.Run list = CliTest.run("strategies", "channel-breakout", "--json");
    assertThat(list.exitCode()).as(list.err()).isZero();
    assertThat(list.out()).contains("\"entry\"", "\"exit\"");

    assertThat(CliTest.run("--workspace", dir.toString(), "generate", "--symbols", "1", "--bars", "600", "--seed",
        "8").exitCode()).isZero();
    Path data = dir.resolve("data/raw/SYN01.csv");
    CliTest.Run bt = CliTest.run("--workspace", dir.toString(), "backtest", "--strategy", "channel-breakout", "--data",
        data.toString(), "--param", "entry=30", "--out", dir.resolve("run").toString(), "--json");
    assertThat(bt.exitCode()).as(bt.err()).isZero();
    assertThat(JSON.readTree(bt.out()).get("trades").asInt()).isPositive();

    // The first entry, found by brute force: the first bar whose close tops every high of the 30
    // bars before it (and whose ATR(14) is known, from bar 14 on), bought at the next bar's open.
    List<String> rows = new ArrayList<>(Files.readAllLines(data).subList(1, 601));
    java.util.Collections.reverse(rows);
    double[] high = new double[600];
    double[] close = new double[600];
    String[] time = new String[600];
    for (int i = 0; i < 600; i++) {
      String[] f = rows.get(i).split(",");
      time[i] = f[0];
      high[i] = Double.parseDouble(f[2]);
      close[i] = Double.parseDouble(f[4]);
    }
    int signal = -1;
    for (int t = 30; t < 600 && signal < 0; t++) {
      double top = Double.NEGATIVE_INFINITY;
      for (int i = t - 30; i < t; i++) {
        top = Math.max(top, high[i]);
      }
      if (close[t] > top && t >= 14) {
        signal = t;
      }
    }
    List<String> trades = Files.readAllLines(dir.resolve("run/trades.csv"));
    String header = trades.get(0);
    int entryCol = java.util.Arrays.asList(header.split(",")).indexOf("entry_time");
    List<String> entries = trades.subList(1, trades.size()).stream().map(l -> l.split(",")[entryCol]).sorted().toList();
    assertThat(entries.get(0)).isEqualTo(time[signal + 1]);

    CliTest.Run audit = CliTest.run("--workspace", dir.toString(), "audit", "lookahead", "--strategies",
        "channel-breakout", "--indicators", "none", "--bars", "400");
    assertThat(audit.exitCode()).as(audit.out() + audit.err()).isZero();
    assertThat(audit.out()).contains("channel-breakout");
  }

  @Test
  void theGuide_showsThisVerySource() throws Exception {
    String guide = Files.readString(REPO.resolve("docs/STRATEGIES.md"));
    String source = Files.readString(REPO.resolve("momentic-cli/src/test/java/example/ChannelBreakout.java"));
    String registration = Files.readString(REPO.resolve("momentic-cli/src/test/java/example/ExampleStrategies.java"));
    assertThat(guide).contains(source.strip()).contains(registration.strip());
  }

  @Test
  void theGuidesLibrarySnippet_runs() throws Exception {
    assertThat(CliTest.run("--workspace", dir.toString(), "generate", "--symbols", "1", "--bars", "300", "--seed",
        "8").exitCode()).isZero();
    java.nio.file.Path file = dir.resolve("data/raw/SYN01.csv");
    // The guide's lines, with the guide's relative path resolved in the test's workspace:
    io.momentic.core.Panel panel = io.momentic.core.Panel.align(io.momentic.data.BarFiles.read(file).series());
    io.momentic.engine.BacktestResult r = io.momentic.engine.BacktestEngine.run(panel,
        new example.ChannelBreakout(30, 10),
        io.momentic.engine.BacktestConfig.of(10_000).withFees(io.momentic.engine.exec.FeeModel.parse("0.001")));
    assertThat(r.finalEquity()).isPositive();
    String guide = Files.readString(REPO.resolve("docs/STRATEGIES.md"));
    assertThat(guide).contains("Panel panel = Panel.align(BarFiles.read(Path.of(\"data/raw/SYN01.csv\")).series());",
        "BacktestResult r = BacktestEngine.run(panel, new ChannelBreakout(30, 10),",
        "BacktestConfig.of(10_000).withFees(FeeModel.parse(\"0.001\")));");
  }
}
