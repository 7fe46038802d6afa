package io.momentic.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.momentic.research.ml.IsotonicRegression;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MlCliTest {

  @TempDir
  Path dir;

  private Path table(String name, int n, long seed) throws IOException {
    SplittableRandom r = new SplittableRandom(seed);
    StringBuilder sb = new StringBuilder("bar,a,b,won,w,note\n");
    for (int i = 0; i < n; i++) {
      double a = r.nextGaussian();
      double b = r.nextGaussian();
      int won = r.nextDouble() < 1 / (1 + Math.exp(-2 * a)) ? 1 : 0;
      sb.append(String.format(Locale.ROOT, "%d,%.6f,%.6f,%d,%.3f,x%d%n", 3 * i, a, b, won, 0.5 + r.nextDouble(), i));
    }
    return Files.writeString(dir.resolve(name), sb.toString());
  }

  @Test
  void fitThenPredict_writesTheRowsInOrderWithPWin() throws IOException {
    Path train = table("train.csv", 120, 1);
    Path test = table("test.csv", 15, 2);
    Path out = dir.resolve("out.csv");
    CliTest.Run r = CliTest.run("ml", "fit", "--data", train.toString(), "--label", "won", "--weight", "w",
        "--start-col", "bar", "--predict", test.toString(), "--out", out.toString(), "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode doc = new ObjectMapper().readTree(r.out());
    assertThat(doc.get("model").asText()).isEqualTo("forest"); // 120 samples
    assertThat(doc.get("calibrated").asBoolean()).isTrue();
    assertThat(doc.get("features")).extracting(JsonNode::asText).containsExactly("a", "b"); // the note is text
    assertThat(doc.get("cv").get("auc").asDouble()).isGreaterThan(0.6);
    List<String> lines = Files.readAllLines(out);
    assertThat(lines.get(0)).isEqualTo("bar,a,b,won,w,note,p_win");
    assertThat(lines).hasSize(16);
    for (int i = 1; i < lines.size(); i++) {
      String[] f = lines.get(i).split(",");
      assertThat(f[5]).isEqualTo("x" + (i - 1));
      assertThat(Double.parseDouble(f[6])).isBetween(0.0, 1.0);
    }
    CliTest.Run text = CliTest.run("ml", "fit", "--data", train.toString(), "--label", "won", "--model", "logistic",
        "--calibration", "none");
    assertThat(text.out()).contains("logistic on 120 samples").contains("AUC");
    CliTest.Run typo = CliTest.run("ml", "fit", "--data", train.toString(), "--label", "wn");
    assertThat(typo.exitCode()).isEqualTo(2);
    assertThat(typo.err()).contains("did you mean 'won'?");
  }

  @Test
  void isotonic_givesThePointsAndEveryRowsFit() throws IOException {
    Path f = Files.writeString(dir.resolve("iso.csv"), "x,y,w\n1,0.1,1\n2,0.4,1\n2,0.2,2\n3,0.3,1\n4,0.9,0\n5,0.8,1\n");
    CliTest.Run r = CliTest.run("ml", "isotonic", "--data", f.toString(), "--x", "x", "--y", "y", "--weight", "w",
        "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode doc = new ObjectMapper().readTree(r.out());
    IsotonicRegression iso = IsotonicRegression.fit(new double[] {1, 2, 2, 3, 4, 5},
        new double[] {0.1, 0.4, 0.2, 0.3, 0.9, 0.8}, new double[] {1, 1, 2, 1, 0, 1});
    double[] xs = {1, 2, 2, 3, 4, 5};
    for (int i = 0; i < xs.length; i++) {
      assertThat(doc.get("fitted").get(i).asDouble()).isCloseTo(iso.predict(xs[i]), within(1e-15));
    }
    // By hand: x = 2 merges to (0.4 + 2 × 0.2) / 3 = 0.2667; with 3 (0.3) no violation; x = 4 has weight 0.
    assertThat(doc.get("fitted").get(1).asDouble()).isCloseTo(0.8 / 3, within(1e-12));
    assertThat(doc.get("points").size()).isEqualTo(iso.thresholdsX().length);
  }
}
