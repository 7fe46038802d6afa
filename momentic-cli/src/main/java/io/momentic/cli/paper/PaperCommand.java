package io.momentic.cli.paper;

import io.momentic.cli.ExitCodes;
import io.momentic.cli.MomenticCommand;
import io.momentic.cli.Output;
import io.momentic.cli.Progress;
import io.momentic.core.Decimals;
import io.momentic.core.Timestamps;
import io.momentic.paper.runtime.JournalSummary;
import io.momentic.paper.runtime.Operations;
import io.momentic.paper.runtime.PaperRuntime;
import io.momentic.report.text.Tables;
import java.util.List;
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
    subcommands = {PaperCommand.Run.class, PaperCommand.Status.class, PaperCommand.Pause.class,
        PaperCommand.Resume.class, PaperCommand.Clear.class, PaperCommand.Kill.class, PaperCommand.Retire.class,
        PaperCommand.Halt.class, PaperCommand.Reduce.class, PaperCommand.Activate.class, PaperCommand.Reconcile.class,
        PaperCommand.Incidents.class, PaperCommand.Dust.class, PaperCommand.CloseDust.class, PaperCommand.Compare.class},
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

    @Option(names = "--once", description = "With feed = \"store\": take every bar closed (and settled) by now, "
        + "then stop — for cron or the scheduler. Without it the runtime follows the store until stopped.")
    boolean once;

    @Option(names = "--as-of", paramLabel = "DATE", description = "With feed = \"store\": run as of the end of "
        + "this day (UTC) instead of now — bars after it have not closed.")
    String asOf;

    @Override
    public Integer call() throws InterruptedException {
      Path workspace = parent.root.workspace().root();
      PaperRuns.RunRecord r;
      try (Progress progress = Progress.terminal()) {
        r = PaperRuns.run(new PaperRuns.RunRequest(config, workspace, speed, progress, once, asOf == null ? null
            : java.time.Instant.ofEpochMilli(io.momentic.workflow.backtest.BacktestRun.endOfDay("as-of", asOf))));
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
      String book = PaperRuns.book(dir);
      if (output.json()) {
        output.out().println(Json.pretty(Map.of("book", book, "strategies", PaperRuns.document(slots))));
      } else {
        output.out().println("book: " + book);
        PaperRuns.printSummary(output.out(), slots);
      }
      return ExitCodes.OK;
    }
  }

  /** What every action on a config's state takes. */
  abstract static class OnConfig {
    @ParentCommand
    PaperCommand parent;

    @Mixin
    Output output;

    @Option(names = "--config", required = true, paramLabel = "FILE.toml", description = "The paper config.")
    Path config;

    Path workspace() {
      return parent.root.workspace().root();
    }
  }

  /** An operator's action on one strategy. */
  abstract static class StrategyAction extends OnConfig implements Callable<Integer> {
    @picocli.CommandLine.Parameters(index = "0", paramLabel = "STRATEGY", description = "The strategy's id.")
    String strategy;

    @Option(names = "--reason", required = true, paramLabel = "TEXT",
        description = "Why (journaled with the transition, shown by status).")
    String reason;

    abstract Operations.Action action();

    @Override
    public Integer call() {
      return report(output, PaperRuns.control(config, workspace(), strategy, action(), reason));
    }
  }

  /** An action on the whole book (the kill switch). */
  abstract static class BookAction extends OnConfig implements Callable<Integer> {
    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why (journaled).")
    String reason;

    abstract Operations.Action action();

    @Override
    public Integer call() {
      return report(output, PaperRuns.control(config, workspace(), null, action(), reason));
    }
  }

  static int report(Output output, PaperRuns.ControlRecord r) {
    if (output.json()) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("queued", r.queued());
      doc.put("inbox_file", r.inboxFile() == null ? null : r.inboxFile().toString());
      doc.put("target", r.target());
      doc.put("action", r.action());
      doc.put("book", r.book());
      doc.put("strategies", PaperRuns.document(r.strategies()));
      output.out().println(Json.pretty(doc));
    } else if (r.queued()) {
      output.out().println("a runtime holds the journal: " + r.action() + " queued for it (" + r.inboxFile()
          + "); it takes it at its next bar");
    } else {
      output.out().println(r.action() + " " + r.target() + ": done; book " + r.book());
      PaperRuns.printSummary(output.out(), r.strategies());
    }
    return ExitCodes.OK;
  }

  @Command(name = "pause", mixinStandardHelpOptions = true,
      description = "RUNNING -> PAUSED: no decisions until resumed (working orders stay).")
  public static final class Pause extends StrategyAction {
    @Override
    Operations.Action action() {
      return Operations.Action.PAUSE;
    }
  }

  @Command(name = "resume", mixinStandardHelpOptions = true, description = "PAUSED -> RUNNING.")
  public static final class Resume extends StrategyAction {
    @Override
    Operations.Action action() {
      return Operations.Action.RESUME;
    }
  }

  @Command(name = "clear", mixinStandardHelpOptions = true,
      description = "QUARANTINED -> RUNNING, once the cause (a rejection, a risk block, a mismatch) is understood.")
  public static final class Clear extends StrategyAction {
    @Override
    Operations.Action action() {
      return Operations.Action.CLEAR;
    }
  }

  @Command(name = "kill", mixinStandardHelpOptions = true,
      description = "-> KILLED: no more orders, its working orders cancelled (positions stay).")
  public static final class Kill extends StrategyAction {
    @Override
    Operations.Action action() {
      return Operations.Action.KILL;
    }
  }

  @Command(name = "retire", mixinStandardHelpOptions = true,
      description = "-> RETIRED: only when flat or holding dust only.")
  public static final class Retire extends StrategyAction {
    @Override
    Operations.Action action() {
      return Operations.Action.RETIRE;
    }
  }

  @Command(name = "halt", mixinStandardHelpOptions = true,
      description = "The kill switch: the book HALTED — cancels pass, every new order is denied, working orders are "
          + "cancelled.")
  public static final class Halt extends BookAction {
    @Override
    Operations.Action action() {
      return Operations.Action.HALT;
    }
  }

  @Command(name = "reduce", mixinStandardHelpOptions = true,
      description = "The book REDUCING: only orders that reduce a position are sent.")
  public static final class Reduce extends BookAction {
    @Override
    Operations.Action action() {
      return Operations.Action.REDUCE;
    }
  }

  @Command(name = "activate", mixinStandardHelpOptions = true, description = "The book ACTIVE again.")
  public static final class Activate extends BookAction {
    @Override
    Operations.Action action() {
      return Operations.Action.ACTIVATE;
    }
  }

  @Command(name = "reconcile", mixinStandardHelpOptions = true,
      description = "The journal and the venue side by side, per strategy: each position and the cash. A "
          + "disagreement is an incident (incidents.csv); nothing is changed to make the sides agree. Exit 1 on a "
          + "disagreement.")
  public static final class Reconcile extends OnConfig implements Callable<Integer> {
    @Override
    public Integer call() {
      List<PaperRuntime.Line> lines = PaperRuns.reconcile(config, workspace());
      boolean ok = lines.stream().allMatch(PaperRuntime.Line::agrees);
      if (output.json()) {
        output.out().println(Json.pretty(Map.of("agrees", ok, "lines", lines.stream().map(l -> Map.of(
            "strategy", l.strategy(), "item", l.item(), "journal", l.journal(), "venue", l.venue(),
            "agrees", l.agrees())).toList())));
      } else {
        Tables.print(output.out(), List.of("strategy", "item", "journal", "venue", ""), lines.stream()
            .map(l -> List.of(l.strategy(), l.item(), Decimals.shortest(l.journal()), Decimals.shortest(l.venue()),
                l.agrees() ? "ok" : "MISMATCH")).toList());
        output.out().println(ok ? "journal and venue agree" : "MISMATCH: see incidents.csv and docs/RUNBOOK.md");
      }
      return ok ? ExitCodes.OK : ExitCodes.FAILURE;
    }
  }

  @Command(name = "incidents", mixinStandardHelpOptions = true,
      description = "The incident ledger: id, opened, severity, class, strategies, impact, detecting rule, "
          + "remediation, closed (also state/paper/incidents.csv).")
  public static final class Incidents implements Callable<Integer> {
    @ParentCommand
    PaperCommand parent;

    @Mixin
    Output output;

    @Option(names = "--state", paramLabel = "DIR", description = "The paper state folder. Default: state/paper.")
    Path state;

    @Override
    public Integer call() {
      Path dir = state != null ? state : parent.root.workspace().root().resolve("state/paper");
      List<io.momentic.paper.runtime.Incidents.Incident> all = PaperRuns.incidents(dir);
      if (output.json()) {
        output.out().println(Json.prettySnakeCase(Map.of("incidents", all.stream().map(
            io.momentic.paper.runtime.Incidents.Incident::toMap).toList())));
      } else if (all.isEmpty()) {
        output.out().println("no incidents");
      } else {
        Tables.print(output.out(), List.of("id", "opened", "severity", "class", "strategies", "impact", "closed"),
            all.stream().map(i -> List.of(i.id(), Timestamps.format(i.openedMillis()), i.severity().name(), i.klass(),
                String.join(";", i.strategies()), i.impact(), i.open() ? "open" : Timestamps.format(i.closedMillis())))
                .toList());
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "dust", mixinStandardHelpOptions = true,
      description = "Positions below the venue's lot step, minimum quantity or notional: not open positions, never "
          + "closed by a start-up routine; 'momentic paper close-dust' removes them.")
  public static final class Dust extends OnConfig implements Callable<Integer> {
    @Override
    public Integer call() {
      List<PaperRuntime.Dust> dust = PaperRuns.dust(config, workspace());
      if (output.json()) {
        output.out().println(Json.prettySnakeCase(Map.of("dust", dust)));
      } else if (dust.isEmpty()) {
        output.out().println("no dust");
      } else {
        Tables.print(output.out(), List.of("strategy", "instrument", "quantity", "price", "notional", "why"),
            dust.stream().map(d -> List.of(d.strategy(), d.instrument(), Decimals.shortest(d.quantity()),
                Decimals.shortest(d.price()), Decimals.shortest(d.notional()), d.why())).toList());
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "close-dust", mixinStandardHelpOptions = true,
      description = "For each fragment: buy enough more to reach the venue's minimums (with a 10 % margin for the gap "
          + "to the next open), then sell the whole position, both journaled and filled at the next bar's open; or "
          + "say why it cannot (off the lot step, not enough cash).")
  public static final class CloseDust extends OnConfig implements Callable<Integer> {
    @Option(names = "--strategy", paramLabel = "ID", description = "Only this strategy's dust.")
    String strategy;

    @Override
    public Integer call() throws InterruptedException {
      List<PaperRuntime.DustClose> closes = PaperRuns.closeDust(config, workspace(), strategy);
      if (output.json()) {
        output.out().println(Json.prettySnakeCase(Map.of("closes", closes)));
      } else if (closes.isEmpty()) {
        output.out().println("no dust");
      } else {
        for (PaperRuntime.DustClose c : closes) {
          output.out().println(c.dust().strategy() + " " + c.dust().instrument() + " "
              + Decimals.shortest(c.dust().quantity()) + ": " + (c.sent() ? "sent " : "not sent: ") + c.detail());
        }
      }
      return closes.stream().allMatch(PaperRuntime.DustClose::sent) ? ExitCodes.OK : ExitCodes.FAILURE;
    }
  }

  @Command(name = "compare", mixinStandardHelpOptions = true,
      description = "Each strategy's backtest replayed on exactly the bars its runtime saw, against the journal: "
          + "decision agreement (bars where both asked for the same orders), trade counts, P&L and fee deltas, skipped "
          + "bars by reason, and the promotion gate's verdict (backtest-validated or not); versions of one strategy "
          + "side by side (win rate, P&L, fees, profit margin after fees at the minimum order size, convergence). "
          + "Exit 1 when a strategy fails the gate.")
  public static final class Compare extends OnConfig implements Callable<Integer> {
    @Option(names = "--min-agreement", paramLabel = "SHARE", description = "Gate: decision agreement at least this "
        + "(default: [paper] min_agreement, else 0.95).")
    Double minAgreement;

    @Option(names = "--max-trade-delta", paramLabel = "SHARE", description = "Gate: trade count within ± this share "
        + "of the backtest's (default: [paper] max_trade_count_delta, else 0.10).")
    Double maxTradeDelta;

    @Override
    public Integer call() {
      PaperRuns.CompareRecord r = PaperRuns.compare(config, workspace(), minAgreement, maxTradeDelta);
      if (output.json()) {
        output.out().println(Json.prettySnakeCase(Map.of("gate", r.gate(), "strategies", r.strategies(), "variants",
            r.variants())));
      } else {
        Tables.print(output.out(), List.of("strategy", "bars", "agreement", "trades paper / backtest",
            "P&L paper / backtest", "fees paper / backtest", "validated"), r.strategies().stream().map(c -> List.of(
                c.strategy(), Integer.toString(c.bars()), Double.isNaN(c.agreement()) ? "-"
                    : String.format(java.util.Locale.ROOT, "%.1f %%", 100 * c.agreement()),
                c.paperTrades() + " / " + c.backtestTrades(),
                io.momentic.report.Numbers.fmt(c.paperPnl(), io.momentic.report.Numbers.Kind.MONEY) + " / "
                    + io.momentic.report.Numbers.fmt(c.backtestPnl(), io.momentic.report.Numbers.Kind.MONEY),
                io.momentic.report.Numbers.fmt(c.paperFees(), io.momentic.report.Numbers.Kind.MONEY) + " / "
                    + io.momentic.report.Numbers.fmt(c.backtestFees(), io.momentic.report.Numbers.Kind.MONEY),
                c.validated() ? "yes" : "NO")).toList());
        for (var c : r.strategies()) {
          output.out().println(c.strategy() + ": " + c.verdict());
          for (String d : c.firstDisagreements()) {
            output.out().println("  " + d);
          }
        }
        for (var v : r.variants()) {
          output.out().println();
          output.out().println("versions of " + v.strategyName() + " (convergence over the last fifth of their bars: "
              + (Double.isNaN(v.convergence()) ? "-" : String.format(java.util.Locale.ROOT, "%.0f %%",
                  100 * v.convergence())) + ")");
          Tables.print(output.out(), List.of("strategy", "trades", "win rate", "P&L", "fees",
              "margin at minimum order"), v.variants().stream().map(x -> List.of(x.strategy(),
                  Integer.toString(x.trades()), Double.isNaN(x.winRate()) ? "-"
                      : String.format(java.util.Locale.ROOT, "%.1f %%", 100 * x.winRate()),
                  io.momentic.report.Numbers.fmt(x.pnl(), io.momentic.report.Numbers.Kind.MONEY),
                  io.momentic.report.Numbers.fmt(x.fees(), io.momentic.report.Numbers.Kind.MONEY),
                  Double.isNaN(x.marginAtMinimumPct()) ? "-" : String.format(java.util.Locale.ROOT, "%.2f %%",
                      x.marginAtMinimumPct()))).toList());
        }
      }
      return r.strategies().stream().allMatch(io.momentic.paper.runtime.Comparison.Result::validated)
          ? ExitCodes.OK : ExitCodes.FAILURE;
    }
  }
}
