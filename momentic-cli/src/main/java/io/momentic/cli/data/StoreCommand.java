package io.momentic.cli.data;

import io.momentic.cli.Main;
import io.momentic.cli.MomenticCommand;
import io.momentic.core.ConfigException;
import io.momentic.core.Interval;
import io.momentic.core.Timestamps;
import io.momentic.data.Workspace;
import io.momentic.data.store.BarStore;
import io.momentic.report.text.Tables;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code momentic store list|export}: what the bar store holds, and canonical CSVs out of it. */
@Command(name = "store", mixinStandardHelpOptions = true, subcommands = {StoreCommand.ListSeries.class,
    StoreCommand.Export.class}, description = "The bar store: 'momentic store list', 'momentic store export --help'.")
public final class StoreCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @ParentCommand
  MomenticCommand root;

  @Option(names = "--store", paramLabel = "FILE", scope = picocli.CommandLine.ScopeType.INHERIT,
      description = "Bar store (default <workspace>/data/store/momentic.db).")
  Path store;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return Main.EXIT_OK;
  }

  public Path file() {
    return store != null ? store : root.workspace().store();
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Every stored series with its extent and last fetch.")
  public static final class ListSeries implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    StoreCommand parent;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (BarStore store = BarStore.openReader(parent.file())) {
        List<List<String>> rows = new ArrayList<>();
        for (BarStore.SeriesInfo s : store.series()) {
          rows.add(List.of(s.venue(), s.symbol(), s.interval().code(), Long.toString(s.bars()),
              Timestamps.formatDate(s.firstOpenTime()), Timestamps.formatDate(s.lastOpenTime()),
              s.lastFetchMillis() == 0 ? "-" : java.time.Instant.ofEpochMilli(s.lastFetchMillis()).toString()));
        }
        Tables.print(out, List.of("venue", "symbol", "interval", "bars", "first", "last", "last fetch"), rows);
        out.println();
        out.println(rows.size() + " series in " + store.file());
      }
      return Main.EXIT_OK;
    }
  }

  @Command(name = "export", mixinStandardHelpOptions = true,
      description = "Write every stored series of a venue and interval as canonical CSVs (<SYMBOL>.csv, newest first).")
  public static final class Export implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    StoreCommand parent;

    @Option(names = "--venue", required = true, paramLabel = "NAME", description = "Venue of the series.")
    String venue;

    @Option(names = "--interval", paramLabel = "CODE", description = "Bar interval (default 1d).")
    String interval = "1d";

    @Option(names = "--out", paramLabel = "DIR", description = "Target folder (default <workspace>/data/raw).")
    Path out;

    @Override
    public Integer call() {
      Workspace ws = parent.root.workspace();
      try (BarStore store = BarStore.openReader(parent.file())) {
        List<Path> files = store.exportCsv(venue, Interval.parse(interval), out != null ? out : ws.raw());
        if (files.isEmpty()) {
          throw new ConfigException("venue", "No " + interval + " series of venue '" + venue + "' in " + store.file()
              + "; fix: see 'momentic store list'");
        }
        spec.commandLine().getOut().println("exported " + files.size() + " series to "
            + files.get(0).getParent());
      }
      return Main.EXIT_OK;
    }
  }
}
