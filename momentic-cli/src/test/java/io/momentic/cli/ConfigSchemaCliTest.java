package io.momentic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every config file has a schema: the hardening audit's config reproducers, each one line and exit 2. */
class ConfigSchemaCliTest {

  @TempDir
  Path dir;

  private Path ws(String pipeline) throws IOException {
    Path ws = dir.resolve("ws");
    Files.createDirectories(ws.resolve("config"));
    Files.writeString(ws.resolve("config/pipeline.toml"), pipeline);
    return ws;
  }

  private CliTest.Run pipeline(String toml) throws IOException {
    return CliTest.run("--workspace", ws(toml).toString(), "pipeline", "run", "--now", "2026-01-10T12:00:00Z");
  }

  private CliTest.Run schedule(String toml) throws IOException {
    Path file = dir.resolve("schedule.toml");
    Files.writeString(file, toml);
    return CliTest.run("--workspace", dir.toString(), "schedule", "next", "--config", file.toString());
  }

  private static void oneClearLine(CliTest.Run r) {
    assertThat(r.exitCode()).as(r.err() + r.out()).isEqualTo(2);
    assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
    assertThat(r.err()).contains("fix:").doesNotContain("java.").doesNotContain("Exception")
        .doesNotContain("ArrayList").doesNotContain("Double").doesNotContain("Integer");
  }

  @Test
  void aMisspelledKeyIsRefusedWithTheNearestOne() throws IOException {
    CliTest.Run r = pipeline("[crosses]\ninterval = \"1d\"\nwindw_days = 10\n");
    oneClearLine(r);
    assertThat(r.err()).contains("pipeline.toml:3").contains("'windw_days'").contains("did you mean 'window_days'?");

    r = schedule("[[job]]\nname = \"daily\"\ncron = \"30 2 * * TUE-SAT\"\nzoen = \"Africa/Johannesburg\"\n"
        + "command = [\"pipeline\", \"run\"]\n");
    oneClearLine(r);
    assertThat(r.err()).contains("schedule.toml:4").contains("did you mean 'zone'?");
  }

  @Test
  void wrongKindsAndRangesAreRefusedAtTheirLine() throws IOException {
    CliTest.Run r = pipeline("[crosses]\nwindow_days = \"abc\"\n");
    oneClearLine(r);
    assertThat(r.err()).contains("pipeline.toml:2").contains("window_days").contains("a whole number")
        .contains("abc");

    r = pipeline("[crosses]\nwindow_days = 0\n");
    oneClearLine(r);
    assertThat(r.err()).contains("pipeline.toml:2").contains("from 1 to 3650").contains("found 0");

    r = pipeline("[[source]]\nvenue = \"csv\"\nfolder = \"feed\"\nsince = \"2024/01/01\"\n");
    oneClearLine(r);
    assertThat(r.err()).contains("pipeline.toml:4").contains("since").contains("'2024/01/01'")
        .contains("YYYY-MM-DD");

    r = pipeline("[[source]]\nvenue = \"binanse\"\n");
    oneClearLine(r);
    assertThat(r.err()).contains("pipeline.toml:2").contains("did you mean 'binance'?");

    r = pipeline("[[source]]\nvenue = \"csv\"\nfolder = \"feed\"\ninterval = \"7x\"\n");
    oneClearLine(r);
    assertThat(r.err()).contains("pipeline.toml:4").contains("'7x'");
  }

  @Test
  void aZoneThatDoesNotExistAndACronThatNeverFiresAreRefused() throws IOException {
    CliTest.Run r = schedule("[[job]]\ncron = \"30 2 * * *\"\nzone = \"Africa/Johanesburg\"\ncommand = [\"x\"]\n");
    oneClearLine(r);
    assertThat(r.err()).contains("schedule.toml:3").contains("did you mean 'Africa/Johannesburg'?");

    r = schedule("[[job]]\ncron = \"0 0 30 2 *\"\ncommand = [\"pipeline\", \"run\"]\n");
    oneClearLine(r);
    assertThat(r.err()).contains("schedule.toml:2").contains("never").contains("0 0 30 2 *");

    r = schedule("[[job]]\ncron = \"0 0 29 2 *\"\ncommand = [\"pipeline\", \"run\"]\n"); // leap days: it fires
    assertThat(r.exitCode()).as(r.err()).isZero();
  }

  @Test
  void aStrategyConfigValueOfTheWrongKindNamesNoJavaType() throws IOException {
    Path config = dir.resolve("bad.toml");
    Files.writeString(config, "[backtest]\nstrategy = \"sma-cross\"\ncash = \"lots\"\n");
    CliTest.Run r = CliTest.run("--workspace", dir.toString(), "backtest", "--config", config.toString(), "--data",
        dir.resolve("none.csv").toString());
    oneClearLine(r);
    assertThat(r.err()).contains("bad.toml:3").contains("cash").contains("a number").contains("lots");
  }

  @Test
  void aDailyFolderFetchedAsHourlyIsRefused_notStoredAsHourly() throws IOException {
    Path ws = ws("[[source]]\nvenue = \"csv\"\nfolder = \"feed\"\ninterval = \"1h\"\nsince = \"2000-01-01\"\n");
    Path feed = Files.createDirectories(ws.resolve("feed"));
    assertThat(CliTest.run("--workspace", dir.resolve("gen").toString(), "generate", "--symbols", "1", "--bars", "50",
        "--seed", "1").exitCode()).isZero();
    try (var files = Files.list(dir.resolve("gen/data/raw"))) {
      for (Path f : files.toList()) {
        Files.copy(f, feed.resolve(f.getFileName()));
      }
    }
    CliTest.Run r = CliTest.run("--workspace", ws.toString(), "pipeline", "run", "--now", "2030-01-10T12:00:00Z");
    assertThat(r.err()).contains("refresh csv").contains("bars spaced by 1h, the interval given").contains("bars spaced by 1d");
    CliTest.Run list = CliTest.run("--workspace", ws.toString(), "store", "list");
    assertThat(list.out()).doesNotContain(" 1h ");
  }
}
