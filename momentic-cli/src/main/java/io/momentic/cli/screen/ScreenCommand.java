package io.momentic.cli.screen;

import io.momentic.cli.ExitCodes;
import io.momentic.cli.LoadMixin;
import io.momentic.cli.Main;
import io.momentic.cli.MomenticCommand;
import io.momentic.cli.Output;
import io.momentic.report.Json;
import io.momentic.report.page.Theme;
import io.momentic.report.text.Summaries;
import io.momentic.strategies.CrossScanner;
import io.momentic.strategies.MomentumScreen;
import io.momentic.workflow.screen.ScreenRuns;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code momentic screen}: lists to look at this week. */
@Command(name = "screen", mixinStandardHelpOptions = true, subcommands = {ScreenCommand.Momentum.class, ScreenCommand.CrossesScreen.class},
    description = "Screens: 'momentic screen momentum --help', 'momentic screen crosses --help'.")
public final class ScreenCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @ParentCommand
  public MomenticCommand root;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return Main.EXIT_OK;
  }

  /** {@code momentic screen momentum}: the weekly momentum shortlist (reference 000). */
  @Command(name = "momentum", mixinStandardHelpOptions = true,
      description = "The strongest names by weekly momentum, above a liquidity floor, with the breadth regime. "
          + "Daily bars are aggregated to weeks; a week not over by --as-of (default: now) is left out.")
  public static final class Momentum implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    public ScreenCommand parent;

    @Option(names = "--data", paramLabel = "FILE|DIR",
        description = "Bar file(s) or a folder of <SYMBOL>.csv files (repeatable). Default with --universe: the "
            + "workspace's data/raw.")
    List<Path> data = new ArrayList<>();

    @Option(names = "--universe", paramLabel = "NAME|FILE.csv",
        description = "Universe file (symbol[,exchange][,name]); NAME reads config/universe/NAME.csv. Limits the "
            + "screen to its symbols and supplies exchanges for chart links.")
    String universe;

    @Mixin
    LoadMixin load;

    @Option(names = "--as-of", paramLabel = "DATE",
        description = "Frozen clock: screen as if it were the end of DATE (bars after it are ignored, and its "
            + "week counts only if it has ended). Default: now.")
    String asOf;

    @Option(names = "--top", paramLabel = "N", description = "Names to list (default 30).")
    int top = MomentumScreen.Settings.DEFAULTS.top();

    @Option(names = "--min-addv", paramLabel = "USD",
        description = "Liquidity floor: average daily dollar volume over 13 weeks (default 5000000).")
    double minAddv = MomentumScreen.Settings.DEFAULTS.minAddv();

    @Option(names = "--lookback", paramLabel = "WEEKS", description = "Momentum window (default 52).")
    int lookback = MomentumScreen.Settings.DEFAULTS.lookback();

    @Option(names = "--skip", paramLabel = "WEEKS", description = "Most recent weeks left out of the window (default 4).")
    int skip = MomentumScreen.Settings.DEFAULTS.skip();

    @Option(names = "--gate-ma", paramLabel = "WEEKS",
        description = "Breadth: share of names above their N-week average (default 40).")
    int gateMa = MomentumScreen.Settings.DEFAULTS.gateMa();

    @Option(names = "--risk-on-breadth", paramLabel = "SHARE",
        description = "Breadth at or above which the regime is RISK-ON (default 0.6).")
    double riskOnBreadth = MomentumScreen.Settings.DEFAULTS.riskOnBreadth();

    @Mixin
    Output output;

    @Option(names = "--html", paramLabel = "FILE.html", description = "Also write the self-contained page.")
    Path html;

    @Option(names = "--theme", paramLabel = "NAME", description = "Page theme: default or groovy.")
    String theme = "default";

    @Override
    public Integer call() throws IOException {
      MomentumScreen.Settings settings = new MomentumScreen.Settings(lookback, skip, top, minAddv, gateMa,
          riskOnBreadth);
      ScreenRuns.MomentumRecord r = ScreenRuns.momentum(new ScreenRuns.MomentumRequest(parent.root.workspace(), data,
          universe, load.options(), asOf, settings, html, Theme.parse(theme)));
      PrintWriter out = output.out();
      if (output.json()) {
        out.println(Json.pretty(r.document()));
      } else {
        Summaries.shortlist(out, r.document());
        if (r.page() != null) {
          out.println("page: " + r.page());
        }
      }
      // Files of a folder that hold no bars: said on stderr, so --json output stays one document.
      r.notes().forEach(n -> spec.commandLine().getErr().println("note: " + n));
      return ExitCodes.OK;
    }
  }

  /** {@code momentic screen crosses}: golden and death crosses of every stored symbol (reference 000 §10). */
  @Command(name = "crosses", mixinStandardHelpOptions = true,
      description = "Golden and death crosses (SMA50 over/under SMA200) in a rolling 30-day window, each with a "
          + "0-10 strength score; reads the workspace's bar store unless --data is given.")
  public static final class CrossesScreen implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    public ScreenCommand parent;

    @Option(names = "--data", paramLabel = "FILE|DIR", description = "Bar files or folders instead of the store.")
    List<Path> data = new ArrayList<>();

    @Option(names = "--store", paramLabel = "FILE", description = "Bar store (default <workspace>/data/store/momentic.db).")
    Path store;

    @Option(names = "--venue", paramLabel = "NAME", description = "Only this venue's series from the store (default all).")
    String venue;

    @Option(names = "--as-of", paramLabel = "DATE", description = "Scan as of the close of this day (default: now).")
    String asOf;

    @Option(names = "--window-days", paramLabel = "DAYS", description = "Rolling window (default 30).")
    int windowDays = CrossScanner.Settings.DEFAULT.windowDays();

    @Mixin
    Output output;

    @Option(names = "--html", paramLabel = "FILE.html", description = "Also write the self-contained page.")
    Path html;

    @Option(names = "--snapshot", description = "Also write the dated snapshot <workspace>/data/results/crosses/<as-of>.json.")
    boolean snapshot;

    @Mixin
    LoadMixin load;

    @Override
    public Integer call() throws IOException {
      ScreenRuns.CrossesRecord r = ScreenRuns.crosses(new ScreenRuns.CrossesRequest(parent.root.workspace(), data, store,
          venue, load.interval, load.options(), asOf, windowDays, html, snapshot));
      PrintWriter out = output.out();
      if (output.json()) {
        out.println(Json.pretty(r.document()));
      } else {
        Summaries.crosses(out, r.document());
        if (r.page() != null) {
          out.println("page: " + r.page());
        }
        if (r.snapshot() != null) {
          out.println("snapshot: " + r.snapshot());
        }
      }
      return ExitCodes.OK;
    }
  }
}
