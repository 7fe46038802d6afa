package io.momentic.cli.pipeline;

import io.momentic.cli.Main;
import io.momentic.cli.MomenticCommand;
import io.momentic.cli.Output;
import io.momentic.core.Clock;
import io.momentic.core.ConfigException;
import io.momentic.report.Json;
import io.momentic.workflow.Inputs;
import java.util.LinkedHashMap;
import java.util.Map;
import io.momentic.data.Workspace;
import io.momentic.workflow.pipeline.DailyPipeline;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
      description = {"Refresh the store from config/pipeline.toml's sources, scan golden/death crosses, run the "
          + "momentum shortlist when configured, publish the pages (data/results/pages/) and the dated archive "
          + "(data/results/archive/YYYY-MM-DD.json), and write the run's manifest.",
          "",
          "config/pipeline.toml (every key optional unless said; an unknown key is refused with the nearest):",
          "  [[source]]   venue (required: binance, gateio, massive, alpaca, csv, synthetic), symbols = [...] "
              + "(default: the venue's universe), interval (1d), since (2018-01-01), folder (csv venue), base_url, "
              + "min_quote_volume (10000000, Binance universe), top (0 = all)",
          "  [crosses]    interval (1d), window_days (30), theme (default or groovy: the page's look)",
          "  [momentum]   universe (required: config/universe/<NAME>.csv), lookback (52), skip (4), top (30), "
              + "theme (default | groovy), exchange_lookup (none | tradingview), tradingview_url",
          "Example: " + DailyPipeline.CONFIG + " in the repository."})
  public static final class RunOnce implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    PipelineCommand parent;

    @Option(names = "--now", paramLabel = "INSTANT", hidden = true,
        description = "Pretend it is this instant (ISO-8601), for reproducible runs and tests.")
    Instant now;

    @Option(names = "--as-of", paramLabel = "DATE",
        description = "Run as of the close of this day (YYYY-MM-DD): the screens see only bars before its end, the "
            + "archive is that date's. Default: now.")
    String asOf;

    @Option(names = "--dry-run",
        description = "Fetch nothing and write nothing (no store update, page, archive or manifest); compute the "
            + "screens over what is stored and print what would be published.")
    boolean dryRun;

    @Mixin
    Output output;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = output.out();
      Workspace ws = parent.root.workspace();
      if (asOf != null && now != null) {
        throw new ConfigException("as-of", "expected --as-of or --now, found both; fix: keep one");
      }
      Clock clock = asOf != null ? Clock.frozen(Instant.ofEpochMilli(Inputs.endOfDay("as-of", asOf)))
          : now == null ? Clock.system() : Clock.frozen(now);
      if (!output.json()) {
        out.println("daily pipeline" + (dryRun ? " (dry run: nothing fetched or written)" : "") + ", workspace "
            + ws.root() + (asOf == null ? "" : ", as of " + asOf));
      }
      DailyPipeline.Run run;
      try (io.momentic.cli.Progress progress = io.momentic.cli.Progress.terminal()) {
        run = DailyPipeline.run(ws, clock, dryRun, output.json() ? null : out, spec.commandLine().getErr(), progress);
      }
      if (output.json()) {
        Map<String, Object> doc = new LinkedHashMap<>(run.manifestDocument());
        doc.put("published", run.archiveDocument());
        out.println(Json.pretty(doc));
      } else if (!dryRun) {
        out.println("archive: " + run.archive());
        out.println("pages: " + ws.pages());
        out.println("manifest: " + run.manifest());
      }
      return run.ok() ? Main.EXIT_OK : Main.EXIT_FAILURE;
    }
  }
}
