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
 * The live feed: the store grows a bar a day (the pipeline's fetch), and {@code paper run --once}
 * from cron takes each bar once it has closed — the runtime carries on run after run, and ends
 * where a backtest from its first live bar ends.
 */
class PaperStoreFeedCliTest {

  @TempDir
  Path dir;

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void cronRunsOnAGrowingStore_tradeEachNewBar_likeTheBacktestFromTheFirstLiveBar() throws Exception {
    CliTest.Run g = CliTest.run("--workspace", dir.toString(), "generate", "--symbols", "1", "--bars", "240",
        "--seed", "12");
    assertThat(g.exitCode()).as(g.err()).isZero();
    List<String> lines = Files.readAllLines(dir.resolve("data/raw/SYN01.csv")); // header, newest first
    String header = lines.get(0);
    List<String> rows = new ArrayList<>(lines.subList(1, lines.size()));
    java.util.Collections.reverse(rows); // oldest first
    Path feed = dir.resolve("feed");
    Files.createDirectories(feed);
    Path config = dir.resolve("config/paper.toml");
    Files.createDirectories(config.getParent());
    Files.writeString(config, """
        [paper]
        feed = "store"
        settle_seconds = 0

        [[strategy]]
        id = "sma"
        strategy = "sma-cross"
        store_venue = "csv"
        symbols = ["SYN01"]
        commission = "0.001"
        params = { fast = 3, slow = 8 }
        """);
    // A day at a time from bar 199: the day's bar reaches the store, then cron runs the runtime.
    for (int k = 199; k < 240; k++) {
      List<String> upTo = new ArrayList<>(rows.subList(0, k + 1));
      java.util.Collections.reverse(upTo);
      upTo.add(0, header);
      Files.write(feed.resolve("SYN01.csv"), upTo);
      CliTest.Run fetch = CliTest.run("--workspace", dir.toString(), "fetch", "--venue", "csv", "--folder",
          feed.toString(), "--symbols", "SYN01", "--interval", "1d", "--since", "2000-01-01");
      assertThat(fetch.exitCode()).as(fetch.err()).isZero();
      String day = rows.get(k).substring(0, 10);
      CliTest.Run run = CliTest.run("--workspace", dir.toString(), "paper", "run", "--config", config.toString(),
          "--once", "--as-of", day);
      assertThat(run.exitCode()).as(run.err()).isZero();
    }
    JsonNode status = JSON.readTree(CliTest.run("--workspace", dir.toString(), "paper", "status", "--json").out());
    JsonNode sma = status.get("strategies").get(0);
    assertThat(sma.get("bars").asInt()).isEqualTo(240);
    assertThat(sma.get("last_bar").asText()).startsWith(rows.get(239).substring(0, 10));
    // At the first run the bars already older than two days plus the grace were history: trading
    // started at the first fresh one, and no later bar was stale (each was taken the day it closed).
    assertThat(sma.get("skips").has("stale_data")).isFalse();
    int history = sma.get("skips").get("warm_up").asInt();
    assertThat(history).isBetween(190, 199);
    assertThat(sma.get("fills").asInt()).isPositive();

    // The backtest from the first live bar over the same 240 bars ends on the same equity, to the bit.
    String firstLive = rows.get(history).substring(0, 10);
    CliTest.Run backtest = CliTest.run("--workspace", dir.toString(), "backtest", "--strategy", "sma-cross", "--data",
        dir.resolve("data/raw/SYN01.csv").toString(), "--commission", "0.001", "--param", "fast=3", "--param",
        "slow=8", "--start", firstLive, "--json");
    assertThat(backtest.exitCode()).as(backtest.err()).isZero();
    assertThat(sma.get("equity").asDouble()).isEqualTo(JSON.readTree(backtest.out()).get("final_equity").asDouble());
    CliTest.Run compare = CliTest.run("--workspace", dir.toString(), "paper", "compare", "--config",
        config.toString(), "--json");
    assertThat(compare.exitCode()).as(compare.out() + compare.err()).isZero();
    assertThat(JSON.readTree(compare.out()).get("strategies").get(0).get("agreement").asDouble()).isEqualTo(1.0);
  }
}
