package io.momentic.strategies.gem;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GemSweepTest {

  @TempDir
  Path dir;

  @Test
  void keepsACandidate_onlyWhenItBeatsTheBestSoFar_andAppendsTheTsv() throws Exception {
    GemData data = GemKnownAnswerTest.candles();
    GemParams base = GemParams.BEAR.with("fit_window", "30");
    List<String> values = List.of("30", "15", "60", "90");
    GemSweep.Result r = GemSweep.run(data, base, "fit_window", values, GemFit.Model.EXPONENTIAL,
        GemBacktest.Timing.SAME_CLOSE);
    assertThat(r.candidates()).hasSize(4);
    double best = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < values.size(); i++) {
      // Each candidate is the base with one field replaced, scored on its own by the contract.
      double score = EnsembleScore.evaluate(data, base.with("fit_window", values.get(i)), GemFit.Model.EXPONENTIAL,
          GemBacktest.Timing.SAME_CLOSE).score();
      GemSweep.Candidate c = r.candidates().get(i);
      assertThat(c.evaluation().score()).isEqualTo(score);
      boolean kept = Double.isFinite(score) && score > best;
      assertThat(c.kept()).as(c.description()).isEqualTo(kept);
      best = kept ? score : best;
      assertThat(c.bestSoFar()).isEqualTo(best);
      assertThat(c.params().fitWindow()).isEqualTo(Integer.parseInt(values.get(i)));
    }
    assertThat(r.best().evaluation().score()).isEqualTo(best);
    assertThat(r.deflated().dsr()).isBetween(0.0, 1.0);
    assertThat(r.pbo().trials()).isEqualTo(4);

    Path tsv = dir.resolve("bear_sweep_results.tsv");
    GemSweep.append(tsv, r);
    GemSweep.append(tsv, r);
    List<String> lines = Files.readAllLines(tsv);
    assertThat(lines).hasSize(1 + 8); // one header, then both sweeps' rows
    String[] header = lines.get(0).split("\t");
    assertThat(header).hasSize(15 + 14);
    assertThat(header[0]).isEqualTo("exp");
    assertThat(header[14]).isEqualTo("description");
    assertThat(header[28]).isEqualTo("initial_capital");
    String[] first = lines.get(1).split("\t", -1);
    assertThat(first).hasSize(29);
    assertThat(first[14]).isEqualTo("fit_window=30");
    assertThat(first[13]).isEqualTo("kept");
    assertThat(first[3 + 4]).isEqualTo(Double.toString(r.candidates().get(0).evaluation().base().sortinoRatio()));
    assertThat(first[15 + 7]).isEqualTo("True"); // use_r2_filter, as Python prints a bool
  }
}
