package io.momentic.cli;

import io.momentic.cli.backtest.BacktestCommand;
import io.momentic.cli.breakout.BreakoutCommand;
import io.momentic.cli.breakout.ScanCommand;
import io.momentic.cli.data.FetchCommand;
import io.momentic.cli.data.GenerateCommand;
import io.momentic.cli.data.ImportCommand;
import io.momentic.cli.data.InspectCommand;
import io.momentic.cli.data.StoreCommand;
import io.momentic.cli.demo.DemoCommand;
import io.momentic.cli.gem.GemCommand;
import io.momentic.cli.ml.MlCommand;
import io.momentic.cli.pipeline.PipelineCommand;
import io.momentic.cli.pipeline.ScheduleCommand;
import io.momentic.cli.regime.RegimeCommand;
import io.momentic.cli.research.AuditCommand;
import io.momentic.cli.research.CvCommand;
import io.momentic.cli.research.MetricsCommand;
import io.momentic.cli.research.StatsCommand;
import io.momentic.cli.research.SweepCommand;
import io.momentic.cli.research.WalkForwardCommand;
import io.momentic.cli.screen.ScreenCommand;
import io.momentic.cli.serve.ServeCommand;
import io.momentic.cli.strategies.StrategiesCommand;
import io.momentic.core.BuildInfo;
import io.momentic.data.Workspace;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code momentic}: the root command; global options are inherited by every subcommand. */
@Command(name = "momentic", mixinStandardHelpOptions = true, versionProvider = MomenticCommand.Version.class,
    description = "Systematic trading research: bars, indicators, backtests, honest statistics.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:ok", "1:failure", "2:bad input (one line on stderr)"},
    scope = ScopeType.INHERIT)
public final class MomenticCommand implements Runnable {

  /**
   * Every subcommand, in the order {@code --help} lists them. They are registered by
   * {@link Main#commandLine}: all of them, or only the one a command line names (building the
   * whole tree costs most of a short command's start-up).
   */
  public static final List<Class<?>> SUBCOMMANDS = List.of(ImportCommand.class, InspectCommand.class,
      GenerateCommand.class, BacktestCommand.class, StrategiesCommand.class, MetricsCommand.class, SweepCommand.class,
      WalkForwardCommand.class, io.momentic.cli.research.ScenariosCommand.class,
      io.momentic.cli.research.FeaturesCommand.class, StatsCommand.class, CvCommand.class, ScreenCommand.class,
      GemCommand.class, RegimeCommand.class, AuditCommand.class, FetchCommand.class, PipelineCommand.class,
      ScheduleCommand.class, ServeCommand.class, StoreCommand.class, DemoCommand.class, ScanCommand.class,
      BreakoutCommand.class, MlCommand.class, io.momentic.cli.data.UniverseCommand.class, CompletionCommand.class,
      io.momentic.cli.paper.PaperCommand.class,
      io.momentic.cli.research.ResearchCommand.class);

  /** A subcommand's name, from its annotation. */
  public static String nameOf(Class<?> subcommand) {
    return subcommand.getAnnotation(Command.class).name();
  }

  @Spec
  CommandSpec spec;

  @Option(names = "--workspace", paramLabel = "DIR", scope = ScopeType.INHERIT,
      description = "Workspace folder (data/, config/, state/). Default: the current folder.")
  Path workspace;

  @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Print stack traces on errors.")
  public boolean debug;

  @Option(names = "--progress", paramLabel = "auto|plain|none", scope = ScopeType.INHERIT,
      description = "Feedback on long work, on stderr: auto (a bar on a terminal, nothing otherwise; the "
          + "default), plain (a line every 5 s and the time taken, for logs), none. Also MOMENTIC_PROGRESS.")
  void progress(String modeName) {
    Progress.mode(modeName);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public Workspace workspace() {
    return Workspace.at(workspace != null ? workspace : Path.of(""));
  }

  public boolean workspaceGiven() {
    return workspace != null;
  }

  /** Version from the build. */
  public static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"momentic " + version()};
    }
  }

  public static String version() {
    return io.momentic.core.BuildInfo.version();
  }

}
