package io.momentic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code momentic paper run} and {@code paper status} as the README shows them. */
class PaperCliTest {

  @TempDir
  Path dir;

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void paperRun_endsWhereTheBacktestEnds_andStatusReadsItBack() throws Exception {
    CliTest.Run g = CliTest.run("--workspace", dir.toString(), "generate", "--symbols", "2", "--bars", "400",
        "--seed", "5");
    assertThat(g.exitCode()).as(g.err()).isZero();
    Path config = dir.resolve("config/paper.toml");
    Files.createDirectories(config.getParent());
    Files.writeString(config, """
        [paper]
        state = "state/paper"

        [[strategy]]
        id = "sma"
        strategy = "sma-cross"
        data = ["../data/raw/SYN01.csv"]
        cash = 10000.0
        commission = "0.001"
        slippage_bps = 5.0
        params = { fast = 8, slow = 30 }

        [[strategy]]
        id = "hold"
        strategy = "buy-and-hold"
        data = ["../data/raw/SYN01.csv", "../data/raw/SYN02.csv"]
        """);
    CliTest.Run r = CliTest.run("--workspace", dir.toString(), "paper", "run", "--config", config.toString(), "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode run = JSON.readTree(r.out());

    // The same settings through momentic backtest: the paper books end on its final equity, to the bit.
    CliTest.Run sma = CliTest.run("--workspace", dir.toString(), "backtest", "--strategy", "sma-cross", "--data",
        dir.resolve("data/raw/SYN01.csv").toString(), "--cash", "10000", "--commission", "0.001", "--slippage-bps",
        "5", "--param", "fast=8", "--param", "slow=30", "--json");
    assertThat(sma.exitCode()).as(sma.err()).isZero();
    JsonNode smaBacktest = JSON.readTree(sma.out());
    JsonNode paperSma = run.get("strategies").get(0);
    assertThat(paperSma.get("id").asText()).isEqualTo("sma");
    assertThat(paperSma.get("equity").asDouble()).isEqualTo(smaBacktest.get("final_equity").asDouble());
    assertThat(paperSma.get("bars").asInt()).isEqualTo(400);
    // One skip reason for each bar without an order; every order was sent.
    int skipped = 0;
    for (JsonNode n : paperSma.get("skips")) {
      skipped += n.asInt();
    }
    assertThat(paperSma.get("skips").get("warm_up").asInt()).isEqualTo(
        smaBacktest.get("warm_up_bars") == null ? 30 : smaBacktest.get("warm_up_bars").asInt());
    assertThat(skipped + barsWithOrders(paperSma)).isEqualTo(400);
    assertThat(paperSma.get("fills").asInt()).isPositive();

    CliTest.Run hold = CliTest.run("--workspace", dir.toString(), "backtest", "--strategy", "buy-and-hold", "--data",
        dir.resolve("data/raw/SYN01.csv").toString(), "--data", dir.resolve("data/raw/SYN02.csv").toString(), "--json");
    assertThat(run.get("strategies").get(1).get("equity").asDouble())
        .isEqualTo(JSON.readTree(hold.out()).get("final_equity").asDouble());

    // Status reads the same from the journal alone; a second run finds every bar done.
    CliTest.Run status = CliTest.run("--workspace", dir.toString(), "paper", "status", "--json");
    assertThat(status.exitCode()).as(status.err()).isZero();
    assertThat(JSON.readTree(status.out()).get("strategies")).isEqualTo(run.get("strategies"));
    assertThat(JSON.readTree(status.out()).get("book").asText()).isEqualTo("active");
    CliTest.Run again = CliTest.run("--workspace", dir.toString(), "paper", "run", "--config", config.toString(),
        "--json");
    assertThat(JSON.readTree(again.out()).get("strategies")).isEqualTo(run.get("strategies"));

    // The promotion gate: the backtest replayed on the bars the runtime saw agrees on every decision.
    CliTest.Run compare = CliTest.run("--workspace", dir.toString(), "paper", "compare", "--config", config.toString(),
        "--json");
    assertThat(compare.exitCode()).as(compare.err()).isZero();
    JsonNode cmp = JSON.readTree(compare.out());
    assertThat(cmp.get("strategies").get(0).get("agreement").asDouble()).isEqualTo(1.0);
    assertThat(cmp.get("strategies").get(0).get("validated").asBoolean()).isTrue();
    assertThat(cmp.get("strategies").get(0).get("paper_pnl").asDouble())
        .isEqualTo(smaBacktest.get("final_equity").asDouble() - 10_000);

    CliTest.Run text = CliTest.run("--workspace", dir.toString(), "paper", "status");
    assertThat(text.out()).contains("sma", "hold", "running", "warm_up");
  }

  @Test
  void operatorActions_reconcileAndTheInbox_fromTheCommandLine() throws Exception {
    Path config = smallConfig();
    assertThat(CliTest.run("--workspace", dir.toString(), "paper", "run", "--config", config.toString()).exitCode())
        .isZero();
    String[] ws = {"--workspace", dir.toString(), "paper"};
    CliTest.Run pause = CliTest.run(cat(ws, "pause", "sma", "--reason", "checking fills", "--config", config.toString(),
        "--json"));
    assertThat(pause.exitCode()).as(pause.err()).isZero();
    JsonNode paused = JSON.readTree(pause.out());
    assertThat(paused.get("queued").asBoolean()).isFalse();
    assertThat(paused.get("strategies").get(0).get("state").asText()).isEqualTo("paused");
    assertThat(paused.get("strategies").get(0).get("reason").asText()).isEqualTo("operator: checking fills");
    // Not allowed from here: exit 2, with what is allowed.
    CliTest.Run clear = CliTest.run(cat(ws, "clear", "sma", "--reason", "x", "--config", config.toString()));
    assertThat(clear.exitCode()).isEqualTo(2);
    assertThat(clear.err()).contains("expected sma quarantined to clear it, found it paused");
    assertThat(CliTest.run(cat(ws, "resume", "sma", "--reason", "ok", "--config", config.toString())).exitCode())
        .isZero();

    CliTest.Run rec = CliTest.run(cat(ws, "reconcile", "--config", config.toString(), "--json"));
    assertThat(rec.exitCode()).as(rec.err()).isZero();
    assertThat(JSON.readTree(rec.out()).get("agrees").asBoolean()).isTrue();
    assertThat(CliTest.run(cat(ws, "incidents")).out()).contains("no incidents");
    assertThat(CliTest.run(cat(ws, "dust", "--config", config.toString())).out()).contains("no dust");

    // While a runtime holds the journal, an action is queued for it; the runtime takes it at its next bar.
    try (var held = io.momentic.paper.journal.Journal.openWriter(dir.resolve("state/paper/journal.db"))) {
      CliTest.Run halt = CliTest.run(cat(ws, "halt", "--reason", "drill", "--config", config.toString(), "--json"));
      assertThat(halt.exitCode()).as(halt.err()).isZero();
      assertThat(JSON.readTree(halt.out()).get("queued").asBoolean()).isTrue();
    }
    assertThat(CliTest.run(cat(ws, "status", "--json")).out()).contains("\"book\" : \"active\"");
    CliTest.Run again = CliTest.run(cat(ws, "run", "--config", config.toString()));
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(JSON.readTree(CliTest.run(cat(ws, "status", "--json")).out()).get("book").asText())
        .isEqualTo("halted");
    assertThat(Files.list(dir.resolve("state/paper/inbox")).toList()).isEmpty();
  }

  private Path smallConfig() throws Exception {
    CliTest.Run g = CliTest.run("--workspace", dir.toString(), "generate", "--symbols", "1", "--bars", "200",
        "--seed", "9");
    assertThat(g.exitCode()).as(g.err()).isZero();
    Path config = dir.resolve("config/paper.toml");
    Files.createDirectories(config.getParent());
    Files.writeString(config, """
        [[strategy]]
        id = "sma"
        strategy = "sma-cross"
        data = ["../data/raw/SYN01.csv"]
        params = { fast = 5, slow = 20 }
        """);
    return config;
  }

  private static String[] cat(String[] head, String... tail) {
    String[] out = java.util.Arrays.copyOf(head, head.length + tail.length);
    System.arraycopy(tail, 0, out, head.length, tail.length);
    return out;
  }

  /** Bars that sent an order: every bar records one skip reason or at least one order. */
  private static int barsWithOrders(JsonNode slot) {
    return slot.get("bars").asInt() - sum(slot.get("skips"));
  }

  private static int sum(JsonNode counts) {
    int s = 0;
    for (JsonNode n : counts) {
      s += n.asInt();
    }
    return s;
  }

  @Test
  void aTypoInThePaperConfig_isOneClearErrorWithExit2() throws Exception {
    Path config = dir.resolve("paper.toml");
    Files.writeString(config, """
        [paper]
        sped = 3

        [[strategy]]
        id = "x"
        strategy = "sma-cross"
        """);
    CliTest.Run r = CliTest.run("--workspace", dir.toString(), "paper", "run", "--config", config.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("paper.toml:2:", "sped", "did you mean 'speed'");

    CliTest.Run none = CliTest.run("--workspace", dir.toString(), "paper", "status");
    assertThat(none.exitCode()).isEqualTo(2);
    assertThat(none.err()).contains("journal", "paper run --config");
  }
}
