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

/** The execution core's rules on real data, through the command a user runs. */
class ExecutionCoreCliTest {

  @TempDir
  Path dir;

  /** The rows of a run's CSV, header dropped, split on commas (no quoted cells in these files). */
  private static List<String[]> rows(Path csv) throws Exception {
    return Files.readAllLines(csv).stream().skip(1).map(l -> l.split(",", -1)).toList();
  }

  @Test
  void smaCrossOnMonthlyBitcoin_neverGoesBelowZero_theShortIsCalledAtItsMaintenanceMargin() throws Exception {
    // sma-cross shorts BTC in 2015 with the whole equity; BTC then rallies ~3x within the short. Before the
    // margin model the run ended at -185 % equity. Now the short is liquidated where the equity falls to 30 %
    // of its notional (the equity class's short maintenance): cash C after the short, q units short, price p*
    // with C - q·p* = 0.3·q·p*, i.e. p* = C / (1.3·q) — recomputed here from the fills alone.
    Path btc = TestBars.sharedData().resolve("backtesting_py/BTCUSD.csv");
    CliTest.Run r = CliTest.run("--workspace", dir.toString(), "backtest", "--data", btc.toString(), "--strategy",
        "sma-cross", "--out", dir.resolve("btc").toString());
    assertThat(r.exitCode()).as(r.err()).isZero();

    for (String[] e : rows(dir.resolve("btc/equity.csv"))) {
      assertThat(Double.parseDouble(e[1])).as("equity at %s", e[0]).isPositive();
    }
    List<String[]> fills = rows(dir.resolve("btc/fills.csv"));
    double cash = 10_000;
    int calls = 0;
    for (int i = 0; i < fills.size(); i++) {
      String[] f = fills.get(i);
      double q = Double.parseDouble(f[3]);
      double p = Double.parseDouble(f[4]);
      boolean buy = f[2].equals("buy") || f[2].equals("short_cover");
      if (f[8].equals("margin-call")) {
        calls++;
        assertThat(f[2]).isEqualTo("short_cover");
        assertThat(p).as("liquidation price").isCloseTo(cash / (1.3 * q), within(1e-6));
      }
      cash += buy ? -q * p : q * p;
    }
    assertThat(calls).isPositive();
  }

  @Test
  void stopAndReverseOnGoog_shortsAreSizedNetOfTheirFee_asBacktestingPySizesThem() throws Exception {
    // backtesting.py sizes a fraction-of-equity order as floor(equity × fraction / (price × (1 + commission))):
    // the notional plus the entry fee fits in the equity. Replaying the fills: every order that opens a
    // position from flat (after its close filled first) has exactly that many units, and the gross exposure
    // after it never exceeds the equity left after its fee.
    Path goog = TestBars.sharedData().resolve("backtesting_py/GOOG.csv");
    CliTest.Run r = CliTest.run("--workspace", dir.toString(), "backtest", "--data", goog.toString(), "--strategy",
        "sma-cross", "--param", "fast=10", "--param", "slow=20", "--commission", "0.002", "--out",
        dir.resolve("goog").toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    List<String[]> fills = rows(dir.resolve("goog/fills.csv"));
    double cash = 10_000;
    double position = 0;
    int shorts = 0;
    for (String[] f : fills) {
      double q = Double.parseDouble(f[3]);
      double p = Double.parseDouble(f[4]);
      double fee = Double.parseDouble(f[6]);
      if (position == 0) {
        // Flat: equity is the cash. Shorts (equity fraction 1) and buys (all cash) follow the same rule.
        assertThat(q).as("%s at %s", f[2], f[0]).isEqualTo(Math.floor(cash / (p * 1.002)));
        assertThat(q * p).isLessThanOrEqualTo(cash - fee + 1e-9);
        if (f[2].equals("short_open")) {
          shorts++;
        }
      }
      int sign = f[2].equals("buy") || f[2].equals("short_cover") ? 1 : -1;
      cash -= sign * q * p + fee;
      position += sign * q;
    }
    assertThat(shorts).isGreaterThan(40);
  }

  @Test
  void aDefaultedRun_recordsEveryResolvedParameter() throws Exception {
    Path goog = TestBars.sharedData().resolve("backtesting_py/GOOG.csv");
    CliTest.Run r = CliTest.run("--workspace", dir.toString(), "backtest", "--data", goog.toString(), "--strategy",
        "sma-cross", "--out", dir.resolve("run").toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode params = new ObjectMapper().readTree(dir.resolve("run/manifest.json").toFile()).get("params");
    // SmaCross's declared defaults: fast 10, slow 30, long-only false (it goes short), and no regime gate.
    assertThat(params.get("fast").asText()).isEqualTo("10");
    assertThat(params.get("slow").asText()).isEqualTo("30");
    assertThat(params.get("long-only").asText()).isEqualTo("false");
    assertThat(params.get("regime-gate").asText()).isEqualTo("none");
  }
}
