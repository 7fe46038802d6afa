package io.momentic.cli.pipeline;

import io.momentic.cli.Main;
import io.momentic.cli.MomenticCommand;
import io.momentic.core.Clock;
import io.momentic.data.Workspace;
import io.momentic.workflow.pipeline.DailyPipeline;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code momentic pipeline run}: the daily pipeline once. */
@Command(name = "pipeline", mixinStandardHelpOptions = true, subcommands = PipelineCommand.RunOnce.class,
    description = "The daily pipeline: 'momentic pipeline run --help'.")
public final class PipelineCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @ParentCommand
  MomenticCommand root;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return Main.EXIT_OK;
  }

  @Command(name = "run", mixinStandardHelpOptions = true,
      description = "Refresh the store from config/pipeline.toml's sources, scan golden/death crosses, run the "
          + "momentum shortlist when configured, publish the pages (data/results/pages/) and the dated archive "
          + "(data/results/archive/YYYY-MM-DD.json), and write the run's manifest.")
  public static final class RunOnce implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    PipelineCommand parent;

    @Option(names = "--now", paramLabel = "INSTANT", hidden = true,
        description = "Pretend it is this instant (ISO-8601), for reproducible runs and tests.")
    Instant now;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      Workspace ws = parent.root.workspace();
      Clock clock = now == null ? Clock.system() : Clock.frozen(now);
      out.println("daily pipeline, workspace " + ws.root());
      DailyPipeline.Run run = DailyPipeline.run(ws, clock, out, spec.commandLine().getErr());
      out.println("archive: " + run.archive());
      out.println("pages: " + ws.pages());
      out.println("manifest: " + run.manifest());
      return run.ok() ? Main.EXIT_OK : Main.EXIT_FAILURE;
    }
  }
}
