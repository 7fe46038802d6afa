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

/** {@code momentic research loop} on the reference's data, small budgets. */
class ResearchLoopCliTest {

  static String research(String file) {
    return TestBars.sharedData().resolve("trader_research").resolve(file).toString().replace("\\", "/");
  }

  static Path gemProgram(Path dir, String extra) throws Exception {
    Path p = dir.resolve("bear.toml");
    Files.writeString(p, """
        [program]
        tag = "bear-test"
        target = "gem"
        max_trials = 20

        [gem]
        data = "%s"
        preset = "bear"

        [start]
        fit_window = 30

        [[parameter]]
        name = "top_n"
        values = [1, 3, 5]

        [[parameter]]
        name = "r2_threshold"
        values = [0.3, 0.5, 0.7]
        %s""".formatted(research("bear_portfolio_candles.csv"), extra));
    return p;
  }

  @Test
  void gem_startsFromTheNotebooksRun_locksInTheWinner_andWritesTheReportAndTsv(@TempDir Path dir) throws Exception {
    Path ws = dir.resolve("ws");
    Path program = gemProgram(dir, "");
    CliTest.Run r = CliTest.run("--workspace", ws.toString(), "research", "loop", "--program", program.toString(),
        "--date", "2026-12-02", "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode d = new ObjectMapper().readTree(r.out());
    // Baseline, top_n 3 and 5 (1 is the incumbent), r2_threshold 0.3 and 0.7 (0.5 is the incumbent).
    assertThat(d.get("trials").asInt()).isEqualTo(5);
    assertThat(d.get("stop_reason").asText()).isEqualTo("the priority list was swept once");
    List<String> tsv = Files.readAllLines(ws.resolve("research/bear-test/bear_sweep_results.tsv"));
    assertThat(tsv).hasSize(6);
    List<String> header = List.of(tsv.get(0).split("\t"));
    String[] baseline = tsv.get(1).split("\t");
    // Spec §5, the notebook's exp-bear-w30 (BEAR_PARAMS, fit_window 30, fee 0.003): annualised 9.69 %, max DD
    // −1.39 %, Sharpe 1.593, Sortino 3.332, Calmar 6.982, 21 rebalances.
    assertThat(Double.parseDouble(baseline[header.indexOf("annualized_return_pct")])).isCloseTo(9.69, within(0.005));
    assertThat(Double.parseDouble(baseline[header.indexOf("max_drawdown_pct")])).isCloseTo(-1.39, within(0.005));
    assertThat(Double.parseDouble(baseline[header.indexOf("sharpe")])).isCloseTo(1.593, within(0.0005));
    assertThat(Double.parseDouble(baseline[header.indexOf("sortino")])).isCloseTo(3.332, within(0.0005));
    assertThat(Double.parseDouble(baseline[header.indexOf("calmar")])).isCloseTo(6.982, within(0.0005));
    assertThat(baseline[header.indexOf("rebalance_count")]).isEqualTo("21");
    // §2's score from those figures: ann 0.0969 × dampener 1 (drawdown under 15 %) × (1 + 0.1 (1 − HHI)).
    double hhi = Double.parseDouble(baseline[header.indexOf("hhi")]);
    double ann = Double.parseDouble(baseline[header.indexOf("annualized_return_pct")]) / 100;
    assertThat(d.get("baseline_score").asDouble()).isCloseTo(ann * (1 + 0.1 * (1 - hhi)), within(1e-12));
    // Lock-in: the sweep of top_n keeps a candidate only when it beats the best so far, and its winner becomes
    // the default the sweep of r2_threshold runs with.
    JsonNode top = d.get("sweeps").get(0);
    double s3 = score(tsv, header, "top_n", "3");
    double s5 = score(tsv, header, "top_n", "5");
    String winner = s5 > s3 ? "5" : "3";
    assertThat(top.get("winner").asText()).isEqualTo(winner);
    assertThat(top.get("locked").asBoolean()).isEqualTo(Math.max(s3, s5) > d.get("baseline_score").asDouble());
    assertThat(outcome(tsv, header, "top_n", "3")).isEqualTo(s3 > d.get("baseline_score").asDouble() ? "kept"
        : "discarded");
    assertThat(outcome(tsv, header, "top_n", "5")).isEqualTo(s5 > Math.max(s3, d.get("baseline_score").asDouble())
        ? "kept" : "discarded");
    String r2row = tsv.stream().filter(l -> l.split("\t")[1].equals("r2_threshold")).findFirst().orElseThrow();
    assertThat(r2row.split("\t")[header.indexOf("top_n")]).isEqualTo(top.get("locked").asBoolean() ? winner : "1");
    assertThat(d.get("final_params").get("top_n").asText()).isEqualTo(top.get("locked").asBoolean() ? winner : "1");
    assertThat(d.get("final_params").has("fee_rate")).isFalse();
    assertThat(d.get("pbo").isNumber()).isTrue();
    assertThat(d.get("deflated_sharpe").get("dsr").isNumber()).isTrue();
    // The report: the six sections and the appendix, the trial count with DSR and PBO.
    Path report = ws.resolve("docs/autoresearch-reports/2026-12-02-autoresearch-bear-test-report.md");
    String text = Files.readString(report);
    assertThat(text).contains("## 1. Executive summary", "## 2. Runtime", "## 3. Per-parameter results",
        "## 4. Validated findings", "## 5. Fundamental limitations", "## 6. Recommendations",
        "## Appendix: final parameters", "after 5 trials", "deflated Sharpe ratio", "PBO",
        "| 1 | top_n | 1 |", "One parameter at a time: interactions are invisible");
    assertThat(text).contains("| annualised return % |");
    Path locked = ws.resolve("research/bear-test/locked.toml");
    assertThat(Files.exists(locked)).isEqualTo(top.get("locked").asBoolean());

    // Again: it resumes from the locked defaults (no baseline at top_n 1) and appends to the same TSV.
    CliTest.Run again = CliTest.run("--workspace", ws.toString(), "research", "loop", "--program", program.toString(),
        "--date", "2026-12-02");
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.out()).contains("Resuming from the defaults locked in");
    assertThat(Files.readAllLines(ws.resolve("research/bear-test/bear_sweep_results.tsv")).size()).isGreaterThan(6);
    // --fresh starts over and moves the earlier TSV aside, losing nothing.
    CliTest.Run fresh = CliTest.run("--workspace", ws.toString(), "research", "loop", "--program",
        program.toString(), "--date", "2026-12-02", "--fresh", "--max-trials", "2");
    assertThat(fresh.exitCode()).as(fresh.err()).isZero();
    assertThat(fresh.out()).contains("Moved the earlier results aside").contains("the trial budget (2) was spent");
    assertThat(Files.exists(ws.resolve("research/bear-test/bear_sweep_results.tsv.bak"))).isTrue();
  }

