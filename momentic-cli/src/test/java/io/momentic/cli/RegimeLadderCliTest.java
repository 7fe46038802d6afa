package io.momentic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.momentic.core.testing.TestBars;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegimeLadderCliTest {

  static String research(String file) {
    return TestBars.sharedData().resolve("trader_research").resolve(file).toString();
  }

  @Test
  void experiments_listsTheLadder_andAFilesOwn(@TempDir Path dir) throws Exception {
    Path toml = dir.resolve("mine.toml");
    Files.writeString(toml, """
        [[experiment]]
        id = "exp_011_bivar_diag"
        base = "exp_004_diag_sigma"
        observation = "bivar_r_dd200"
        comment = "exp_004 without the volatility channel"

        [[experiment]]
        id = "exp_012_k4_from_011"
        base = "exp_011_bivar_diag"
        states = 4
        """);
    CliTest.Run r = CliTest.run("regime", "experiments", "--experiments", toml.toString(), "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode list = new ObjectMapper().readTree(r.out());
    assertThat(list).hasSize(14);
    assertThat(list.get(7).get("experiment_id").asText()).isEqualTo("exp_004_diag_sigma");
    JsonNode mine = list.get(12);
    assertThat(mine.get("experiment_id").asText()).isEqualTo("exp_011_bivar_diag");
    assertThat(mine.get("observation").asText()).isEqualTo("bivar_r_dd200");
    // Everything not given comes from the base: exp_004's diagonal Gaussian with VIX-driven transitions.
    assertThat(mine.get("emission").asText()).isEqualTo("mvn_diag");
    assertThat(mine.get("transitions").asText()).isEqualTo("nh_softmax_vix");
    assertThat(mine.get("warm_max_iterations").asInt()).isEqualTo(40);
    assertThat(list.get(13).get("K").asInt()).isEqualTo(4);
    assertThat(list.get(13).get("observation").asText()).isEqualTo("bivar_r_dd200");
  }

  @Test
  void aBadExperimentTable_isOneErrorAtItsLine(@TempDir Path dir) throws Exception {
    Path toml = dir.resolve("bad.toml");
    Files.writeString(toml, """
        [[experiment]]
        id = "ok_one"
        emission = "mvn_diag"
        transitions = "nh_softmax_vix"

        [[experiment]]
        id = "bad_one"
        observation = "trivar_r_vol5_rsi"
        emission = "mvn_diag"
        """);
    CliTest.Run r = CliTest.run("regime", "experiments", "--experiments", toml.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("bad.toml:8").contains("observation").contains("found 'trivar_r_vol5_rsi'");
    Files.writeString(toml, "[[experiment]]\nid = \"x\"\nbase = \"exp_099\"\n");
    assertThat(CliTest.run("regime", "experiments", "--experiments", toml.toString()).err()).contains("bad.toml:3")
        .contains("base");
  }

  /**
   * A TOML experiment runs end to end through the CLI and appends its row; the ladder's winner
   * needs the VIX and says so when it is missing.
   */
  @Test
  void walk_runsAFileExperiment_andAppendsItsRow(@TempDir Path dir) throws Exception {
    Path toml = dir.resolve("mine.toml");
    Files.writeString(toml, """
        [[experiment]]
        id = "exp_011_bivar_diag"
        base = "exp_004_diag_sigma"
        observation = "bivar_r_dd200"
        comment = "exp_004 without the volatility channel"
        """);
    Path tsv = dir.resolve("results.tsv");
    CliTest.Run r = CliTest.run("regime", "walk", "--experiment", "exp_011_bivar_diag", "--experiments",
        toml.toString(), "--data", research("btcusdt_daily_2017_2026.csv"), "--labels",
        research("consensus_labels.tsv"), "--vix", research("vix_daily.csv"), "--results", tsv.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("Score: regime_score=").contains("Per-period s_P:").contains("Done.");
    List<String> rows = Files.readAllLines(tsv);
    assertThat(rows).hasSize(2);
    assertThat(rows.get(1)).startsWith("exp_011_bivar_diag\tbivar_r_dd200\t3\tmvn_diag\tnh_softmax_vix\t")
        .endsWith("\texp_004 without the volatility channel");
    CliTest.Run missing = CliTest.run("regime", "walk", "--experiment", "exp_004_diag_sigma", "--data",
        research("btcusdt_daily_2017_2026.csv"), "--labels", research("consensus_labels.tsv"), "--no-write");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("--vix");
  }

  /** A walk reports its refit attempts as it goes: spec §4.8's 96 (day 200, then every 30 of 3,059 rows). */
  @Test
  void walk_reportsItsRefits_withPlainProgress() {
    CliTest.Run r = CliTest.run("--progress", "plain", "regime", "walk", "--data",
        research("btcusdt_daily_2017_2026.csv"), "--labels", research("consensus_labels.tsv"), "--no-write");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).containsPattern("exp_001_baseline walk-forward refits: 96 step\\(s\\) in \\d+\\.\\d s");
  }
}
