package io.momentic.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatsCliTest {

  @TempDir
  Path dir;

  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(CliTest.Run run) throws IOException {
    assertThat(run.exitCode()).as(run.err()).isZero();
    return JSON.readTree(run.out());
  }

  @Test
  void dsrFromNumbersReproducesThePaper() throws IOException {
    // Bailey & López de Prado (2014) §5: DSR ≈ 0.9004.
    JsonNode n = json(CliTest.run("stats", "dsr", "--sharpe", "2.5", "--periods-per-year", "250", "--observations",
        "1250", "--skew", "-3", "--kurtosis", "10", "--trials", "100", "--trials-sharpe-variance", "0.5", "--json"));
    assertThat(n.get("dsr").asDouble()).isCloseTo(0.9004, within(5e-5));
    assertThat(n.get("sr0").asDouble()).isCloseTo(0.1132 * Math.sqrt(250), within(2e-3));
    assertThat(n.get("psr").asDouble()).isGreaterThan(n.get("dsr").asDouble());
  }

  @Test
  void psrOfANormalSeries() throws IOException {
    // Normal returns (skew 0, kurtosis 3), per-period SR = 1/√252, T = 253:
    // PSR = Φ(SR·√252 / √(1 + SR²/2)) = Φ(1/√(1 + 1/504)).
    JsonNode n = json(CliTest.run("stats", "psr", "--sharpe", "1", "--observations", "253", "--json"));
    double z = 1 / Math.sqrt(1 + 1 / 504.0);
    // Φ(0.9990) = 0.8411 (normal table).
    assertThat(n.get("psr").asDouble()).isCloseTo(0.8411, within(5e-5));
    assertThat(z).isCloseTo(0.9990, within(1e-4));
  }

  @Test
  void badInputsExitTwo() throws IOException {
    assertThat(CliTest.run("stats", "dsr", "--sharpe", "1", "--observations", "100", "--trials", "0",
        "--trials-sharpe-variance", "1").exitCode()).isEqualTo(2);
    CliTest.Run missing = CliTest.run("stats", "psr", "--sharpe", "1");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("--observations");
    Path bad = dir.resolve("m.csv");
    Files.writeString(bad, "a,b\n0.01,0.02\n0.01,x\n");
    CliTest.Run pbo = CliTest.run("stats", "pbo", "--trials", bad.toString(), "--partitions", "2");
    assertThat(pbo.exitCode()).isEqualTo(2);
    assertThat(pbo.err()).contains("m.csv:3").contains("column 'b'").contains("'x'");
  }

  @Test
  void pboFromAMatrixFile() throws IOException {
    // A dominant first column: PBO 0.
    SplittableRandom random = new SplittableRandom(3);
    StringBuilder sb = new StringBuilder("date,t1,t2,t3,t4\n");
    for (int i = 0; i < 400; i++) {
      sb.append(String.format(java.util.Locale.ROOT, "2020-01-%02d", 1 + i % 28));
      for (int j = 0; j < 4; j++) {
        sb.append(',').append(0.01 * random.nextGaussian() + (j == 0 ? 0.004 : 0));
      }
      sb.append('\n');
    }
    Path file = dir.resolve("trials.csv");
    Files.writeString(file, sb);
    JsonNode n = json(CliTest.run("stats", "pbo", "--trials", file.toString(), "--partitions", "8", "--json"));
    assertThat(n.get("combinations").asInt()).isEqualTo(70);
    assertThat(n.get("trials").asInt()).isEqualTo(4);
    assertThat(n.get("pbo").asDouble()).isLessThanOrEqualTo(0.05);
    assertThat(n.get("logits")).hasSize(70);
  }

  @Test
  void bootstrapIsSeeded() throws IOException {
    SplittableRandom random = new SplittableRandom(5);
    StringBuilder sb = new StringBuilder("date,return\n");
    java.time.LocalDate d = java.time.LocalDate.of(2020, 1, 1);
    for (int i = 0; i < 300; i++) {
      sb.append(d.plusDays(i)).append(',').append(0.0005 + 0.01 * random.nextGaussian()).append('\n');
    }
    Path file = dir.resolve("r.csv");
    Files.writeString(file, sb);
    JsonNode a = json(CliTest.run("stats", "bootstrap", "--returns", file.toString(), "--seed", "9", "--json"));
    JsonNode b = json(CliTest.run("stats", "bootstrap", "--returns", file.toString(), "--seed", "9", "--json"));
    assertThat(a).isEqualTo(b);
    assertThat(a.get("lower").asDouble()).isLessThan(a.get("estimate").asDouble());
    assertThat(a.get("upper").asDouble()).isGreaterThan(a.get("estimate").asDouble());
    assertThat(a.get("block_length").asInt()).isEqualTo(7); // round(300^(1/3)) = round(6.69)
    JsonNode pf = json(CliTest.run("stats", "bootstrap", "--returns", file.toString(), "--statistic",
        "profit_factor", "--method", "block", "--json"));
    assertThat(pf.get("method").asText()).isEqualTo("block");
  }

  @Test
  void cvJsonHasSplitsAndPaths() throws IOException {
    // The hand-worked purged k-fold case of PurgedSplitsTest, through the CLI.
    JsonNode n = json(CliTest.run("cv", "purged", "--samples", "10", "--groups", "5", "--label-span", "2",
        "--embargo-pct", "0.1", "--json"));
    assertThat(n.get("paths").asInt()).isEqualTo(1);
    JsonNode fold2 = n.get("splits").get(2);
    assertThat(fold2.get("test").toString()).isEqualTo("[[4,6]]");
    assertThat(fold2.get("train").toString()).isEqualTo("[[0,2],[9,10]]");
    assertThat(fold2.get("purged").asInt()).isEqualTo(4);
    assertThat(fold2.get("embargoed").asInt()).isEqualTo(1);
    JsonNode cpcv = json(CliTest.run("cv", "cpcv", "--samples", "100", "--groups", "6", "--test-groups", "2",
        "--json"));
    assertThat(cpcv.get("splits")).hasSize(15);
    assertThat(cpcv.get("paths").asInt()).isEqualTo(5);
    assertThat(CliTest.run("cv", "cpcv", "--samples", "100", "--groups", "6", "--test-groups", "6").exitCode())
        .isEqualTo(2);
  }
}