  /** The shipped example programs run as written (their data paths point at ../shared beside the clone). */
  @Test
  void theExamplePrograms_runAsWritten(@TempDir Path dir) throws Exception {
    TestBars.sharedData(); // skips without ../shared
    Path repo = Path.of(System.getProperty("momentic.repoRoot", "."));
    for (String example : List.of("research_loop_gem.toml", "research_loop_regime.toml")) {
      CliTest.Run r = CliTest.run("--workspace", dir.resolve(example).toString(), "research", "loop", "--program",
          repo.resolve("config").resolve(example).toString(), "--max-trials", "2", "--date", "2026-12-02");
      assertThat(r.exitCode()).as(example + ": " + r.err()).isZero();
      assertThat(r.out()).contains("trial 1 (round 1)").contains("the trial budget (2) was spent");
    }
    CliTest.Run listed = CliTest.run("regime", "experiments", "--experiments",
        repo.resolve("config/regime_experiments.toml").toString());
    assertThat(listed.exitCode()).as(listed.err()).isZero();
    assertThat(listed.out()).contains("exp_011_bivar_diag").contains("exp_012_diag_k4");
  }

  static double score(List<String> tsv, List<String> header, String param, String value) {
    return Double.parseDouble(row(tsv, param, value)[header.indexOf("score")].replace("-inf", "-Infinity"));
  }

