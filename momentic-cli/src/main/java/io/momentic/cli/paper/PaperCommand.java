package io.momentic.cli.paper;

import io.momentic.cli.ExitCodes;
import io.momentic.cli.MomenticCommand;
import io.momentic.cli.Output;
import io.momentic.cli.Progress;
import io.momentic.core.Timestamps;
import io.momentic.paper.runtime.JournalSummary;
import io.momentic.report.Json;
import io.momentic.report.Numbers;
import io.momentic.report.text.Tables;
import io.momentic.workflow.paper.PaperRuns;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code momentic paper}: paper trading on the backtest's execution core. */
@Command(name = "paper", mixinStandardHelpOptions = true,
    subcommands = {PaperCommand.Run.class, PaperCommand.Status.class},
    description = "Paper trading: the same strategies as backtests, orders journaled before they are sent to a paper "
        + "venue that fills with the backtest's own execution core. 'momentic paper run --help', "
        + "'momentic paper status --help'.")
public final class PaperCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @ParentCommand
  public MomenticCommand root;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return ExitCodes.OK;
  }

  /** {@code momentic paper run}. */
  @Command(name = "run", mixinStandardHelpOptions = true,
      description = "Run the strategies of a paper config ([paper] and one [[strategy]] per strategy: id, strategy or "
          + "config, data, cash, commission, slippage_bps, fill, start, params) on a replay of their stored bars. "
          + "Every order intent is journaled before it is sent; run it again and it carries on where it stopped "
          + "(after a crash too). State: the [paper] state folder (default state/paper).")
  public static final class Run implements Callable<Integer> {

    @ParentCommand
    PaperCommand parent;

    @Mixin
    Output output;

    @Option(names = "--config", required = true, paramLabel = "FILE.toml", description = "The paper config.")
    Path config;

    @Option(names = "--speed", paramLabel = "BARS_PER_S",
        description = "Replay speed in bars a second (0: as fast as it goes). Default: [paper] speed, else 0.")
    Double speed;

    @Override
    public Integer call() throws InterruptedException {
      Path workspace = parent.root.workspace().root();
      PaperRuns.RunRecord r;
      try (Progress progress = Progress.terminal()) {
        r = PaperRuns.run(new PaperRuns.RunRequest(config, workspace, speed, progress));
      }
      if (output.json()) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("state", r.state().toString());
        doc.put("journal", r.journal().toString());
        doc.put("strategies", document(r.strategies()));
        output.out().println(Json.pretty(doc));
      } else {
        print(output.out(), r.strategies());
        output.out().println("journal: " + r.journal());
        output.out().println("next: momentic paper status --state " + r.state());
      }
      return ExitCodes.OK;
    }
  }

  /** {@code momentic paper status}. */
  @Command(name = "status", mixinStandardHelpOptions = true,
      description = "Each strategy's state and why, its last bar and equity, positions, orders sent / denied / "
          + "rejected / unknown outcome, fills and skipped bars by reason — read from the journal alone, without "
          + "disturbing a running runtime.")
  public static final class Status implements Callable<Integer> {

    @ParentCommand
    PaperCommand parent;

    @Mixin
    Output output;

    @Option(names = "--state", paramLabel = "DIR", description = "The paper state folder. Default: state/paper.")
    Path state;

    @Override
    public Integer call() {
      Path dir = state != null ? state : parent.root.workspace().root().resolve("state/paper");
      Map<String, JournalSummary.Slot> slots = PaperRuns.status(dir);
      if (output.json()) {
        output.out().println(Json.pretty(Map.of("strategies", document(slots))));
      } else {
        print(output.out(), slots);
      }
      return ExitCodes.OK;
    }
  }

  static List<Map<String, Object>> document(Map<String, JournalSummary.Slot> slots) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (JournalSummary.Slot s : slots.values()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", s.id());
      m.put("state", s.state());
      m.put("reason", s.reason());
      m.put("since", s.stateSince() == Long.MIN_VALUE ? null : Timestamps.format(s.stateSince()));
      m.put("bars", s.bars());
      m.put("last_bar", s.lastBar() == Long.MIN_VALUE ? null : Timestamps.format(s.lastBar()));
      m.put("equity", s.equity());
      m.put("cash", s.cash());
      m.put("positions", s.positions());
      m.put("fills", s.fills());
      m.put("orders_sent", s.ordersSent());
      m.put("denied", s.denied());
      m.put("rejected", s.rejected());
      m.put("unknown_outcomes", s.unknownOutcomes());
      m.put("skips", s.skips());
      out.add(m);
    }
    return out;
  }

  static void print(PrintWriter out, Map<String, JournalSummary.Slot> slots) {
    List<List<String>> rows = new ArrayList<>();
    for (JournalSummary.Slot s : slots.values()) {
      rows.add(List.of(s.id(), s.state(), s.lastBar() == Long.MIN_VALUE ? "-" : Timestamps.format(s.lastBar()),
          Numbers.fmt(s.equity(), Numbers.Kind.MONEY),
          s.positions().isEmpty() ? "flat" : s.positions().entrySet().stream()
              .map(e -> e.getKey() + " " + Numbers.fmt(e.getValue(), Numbers.Kind.QTY)).collect(Collectors.joining(", ")),
          Integer.toString(s.fills()),
          s.ordersSent() + " / " + s.denied() + " / " + s.rejected() + " / " + s.unknownOutcomes(),
          s.skips().entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "))));
    }
    Tables.print(out, List.of("strategy", "state", "last bar", "equity", "positions", "fills",
        "sent / denied / rejected / unknown", "bars skipped"), rows);
    for (JournalSummary.Slot s : slots.values()) {
      if (!"running".equals(s.state())) {
        out.println(s.id() + ": " + s.state() + " — " + s.reason());
      }
    }
  }
}
