package io.momentic.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.momentic.core.testing.TestBars;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code momentic regime feed} against spec §4.12, and {@code momentic regime walk} end to end. */
class RegimeFeedCliTest {

  static Path research() {

    return TestBars.sharedData().resolve("trader_research");

  }
  static String btc() {
    return research().resolve("btcusdt_daily_2017_2026.csv").toString();
  }

  @TempDir
  static Path dir;
  static byte[] feedBytes;
  static JsonNode feed;
  static Document page;

  @BeforeAll
  static void build() throws Exception {
    CliTest.Run r = CliTest.run("regime", "feed", "--data", btc(), "--asset", "BTCUSDT", "--generated-at", "2026-06-03",
        "--out", dir.resolve("a").toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    feedBytes = Files.readAllBytes(dir.resolve("a/feed.json"));
    feed = new ObjectMapper().readTree(feedBytes);
    page = Jsoup.parse(dir.resolve("a/regime.html").toFile(), "UTF-8");
  }

  static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }

  /**
   * The feed's 2022 numbers for its Gaussian, recomputed from its own series: the median of the
   * 2022 bear posteriors (4 dp in the series, so within 5e-5) and the changes of the 2022 Viterbi
   * labels.
   */
  @Test
  void pass2022_agreesWithTheFeedsOwnSeries() {
    JsonNode series = feed.get("series");
    List<Double> bear = new ArrayList<>();
    int changes = 0;
    String previous = null;
    for (int i = 0; i < series.get("dates").size(); i++) {
      if (!series.get("dates").get(i).asText().startsWith("2022-")) {
        continue;
      }
      bear.add(series.get("posterior").get("bear").get(i).asDouble());
      String label = series.get("viterbi").get(i).asText();
      changes += previous != null && !label.equals(previous) ? 1 : 0;
      previous = label;
    }
    assertThat(bear).hasSize(365);
    bear.sort(null);
    JsonNode pass = feed.get("pass_2022");
    assertThat(pass.get("n_days").asInt()).isEqualTo(365);
    JsonNode gaussian = pass.get("gaussian");
    assertThat(gaussian.get("median_bear_posterior").asDouble()).isCloseTo(bear.get(182), within(5e-5));
    assertThat(gaussian.get("viterbi_changes").asInt()).isEqualTo(changes);
    assertThat(pass.get("verdict").asText()).isIn("PASS", "BORDERLINE", "FAIL");
    int held = (pass.get("crit1").asBoolean() ? 1 : 0) + (pass.get("crit2").asBoolean() ? 1 : 0)
        + (pass.get("crit3").asBoolean() ? 1 : 0);
    assertThat(pass.get("verdict").asText()).isEqualTo(held == 3 ? "PASS" : held == 2 ? "BORDERLINE" : "FAIL");
    assertThat(page.getElementById("pass-2022").text()).contains("2022 pass criterion")
        .contains(pass.get("verdict").asText());
  }

  static int decimals(JsonNode number) {
    String text = number.asText();
    int dot = text.indexOf('.');
    return dot < 0 ? 0 : text.length() - dot - 1;
  }

