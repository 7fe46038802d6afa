package io.momentic.cli.paper;

import io.momentic.cli.ExitCodes;
import io.momentic.cli.MomenticCommand;
import io.momentic.cli.Output;
import io.momentic.cli.Progress;
import io.momentic.paper.runtime.JournalSummary;
import io.momentic.report.Json;
import io.momentic.workflow.paper.PaperRuns;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
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
        doc.put("strategies", PaperRuns.document(r.strategies()));
        output.out().println(Json.pretty(doc));
      } else {
        PaperRuns.printSummary(output.out(), r.strategies());
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
        output.out().println(Json.pretty(Map.of("strategies", PaperRuns.document(slots))));
      } else {
        PaperRuns.printSummary(output.out(), slots);
      }
      return ExitCodes.OK;
    }
  }
}
