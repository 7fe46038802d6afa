package io.momentic.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.momentic.core.testing.TestBars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Annualisation from the data, and inputs that cannot be misread (issue 21, items 1 and 2). */
class TrustworthyNumbersCliTest {

  @TempDir
  Path dir;

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void hourlyEurusd_isAnnualisedAs24x5() throws IOException {
    Path eurusd = TestBars.sharedData().resolve("backtesting_py/EURUSD.csv");
    CliTest.Run run = CliTest.run("backtest", "--data", eurusd.toString(), "--strategy", "buy-and-hold",
        "--slippage-bps", "1", "--out", dir.resolve("e").toString(), "--json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode m = JSON.readTree(run.out());
    assertThat(m.get("periods_per_year").asDouble()).isEqualTo(260 * 24); // not 252 × 6.5 = 1,638
    assertThat(m.get("periods_per_year_basis").asText()).isEqualTo("1h bars, 24×5: 260 days × 24 h");
    // 5,000 bars from 2017-04-19 09:00 to 2018-02-07 15:00 (PROVENANCE.md): 4,999 spacings in 294.25 days.
    double days = java.time.Duration.between(LocalDateTime.of(2017, 4, 19, 9, 0), LocalDateTime.of(2018, 2, 7, 15, 0))
        .toMinutes() / 1440.0;
    assertThat(m.get("periods_per_year_observed").asDouble()).isCloseTo(4_999 * 365.25 / days, within(1e-6));
    assertThat(m.has("warnings")).isFalse();
    CliTest.Run set = CliTest.run("backtest", "--data", eurusd.toString(), "--strategy", "buy-and-hold",
        "--periods-per-year", "6000", "--out", dir.resolve("s").toString());
    assertThat(set.out()).contains("6000 periods/yr set by --periods-per-year");
  }

  @Test
  void metricsOfARunsEquity_equalTheRunsMetrics() throws IOException {
    Path goog = TestBars.sharedData().resolve("backtesting_py/GOOG.csv");
    CliTest.Run run = CliTest.run("backtest", "--data", goog.toString(), "--strategy", "sma-cross", "--commission",
        "0.001", "--out", dir.resolve("g").toString(), "--json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode m = JSON.readTree(run.out());
    CliTest.Run again = CliTest.run("metrics", "--returns", dir.resolve("g/equity.csv").toString(), "--equity",
        "--json");
    assertThat(again.exitCode()).as(again.err()).isZero();
    JsonNode x = JSON.readTree(again.out());
    // The initial cash (from manifest.json) and one equity value per traded bar: one return per row.
    int rows = Files.readAllLines(dir.resolve("g/equity.csv")).size() - 1;
    assertThat(rows).isEqualTo(2_148 - 30); // GOOG's 2,148 bars less the 30 before the 30-bar average's first cross
    assertThat(x.get("periods").asInt()).isEqualTo(rows);
    assertThat(x.get("initial_value").asDouble()).isEqualTo(10_000);
    assertThat(x.get("periods_per_year").asDouble()).isEqualTo(m.get("periods_per_year").asDouble());
    assertThat(x.get("sharpe").asDouble()).isEqualTo(m.get("sharpe").asDouble());
    assertThat(x.get("sortino").asDouble()).isEqualTo(m.get("sortino").asDouble());
    assertThat(100 * x.get("max_drawdown").asDouble()).isCloseTo(m.get("max_drawdown_pct").asDouble(), within(1e-9));
    assertThat(100 * x.get("cagr").asDouble()).isCloseTo(m.get("cagr_pct").asDouble(), within(1e-9));
  }

  @Test
  void anEquityFileReadAsReturns_isRefusedWithTheFix() throws IOException {
    Path equity = Files.writeString(dir.resolve("equity.csv"), "date,equity_value\n2024-01-01,100\n2024-01-02,101\n"
        + "2024-01-03,99\n2024-01-04,102\n");
    CliTest.Run named = CliTest.run("metrics", "--returns", equity.toString());
    assertThat(named.exitCode()).isEqualTo(2);
    assertThat(named.err()).contains("equity_value").contains("--equity");
    // Unnamed levels: prices under a 'return' header — a +100 % move every day is not a return series.
    Path prices = Files.writeString(dir.resolve("p.csv"), "date,return\n2024-01-01,100\n2024-01-02,101\n"
        + "2024-01-03,99\n2024-01-04,102\n");
    for (String cmd : List.of("metrics", "bootstrap")) {
      CliTest.Run r = cmd.equals("metrics") ? CliTest.run("metrics", "--returns", prices.toString())
          : CliTest.run("stats", "bootstrap", "--returns", prices.toString());
      assertThat(r.exitCode()).as(cmd).isEqualTo(2);
      assertThat(r.err()).as(cmd).contains("levels such as prices or equity").contains("--equity");
    }
    // Real returns pass, annualised from their dates (weekend rows: 365).
    StringBuilder sb = new StringBuilder("date,return\n");
    for (int i = 0; i < 60; i++) {
      sb.append(LocalDateTime.of(2024, 1, 1, 0, 0).plusDays(i).format(DateTimeFormatter.ISO_LOCAL_DATE)).append(',')
          .append(i % 3 == 0 ? "-0.01" : "0.012").append('\n');
    }
    CliTest.Run ok = CliTest.run("metrics", "--returns", Files.writeString(dir.resolve("r.csv"), sb).toString(),
        "--json");
    assertThat(ok.exitCode()).as(ok.err()).isZero();
    assertThat(JSON.readTree(ok.out()).get("periods_per_year").asDouble()).isEqualTo(365);
  }

  @Test
  void pbo_refusesATrialsTable_andReadsTheSweepFolder() throws IOException {
    Path goog = TestBars.sharedData().resolve("backtesting_py/GOOG.csv");
    Path out = dir.resolve("sweep");
    CliTest.Run sweep = CliTest.run("sweep", "--data", goog.toString(), "--strategy", "sma-cross", "--grid",
        "fast=5:30:5", "--grid", "slow=40:100:20", "--resamples", "100", "--out", out.toString(), "--json");
    assertThat(sweep.exitCode()).as(sweep.err()).isZero();
    JsonNode pbo = JSON.readTree(sweep.out()).get("pbo");

    CliTest.Run table = CliTest.run("stats", "pbo", "--trials", out.resolve("trials.csv").toString());
    assertThat(table.exitCode()).isEqualTo(2);
    assertThat(table.err()).contains("a sweep's trials.csv").contains("--trials " + out.toAbsolutePath());

    CliTest.Run folder = CliTest.run("stats", "pbo", "--trials", out.toString(), "--json");
    assertThat(folder.exitCode()).as(folder.err()).isZero();
    JsonNode again = JSON.readTree(folder.out());
    assertThat(again.get("pbo").asDouble()).isEqualTo(pbo.get("pbo").asDouble());
    assertThat(again.get("combinations").asInt()).isEqualTo(pbo.get("combinations").asInt());
    assertThat(again.get("trials").asInt()).isEqualTo(24);
  }

  @Test
  void honestDefaults_noCostsSaid_classCostsPrinted_defaultsStated_warmUpNotMeasured() throws IOException {
    Path goog = TestBars.sharedData().resolve("backtesting_py/GOOG.csv");
    CliTest.Run free = CliTest.run("backtest", "--data", goog.toString(), "--strategy", "sma-cross", "--out",
        dir.resolve("free").toString());
    assertThat(free.exitCode()).as(free.err()).isZero();
    assertThat(free.out()).contains("warning: no costs modelled").contains("fee stress: empty")
        .contains("costs: commission 0, slippage 0 bps (none set)")
        .contains("long-only=false").contains("short on a cross down unless long-only")
        .doesNotContain("WARNING: the top 3");
    assertThat(Files.readString(dir.resolve("free/report.html"))).contains("no costs modelled");
    JsonNode metrics = JSON.readTree(dir.resolve("free/metrics.json").toFile());
    assertThat(metrics.get("costs").get("modelled").asBoolean()).isFalse();
    // sma-cross 10/30 knows its first cross at bar 30 (the 30-bar average at bars 29 and 30): those
    // 30 bars are warm-up, outside the measured period.
    JsonNode manifest = JSON.readTree(dir.resolve("free/manifest.json").toFile());
    assertThat(manifest.get("warm_up_bars").asInt()).isEqualTo(30);
    assertThat(manifest.get("first_bar").asText()).startsWith("2004-10-01");

    CliTest.Run crypto = CliTest.run("backtest", "--data", goog.toString(), "--strategy", "sma-cross",
        "--asset-class", "crypto", "--out", dir.resolve("c").toString(), "--json");
    JsonNode c = JSON.readTree(crypto.out()).get("costs");
    assertThat(c.get("commission").asText()).isEqualTo("0.001");
    assertThat(c.get("slippage_bps").asDouble()).isEqualTo(5);
    assertThat(c.get("basis").asText()).startsWith("crypto defaults");
    CliTest.Run given = CliTest.run("backtest", "--data", goog.toString(), "--strategy", "sma-cross",
        "--asset-class", "crypto", "--commission", "0.002", "--out", dir.resolve("g").toString(), "--json");
    JsonNode g = JSON.readTree(given.out()).get("costs");
    assertThat(g.get("commission").asText()).isEqualTo("0.002");
    assertThat(g.get("slippage_bps").asDouble()).isZero();
    assertThat(g.get("basis").asText()).isEqualTo("as given");
    // An explicit --start measures from there, warm-up or not.
    CliTest.Run start = CliTest.run("backtest", "--data", goog.toString(), "--strategy", "sma-cross", "--start",
        "2004-08-19", "--out", dir.resolve("s").toString());
    assertThat(JSON.readTree(dir.resolve("s/manifest.json").toFile()).get("warm_up_bars").asInt()).isZero();
  }

  @Test
  void everyBacktestAndTheSweepsWinner_showTheThreeFills() throws IOException {
    Path goog = TestBars.sharedData().resolve("backtesting_py/GOOG.csv");
    CliTest.Run run = CliTest.run("backtest", "--data", goog.toString(), "--strategy", "sma-cross", "--commission",
        "0.001", "--out", dir.resolve("f").toString(), "--json");
    JsonNode m = JSON.readTree(run.out());
    JsonNode f = m.get("fill_sensitivity");
    // The run itself fills at the next open: that row is the headline.
    assertThat(f.get("next_open").get("sharpe").asDouble()).isEqualTo(m.get("sharpe").asDouble());
    // A same-close run of its own is the same_close row.
    CliTest.Run close = CliTest.run("backtest", "--data", goog.toString(), "--strategy", "sma-cross", "--commission",
        "0.001", "--fill", "close", "--out", dir.resolve("c").toString(), "--json");
    assertThat(f.get("same_close").get("final_equity").asDouble())
        .isEqualTo(JSON.readTree(close.out()).get("final_equity").asDouble());
    double[] sharpes = {f.get("same_close").get("sharpe").asDouble(), f.get("next_open").get("sharpe").asDouble(),
        f.get("pessimistic_intrabar").get("sharpe").asDouble()};
    double spread = java.util.Arrays.stream(sharpes).max().getAsDouble() - java.util.Arrays.stream(sharpes).min()
        .getAsDouble();
    assertThat(f.get("sharpe_spread").asDouble()).isCloseTo(spread, within(1e-12));
    assertThat(Files.readString(dir.resolve("f/report.html"))).contains("Fill assumptions").contains("pessimistic intrabar");

    CliTest.Run sweep = CliTest.run("sweep", "--data", goog.toString(), "--strategy", "sma-cross", "--grid",
        "fast=10,20", "--grid", "slow=50", "--resamples", "100", "--out", dir.resolve("s").toString(), "--json");
    JsonNode sf = JSON.readTree(sweep.out()).get("fill_sensitivity");
    assertThat(sf.get("next_open").get("sharpe").asDouble())
        .isEqualTo(JSON.readTree(sweep.out()).get("best").get("test").get("sharpe").asDouble());
  }

  @Test
  void aFolderIsItsBarFiles_otherFilesAreListed_droppedRowsAreReported() throws IOException {
    Path folder = Files.createDirectories(dir.resolve("folder"));
    Files.writeString(folder.resolve("AAA.csv"), "date,open,high,low,close\n2024-01-02,10,11,9,10.5\n"
        + "2024-01-03,10.5,11,10,10.8\n2024-01-04,10.8,10,11,10.9\n2024-01-05,10.9,11.5,10.5,11.2\n");
    Files.writeString(folder.resolve("BBB.csv"), "date,open,high,low,close\n2024-01-02,20,21,19,20.5\n"
        + "2024-01-03,20.5,21,20,20.8\n2024-01-04,20.8,21,20,20.9\n2024-01-05,20.9,21.5,20.5,21.2\n");
    Files.writeString(folder.resolve("us_market_holidays.csv"), "date,holiday\n2024-01-01,New Year\n");
    // Strict: the bad row (high 10 below low 11 on 01-04 in AAA) is one clear error.
    CliTest.Run strict = CliTest.run("backtest", "--data", folder.toString(), "--strategy", "buy-and-hold", "--out",
        dir.resolve("strict").toString());
    assertThat(strict.exitCode()).isEqualTo(2);
    assertThat(strict.err()).contains("AAA.csv:4");
    CliTest.Run run = CliTest.run("backtest", "--data", folder.toString(), "--strategy", "buy-and-hold",
        "--drop-invalid", "--out", dir.resolve("r").toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("on AAA, BBB").contains("data: dropped 1 invalid row(s) (--drop-invalid); first: ")
        .contains("AAA.csv:4").contains("data: skipped ").contains("us_market_holidays.csv: not a bar file");
    JsonNode manifest = JSON.readTree(dir.resolve("r/manifest.json").toFile());
    assertThat(manifest.get("dropped_rows")).hasSize(1);
    assertThat(manifest.get("dropped_rows").get(0).asText()).contains("AAA.csv:4");
    assertThat(manifest.get("load_notes").toString()).contains("us_market_holidays.csv");
  }

  @Test
  void droppedRows_areSaidByEveryCommand_notOnlyBacktests() throws IOException {
    // 300 weekdays of a gentle sine, with one impossible row (high below low) on the 150th.
    StringBuilder sb = new StringBuilder("date,open,high,low,close,volume\n");
    LocalDateTime d = LocalDateTime.of(2023, 1, 2, 0, 0);
    for (int k = 0; k < 300; d = d.plusDays(1)) {
      if (d.getDayOfWeek().getValue() <= 5) {
        double c = 100 + 10 * Math.sin(k / 20.0);
        String hl = k == 149 ? (c - 1) + "," + (c + 1) : (c + 1) + "," + (c - 1);
        sb.append(d.format(DateTimeFormatter.ISO_LOCAL_DATE)).append(',').append(c).append(',').append(hl).append(',')
            .append(c).append(",1000\n");
        k++;
      }
    }
    Path file = Files.writeString(dir.resolve("SINE.csv"), sb);
    String line = "SINE.csv:151"; // the header is line 1
    CliTest.Run crosses = CliTest.run("screen", "crosses", "--data", file.toString(), "--drop-invalid",
        "--as-of", "2024-02-01");
    assertThat(crosses.exitCode()).as(crosses.err()).isZero();
    assertThat(crosses.err()).contains("dropped 1 invalid row(s) (--drop-invalid); first: ").contains(line);
    CliTest.Run regime = CliTest.run("regime", "fit", "--data", file.toString(), "--drop-invalid");
    assertThat(regime.err()).contains("dropped 1 invalid row(s)").contains(line);
    CliTest.Run sweep = CliTest.run("sweep", "--data", file.toString(), "--strategy", "sma-cross", "--grid",
        "fast=5,10", "--grid", "slow=30", "--drop-invalid", "--resamples", "50", "--out", dir.resolve("sw").toString(),
        "--json");
    assertThat(sweep.exitCode()).as(sweep.err()).isZero();
    assertThat(sweep.err()).contains("data: dropped 1 invalid row(s)").contains(line);
    JsonNode summary = JSON.readTree(sweep.out());
    assertThat(summary.get("manifest").get("dropped_rows")).hasSize(1);
    assertThat(summary.get("manifest").get("dropped_rows").get(0).asText()).contains(line);
    CliTest.Run walk = CliTest.run("walkforward", "--data", file.toString(), "--strategy", "sma-cross", "--grid",
        "fast=5,10", "--grid", "slow=30", "--drop-invalid", "--cuts", "0.7", "--out", dir.resolve("wf").toString());
    assertThat(walk.err()).contains("data: dropped 1 invalid row(s)").contains(line);
    // Without the flag the same file is one clear error, as before.
    CliTest.Run strict = CliTest.run("screen", "crosses", "--data", file.toString());
    assertThat(strict.exitCode()).isEqualTo(2);
    assertThat(strict.err()).contains(line);
  }

  @Test
  void scenarios_runTheStrategyOverManyPaths() throws IOException {
    Path goog = TestBars.sharedData().resolve("backtesting_py/GOOG.csv");
    CliTest.Run run = CliTest.run("scenarios", "--data", goog.toString(), "--strategy", "sma-cross", "--commission",
        "0.001", "--model", "bootstrap", "--seeds", "30", "--out", dir.resolve("sc").toString(), "--json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode s = JSON.readTree(run.out());
    assertThat(s.get("paths").asInt()).isEqualTo(30);
    assertThat(s.get("bars_per_path").asInt()).isEqualTo(2_148);
    // The real result is a plain backtest from the first bar.
    CliTest.Run plain = CliTest.run("backtest", "--data", goog.toString(), "--strategy", "sma-cross", "--commission",
        "0.001", "--start", "2004-08-19", "--out", dir.resolve("p").toString(), "--json");
    assertThat(s.get("distribution").get("sharpe").get("real").asDouble())
        .isEqualTo(JSON.readTree(plain.out()).get("sharpe").asDouble());
    assertThat(Files.readAllLines(dir.resolve("sc/scenarios.csv"))).hasSize(31);
    CliTest.Run bad = CliTest.run("scenarios", "--data", goog.toString(), "--strategy", "sma-cross", "--model", "mc");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("gbm, ou or bootstrap");
  }

  @Test
  void pointInTimeMembership_inABacktest_andTheSurvivorOnlyFlagWithout() throws IOException {
    // Five names growing at fixed daily rates (A fastest), 300 weekdays from Monday 2024-01-01.
    Path folder = trendingNames("five", new String[] {"A", "B", "C", "D", "E"},
        new double[] {0.003, 0.002, 0.001, 0, -0.001}, new int[] {300, 300, 300, 300, 300});
    Path members = Files.writeString(dir.resolve("members.csv"), "symbol,listed,delisted\nA,2024-06-03,2024-09-02\n"
        + "B,2020-01-01,\nC,2020-01-01,\nD,2020-01-01,\nE,2020-01-01,\n");
    String[] common = {"backtest", "--data", folder.toString(), "--strategy", "xsec-momentum", "--param", "lookback=4",
        "--param", "skip=0", "--param", "top-n=1", "--param", "min-addv=0", "--commission", "0.001"};
    CliTest.Run pit = CliTest.run(concat(common, "--membership", members.toString(), "--out",
        dir.resolve("pit").toString()));
    assertThat(pit.exitCode()).as(pit.err()).isZero();
    assertThat(pit.out()).doesNotContain("survivor-only");
    List<String> fills = Files.readAllLines(dir.resolve("pit/fills.csv"));
    List<String> aFills = fills.stream().filter(l -> l.contains(",A,")).toList();
    // Weekly bars (Monday-stamped). A is bought once it is a member — the week of 06-03 is decided at its
    // close, filled at the next week's open, 06-10 — and sold once it has left: the week of 09-02 is the
    // first it is not a member at the close of, so the sale fills at 09-09.
    assertThat(aFills).hasSize(2);
    assertThat(aFills.get(0)).startsWith("2024-06-10").contains(",buy,");
    assertThat(aFills.get(1)).startsWith("2024-09-09").contains(",sell,");
    JsonNode m = JSON.readTree(dir.resolve("pit/metrics.json").toFile());
    assertThat(m.get("universe").get("membership").asText()).contains("members.csv");

    CliTest.Run survivor = CliTest.run(concat(common, "--out", dir.resolve("s").toString()));
    assertThat(survivor.out()).contains("survivor-only universe");
    assertThat(Files.readAllLines(dir.resolve("s/fills.csv")).stream().filter(l -> l.contains(",A,")).toList())
        .hasSize(1); // held from the start, never sold
    assertThat(JSON.readTree(dir.resolve("pit/manifest.json").toFile()).get("run_id").asText())
        .isNotEqualTo(JSON.readTree(dir.resolve("s/manifest.json").toFile()).get("run_id").asText());

    // A sweep filters every trial by the same membership: its one trial trades as the backtest does.
    String[] sweep = {"sweep", "--data", folder.toString(), "--strategy", "xsec-momentum", "--param", "lookback=4",
        "--param", "skip=0", "--param", "min-addv=0", "--grid", "top-n=1", "--commission", "0.001",
        "--train-fraction", "1", "--resamples", "50", "--json"};
    JsonNode pitSweep = JSON.readTree(CliTest.run(concat(sweep, "--membership", members.toString(), "--out",
        dir.resolve("sw1").toString())).out());
    JsonNode plainSweep = JSON.readTree(CliTest.run(concat(sweep, "--out", dir.resolve("sw2").toString())).out());
    assertThat(pitSweep.get("best").get("train").get("trades").asInt()).isEqualTo(m.get("trades").asInt());
    assertThat(plainSweep.get("best").get("train").get("trades").asInt())
        .isEqualTo(JSON.readTree(dir.resolve("s/metrics.json").toFile()).get("trades").asInt());
  }

  @Test
  void membershipFromTheBars_aNameWhoseDataStops_leavesTheUniverse() throws IOException {
    // A grows fastest but its file stops after 100 weekdays (delisted); B, C keep trading to bar 300.
    Path folder = trendingNames("three", new String[] {"A", "B", "C"}, new double[] {0.003, 0.002, 0.001},
        new int[] {100, 300, 300});
    String[] common = {"backtest", "--data", folder.toString(), "--strategy", "xsec-momentum", "--param", "lookback=4",
        "--param", "skip=0", "--param", "top-n=1", "--param", "min-addv=0", "--commission", "0.001"};
    CliTest.Run run = CliTest.run(concat(common, "--membership", "bars", "--out", dir.resolve("b").toString()));
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode m = JSON.readTree(dir.resolve("b/metrics.json").toFile());
    assertThat(m.get("universe").get("membership").asText()).startsWith("the data's own first and last bars");
    assertThat(JSON.readTree(dir.resolve("b/manifest.json").toFile()).get("membership").asText()).isEqualTo("bars");
    // A's 100th weekday is Friday 2024-05-17: its last weekly bar is the week of 05-13, after which it is
    // no member, so the ranking moves to B, bought at the open of the week after A's last.
    List<String> fills = Files.readAllLines(dir.resolve("b/fills.csv"));
    assertThat(fills.stream().filter(l -> l.contains(",B,") && l.contains(",buy,")).findFirst().orElseThrow())
        .startsWith("2024-05-27");
  }

  @Test
  void featureTables_forTheQqqSystem_newestFirst_andBesideABacktest() throws IOException {
    Path etfs = TestBars.sharedData().resolve("etf_daily_xjcarter");
    Path ws = dir.resolve("ws");
    CliTest.Run run = CliTest.run("--workspace", ws.toString(), "features", "--data", etfs.toString(), "--strategy",
        "qqq-long-short");
    assertThat(run.exitCode()).as(run.err()).isZero();
    List<String> rows = Files.readAllLines(ws.resolve("data/processed/features_qqq-long-short.csv"));
    assertThat(rows.get(0)).startsWith("timestamp,regime,moving_average_50,moving_average_100,moving_average_250,"
        + "velocity,acceleration,closing_price_QQQ,daily_return_QQQ,position_weight_QQQ,closing_price_TQQQ")
        .endsWith(",cash_weight");
    assertThat(rows.get(1)).startsWith("2022-11-18T00:00:00Z,"); // QQQ.csv's last day, first
    assertThat(rows.get(1).compareTo(rows.get(2))).isPositive();
    // The 50-day average of the newest row is the mean of QQQ's last 50 closes, from the file by hand.
    List<String> qqq = Files.readAllLines(etfs.resolve("QQQ.csv"));
    double sum = 0;
    for (String line : qqq.subList(qqq.size() - 50, qqq.size())) {
      sum += Double.parseDouble(line.split(",")[4]);
    }
    assertThat(Double.parseDouble(rows.get(1).split(",")[2])).isCloseTo(sum / 50, within(1e-9));
    // Each row's weights and cash add to one.
    for (String row : rows.subList(1, 200)) {
      String[] f = row.split(",", -1);
      double total = Double.parseDouble(f[9]) + Double.parseDouble(f[12]) + Double.parseDouble(f[15])
          + Double.parseDouble(f[16]);
      assertThat(total).isCloseTo(1, within(1e-9));
    }
    CliTest.Run bt = CliTest.run("--workspace", ws.toString(), "backtest", "--data", etfs.toString(), "--strategy",
        "qqq-long-short", "--write-features");
    assertThat(bt.exitCode()).as(bt.err()).isZero();
    assertThat(bt.out()).contains("features: ").contains("features_qqq-long-short_qqq-long-short-");
  }

  @Test
  void theReference002MetricKeys_andTheRollingSharpeColumn_byHand() throws IOException {
    Path goog = TestBars.sharedData().resolve("backtesting_py/GOOG.csv");
    String[] base = {"backtest", "--data", goog.toString(), "--commission", "0.001", "--start", "2004-08-19"};
    JsonNode m = JSON.readTree(CliTest.run(concat(base, "--strategy", "sma-cross", "--out",
        dir.resolve("s").toString(), "--json")).out());
    assertThat(m.get("sharpe_ratio").asDouble()).isEqualTo(m.get("sharpe").asDouble());
    assertThat(m.get("roi").asDouble()).isCloseTo(m.get("total_return_pct").asDouble() / 100, within(1e-12));
    assertThat(m.get("cagr").asDouble()).isCloseTo(m.get("cagr_pct").asDouble() / 100, within(1e-12));
    assertThat(m.get("max_drawdown").asDouble()).isCloseTo(m.get("max_drawdown_pct").asDouble() / 100, within(1e-12));
    assertThat(m.get("volatility_annualized").asDouble())
        .isCloseTo(m.get("annual_volatility_pct").asDouble() / 100, within(1e-12));
    // The information ratio by hand: the active returns against a buy-and-hold run of the same bars,
    // both from their equity.csv with the initial cash before the first row; mean / sd (ddof 1) × √252.
    CliTest.run(concat(base, "--strategy", "buy-and-hold", "--out", dir.resolve("b").toString()));
    double[] rs = returns(dir.resolve("s/equity.csv"));
    double[] rb = returns(dir.resolve("b/equity.csv"));
    double[] active = new double[rs.length];
    for (int i = 0; i < rs.length; i++) {
      active[i] = rs[i] - rb[i];
    }
    assertThat(m.get("information_ratio").asDouble()).isCloseTo(sharpe(active), within(1e-9));
    // The last rolling_sharpe_60d cell: the Sharpe ratio of the last 60 returns.
    List<String> eq = Files.readAllLines(dir.resolve("s/equity.csv"));
    assertThat(eq.get(0)).endsWith(",rolling_sharpe_60d");
    String[] last = eq.get(eq.size() - 1).split(",", -1);
    assertThat(Double.parseDouble(last[5])).isCloseTo(sharpe(java.util.Arrays.copyOfRange(rs, rs.length - 60,
        rs.length)), within(1e-9));
    assertThat(eq.get(59).split(",", -1)[5]).isEmpty(); // 59 returns: no full window yet
    assertThat(m.get("rolling_sharpe_60").get("last").asDouble()).isCloseTo(Double.parseDouble(last[5]), within(1e-12));
  }

  @Test
  void theReferenceLayout_newestFirst_withTheContractsFileNames_andSlippageInTrades() throws IOException {
    Path goog = TestBars.sharedData().resolve("backtesting_py/GOOG.csv");
    Path ws = dir.resolve("ws");
    String[] base = {"--workspace", ws.toString(), "backtest", "--data", goog.toString(), "--strategy", "sma-cross",
        "--commission", "0.001", "--slippage-bps", "10"};
    CliTest.Run plain = CliTest.run(concat(base, "--out", dir.resolve("plain").toString()));
    assertThat(plain.exitCode()).as(plain.err()).isZero();
    CliTest.Run ref = CliTest.run(concat(base, "--output-layout", "reference"));
    assertThat(ref.exitCode()).as(ref.err()).isZero();
    String runId = JSON.readTree(dir.resolve("plain/manifest.json").toFile()).get("run_id").asText();
    assertThat(ref.out()).contains("reference layout (newest-first)");
    Path results = ws.resolve("data/results");
    String stem = "sma-cross_" + runId; // the same run: the layout is not part of its id
    for (String f : List.of("equity_" + stem + ".csv", "trades_" + stem + ".csv", "metrics_" + stem + ".json",
        "plot_" + stem + ".png")) {
      assertThat(results.resolve(f)).isRegularFile();
    }
    // Newest first: the same rows as the oldest-first file, in reverse; timestamps strictly decreasing.
    List<String> oldest = Files.readAllLines(dir.resolve("plain/equity.csv"));
    List<String> newest = Files.readAllLines(results.resolve("equity_" + stem + ".csv"));
    assertThat(newest.get(0)).isEqualTo(oldest.get(0));
    List<String> reversed = new java.util.ArrayList<>(oldest.subList(1, oldest.size()));
    java.util.Collections.reverse(reversed);
    assertThat(newest.subList(1, newest.size())).isEqualTo(reversed);
    for (int i = 2; i < newest.size(); i++) {
      assertThat(newest.get(i - 1).substring(0, 20)).isGreaterThan(newest.get(i).substring(0, 20));
    }
    assertThat(Files.readAllLines(results.resolve(runId).resolve("fills.csv")).get(1))
        .isEqualTo(Files.readAllLines(dir.resolve("plain/fills.csv")).getLast());
    assertThat(JSON.readTree(results.resolve(runId).resolve("manifest.json").toFile()).get("row_order").asText())
        .isEqualTo("newest-first");
    // metrics --equity reads a newest-first file as the same series.
    JsonNode a = JSON.readTree(CliTest.run("metrics", "--returns", dir.resolve("plain/equity.csv").toString(),
        "--equity", "--json").out());
    JsonNode b = JSON.readTree(CliTest.run("metrics", "--returns", results.resolve(runId).resolve("equity.csv")
        .toString(), "--equity", "--json").out());
    assertThat(b.get("sharpe").asDouble()).isEqualTo(a.get("sharpe").asDouble());

    // slippage_cost in trades.csv: 10 bps of each fill's reference price × quantity, entry and exit, i.e.
    // the sum of the two fills' slippage_cost in fills.csv (each trade here is one entry and one exit).
    List<String> fills = Files.readAllLines(dir.resolve("plain/fills.csv"));
    List<String> trades = Files.readAllLines(dir.resolve("plain/trades.csv"));
    int slip = java.util.Arrays.asList(trades.get(0).split(",")).indexOf("slippage_cost");
    double firstTrade = Double.parseDouble(trades.get(1).split(",")[slip]);
    double entry = Double.parseDouble(fills.get(1).split(",")[7]);
    double exit = Double.parseDouble(fills.get(2).split(",")[7]);
    double price = Double.parseDouble(fills.get(1).split(",")[4]);
    double quantity = Double.parseDouble(fills.get(1).split(",")[3]);
    // A buy pays reference × 1.001, a short sale receives reference × 0.999.
    boolean buy = fills.get(1).split(",")[2].equals("buy");
    double reference = buy ? price / 1.001 : price / 0.999;
    assertThat(entry).isCloseTo(quantity * Math.abs(price - reference), within(1e-6));
    assertThat(firstTrade).isCloseTo(entry + exit, within(1e-9));
    CliTest.Run bad = CliTest.run(concat(base, "--output-layout", "pandas"));
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("output-layout").contains("momentic or reference");
  }

  @Test
  void theTearSheet_monthsYearsDrawdownsAndVaR_checkedFromTheEquityRows() throws IOException {
    Path goog = TestBars.sharedData().resolve("backtesting_py/GOOG.csv");
    CliTest.Run run = CliTest.run("backtest", "--data", goog.toString(), "--strategy", "sma-cross", "--commission",
        "0.001", "--out", dir.resolve("t").toString(), "--json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode sheet = JSON.readTree(run.out()).get("tear_sheet");
    List<String> rows = Files.readAllLines(dir.resolve("t/equity.csv"));
    List<String> dates = new java.util.ArrayList<>();
    List<Double> equity = new java.util.ArrayList<>();
    for (String row : rows.subList(1, rows.size())) {
      dates.add(row.substring(0, 10));
      equity.add(Double.parseDouble(row.split(",")[1]));
    }
    // 2010-05: the last equity of May over the last of April.
    int lastApril = dates.lastIndexOf(dates.stream().filter(d -> d.startsWith("2010-04")).reduce((a, b) -> b)
        .orElseThrow());
    int lastMay = dates.lastIndexOf(dates.stream().filter(d -> d.startsWith("2010-05")).reduce((a, b) -> b)
        .orElseThrow());
    double may = 100 * (equity.get(lastMay) / equity.get(lastApril) - 1);
    JsonNode mayRow = null;
    for (JsonNode m : sheet.get("monthly_returns")) {
      if (m.get("period").asText().equals("2010-05")) {
        mayRow = m;
      }
    }
    assertThat(mayRow.get("return_pct").asDouble()).isCloseTo(may, within(1e-9));
    // A year is its months compounded.
    double y2008 = 1;
    for (JsonNode m : sheet.get("monthly_returns")) {
      if (m.get("period").asText().startsWith("2008-")) {
        y2008 *= 1 + m.get("return_pct").asDouble() / 100;
      }
    }
    for (JsonNode y : sheet.get("yearly_returns")) {
      if (y.get("period").asText().equals("2008")) {
        assertThat(y.get("return_pct").asDouble()).isCloseTo(100 * (y2008 - 1), within(1e-9));
      }
    }
    // The worst drawdown by brute force: the deepest fall from any earlier high (the cash counts).
    double worst = 0;
    int peakAt = -1;
    int valleyAt = -1;
    for (int j = 0; j < equity.size(); j++) {
      double high = 10_000;
      int highAt = -1;
      for (int i = 0; i <= j; i++) {
        if (equity.get(i) >= high) { // the latest high before the fall starts the period, as pyfolio dates it
          high = equity.get(i);
          highAt = i;
        }
      }
      double dd = equity.get(j) / high - 1;
      if (dd < worst) {
        worst = dd;
        peakAt = highAt;
        valleyAt = j;
      }
    }
    JsonNode deepest = sheet.get("drawdown_periods").get(0);
    assertThat(deepest.get("depth_pct").asDouble()).isCloseTo(100 * worst, within(1e-9));
    assertThat(deepest.get("valley").asText()).isEqualTo(dates.get(valleyAt));
    assertThat(deepest.get("start").asText()).isEqualTo(dates.get(Math.max(0, peakAt)));
    assertThat(JSON.readTree(run.out()).get("max_drawdown_pct").asDouble()).isCloseTo(100 * worst, within(1e-9));
    // VaR 95 %: numpy.percentile(returns, 5), linear between order statistics.
    double[] r = new double[equity.size()];
    double prev = 10_000;
    for (int i = 0; i < r.length; i++) {
      r[i] = equity.get(i) / prev - 1;
      prev = equity.get(i);
    }
    double[] sorted = r.clone();
    java.util.Arrays.sort(sorted);
    double rank = 0.05 * (sorted.length - 1);
    int lo = (int) rank;
    double var = sorted[lo] + (rank - lo) * (sorted[lo + 1] - sorted[lo]);
    assertThat(sheet.get("value_at_risk_95_pct").asDouble()).isCloseTo(100 * var, within(1e-9));
    assertThat(sheet.get("by_symbol").get(0).get("symbol").asText()).isEqualTo("GOOG");
    assertThat(sheet.get("by_symbol").get(0).get("trades").asInt()).isEqualTo(JSON.readTree(run.out()).get("trades")
        .asInt());
    String html = Files.readString(dir.resolve("t/report.html"));
    assertThat(html).contains("id=\"monthly-returns\"").contains("id=\"drawdown-periods\"").contains("Value at risk")
        .contains("id=\"by-year\"");
    // The breakdown by month, recounted from trades.csv: closed trades by exit month, their P&L, wins.
    List<String> trades = Files.readAllLines(dir.resolve("t/trades.csv"));
    java.util.Map<String, double[]> byMonth = new java.util.TreeMap<>();
    for (String line : trades.subList(1, trades.size())) {
      String[] f = line.split(",", -1);
      if (!f[17].equals("closed")) {
        continue;
      }
      double[] a = byMonth.computeIfAbsent(f[10].substring(0, 7), k -> new double[3]);
      a[0]++;
      a[1] += Double.parseDouble(f[12]);
      a[2] += Double.parseDouble(f[12]) > 0 ? 1 : 0;
    }
    int closed = 0;
    for (JsonNode m : sheet.get("breakdown_month")) {
      double[] a = byMonth.getOrDefault(m.get("period").asText(), new double[3]);
      assertThat(m.get("trades").asInt()).as(m.get("period").asText()).isEqualTo((int) a[0]);
      assertThat(m.get("pnl").asDouble()).as(m.get("period").asText()).isCloseTo(a[1], within(1e-6));
      assertThat(m.get("wins").asInt()).isEqualTo((int) a[2]);
      closed += m.get("trades").asInt();
    }
    assertThat(sheet.get("breakdown_month")).hasSameSizeAs(sheet.get("monthly_returns"));
    assertThat(closed).isEqualTo(byMonth.values().stream().mapToInt(a -> (int) a[0]).sum()).isPositive();
    CliTest.Run printed = CliTest.run("backtest", "--data", goog.toString(), "--strategy", "sma-cross", "--commission",
        "0.001", "--out", dir.resolve("t2").toString(), "--breakdown", "year");
    assertThat(printed.exitCode()).as(printed.err()).isZero();
    assertThat(printed.out()).contains("By year (trades by exit time):").contains("2008");
    assertThat(CliTest.run("backtest", "--data", goog.toString(), "--strategy", "sma-cross", "--breakdown", "week")
        .err()).contains("expected month or year");
  }

  /**
   * The benchmark block is a buy-and-hold of the same instrument over the same bars and costs: a
   * separate {@code --strategy buy-and-hold} run from the strategy's first traded bar gives its numbers, and beta and the tracking
   * error follow from the two runs' equity files (the initial cash as the first wealth).
   */
  @Test
  void theBenchmark_isTheBuyAndHoldRun_andBetaFollowsFromBothEquityFiles() throws IOException {
    Path goog = TestBars.sharedData().resolve("backtesting_py/GOOG.csv");
    CliTest.Run run = CliTest.run("backtest", "--data", goog.toString(), "--strategy", "sma-cross", "--commission",
        "0.001", "--out", dir.resolve("bs").toString(), "--json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    // The benchmark holds over the strategy's bars: from its first traded bar, after its warm-up.
    String first = Files.readAllLines(dir.resolve("bs/equity.csv")).get(1).substring(0, 10);
    CliTest.Run hold = CliTest.run("backtest", "--data", goog.toString(), "--strategy", "buy-and-hold",
        "--commission", "0.001", "--start", first, "--out", dir.resolve("bh").toString(), "--json");
    assertThat(hold.exitCode()).as(hold.err()).isZero();
    JsonNode b = JSON.readTree(run.out()).get("benchmark");
    JsonNode h = JSON.readTree(hold.out());
    assertThat(b.get("total_return_pct").asDouble()).isCloseTo(h.get("total_return_pct").asDouble(), within(1e-9));
    assertThat(b.get("max_drawdown_pct").asDouble()).isCloseTo(h.get("max_drawdown_pct").asDouble(), within(1e-9));
    assertThat(b.get("sharpe").asDouble()).isCloseTo(h.get("sharpe").asDouble(), within(1e-9));
    double[] rs = returnsOf(dir.resolve("bs/equity.csv"), 10_000);
    double[] rb = returnsOf(dir.resolve("bh/equity.csv"), 10_000);
    assertThat(rs).hasSameSizeAs(rb);
    double ms = java.util.Arrays.stream(rs).average().orElseThrow();
    double mb = java.util.Arrays.stream(rb).average().orElseThrow();
    double cov = 0;
    double var = 0;
    double active = 0;
    double activeSq = 0;
    for (int i = 0; i < rs.length; i++) {
      cov += (rs[i] - ms) * (rb[i] - mb);
      var += (rb[i] - mb) * (rb[i] - mb);
      active += rs[i] - rb[i];
      activeSq += (rs[i] - rb[i]) * (rs[i] - rb[i]);
    }
    assertThat(b.get("beta").asDouble()).isCloseTo(cov / var, within(1e-9));
    int n = rs.length;
    double te = Math.sqrt((activeSq - active * active / n) / (n - 1)) * Math.sqrt(252);
    assertThat(b.get("tracking_error_pct").asDouble()).isCloseTo(100 * te, within(1e-6));
    assertThat(b.get("excess_return_pct").asDouble()).isCloseTo(JSON.readTree(run.out()).get("total_return_pct")
        .asDouble() - h.get("total_return_pct").asDouble(), within(1e-9));
    String html = Files.readString(dir.resolve("bs/report.html"));
    assertThat(html).contains("id=\"versus\"", "<svg id=\"cumulative\"", "<svg id=\"cumulative-log\"",
        "<svg id=\"underwater\"", "<svg id=\"rolling-sharpe\"", "class=\"benchmark\"", "class=\"strategy\"",
        "Rolling Sharpe ratio over 126 bars", "<svg id=\"rolling-sortino\"", "<svg id=\"rolling-volatility\"",
        "<svg id=\"rolling-beta\"", "<svg id=\"return-distribution\"");
    // Every per-bar return of the run is in one bin of the distribution.
    java.util.regex.Matcher bins = java.util.regex.Pattern.compile("class=\"bin strategy\" data-count=\"(\\d+)\" "
        + "data-from=\"([^\"]+)\" data-to=\"([^\"]+)\"").matcher(html);
    int counted = 0;
    int largest = 0;
    double from = 0;
    double to = 0;
    while (bins.find()) {
      int c = Integer.parseInt(bins.group(1));
      counted += c;
      if (c > largest) {
        largest = c;
        from = Double.parseDouble(bins.group(2));
        to = Double.parseDouble(bins.group(3));
      }
    }
    assertThat(counted).isEqualTo(rs.length);
    double lo = from;
    double hi = to;
    assertThat(java.util.Arrays.stream(rs).map(x -> 100 * x).filter(x -> x >= lo && x < hi).count())
        .as("the fullest bin, recounted").isEqualTo(largest);
  }

  /**
   * {@code --benchmark} names the series the run is compared against: a symbol of a --data folder
   * gives the numbers of a separate buy-and-hold run of that file from the run's first traded bar;
   * the same file with a week of bars missing gives the same total return and drawdown (the missing
   * bars are carried flat, adding no move); a name that is none of those is one error.
   */
  @Test
  void aNamedBenchmark_isThatSeriesBuyAndHold_carriedFlatOverItsGaps() throws IOException {
    Path folder = Files.createDirectories(dir.resolve("bench"));
    List<String> bbb = new java.util.ArrayList<>(List.of("date,open,high,low,close,volume"));
    for (String name : new String[] {"AAA", "BBB"}) {
      StringBuilder sb = new StringBuilder("date,open,high,low,close,volume\n");
      LocalDateTime d = LocalDateTime.of(2024, 1, 1, 0, 0);
      double p = 100;
      for (int k = 0; k < 400; d = d.plusDays(1)) {
        if (d.getDayOfWeek().getValue() <= 5) {
          double next = 100 * Math.pow(1.0004, k) * (1 + 0.15 * Math.sin(k / (name.equals("AAA") ? 11.0 : 17.0)));
          String row = d.format(DateTimeFormatter.ISO_LOCAL_DATE) + "," + p + "," + Math.max(p, next) + ","
              + Math.min(p, next) + "," + next + ",1000000";
          sb.append(row).append('\n');
          if (name.equals("BBB")) {
            bbb.add(row);
          }
          p = next;
          k++;
        }
      }
      Files.writeString(folder.resolve(name + ".csv"), sb);
    }
    CliTest.Run run = CliTest.run("backtest", "--data", folder.toString(), "--symbols", "AAA", "--strategy",
        "sma-cross", "--commission", "0.001", "--benchmark", "BBB", "--out", dir.resolve("nb").toString(), "--json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    String first = Files.readAllLines(dir.resolve("nb/equity.csv")).get(1).substring(0, 10);
    CliTest.Run hold = CliTest.run("backtest", "--data", folder.resolve("BBB.csv").toString(), "--strategy",
        "buy-and-hold", "--commission", "0.001", "--start", first, "--out", dir.resolve("nbh").toString(), "--json");
    assertThat(hold.exitCode()).as(hold.err()).isZero();
    JsonNode b = JSON.readTree(run.out()).get("benchmark");
    JsonNode h = JSON.readTree(hold.out());
    assertThat(b.get("name").asText()).contains("BBB");
    for (String k : List.of("total_return_pct", "max_drawdown_pct", "sharpe")) {
      assertThat(b.get(k).asDouble()).as(k).isCloseTo(h.get(k).asDouble(), within(1e-9));
    }
    assertThat(Files.readString(dir.resolve("nb/manifest.json"))).contains("\"benchmark\" : \"BBB\"");

    List<String> gaps = new java.util.ArrayList<>(bbb);
    gaps.subList(250, 255).clear(); // a week of the benchmark's bars missing, well after the entry
    Path gapsFile = dir.resolve("BBB_gaps.csv");
    Files.write(gapsFile, gaps);
    CliTest.Run withGaps = CliTest.run("backtest", "--data", folder.resolve("AAA.csv").toString(), "--strategy",
        "sma-cross", "--commission", "0.001", "--benchmark", gapsFile.toString(), "--out", dir.resolve("ng").toString(),
        "--json");
    assertThat(withGaps.exitCode()).as(withGaps.err()).isZero();
    JsonNode g = JSON.readTree(withGaps.out()).get("benchmark");
    assertThat(g.get("total_return_pct").asDouble()).isCloseTo(h.get("total_return_pct").asDouble(), within(1e-9));
    assertThat(g.get("max_drawdown_pct").asDouble()).isCloseTo(h.get("max_drawdown_pct").asDouble(), within(1e-9));
    assertThat(g.get("name").asText()).contains("BBB_gaps.csv");

    CliTest.Run unknown = CliTest.run("backtest", "--data", folder.resolve("AAA.csv").toString(), "--strategy",
        "sma-cross", "--benchmark", "ZZZ", "--out", dir.resolve("nz").toString());
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("benchmark", "expected a symbol of the run's data (AAA)", "found 'ZZZ'");
  }

  /** Per-bar returns of an equity file, the initial cash as the wealth before the first bar. */
  private static double[] returnsOf(Path equityCsv, double cash) throws IOException {
    List<String> rows = Files.readAllLines(equityCsv);
    double[] r = new double[rows.size() - 1];
    double prev = cash;
    for (int i = 1; i < rows.size(); i++) {
      double e = Double.parseDouble(rows.get(i).split(",")[1]);
      r[i - 1] = e / prev - 1;
      prev = e;
    }
    return r;
  }

  /** Daily bars from Monday 2024-01-01, weekdays only: name s grows by growth[s] a day for length[s] days. */
  private Path trendingNames(String folderName, String[] names, double[] growth, int[] length) throws IOException {
    Path folder = Files.createDirectories(dir.resolve(folderName));
    for (int s = 0; s < names.length; s++) {
      StringBuilder sb = new StringBuilder("date,open,high,low,close,volume\n");
      double p = 100;
      LocalDateTime d = LocalDateTime.of(2024, 1, 1, 0, 0);
      for (int k = 0; k < length[s]; d = d.plusDays(1)) {
        if (d.getDayOfWeek().getValue() <= 5) {
          double next = p * (1 + growth[s]);
          sb.append(d.format(DateTimeFormatter.ISO_LOCAL_DATE)).append(',').append(p).append(',')
              .append(Math.max(p, next)).append(',').append(Math.min(p, next)).append(',').append(next)
              .append(",1000000\n");
          p = next;
          k++;
        }
      }
      Files.writeString(folder.resolve(names[s] + ".csv"), sb);
    }
    return folder;
  }

  private static double[] returns(Path equityCsv) throws IOException {
    List<String> rows = Files.readAllLines(equityCsv);
    double[] out = new double[rows.size() - 1];
    double prev = 10_000;
    for (int i = 1; i < rows.size(); i++) {
      double v = Double.parseDouble(rows.get(i).split(",")[1]);
      out[i - 1] = v / prev - 1;
      prev = v;
    }
    return out;
  }

  private static double sharpe(double[] r) {
    double mean = java.util.Arrays.stream(r).average().orElseThrow();
    double ss = 0;
    for (double v : r) {
      ss += (v - mean) * (v - mean);
    }
    return mean / Math.sqrt(ss / (r.length - 1)) * Math.sqrt(252);
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
