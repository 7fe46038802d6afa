package io.momentic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.momentic.core.BarSeries;
import io.momentic.indicators.BarIndicator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code momentic audit lookahead}: built-ins clean, every leak sample and a leaking user class flagged. */
class AuditCliTest {

  /** A user's indicator: the close {@code shift} bars away (positive = the past, negative = the future). */
  abstract static class ShiftedClose implements BarIndicator {
    private final String name;
    private final int shift;

    ShiftedClose(String name, int shift) {
      this.name = name;
      this.shift = shift;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public int warmup() {
      return Math.max(0, shift);
    }

    @Override
    public List<String> outputs() {
      return List.of("x");
    }

    @Override
    public double[][] compute(BarSeries bars) {
      double[] x = new double[bars.size()];
      for (int t = 0; t < x.length; t++) {
        int from = t - shift;
        x[t] = from >= 0 && from < x.length ? bars.close(from) : Double.NaN;
      }
      return new double[][] {x};
    }
  }

  /** Peeks two bars ahead (public, no-arg: loadable with --class). */
  public static final class TwoBarsAhead extends ShiftedClose {
    public TwoBarsAhead() {
      super("two bars ahead", -2);
    }
  }

  /** Causal: yesterday's close. */
  public static final class Yesterday extends ShiftedClose {
    public Yesterday() {
      super("yesterday", 1);
    }
  }

  @Test
  void builtIns_areClean_exit0() throws Exception {
    CliTest.Run r = CliTest.run("audit", "lookahead", "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode doc = new ObjectMapper().readTree(r.out());
    assertThat(doc.get("bars").asInt()).isEqualTo(2_000);
    assertThat(doc.get("leaking").asInt()).isZero();
    // 17 built-in indicators, the HMM's filtered posterior and the 22 breakout features in each direction;
    // 4 strategies and 2 of them behind a regime gate; GEM's walk in its two timings — 28 — and the
    // strategy the test class path registers (docs/STRATEGIES.md's channel-breakout): every
    // registered strategy is audited.
    assertThat(doc.get("targets").asInt()).isEqualTo(29);
    List<String> targets = new java.util.ArrayList<>();
    doc.get("results").forEach(res -> targets.add(res.get("target").asText()));
    assertThat(targets).contains("channel-breakout", "hmm_filtered_posterior", "breakout_features(long)",
        "breakout_features(short)",
        "sma-cross[regime-gate=hmm]", "gem[timing=same-close]",
        "gem[timing=next-open]");
    for (JsonNode res : doc.get("results")) {
      assertThat(res.get("clean").asBoolean()).as(res.get("target").asText()).isTrue();
      assertThat(res.get("cuts").asInt()).isGreaterThanOrEqualTo(40);
    }
  }

  @Test
  void gem_onTheReferenceBasket_withParameters_isClean_andABadParameterExits2() throws Exception {
    String basket = io.momentic.core.testing.TestBars.sharedData().resolve("trader_research/bear_portfolio_candles.csv")
        .toString();
    CliTest.Run r = CliTest.run("audit", "lookahead", "--data", basket, "--indicators", "none", "--strategies",
        "gem[preset=bear;fit_window=30;timing=next-open],gem[fit=linear]", "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode doc = new ObjectMapper().readTree(r.out());
    assertThat(doc.get("targets").asInt()).isEqualTo(2);
    for (JsonNode res : doc.get("results")) {
      assertThat(res.get("type").asText()).isEqualTo("gem walk");
      assertThat(res.get("clean").asBoolean()).as(res.get("target").asText()).isTrue();
    }
    CliTest.Run bad = CliTest.run("audit", "lookahead", "--data", basket, "--indicators", "none", "--strategies",
        "gem[top_n=0]");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("top_n");
  }

  @Test
  void leakSamples_andALeakingUserClass_areAllFlagged_exit1() throws Exception {
    CliTest.Run r = CliTest.run("audit", "lookahead", "--indicators", "none", "--strategies", "none",
        "--with-leak-samples", "--class", TwoBarsAhead.class.getName(), "--class", Yesterday.class.getName(), "--json");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
    JsonNode doc = new ObjectMapper().readTree(r.out());
    // 2 user classes, 6 leaking indicators, the peeking strategy and GEM fitting on tomorrow's close.
    assertThat(doc.get("targets").asInt()).isEqualTo(2 + 6 + 1 + 1);
    assertThat(doc.get("leaking").asInt()).isEqualTo(1 + 6 + 1 + 1); // all but "yesterday"
    for (JsonNode res : doc.get("results")) {
      boolean expectedClean = res.get("target").asText().equals("yesterday");
      assertThat(res.get("clean").asBoolean()).as(res.get("target").asText()).isEqualTo(expectedClean);
    }
    JsonNode two = doc.get("results").get(0);
    assertThat(two.get("target").asText()).isEqualTo("two bars ahead");
    // The smallest cut hides two closes: bars cut−2 and cut−1 both lose their value; the first is cut − 2.
    JsonNode f = two.get("findings").get(0);
    assertThat(f.get("first_bar").asInt()).isEqualTo(f.get("cut").asInt() - 2);
  }

  @Test
  void badTargets_exit2() {
    assertThat(CliTest.run("audit", "lookahead", "--class", "no.such.Thing").exitCode()).isEqualTo(2);
    assertThat(CliTest.run("audit", "lookahead", "--indicators", "sma(999)").exitCode()).isEqualTo(2);
    assertThat(CliTest.run("audit", "lookahead", "--class", "java.lang.Object").exitCode()).isEqualTo(2);
  }
}