  @Test
  void topLevelAndModel_fieldByField() {
    // The reference's six fields in its order, then our one addition (the 2022 verdict) after them.
    assertThat(fieldNames(feed)).containsExactly("generated_at", "asset", "frequency", "model", "series", "windows",
        "pass_2022");
    assertThat(feed.get("generated_at").asText()).isEqualTo("2026-06-03T00:00:00Z");
    assertThat(feed.get("asset").asText()).isEqualTo("BTCUSDT");
    assertThat(feed.get("frequency").asText()).isEqualTo("1d");
    JsonNode model = feed.get("model");
    assertThat(fieldNames(model)).containsExactly("name", "label", "family", "K", "observation", "fit_window",
        "log_likelihood", "states", "transition_matrix");
    assertThat(model.get("name").asText()).isEqualTo("drawdown-gaussian-k3");
    assertThat(model.get("label").asText()).isEqualTo("Drawdown HMM — Gaussian, K=3");
    assertThat(model.get("family").asText()).isEqualTo("gaussian");
    assertThat(model.get("K").isInt()).isTrue();
    assertThat(model.get("K").asInt()).isEqualTo(3);
    assertThat(model.get("observation").get("code").asText()).isEqualTo("drawdown_from_rolling_max");
    assertThat(model.get("observation").get("label").asText()).isEqualTo("d_t = log(p_t) − max_{s≤t} log(p_s)");
    // The file version (c) with its first row dropped: 3,212 days 2017-08-18 → 2026-06-03.
    assertThat(model.get("fit_window").get("start").asText()).isEqualTo("2017-08-18");
    assertThat(model.get("fit_window").get("end").asText()).isEqualTo("2026-06-03");
    assertThat(decimals(model.get("log_likelihood"))).isLessThanOrEqualTo(2);
    String[] names = {"bear", "ranging", "bull"};
    String[] colours = {"#d62728", "#7f7f7f", "#2ca02c"};
    double previousMu = Double.NEGATIVE_INFINITY;
    for (int s = 0; s < 3; s++) {
      JsonNode st = model.get("states").get(s);
      assertThat(fieldNames(st)).containsExactly("name", "color", "params");
      assertThat(st.get("name").asText()).isEqualTo(names[s]);
      assertThat(st.get("color").asText()).isEqualTo(colours[s]);
      assertThat(fieldNames(st.get("params"))).containsExactly("mu", "sigma"); // no nu for Gaussian
      assertThat(decimals(st.get("params").get("mu"))).isLessThanOrEqualTo(4);
      double mu = st.get("params").get("mu").asDouble();
      assertThat(mu).isGreaterThan(previousMu);
      previousMu = mu;
      double rowSum = 0;
      for (JsonNode a : model.get("transition_matrix").get(s)) {
        assertThat(decimals(a)).isLessThanOrEqualTo(4);
        rowSum += a.asDouble();
      }
      assertThat(rowSum).isCloseTo(1, within(2e-4));
    }
  }

  @Test
  void series_alignedRoundedAndConsistent() throws Exception {
    JsonNode series = feed.get("series");
    assertThat(fieldNames(series)).containsExactly("dates", "close", "observation", "posterior", "viterbi");
    int n = series.get("dates").size();
    assertThat(n).isEqualTo(3_212);
    for (String key : List.of("close", "observation", "viterbi")) {
      assertThat(series.get(key).size()).as(key).isEqualTo(n);
    }
    assertThat(fieldNames(series.get("posterior"))).containsExactly("bear", "ranging", "bull");
    // Recompute close and drawdown from the CSV rows (2nd row on): close to 2 dp, d to 5 dp.
    List<String> rows = Files.readAllLines(Path.of(btc()));
    double peak = Math.log(Double.parseDouble(rows.get(1).split(",")[5]));
    for (int i = 0; i < n; i++) {
      String[] f = rows.get(i + 2).split(",");
      double close = Double.parseDouble(f[5]);
      peak = Math.max(peak, Math.log(close));
      assertThat(series.get("dates").get(i).asText()).isEqualTo(f[0]);
      assertThat(series.get("close").get(i).asDouble()).isCloseTo(close, within(0.005 + 1e-9));
      assertThat(series.get("observation").get(i).asDouble()).isCloseTo(Math.log(close) - peak, within(5e-6 + 1e-12));
      assertThat(decimals(series.get("observation").get(i))).isLessThanOrEqualTo(5);
      double sum = 0;
      for (String state : List.of("bear", "ranging", "bull")) {
        JsonNode p = series.get("posterior").get(state).get(i);
        assertThat(decimals(p)).isLessThanOrEqualTo(4);
        sum += p.asDouble();
      }
      assertThat(sum).isCloseTo(1, within(2e-4));
      assertThat(series.get("viterbi").get(i).asText()).isIn("bear", "ranging", "bull");
    }
  }

