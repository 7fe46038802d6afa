package io.momentic.cli.pipeline;

import io.momentic.cli.Main;
import io.momentic.cli.MomenticCommand;
import io.momentic.core.Clock;
import io.momentic.data.Workspace;
import io.momentic.workflow.schedule.Scheduler;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code momentic schedule run|next}: the scheduler of config/schedule.toml. */
@Command(name = "schedule", mixinStandardHelpOptions = true,
    subcommands = {ScheduleCommand.RunLoop.class, ScheduleCommand.Next.class},
    description = "Run jobs on cron schedules with time zones: 'momentic schedule run --help'.")
public final class ScheduleCommand implements Callable<Integer> {

  public static final String CONFIG = "config/schedule.toml";

  @Spec
  CommandSpec spec;

  @ParentCommand
  MomenticCommand root;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return Main.EXIT_OK;
  }

  public static Scheduler scheduler(Workspace ws, Path config, PrintWriter out, PrintWriter err) {
    List<Scheduler.Job> jobs = Scheduler.readJobs(config != null ? config : ws.root().resolve(CONFIG));
    return new Scheduler(jobs, ws.state(), Clock.system(), job -> {
      List<String> args = new ArrayList<>(List.of("--workspace", ws.root().toString()));
      args.addAll(job.command());
      out.println(Instant.now() + " running " + job.name() + ": momentic " + String.join(" ", job.command()));
      out.flush();
      return Main.commandLine(out, err).execute(args.toArray(String[]::new));
    });
  }

  @Command(name = "run", mixinStandardHelpOptions = true,
      description = "Catch up a missed run of each persistent job once, then run every job at its scheduled time "
          + "until stopped (--once: only the catch-up). Runs are logged to state/scheduler-runs.jsonl.")
  public static final class RunLoop implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    ScheduleCommand parent;

    @Option(names = "--config", paramLabel = "FILE", description = "Schedule file (default config/schedule.toml).")
    Path config;

    @Option(names = "--once", description = "Only catch up missed runs, then exit.")
    boolean once;

    @Override
    public Integer call() throws InterruptedException {
      PrintWriter out = spec.commandLine().getOut();
      Workspace ws = parent.root.workspace().create();
      Scheduler scheduler = scheduler(ws, config, out, spec.commandLine().getErr());
      if (once) {
        List<Scheduler.RunRecord> runs = scheduler.catchUp();
        out.println(runs.isEmpty() ? "nothing missed" : runs.size() + " missed run(s) caught up");
        return runs.stream().allMatch(r -> r.exitCode() == 0) ? Main.EXIT_OK : Main.EXIT_FAILURE;
      }
      Map.Entry<Scheduler.Job, Instant> next = scheduler.nextDue();
      out.println("scheduler started; next: " + next.getKey().name() + " at " + next.getValue() + " (Ctrl-C stops it)");
      out.flush();
      scheduler.loop(when -> {
        // Sleep in slices so a suspended machine or a clock change is noticed within a minute.
        while (Instant.now().isBefore(when)) {
          Thread.sleep(Math.min(60_000, Math.max(1, Duration.between(Instant.now(), when).toMillis())));
        }
      }, Integer.MAX_VALUE);
      return Main.EXIT_OK;
    }
  }

  @Command(name = "next", mixinStandardHelpOptions = true, description = "Print each job's next run times.")
  public static final class Next implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    ScheduleCommand parent;

    @Option(names = "--config", paramLabel = "FILE", description = "Schedule file (default config/schedule.toml).")
    Path config;

    @Option(names = "--count", paramLabel = "N", description = "Times per job (default 5).")
    int count = 5;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      Workspace ws = parent.root.workspace();
      for (Scheduler.Job job : Scheduler.readJobs(config != null ? config : ws.root().resolve(CONFIG))) {
        out.println(job.name() + " (" + job.schedule() + "): momentic " + String.join(" ", job.command()));
        Instant t = Instant.now();
        for (int i = 0; i < count; i++) {
          t = job.schedule().next(t);
          out.println("  " + ZonedDateTime.ofInstant(t, job.schedule().zone()) + "  = " + t);
        }
      }
      return Main.EXIT_OK;
    }
  }
}
