package io.momentic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reproducers of the hardening issue that a user reaches through the command line. */
class HardeningCliTest {

  @TempDir
  Path dir;

  private static final String LONG_PANEL = "date,open,high,low,close,volume,Name\n";

  private Path file(String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
    return p;
  }

  private long filesUnder(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).count();
    }
  }

  @Test
  void aPanelSymbolThatIsAPath_isRefusedAtItsLine_andNothingIsWrittenOutside() throws IOException {
    Path repo = dir.resolve("a/b/c/d");
    Path ws = repo.resolve("ws");
    Path panel = file("a/b/c/d/panel.csv", LONG_PANEL + "2024-01-02,10,11,9,10.5,100,AAA\n"
        + "2024-01-02,10,11,9,10.5,100,../../../../outside-the-repo\n");
    long before = filesUnder(dir);
    CliTest.Run r = CliTest.run("--workspace", ws.toString(), "import", panel.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err().strip().lines().findFirst().orElseThrow()).contains("panel.csv:3").containsIgnoringCase("'name'")
        .contains("'../../../../outside-the-repo'").contains("path separator").doesNotContain("Exception");
    assertThat(dir.resolve("a/outside-the-repo.csv")).doesNotExist();
    assertThat(filesUnder(dir)).isEqualTo(before); // not even the good symbol: the file is refused whole

    Path etc = file("etc.csv", LONG_PANEL + "2024-01-02,10,11,9,10.5,100,../../etc/passwd\n");
    r = CliTest.run("--workspace", ws.toString(), "import", etc.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("etc.csv:2").contains("'../../etc/passwd'");
    assertThat(ws.resolve("etc")).doesNotExist();
    assertThat(dir.resolve("etc")).doesNotExist();
  }

  @Test
  void controlCharactersAndDotNames_areRefusedToo() throws IOException {
    Path ws = dir.resolve("ws");
    for (String bad : new String[] {"..", ".hidden", "A\u0007B", "C:\\\\x", "a b"}) {
      Path panel = file("p.csv", LONG_PANEL + "2024-01-02,10,11,9,10.5,100," + bad + "\n");
      CliTest.Run r = CliTest.run("--workspace", ws.toString(), "import", panel.toString());
      assertThat(r.exitCode()).as(bad).isEqualTo(2);
      assertThat(r.err()).as(bad).contains("p.csv:2").contains("expected a symbol");
    }
    assertThat(ws.resolve("data/raw")).satisfiesAnyOf(p -> assertThat(p).doesNotExist(),
        p -> assertThat(filesUnder(p)).isZero());
  }

  @Test
  void theSymbolOption_isCheckedAlike_andAFileNameBecomesAValidSymbol() throws IOException {
    Path ws = dir.resolve("ws");
    String yahoo = "Date,Open,High,Low,Close,Adj Close,Volume\n2024-01-02,10,11,9,10.5,10.5,100\n"
        + "2024-01-03,10,11,9,10.5,10.5,100\n";
    Path p = file("GOOG (1).csv", yahoo);
    CliTest.Run r = CliTest.run("--workspace", ws.toString(), "import", p.toString(), "--symbol", "../up");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("symbol").contains("'../up'");

    r = CliTest.run("--workspace", ws.toString(), "import", p.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    // Characters outside the symbol rule become '_': "GOOG (1)" is stored as GOOG__1_.
    assertThat(ws.resolve("data/raw/GOOG__1_.csv")).exists();
  }

  @Test
  void aStoreReachedThroughAHardLink_isRefusedWithExit2_underBothNames() throws IOException {
    Path src = dir.resolve("src");
    assertThat(CliTest.run("--workspace", src.toString(), "generate", "--symbols", "2", "--bars", "300", "--seed", "3")
        .exitCode()).isZero();
    Path ws = dir.resolve("ws");
    String[] fetch = {"--workspace", ws.toString(), "fetch", "--venue", "csv", "--folder", src.resolve("data/raw")
        .toString(), "--universe", "--since", "2000-01-01"};
    CliTest.Run first = CliTest.run(fetch);
    assertThat(first.exitCode()).as(first.err()).isZero();
    Path hard = Files.createDirectories(dir.resolve("other")).resolve("hard.db");
    Files.createLink(hard, ws.resolve("data/store/momentic.db"));
    String[] viaLink = java.util.Arrays.copyOf(fetch, fetch.length + 2);
    viaLink[fetch.length] = "--store";
    viaLink[fetch.length + 1] = hard.toString();
    for (String[] args : List.of(fetch, viaLink)) {
      CliTest.Run r = CliTest.run(args);
      assertThat(r.exitCode()).isEqualTo(2);
      assertThat(r.err()).contains("hard links").contains("fix:").doesNotContain("Exception");
    }
  }

  @Test
  void aCsvFolderWithOneMalformedFile_storesTheGoodSymbolsAndReportsTheBadOne() throws IOException {
    Path src = dir.resolve("src");
    assertThat(CliTest.run("--workspace", src.toString(), "generate", "--symbols", "3", "--bars", "300", "--seed", "4")
        .exitCode()).isZero();
    Path raw = src.resolve("data/raw");
    List<Path> good;
    try (Stream<Path> s = Files.list(raw)) {
      good = s.sorted().toList();
    }
    Files.writeString(raw.resolve("BROKEN.csv"), "timestamp,open_price,high_price,low_price,closing_price,volume\n"
        + "2024-01-02T00:00:00Z,10,9,11,10,5\n2024-01-01T00:00:00Z,10,11,9,10,5\n");
    Files.writeString(raw.resolve("holidays.csv"), "date,holiday\n2024-01-01,New Year\n");
    Path ws = dir.resolve("ws");
    CliTest.Run r = CliTest.run("--workspace", ws.toString(), "fetch", "--venue", "csv", "--folder", raw.toString(),
        "--universe", "--since", "2000-01-01");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
    assertThat(r.out()).contains("added 900 bar(s) to 3 symbol(s); 2 failed")
        .contains("failed: BROKEN: ").contains("BROKEN.csv:2").contains("failed: holidays: ");
    CliTest.Run list = CliTest.run("--workspace", ws.toString(), "store", "list");
    for (Path f : good) {
      assertThat(list.out()).contains(f.getFileName().toString().replace(".csv", ""));
    }

    // A folder load skips the file that holds no bars, with a note; the malformed bar file is still an error.
    Files.delete(raw.resolve("BROKEN.csv"));
    CliTest.Run screen = CliTest.run("--workspace", ws.toString(), "screen", "momentum", "--data", raw.toString(),
        "--top", "2", "--min-addv", "0", "--lookback", "4", "--skip", "1");
    assertThat(screen.exitCode()).as(screen.err()).isZero();
    assertThat(screen.err()).contains("note: skipped ").contains("holidays.csv: not a bar file");
  }

  @Test
  void impossibleCostsCashAndPricesAreRefused_andATinySampleCarriesAWarning() throws IOException {
    Path ws = dir.resolve("ws");
    assertThat(CliTest.run("--workspace", ws.toString(), "generate", "--symbols", "1", "--bars", "300", "--seed", "2")
        .exitCode()).isZero();
    Path raw;
    try (Stream<Path> s = Files.list(ws.resolve("data/raw"))) {
      raw = s.findFirst().orElseThrow();
    }
    String[] base = {"--workspace", ws.toString(), "backtest", "--data", raw.toString(), "--strategy", "sma-cross"};
    String[][] bad = {{"--slippage-bps", "100000"}, {"--cash", "1e300"}, {"--commission", "0.7"},
        {"--slippage-bps", "NaN"}, {"--cash", "-5"}};
    String[] says = {"below 10000 bps", "at most 1e15", "stays below 100 %", "below 10000 bps", "amount > 0"};
    for (int i = 0; i < bad.length; i++) {
      String[] args = java.util.Arrays.copyOf(base, base.length + 2);
      args[base.length] = bad[i][0];
      args[base.length + 1] = bad[i][1];
      CliTest.Run r = CliTest.run(args);
      assertThat(r.exitCode()).as(String.join(" ", bad[i]) + ": " + r.err()).isEqualTo(2);
      assertThat(r.err()).contains(says[i]).contains("fix:");
    }

    Path huge = dir.resolve("HUGE.csv");
    Files.writeString(huge, "Date,Open,High,Low,Close,Adj Close,Volume\n2024-01-02,1e300,1e300,1e300,1e300,1,1\n"
        + "2024-01-03,1e300,1e300,1e300,1e300,1,1\n");
    CliTest.Run r = CliTest.run("--workspace", ws.toString(), "backtest", "--data", huge.toString(), "--strategy",
        "buy-and-hold");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains("prices at most 1e15").contains("units");

    Path tiny = dir.resolve("TINY.csv");
    Files.writeString(tiny, "Date,Open,High,Low,Close,Adj Close,Volume\n2024-01-02,10,11,9,10.5,1,100\n"
        + "2024-01-03,10.5,11,10,10.8,1,100\n");
    r = CliTest.run("--workspace", ws.toString(), "backtest", "--data", tiny.toString(), "--strategy",
        "buy-and-hold", "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("only 2 bar(s) traded").contains("too few");
  }
}