  static String outcome(List<String> tsv, List<String> header, String param, String value) {
    return row(tsv, param, value)[header.indexOf("outcome")];
  }

  static String[] row(List<String> tsv, String param, String value) {
    return tsv.stream().map(l -> l.split("\t")).filter(f -> f[1].equals(param) && f[2].equals(value)).findFirst()
        .orElseThrow();
  }

  @Test
  void theScoringContract_isNotAParameter(@TempDir Path dir) throws Exception {
    Path program = gemProgram(dir, """

        [[parameter]]
        name = "fee_rate"
        values = [0.0, 0.001]
        """);
    CliTest.Run r = CliTest.run("--workspace", dir.resolve("ws").toString(), "research", "loop", "--program",
        program.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("bear.toml:22").contains("scoring contract");
    Files.writeString(program, Files.readString(program).replace("fee_rate", "top_n"));
    CliTest.Run twice = CliTest.run("--workspace", dir.resolve("ws").toString(), "research", "loop", "--program",
        program.toString());
    assertThat(twice.exitCode()).isEqualTo(2);
    assertThat(twice.err()).contains("top_n").contains("once");
  }

  /**
   * The regime target: a setting the model cannot take costs no trial, and a trial's score is the
   * walk the same experiment gives through 'regime walk'.
   */
  @Test
  void regime_skipsInvalidCombinations_andScoresAsTheWalkDoes(@TempDir Path dir) throws Exception {
    Path program = dir.resolve("regime.toml");
    Files.writeString(program, """
        [program]
        tag = "regime-test"
        target = "regime"
        max_trials = 5

        [regime]
        data = "%s"
        labels = "%s"
        base = "exp_001_baseline"

        [[parameter]]
        name = "observation"
        values = ["trivar_r_vol5_dd200"]

        [[parameter]]
        name = "emission"
        values = ["student_t"]
        """.formatted(research("btcusdt_daily_2017_2026.csv"), research("consensus_labels.tsv")));
    Path ws = dir.resolve("ws");
    CliTest.Run r = CliTest.run("--workspace", ws.toString(), "research", "loop", "--program", program.toString(),
        "--date", "2026-12-02");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("observation=trivar_r_vol5_dd200: invalid combination, not run")
        .contains("Done. 2 trials");
    List<String> rows = Files.readAllLines(ws.resolve("research/regime-test/regime_sweep_results.tsv"));
    assertThat(rows).hasSize(3);
    assertThat(rows.get(1)).startsWith("regime-test_t000\tdrawdown_200\t3\tgaussian\thomogeneous\t0.284996\t");
    Path walked = dir.resolve("walk.tsv");
    CliTest.Run walk = CliTest.run("regime", "walk", "--family", "student_t", "--observation", "drawdown_200",
        "--data", research("btcusdt_daily_2017_2026.csv"), "--labels", research("consensus_labels.tsv"),
        "--results", walked.toString());
    assertThat(walk.exitCode()).as(walk.err()).isZero();
    String[] loopRow = rows.get(2).split("\t");
    String[] walkRow = Files.readAllLines(walked).get(1).split("\t");
    assertThat(loopRow[3]).isEqualTo("student_t");
    for (int c = 5; c <= 13; c++) { // score, five periods, ll_mean, argmax_acc, flip_count
      assertThat(loopRow[c]).as("column " + c).isEqualTo(walkRow[c]);
    }
    String report = Files.readString(ws.resolve(
        "docs/autoresearch-reports/2026-12-02-regime-autoresearch-regime-test-report.md"));
    assertThat(report).contains("The score is blind to adjacent-regime flips", "invalid", "Winner's configuration",
        "no deflated Sharpe ratio (the score is not a return series)");
  }
}
