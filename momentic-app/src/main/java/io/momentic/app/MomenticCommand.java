package io.momentic.app;

import io.momentic.data.Workspace;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Properties;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code momentic}: the root command; global options are inherited by every subcommand. */
@Command(name = "momentic", mixinStandardHelpOptions = true, versionProvider = MomenticCommand.Version.class,
    description = "Systematic trading research: bars, indicators, backtests, honest statistics.",
    subcommands = {ImportCommand.class, InspectCommand.class, GenerateCommand.class, BacktestCommand.class,
        MetricsCommand.class, SweepCommand.class, WalkForwardCommand.class, StatsCommand.class, CvCommand.class, ScreenCommand.class, GemCommand.class, RegimeCommand.class, AuditCommand.class, FetchCommand.class, PipelineCommand.class, ScheduleCommand.class, ServeCommand.class, StoreCommand.class, DemoCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:ok", "1:failure", "2:bad input (one line on stderr)"},
    scope = ScopeType.INHERIT)
public final class MomenticCommand implements Runnable {

  @Spec
  CommandSpec spec;

  @Option(names = "--workspace", paramLabel = "DIR", scope = ScopeType.INHERIT,
      description = "Workspace folder (data/, config/, state/). Default: the current folder.")
  Path workspace;

  @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Print stack traces on errors.")
  boolean debug;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  Workspace workspace() {
    return Workspace.at(workspace != null ? workspace : Path.of(""));
  }

  boolean workspaceGiven() {
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
    try (InputStream in = MomenticCommand.class.getResourceAsStream("/momentic-version.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "dev");
    } catch (IOException e) {
      return "dev";
    }
  }
}
