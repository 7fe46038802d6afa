package io.momentic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The strategy catalog as the CLI shows it, and what exit codes and error lines mean. */
class CatalogAndErrorsCliTest {

  @TempDir
  Path dir;

  @Test
  void strategies_listsTheCatalog_andOneStrategysParametersWithDefaults() throws Exception {
    CliTest.Run list = CliTest.run("strategies");
    assertThat(list.exitCode()).isZero();
    assertThat(list.out()).contains("buy-and-hold", "sma-cross", "qqq-long-short", "xsec-momentum");

    CliTest.Run one = CliTest.run("strategies", "sma-cross", "--json");
    assertThat(one.exitCode()).as(one.err()).isZero();
    JsonNode doc = new ObjectMapper().readTree(one.out());
    assertThat(doc.get("name").asText()).isEqualTo("sma-cross");
    JsonNode fast = doc.get("params").get(0);
    assertThat(fast.get("name").asText()).isEqualTo("fast");
    assertThat(fast.get("type").asText()).isEqualTo("int");
    assertThat(fast.get("default").asInt()).isEqualTo(10);
    assertThat(doc.get("params").get(2).get("default").asBoolean()).isFalse(); // long-only: it shorts by default
  }

  @Test
  void misspelledCommandsAndOptions_nameTheNearest() {
    CliTest.Run command = CliTest.run("backtst", "--data", "x.csv");
    assertThat(command.exitCode()).isEqualTo(Main.EXIT_BAD_INPUT);
    assertThat(command.err()).contains("unknown command 'backtst' (did you mean 'backtest'?)");
    CliTest.Run withWorkspace = CliTest.run("--workspace", dir.toString(), "sweeep");
    assertThat(withWorkspace.err()).contains("unknown command 'sweeep' (did you mean 'sweep'?)");
    CliTest.Run option = CliTest.run("backtest", "--stratgy", "sma-cross");
    assertThat(option.exitCode()).isEqualTo(Main.EXIT_BAD_INPUT);
    assertThat(option.err()).contains("unknown option '--stratgy' (did you mean '--strategy'?)")
        .contains("see 'momentic backtest --help'");
    CliTest.Run far = CliTest.run("zzzzzzzz");
    assertThat(far.err()).contains("unknown command 'zzzzzzzz'; commands: ").contains("backtest");
    CliTest.Run strategy = CliTest.run("backtest", "--strategy", "sma-crss", "--data", "x.csv");
    assertThat(strategy.err()).contains("did you mean 'sma-cross'?");
  }

  @Test
  void plainProgress_endsWithTheTimeTaken_andAutoIsSilentOffATerminal() {
    Path goog = io.momentic.core.testing.TestBars.sharedData().resolve("backtesting_py/GOOG.csv");
    String[] sweep = {"sweep", "--data", goog.toString(), "--strategy", "sma-cross", "--grid", "fast=5,10",
        "--grid", "slow=30,50", "--resamples", "50", "--out", dir.resolve("p").toString()};
    CliTest.Run plain = CliTest.run(concat(new String[] {"--progress", "plain"}, sweep));
    assertThat(plain.exitCode()).as(plain.err()).isZero();
    assertThat(plain.err()).containsPattern("sweep: 4 step\\(s\\) in \\d+\\.\\d s");
    // The overfitting statistics are a phase of their own: C(16, 8) = 12,870 combinations of 16 blocks.
    assertThat(plain.err()).containsPattern(
        "overfitting statistics \\(CSCV, 12,870 combinations of 16 blocks\\): 12,870 step\\(s\\) in \\d+\\.\\d s");
    CliTest.Run auto = CliTest.run(sweep); // tests have no terminal: nothing on stderr
    assertThat(auto.err()).doesNotContain("step(s) in");
    CliTest.Run bad = CliTest.run(concat(new String[] {"--progress", "loud"}, sweep));
    assertThat(bad.exitCode()).isEqualTo(Main.EXIT_BAD_INPUT);
    assertThat(bad.err()).contains("auto, plain or none");
  }

  /** A plain line: done, share, elapsed and what is left, from the counts. */
  @Test
  void aPlainLine_saysHowFarAndHowLong() {
    Progress p = Progress.terminal();
    Progress.mode("plain");
    try {
      p.start("sweep", 200);
      p.accept(50);
      String line = p.line(System.nanoTime());
      assertThat(line).startsWith("sweep: 50 / 200 (25.0 %), ").contains(" s left");
    } finally {
      Progress.mode("auto");
    }
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Test
  void pipelineRunHelp_describesTheConfigKeys() {
    CliTest.Run help = CliTest.run("pipeline", "run", "--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("[[source]]").contains("min_quote_volume").contains("window_days")
        .contains("exchange_lookup").contains("--dry-run").contains("--as-of");
  }

  @Test
  void completionScripts_coverEveryCommand() {
    CliTest.Run bash = CliTest.run("completion", "bash");
    assertThat(bash.exitCode()).as(bash.err()).isZero();
    assertThat(bash.out()).contains("complete -F").contains("backtest").contains("walkforward")
        .contains("resolve-exchanges").contains("--strategy");
    CliTest.Run zsh = CliTest.run("completion", "zsh");
    assertThat(zsh.out()).startsWith("# zsh").contains("bashcompinit").contains("complete -F");
    assertThat(CliTest.run("completion", "fish").exitCode()).isEqualTo(Main.EXIT_BAD_INPUT);
  }

  @Test
  void anUnknownParameter_isBadInput_namingTheNearestOne() {
    CliTest.Run r = CliTest.run("--workspace", dir.toString(), "strategies", "sma-crsos");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("did you mean 'sma-cross'?");
  }

  @Test
  void badInput_withJson_isOneJsonLineNamingTheFileAndTheFix() throws Exception {
    CliTest.Run r = CliTest.run("inspect", dir.resolve("missing.csv").toString(), "--json");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err().lines().count()).isEqualTo(1);
    JsonNode e = new ObjectMapper().readTree(r.err());
    assertThat(e.get("error").asText()).contains("missing.csv");
    assertThat(e.get("file").asText()).endsWith("missing.csv");
    assertThat(e.get("fix").asText()).isNotBlank();
  }

  @Command(name = "boom")
  static final class Boom implements Callable<Integer> {
    @Override
    public Integer call() {
      throw new IllegalStateException("Expected a balanced ledger, but found a hole");
    }
  }

  @Test
  void anInternalInvariantFailure_exitsOne_withoutAStackTrace() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true));
    cli.addSubcommand("boom", new Boom());
    cli.setOut(new PrintWriter(out, true)); // reaches the new subcommand too
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute("boom");
    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).startsWith("momentic: internal error: ").contains("balanced ledger")
        .contains("--debug").doesNotContain("\tat ");
  }
}
