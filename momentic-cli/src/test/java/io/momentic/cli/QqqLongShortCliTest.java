package io.momentic.cli;

import io.momentic.report.Numbers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.momentic.core.testing.TestBars;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped config and variants file, run the way the README shows, on the xjcarter ETFs. */
class QqqLongShortCliTest {

  private static final Path REPO = Path.of(System.getProperty("momentic.repoRoot", "."));
  private static final Path CONFIG = REPO.resolve("config/strategy/qqq_long_short.toml");
  private static final Path VARIANTS = REPO.resolve("config/strategy/qqq_long_short_variants.toml");

  @TempDir
  Path dir;

  @Test
  void shippedConfig_runsOnTheEtfFolder_andWritesEveryOutput() throws Exception {
    Path etfs = TestBars.sharedData().resolve("etf_daily_xjcarter");
    CliTest.Run r = CliTest.run("--workspace", dir.toString(), "backtest", "--plot", "--config", CONFIG.toString(), "--data",
        etfs.toString(), "--out", dir.resolve("run").toString(), "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode m = new ObjectMapper().readTree(r.out());
    JsonNode manifest = new ObjectMapper().readTree(dir.resolve("run/manifest.json").toFile());

    // Settings come from the file: 100,000 cash, 5 bps commission, 2 bps slippage.
    assertThat(m.get("initial_cash").asDouble()).isEqualTo(100_000);
    assertThat(manifest.get("commission").asText()).isEqualTo("0.0005");
    assertThat(manifest.get("slippage_bps").asDouble()).isEqualTo(2.0);
    // The folder supplied QQQ, TQQQ and SQQQ (UVXY has no weight by default, so it is not loaded).
    List<String> loaded = manifest.get("data_files").findValues("symbols").stream()
        .map(n -> n.get(0).asText()).toList();
    assertThat(loaded).containsExactly("QQQ", "TQQQ", "SQQQ");
    // Trading starts where all three trade: TQQQ's and SQQQ's first day, 2010-02-11 (PROVENANCE.md).
    assertThat(manifest.get("first_bar").asText()).startsWith("2010-02-11");
    assertThat(manifest.get("last_bar").asText()).startsWith("2022-11-18");
    // QQQ's 2000-2010 history is warm-up: 5,759 QQQ rows − 3,217 TQQQ rows = 2,542 bars.
    assertThat(manifest.get("warm_up_bars").asInt()).isEqualTo(5_759 - 3_217);

    // Both sides were traded, each trade pays fees, and fees were charged at 5 bps + slippage.
    List<String> trades = Files.readAllLines(dir.resolve("run/trades.csv"));
    assertThat(trades.stream().filter(l -> l.contains(",TQQQ,"))).isNotEmpty();
    assertThat(trades.stream().filter(l -> l.contains(",SQQQ,"))).isNotEmpty();
    assertThat(m.get("fees").asDouble()).isPositive();
    assertThat(m.get("fee_stress").get("final_equity").asDouble()).isLessThan(m.get("final_equity").asDouble());

    BufferedImage png = ImageIO.read(dir.resolve("run/plot.png").toFile());
    assertThat(png.getWidth()).isEqualTo(1000);
    assertThat(png.getHeight()).isEqualTo(360 + 220 + 220);
    String html = Files.readString(dir.resolve("run/report.html"));
    // Self-contained: the chart library and its data are in the page; nothing is loaded from anywhere.
    assertThat(html).startsWith("<!DOCTYPE html>").contains("data:image/png;base64,", "<script id=\"lightweight-charts\">")
        .doesNotContain("<script src", "src=\"http", "href=\"http", "<link", "url(http", "fetch(\"http");
    assertThat(html).contains(Numbers.fmt(m.get("final_equity").asDouble(), Numbers.Kind.MONEY));
  }

  @Test
  void variantsFile_runsEveryVariant_andCountsTheTrials() throws Exception {
    Path etfs = TestBars.sharedData().resolve("etf_daily_xjcarter");
    CliTest.Run r = CliTest.run("--workspace", dir.toString(), "backtest", "--config", CONFIG.toString(), "--variants",
        VARIANTS.toString(), "--data", etfs.toString(), "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode doc = new ObjectMapper().readTree(r.out());
    long declared = Files.readAllLines(VARIANTS).stream().filter(l -> l.strip().equals("[[variant]]")).count();
    assertThat(doc.get("trials").asInt()).isEqualTo(declared + 1); // + the base
    double bestCalmar = Double.NEGATIVE_INFINITY;
    String best = null;
    for (JsonNode v : doc.get("variants")) {
      if (v.get("calmar").asDouble() > bestCalmar) {
        bestCalmar = v.get("calmar").asDouble();
        best = v.get("variant").asText();
      }
      assertThat(dir.resolve("data/results").resolve(v.get("run_id").asText()).resolve("metrics.json")).exists();
    }
    assertThat(doc.get("best").asText()).isEqualTo(best);
  }

  @Test
  void variants_rankedByTheChosenObjective_eachOverItsOwnInstrumentsPeriod() throws Exception {
    Path etfs = TestBars.sharedData().resolve("etf_daily_xjcarter");
    CliTest.Run r = CliTest.run("--workspace", dir.toString(), "backtest", "--config", CONFIG.toString(), "--variants",
        VARIANTS.toString(), "--data", etfs.toString(), "--rank-by", "sharpe", "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode doc = new ObjectMapper().readTree(r.out());
    assertThat(doc.get("ranked_by").asText()).isEqualTo("sharpe");
    List<JsonNode> rows = new java.util.ArrayList<>();
    doc.get("variants").forEach(rows::add);
    for (int i = 1; i < rows.size(); i++) {
      assertThat(rows.get(i - 1).get("sharpe").asDouble()).isGreaterThanOrEqualTo(rows.get(i).get("sharpe").asDouble());
      assertThat(rows.get(i).get("rank").asInt()).isEqualTo(i + 1);
    }
    assertThat(doc.get("best").asText()).isEqualTo(rows.get(0).get("variant").asText());
    // The front: no other row has both a Sharpe at least as high and a drawdown at least as shallow.
    for (JsonNode a : rows) {
      boolean dominated = rows.stream().anyMatch(b -> b != a
          && b.get("sharpe").asDouble() >= a.get("sharpe").asDouble()
          && b.get("max_drawdown_pct").asDouble() >= a.get("max_drawdown_pct").asDouble()
          && (b.get("sharpe").asDouble() > a.get("sharpe").asDouble()
              || b.get("max_drawdown_pct").asDouble() > a.get("max_drawdown_pct").asDouble()));
      assertThat(a.get("pareto").asBoolean()).as(a.get("variant").asText()).isEqualTo(!dominated);
    }
    assertThat(rows.get(0).get("pareto").asBoolean()).isTrue(); // the best Sharpe is never dominated

    // The base does not trade UVXY: it starts where a plain backtest of it starts, not at UVXY's first bar
    // (2011-10-04); the hedged variant waits for UVXY and its warm-up.
    JsonNode base = rows.stream().filter(v -> v.get("variant").asText().equals("base")).findFirst().orElseThrow();
    JsonNode hedged = rows.stream().filter(v -> v.get("variant").asText().equals("uvxy-hedge")).findFirst()
        .orElseThrow();
    CliTest.Run plain = CliTest.run("--workspace", dir.toString(), "backtest", "--config", CONFIG.toString(),
        "--data", etfs.toString(), "--out", dir.resolve("plain").toString());
    assertThat(plain.exitCode()).as(plain.err()).isZero();
    String firstEquityDate = Files.readAllLines(dir.resolve("plain/equity.csv")).get(1).substring(0, 10);
    assertThat(base.get("period_start").asText()).isEqualTo(firstEquityDate);
    assertThat(firstEquityDate).isLessThan("2011-10-04");
    assertThat(hedged.get("period_start").asText()).isGreaterThanOrEqualTo("2011-10-04");
    assertThat(doc.get("periods_differ").asBoolean()).isTrue();

    CliTest.Run text = CliTest.run("--workspace", dir.toString(), "backtest", "--config", CONFIG.toString(),
        "--variants", VARIANTS.toString(), "--data", etfs.toString());
    assertThat(text.out()).contains("best calmar of " + rows.size() + " variants").contains("pareto").contains("periods differ")
        .contains(base.get("period_start").asText() + " – ");
    CliTest.Run bad = CliTest.run("--workspace", dir.toString(), "backtest", "--config", CONFIG.toString(),
        "--variants", VARIANTS.toString(), "--data", etfs.toString(), "--rank-by", "luck");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("rank-by").contains("calmar").contains("luck");
  }

  @Test
  void configErrors_nameTheFileLineAndKey_exit2() throws Exception {
    Path bad = dir.resolve("bad.toml");
    Files.writeString(bad, "[backtest]\nstrategy = \"qqq-long-short\"\ncash = 1000.0\nslipage_bps = 3.0\n");
    CliTest.Run r = CliTest.run("--workspace", dir.toString(), "backtest", "--config", bad.toString(), "--data",
        dir.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("bad.toml:4").contains("slipage_bps").contains("slippage_bps");
    assertThat(r.err().lines().count()).isEqualTo(1);

    Files.writeString(bad, "[backtest]\nstrategy = \"qqq-long-short\"\ncash = \"lots\"\n");
    r = CliTest.run("--workspace", dir.toString(), "backtest", "--config", bad.toString(), "--data", dir.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("bad.toml:3").contains("cash");

    Files.writeString(bad, "[backtest\nstrategy = 1\n");
    r = CliTest.run("--workspace", dir.toString(), "backtest", "--config", bad.toString(), "--data", dir.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("bad.toml:1").contains("TOML");
  }

  @Test
  void commandLineOverridesTheConfig() throws Exception {
    Path etfs = TestBars.sharedData().resolve("etf_daily_xjcarter");
    CliTest.Run r = CliTest.run("--workspace", dir.toString(), "backtest", "--config", CONFIG.toString(), "--data",
        etfs.toString(), "--cash", "5000", "--param", "down_weight=0", "--start", "2015-01-02", "--json",
        "--out", dir.resolve("o").toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode manifest = new ObjectMapper().readTree(dir.resolve("o/manifest.json").toFile());
    assertThat(manifest.get("cash").asDouble()).isEqualTo(5000);
    assertThat(manifest.get("params").get("down-weight") == null
        ? manifest.get("params").get("down_weight").asText() : manifest.get("params").get("down-weight").asText())
        .isEqualTo("0");
    assertThat(manifest.get("first_bar").asText()).startsWith("2015-01-02");
    // down weight 0: SQQQ is never bought.
    assertThat(Files.readAllLines(dir.resolve("o/trades.csv")).stream().filter(l -> l.contains(",SQQQ,"))).isEmpty();
  }
}
