package io.momentic.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code momentic metrics} against values worked out by hand from the formulas in docs/METRICS.md. */
class MetricsCliTest {

  @TempDir
  Path dir;

  // r = 0.10, −0.05, 0.02, −0.01; benchmark b = 0.05, −0.02, 0.01, 0.00.
  private static final String RETURNS = "date,return\n2024-01-02,0.10\n2024-01-03,-0.05\n2024-01-04,0.02\n"
      + "2024-01-05,-0.01\n";
  private static final String BENCHMARK = "date,return\n2024-01-02,0.05\n2024-01-03,-0.02\n2024-01-04,0.01\n"
      + "2024-01-05,0.00\n";

  @Test
  void returnsSeries_byHand() throws Exception {
    Path r = Files.writeString(dir.resolve("r.csv"), RETURNS);
    Path b = Files.writeString(dir.resolve("b.csv"), BENCHMARK);
    CliTest.Run run = CliTest.run("metrics", "--returns", r.toString(), "--benchmark", b.toString(), "--json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode m = new ObjectMapper().readTree(run.out());

    // Π(1 + r) = 1.1 · 0.95 · 1.02 · 0.99 = 1.055241.
    assertThat(m.get("total_return").asDouble()).isCloseTo(0.055241, within(1e-12));
    // (1.055241)^(252/4) − 1.
    assertThat(m.get("annual_return").asDouble()).isCloseTo(Math.pow(1.055241, 63) - 1, within(1e-9));
    // mean 0.015; squared deviations 0.007225 + 0.004225 + 0.000025 + 0.000625 = 0.0121; sample var 0.0121 / 3.
    double std = Math.sqrt(0.0121 / 3);
    assertThat(m.get("annual_volatility").asDouble()).isCloseTo(std * Math.sqrt(252), within(1e-12));
    assertThat(m.get("sharpe").asDouble()).isCloseTo(0.015 / std * Math.sqrt(252), within(1e-9));
    // downside: √((0.05² + 0.01²) / 4) · √252 = √0.00065 · √252; Sortino = 0.015 · 252 / downside.
    double downside = Math.sqrt(0.00065) * Math.sqrt(252);
    assertThat(m.get("downside_risk").asDouble()).isCloseTo(downside, within(1e-12));
    assertThat(m.get("sortino").asDouble()).isCloseTo(0.015 * 252 / downside, within(1e-9));
    // wealth 1 → 1.1 → 1.045 → 1.0659 → 1.055241: the deepest fall is 1.045 / 1.1 − 1 = −5 %.
    assertThat(m.get("max_drawdown").asDouble()).isCloseTo(-0.05, within(1e-12));
    assertThat(m.get("calmar").asDouble()).isCloseTo((Math.pow(1.055241, 63) - 1) / 0.05, within(1e-9));
    assertThat(m.get("hit_rate").asDouble()).isEqualTo(0.5);
    assertThat(m.get("omega").asDouble()).isCloseTo(0.12 / 0.06, within(1e-12));
    assertThat(m.get("win_loss_ratio").asDouble()).isCloseTo(0.06 / 0.03, within(1e-12));
    // β = cov(r, b) / var(b) = (0.085·0.04 + 0.065·0.03 + 0 + 0.025·0.01) / (0.04² + 0.03² + 0 + 0.01²) = 0.0056 / 0.0026.
    double beta = 0.0056 / 0.0026;
    assertThat(m.get("beta").asDouble()).isCloseTo(beta, within(1e-12));
    // α = (1 + mean(r − β·b))^252 − 1, mean(r − β·b) = 0.015 − β · 0.01.
    assertThat(m.get("alpha").asDouble()).isCloseTo(Math.pow(1 + 0.015 - beta * 0.01, 252) - 1, within(1e-9));
    // active returns 0.05, −0.03, 0.01, −0.01: mean 0.005, sample std √((0.045² + 0.035² + 0.005² + 0.015²) / 3).
    double activeStd = Math.sqrt((0.045 * 0.045 + 0.035 * 0.035 + 0.005 * 0.005 + 0.015 * 0.015) / 3);
    assertThat(m.get("information_ratio").asDouble()).isCloseTo(0.005 / activeStd * Math.sqrt(252), within(1e-9));
  }

  @Test
  void equitySeries_newestFirst_givesTheSameReturns() throws Exception {
    // Equity 100 → 110 → 104.5 → 106.59 → 105.5241 is the wealth path of the returns above, newest row first.
    Path e = Files.writeString(dir.resolve("e.csv"), "timestamp,equity_value\n2024-01-05,105.5241\n"
        + "2024-01-04,106.59\n2024-01-03,104.5\n2024-01-02,110\n2024-01-01,100\n");
    CliTest.Run run = CliTest.run("metrics", "--returns", e.toString(), "--equity", "--json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode m = new ObjectMapper().readTree(run.out());
    assertThat(m.get("periods").asInt()).isEqualTo(4);
    assertThat(m.get("total_return").asDouble()).isCloseTo(0.055241, within(1e-12));
    assertThat(m.get("max_drawdown").asDouble()).isCloseTo(-0.05, within(1e-12));
    // Calendar CAGR over 4 days: 1.055241^(365.25 / 4) − 1.
    assertThat(m.get("cagr").asDouble()).isCloseTo(Math.pow(1.055241, 365.25 / 4) - 1, within(1e-6));
  }

  @Test
  void badRows_exit2_namingFileLineAndColumn() throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.csv"), "date,return\n2024-01-02,0.1\n2024-01-03,abc\n");
    CliTest.Run run = CliTest.run("metrics", "--returns", bad.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("bad.csv:3").contains("'return'").contains("'abc'");
    Path dup = Files.writeString(dir.resolve("dup.csv"), "date,return\n2024-01-02,0.1\n2024-01-02,0.2\n");
    run = CliTest.run("metrics", "--returns", dup.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("dup.csv:3");
    run = CliTest.run("metrics", "--returns", dup.toString(), "--periods-per-year", "0");
    assertThat(run.exitCode()).isEqualTo(2);
  }

  @Test
  void aRunsEquityCsv_isReadable() throws Exception {
    Path e = Files.writeString(dir.resolve("equity.csv"), "timestamp,equity_value,cash,exposure,drawdown\n"
        + "2024-01-01T00:00:00Z,1000,1000,0,0\n2024-01-02T00:00:00Z,1010,0,1,0\n2024-01-03T00:00:00Z,999.9,0,1,-0.01\n");
    CliTest.Run run = CliTest.run("metrics", "--returns", e.toString(), "--equity", "--json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode m = new ObjectMapper().readTree(run.out());
    assertThat(m.get("total_return").asDouble()).isCloseTo(-0.0001, within(1e-12));
    assertThat(m.get("max_drawdown").asDouble()).isCloseTo(999.9 / 1010 - 1, within(1e-12));
  }
}