  @Test
  void windows_metricsRecomputedFromTheViterbiPath() {
    JsonNode series = feed.get("series");
    String[][] expected = {
        {"2018_bear", "2018 bear", "2017-12-17", "2018-12-15"},
        {"covid_2020", "COVID Q1 2020", "2020-01-01", "2020-04-30"},
        {"bull_2020_21", "2020–21 bull", "2020-10-01", "2021-11-10"},
        {"2022_bear", "2022 bear", "2021-11-10", "2022-12-31"}};
    assertThat(feed.get("windows").size()).isEqualTo(4);
    for (int w = 0; w < 4; w++) {
      JsonNode win = feed.get("windows").get(w);
      assertThat(fieldNames(win)).containsExactly("name", "label", "start", "end", "metrics");
      assertThat(win.get("name").asText()).isEqualTo(expected[w][0]);
      assertThat(win.get("label").asText()).isEqualTo(expected[w][1]);
      LocalDate start = LocalDate.parse(expected[w][2]);
      LocalDate end = LocalDate.parse(expected[w][3]);
      int days = 0;
      int flips = 0;
      String previous = null;
      int bear = 0;
      for (int i = 0; i < series.get("dates").size(); i++) {
        LocalDate d = LocalDate.parse(series.get("dates").get(i).asText());
        if (d.isBefore(start) || d.isAfter(end)) {
          continue;
        }
        String state = series.get("viterbi").get(i).asText();
        days++;
        bear += state.equals("bear") ? 1 : 0;
        flips += previous != null && !previous.equals(state) ? 1 : 0;
        previous = state;
      }
      JsonNode m = win.get("metrics");
      assertThat(fieldNames(m)).containsExactly("viterbi_flips", "n_days", "regime_shares");
      assertThat(m.get("n_days").asInt()).isEqualTo(days);
      assertThat(m.get("viterbi_flips").asInt()).isEqualTo(flips);
      assertThat(m.get("regime_shares").get("bear").asDouble()).isCloseTo((double) bear / days, within(5e-5));
      double shares = 0;
      for (JsonNode s : m.get("regime_shares")) {
        shares += s.asDouble();
      }
      assertThat(shares).isCloseTo(1, within(2e-4));
    }
  }

  @Test
  void compactUtf8_andTheSameBytesOnARerun() throws Exception {
    String text = new String(feedBytes, StandardCharsets.UTF_8);
    assertThat(text).doesNotContain("\n").doesNotContain("\": ").contains("—").contains("≤");
    CliTest.Run again = CliTest.run("regime", "feed", "--data", btc(), "--asset", "BTCUSDT", "--generated-at",
        "2026-06-03", "--out", dir.resolve("b").toString());
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(Files.readAllBytes(dir.resolve("b/feed.json"))).isEqualTo(feedBytes);
  }

  @Test
  void page_isSelfContained_embedsTheFeed_andItsTablesMatchIt() throws Exception {
    assertThat(page.select("script[src], link[href], img[src]")).isEmpty();
    Element embedded = page.selectFirst("script#feed");
    assertThat(embedded).isNotNull();
    assertThat(new ObjectMapper().readTree(embedded.data())).isEqualTo(feed);
    assertThat(page.select("#price, #posterior")).hasSize(2);
    assertThat(page.select("#states tbody tr")).hasSize(3);
    for (int w = 0; w < 4; w++) {
      JsonNode win = feed.get("windows").get(w);
      Element row = page.selectFirst("#windows tr[data-window=" + win.get("name").asText() + "]");
      assertThat(row).isNotNull();
      assertThat(row.child(3).text()).isEqualTo(win.get("metrics").get("n_days").asText());
      assertThat(row.child(4).text()).isEqualTo(win.get("metrics").get("viterbi_flips").asText());
    }
  }

  @Test
  void walk_reproducesTheBaselineScore_andAppendsItsRow(@TempDir Path ws) throws Exception {
    CliTest.Run r = CliTest.run("--workspace", ws.toString(), "regime", "walk", "--data", btc(), "--labels",
        research().resolve("consensus_labels.tsv").toString(), "--json", "--comment", "baseline");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode d = new ObjectMapper().readTree(r.out());
    assertThat(d.get("experiment_id").asText()).isEqualTo("exp_001_baseline");
    assertThat(d.get("regime_score").asDouble()).isCloseTo(0.284996, within(5e-7));
    assertThat(d.get("fails").asInt()).isEqualTo(2);
    List<String> tsv = Files.readAllLines(Path.of(d.get("results_tsv").asText()));
    assertThat(tsv).hasSize(2);
    assertThat(tsv.get(1)).startsWith("exp_001_baseline\tdrawdown_200\t3\tgaussian\thomogeneous\t0.284996\t")
        .endsWith("\tnan\t" + String.format(java.util.Locale.ROOT, "%.6f", d.get("argmax_acc").asDouble()) + "\t"
            + d.get("flip_count").asInt() + "\tbaseline");
  }

  @Test
  void walk_badLabels_exitTwoWithLineAndColumn(@TempDir Path tmp) throws Exception {
    Path labels = tmp.resolve("labels.tsv");
    Files.writeString(labels, "2017-01-01\t2017-12-16\tsideways\tx\n");
    CliTest.Run r = CliTest.run("regime", "walk", "--data", btc(), "--labels", labels.toString(), "--no-write");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("labels.tsv:1").contains("column 'label'").contains("found 'sideways'");
  }
}
