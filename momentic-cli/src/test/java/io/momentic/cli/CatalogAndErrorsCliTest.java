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
