package io.momentic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.momentic.core.testing.TestBars;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CliTest {

  @TempDir
  Path dir;

  record Run(int exitCode, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Run(code, out.toString(), err.toString());
  }

  private Path file(String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, content);
    return p;
  }

  private static final String YAHOO = "Date,Open,High,Low,Close,Adj Close,Volume\n";

  @ParameterizedTest
  @ValueSource(strings = {"missing", "empty", "headerOnly", "unknownLayout", "wrongDelimiter", "unsorted",
      "duplicate", "highBelowLow", "nan", "infinite", "negativeVolume", "nonNumeric"})
  void badInput_exit2_withOneLineOnStderr(String kind) throws IOException {
    Path p = switch (kind) {
      case "missing" -> dir.resolve("missing.csv");
      case "empty" -> file("empty.csv", "");
      case "headerOnly" -> file("h.csv", YAHOO);
      case "unknownLayout" -> file("u.csv", "a,b\n1,2\n");
      case "wrongDelimiter" -> file("w.csv", "Date;Open;High;Low;Close;Adj Close;Volume\n2024-01-01;1;1;1;1;1;1\n");
      case "unsorted" -> file("o.csv", YAHOO + "2024-01-02,1,2,1,1,1,1\n2024-01-03,1,2,1,1,1,1\n2024-01-01,1,2,1,1,1,1\n");
      case "duplicate" -> file("d.csv", YAHOO + "2024-01-02,1,2,1,1,1,1\n2024-01-02,1,2,1,1,1,1\n");
      case "highBelowLow" -> file("hl.csv", YAHOO + "2024-01-02,1,1,2,1,1,1\n");
      case "nan" -> file("n.csv", YAHOO + "2024-01-02,NaN,2,1,1,1,1\n");
      case "infinite" -> file("i.csv", YAHOO + "2024-01-02,1,Infinity,1,1,1,1\n");
      case "negativeVolume" -> file("v.csv", YAHOO + "2024-01-02,1,2,1,1,1,-3\n");
      case "nonNumeric" -> file("x.csv", YAHOO + "2024-01-02,1,2,1,one,1,1\n");
      default -> throw new IllegalStateException(kind);
    };
    for (String command : List.of("inspect", "import")) {
      Run r = run("--workspace", dir.resolve("ws").toString(), command, p.toString());
      assertThat(r.exitCode()).as(command + " " + kind).isEqualTo(2);
      assertThat(r.err().lines().count()).as(r.err()).isEqualTo(1);
      assertThat(r.err()).startsWith("momentic: " + p).doesNotContain("Exception").doesNotContain("\tat ");
      assertThat(r.err()).contains("expected").contains("found");
    }
  }

  @Test
  void debug_printsTheStackTrace() {
    Run r = run("--debug", "inspect", dir.resolve("missing.csv").toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("DataFormatException").contains("\tat ");
  }

  @Test
  void inspect_listsUpToTwentyProblemsOnStdout() throws IOException {
    StringBuilder rows = new StringBuilder(YAHOO);
    for (int d = 1; d <= 25; d++) {
      rows.append(String.format("2024-01-%02d,1,2,1,bad,1,1%n", d));
    }
    Run r = run("inspect", file("many.csv", rows.toString()).toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.out().lines().filter(l -> l.contains("many.csv:"))).hasSize(20);
    assertThat(r.out()).contains("... and 5 more");
    assertThat(r.err()).contains("(and 24 more problems)");
  }

  @Test
  void import_writesCanonicalFiles_andAFailedImportLosesNothing() throws IOException {
    Path ws = dir.resolve("ws");
    Path good = file("GOOD.csv", YAHOO + "2024-01-02,1,2,1,1.5,1,10\n2024-01-03,1.5,2,1,1.8,1,12\n");
    Run ok = run("--workspace", ws.toString(), "import", good.toString());
    assertThat(ok.exitCode()).as(ok.err()).isZero();
    Path stored = ws.resolve("data/raw/GOOD.csv");
    String before = Files.readString(stored);
    assertThat(before).startsWith("timestamp,open_price,high_price,low_price,closing_price,volume\n"
        + "2024-01-03T00:00:00Z,1.5,2,1,1.8,12\n");

    // A second import of a changed GOOD.csv together with a bad file must write nothing at all.
    Path changed = file("GOOD2.csv", YAHOO + "2024-01-02,9,9,9,9,1,10\n2024-01-03,9,9,9,9,1,12\n");
    Path bad = file("BAD.csv", YAHOO + "2024-01-02,1,2,1,x,1,10\n");
    Run failed = run("--workspace", ws.toString(), "import", "--symbol", "GOOD", changed.toString(), bad.toString());
    assertThat(failed.exitCode()).isEqualTo(2);
    assertThat(Files.readString(stored)).isEqualTo(before);
    assertThat(ws.resolve("data/raw/BAD.csv")).doesNotExist();
  }

  @Test
  void import_spPanel_withDropInvalid_writesOneFilePerSymbol() {
    Path sp = TestBars.sharedData().resolve("sp500_5yr/all_stocks_5yr.csv");
    Path ws = dir.resolve("sp");
    Run r = run("--workspace", ws.toString(), "import", "--drop-invalid", sp.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(ws.resolve("data/raw").toFile().list()).hasSize(505);
    assertThat(r.out()).contains("imported 619017 bars of 505 symbol(s)");
    assertThat(r.out().lines().filter(l -> l.startsWith("dropped: "))).hasSize(20);
  }

  @Test
  void inspect_json_reportsLayoutAndQuirks() {
    Path btc = TestBars.sharedData().resolve("binance_spot_1d/BTCUSDT.csv");
    Run r = run("inspect", "--json", btc.toString());
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("\"layout\" : \"binance-klines\"").contains("\"bars\" : 2924")
        .contains("short candle 2018-02-08");
  }

  @Test
  void generate_isReproducible() throws IOException {
    Run a = run("--workspace", dir.resolve("a").toString(), "generate", "--symbols", "3", "--bars", "100", "--seed", "5");
    Run b = run("--workspace", dir.resolve("b").toString(), "generate", "--symbols", "3", "--bars", "100", "--seed", "5");
    assertThat(a.exitCode()).isZero();
    assertThat(Files.readString(dir.resolve("a/data/raw/SYN02.csv")))
        .isEqualTo(Files.readString(dir.resolve("b/data/raw/SYN02.csv")));
  }

  @Test
  void generate_badParameter_exit2() {
    Run r = run("--workspace", dir.toString(), "generate", "--model", "brownian");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("momentic: 'model': expected gbm or ou, found 'brownian'" + System.lineSeparator());
    Run unknownOption = run("generate", "--nope");
    assertThat(unknownOption.exitCode()).isEqualTo(2);
  }

  @Test
  void demo_generatesIntoAFreshWorkspaceAndPrintsASummary() {
    Path ws = dir.resolve("demo");
    Run r = run("--workspace", ws.toString(), "demo", "--no-serve");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("synthetic universe: 12 symbols x 1500 1d bars").contains("SYN12");
    assertThat(ws.resolve("data/raw/SYN01.csv")).exists();
    assertThat(ws.resolve("state")).isDirectory();
    // The QQQ long/short backtest ran on the demo's own index and funds, with every run output.
    assertThat(r.out()).contains("QQQ long/short").contains("fee stress x1.50");
    assertThat(ws.resolve("config/strategy/qqq_long_short.toml")).exists();
    for (String shipped : List.of("config/schedule.toml", "config/strategy/xsec_momentum_sweep.toml",
        "config/strategy/sma_cross_sweep.toml", "config/strategy/qqq_long_short_variants.toml")) {
      assertThat(ws.resolve(shipped)).as(shipped).exists(); // every config a hint or the README names
    }
    try (var runs = java.nio.file.Files.list(ws.resolve("data/results"))) {
      Path run = runs.filter(p -> p.getFileName().toString().startsWith("qqq-long-short-")).findFirst().orElseThrow();
      for (String f : List.of("equity.csv", "trades.csv", "metrics.json", "manifest.json", "plot.png", "report.html")) {
        assertThat(run.resolve(f)).exists();
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    // And a sweep with the numbers that say how far to trust its winner.
    assertThat(r.out()).contains("174 trials").contains("deflated Sharpe").contains("probability of backtest overfitting");
    try (var runs = java.nio.file.Files.list(ws.resolve("data/results"))) {
      Path sweep = runs.filter(p -> p.getFileName().toString().startsWith("sweep-sma-cross-")).findFirst().orElseThrow();
      for (String f : List.of("trials.csv", "summary.json", "report.html")) {
        assertThat(sweep.resolve(f)).exists();
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    // And the weekly momentum shortlist with both pages; the thin names are under the floor.
    assertThat(r.out()).contains("Momentum shortlist").contains("3 below the $5.0M/day floor").doesNotContain("THIN");
    for (String page : List.of("momentum.html", "momentum-groovy.html")) {
      assertThat(ws.resolve("data/results/screens").resolve(page)).exists();
    }
    // And the daily pipeline: every demo series in the store, crosses and shortlist in a dated archive.
    assertThat(r.out()).contains("Daily pipeline").containsPattern("refresh +ok .* 19 series");
    assertThat(ws.resolve("data/store/momentic.db")).exists();
    try (var archives = java.nio.file.Files.list(ws.resolve("data/results/archive"))) {
      assertThat(archives.map(p -> p.getFileName().toString()).toList()).singleElement().asString()
          .matches("\\d{4}-\\d{2}-\\d{2}\\.json");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    assertThat(ws.resolve("data/results/pages/crosses.html")).exists();
    assertThat(ws.resolve("data/results/pages/momentum.html")).exists();
    // The command the demo suggests next runs on the data the demo wrote (every variant, the hedge too).
    String next = r.out().lines().filter(l -> l.startsWith("next: ./momentic ")).findFirst().orElseThrow()
        .substring("next: ./momentic ".length());
    Run variants = run(next.split(" "));
    assertThat(variants.exitCode()).as(variants.err()).isZero();
    assertThat(variants.out()).contains("uvxy-hedge").contains("best calmar of");
  }

  @Test
  void helpAndVersion_everywhere() {
    for (String command : List.of("import", "inspect", "generate", "backtest", "metrics", "sweep", "walkforward",
        "stats", "cv", "screen", "gem", "regime", "demo")) {
      Run r = run(command, "--help");
      assertThat(r.exitCode()).isZero();
      assertThat(r.out()).contains("Usage: momentic " + command);
    }
    assertThat(run("--version").out()).startsWith("momentic ");
    assertThat(run("--help").out()).contains("Exit codes:");
  }
}
