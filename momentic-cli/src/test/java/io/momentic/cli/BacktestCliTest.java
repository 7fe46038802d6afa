package io.momentic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.momentic.core.testing.TestBars;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BacktestCliTest {

  @TempDir
  Path dir;

  @Test
  void buyAndHold_onGoog_matchesTheHandComputedEquity() throws Exception {
    // GOOG: the first bar (close 100.34) is the decision bar; bar 2 opens at 101.01 → 10,000 / 101.01 = 99.0001
    // → 99 shares for 9,999.99, 0.01 cash left; the last close is 806.19 → 99 · 806.19 + 0.01.
    Path goog = TestBars.sharedData().resolve("backtesting_py/GOOG.csv");
    CliTest.Run r = CliTest.run("--workspace", dir.toString(), "backtest", "--data", goog.toString(), "--strategy",
        "buy-and-hold", "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode m = new ObjectMapper().readTree(r.out());
    assertThat(m.get("final_equity").asDouble()).isCloseTo(99 * 806.19 + (10_000 - 99 * 101.01),
        org.assertj.core.api.Assertions.within(1e-6));
    assertThat(m.get("trades").asInt()).isZero();
    assertThat(m.get("open_trades").asInt()).isEqualTo(1);
    assertThat(m.has("sharpe")).isTrue();
    assertThat(m.has("cagr_pct")).isTrue();
    assertThat(m.has("max_drawdown_pct")).isTrue();
    assertThat(m.has("win_rate_pct")).isTrue();
    assertThat(m.get("fee_stress").get("factor").asDouble()).isEqualTo(1.5);
  }

  @Test
  void smaCross_writesRunOutputs_andSameInputsGiveSameBytes() throws Exception {
    Path goog = TestBars.sharedData().resolve("backtesting_py/GOOG.csv");
    String[] args = {"backtest", "--data", goog.toString(), "--strategy", "sma-cross", "--param", "fast=10",
        "--param", "slow=20", "--commission", "0.002", "--plot", "--out"};
    CliTest.Run a = CliTest.run(concat(args, dir.resolve("a").toString()));
    CliTest.Run b = CliTest.run(concat(args, dir.resolve("b").toString()));
    assertThat(a.exitCode()).as(a.err()).isZero();
    for (String f : new String[] {"equity.csv", "trades.csv", "fills.csv", "metrics.json", "manifest.json",
        "chart.json", "plot.png", "report.html"}) {
      assertThat(Files.readAllBytes(dir.resolve("a").resolve(f))).as(f)
          .isEqualTo(Files.readAllBytes(dir.resolve("b").resolve(f)));
    }
    // Without --plot: the same run, no PNG drawn, the report without it.
    String[] plain = java.util.Arrays.stream(args).filter(x -> !x.equals("--plot")).toArray(String[]::new);
    CliTest.Run c = CliTest.run(concat(plain, dir.resolve("c").toString()));
    assertThat(c.exitCode()).as(c.err()).isZero();
    assertThat(dir.resolve("c/plot.png")).doesNotExist();
    assertThat(Files.readString(dir.resolve("c/report.html"))).doesNotContain("data:image/png");
    assertThat(Files.readAllBytes(dir.resolve("c/metrics.json"))).isEqualTo(Files.readAllBytes(dir.resolve("a/metrics.json")));
    JsonNode metrics = new ObjectMapper().readTree(dir.resolve("a/metrics.json").toFile());
    // Fees are charged: the 1.5x fee-stress run ends lower than the base run.
    assertThat(metrics.get("fee_stress").get("final_equity").asDouble())
        .isLessThan(metrics.get("final_equity").asDouble());
    assertThat(metrics.get("fees").asDouble()).isPositive();
    assertThat(Files.readAllLines(dir.resolve("a/fills.csv")).get(0))
        .isEqualTo("timestamp,instrument,side,quantity,price,gross_value,fees,slippage_cost,reason");
    JsonNode manifest = new ObjectMapper().readTree(dir.resolve("a/manifest.json").toFile());
    // The manifest's hash is the file's SHA-256, recomputed here with the JDK.
    String expected = java.util.HexFormat.of().formatHex(
        java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(goog)));
    assertThat(manifest.get("data_files").get(0).get("sha256").asText()).isEqualTo(expected);
    assertThat(manifest.get("fill_model").asText()).contains("open t+1");
  }

  @Test
  void badParameters_exit2_oneLine() {
    Path goog = TestBars.sharedData().resolve("backtesting_py/GOOG.csv");
    String[][] cases = {
        {"--strategy", "sma-cross", "--param", "fast=30", "--param", "slow=10"},
        {"--strategy", "nope"},
        {"--strategy", "sma-cross", "--commission", "abc"},
        {"--strategy", "sma-cross", "--fill", "tomorrow"},
        {"--strategy", "sma-cross", "--cash", "-5"},
        {"--strategy", "sma-cross", "--start", "yesterday"},
        {"--strategy", "qqq-long-short"},
        {"--strategy", "qqq-long-short", "--param", "ma-fast=300"},
        {"--strategy", "sma-cross", "--config", "no/such/file.toml"},
    };
    for (String[] c : cases) {
      String[] args = concat(new String[] {"--workspace", dir.toString(), "backtest", "--data", goog.toString()}, c);
      CliTest.Run r = CliTest.run(args);
      assertThat(r.exitCode()).as(String.join(" ", c)).isEqualTo(2);
      assertThat(r.err().lines().count()).as(r.err()).isEqualTo(1);
    }
  }

  @Test
  void saveState_thenResume_continuesThePortfolio() throws Exception {
    // sma-cross 10/20 on GOOG up to 2008-06-30 and saved; resumed over the full file it trades on from the
    // next bar. The resumed run's ledger starts with the first run's fills, and a fresh full run agrees with it
    // wherever no order was pending at the cut.
    Path goog = TestBars.sharedData().resolve("backtesting_py/GOOG.csv");
    Path state = dir.resolve("state.json");
    CliTest.Run first = CliTest.run("--workspace", dir.toString(), "backtest", "--data", goog.toString(), "--strategy",
        "sma-cross", "--param", "fast=10", "--param", "slow=20", "--end", "2008-06-30", "--save-state",
        state.toString(), "--json");
    assertThat(first.exitCode()).as(first.err()).isZero();
    JsonNode saved = new ObjectMapper().readTree(state.toFile());
    assertThat(saved.get("as_of_millis").asLong()).isEqualTo(TestBars.day("2008-06-30"));
    int savedFills = saved.get("fills").size();
    assertThat(savedFills).isPositive();

    CliTest.Run resumed = CliTest.run("--workspace", dir.toString(), "backtest", "--data", goog.toString(),
        "--strategy", "sma-cross", "--param", "fast=10", "--param", "slow=20", "--resume", state.toString(),
        "--out", dir.resolve("r").toString(), "--json");
    assertThat(resumed.exitCode()).as(resumed.err()).isZero();
    java.util.List<String> fills = Files.readAllLines(dir.resolve("r/fills.csv"));
    assertThat(fills.size() - 1).isGreaterThan(savedFills);
    assertThat(fills.get(savedFills + 1).substring(0, 10)).as("first fill after the cut").isGreaterThan("2008-06-30");
    // Nothing was pending at the cut (no fill on 2008-07-01), so the resumed ledger is the uninterrupted one.
    CliTest.Run full = CliTest.run("--workspace", dir.toString(), "backtest", "--data", goog.toString(),
        "--strategy", "sma-cross", "--param", "fast=10", "--param", "slow=20", "--out", dir.resolve("f").toString());
    assertThat(full.exitCode()).as(full.err()).isZero();
    assertThat(fills).isEqualTo(Files.readAllLines(dir.resolve("f/fills.csv")));
    assertThat(fills).noneMatch(l -> l.startsWith("2008-07-01"));
    JsonNode manifest = new ObjectMapper().readTree(dir.resolve("r/manifest.json").toFile());
    assertThat(manifest.get("first_bar").asText()).startsWith("2008-07-01");

    CliTest.Run missing = CliTest.run("--workspace", dir.toString(), "backtest", "--data", goog.toString(),
        "--strategy", "sma-cross", "--resume", dir.resolve("nope.json").toString());
    assertThat(missing.exitCode()).isEqualTo(2);
  }

  private static String[] concat(String[] a, String... b) {
    String[] all = new String[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
