package io.momentic.cli.data;

import io.momentic.cli.Main;
import io.momentic.cli.MomenticCommand;
import io.momentic.cli.Output;
import io.momentic.cli.Progress;
import io.momentic.data.CachedExchangeResolver;
import io.momentic.data.UniverseFile;
import io.momentic.data.Workspace;
import io.momentic.data.provider.TradingViewSymbolSearch;
import io.momentic.report.Json;
import io.momentic.workflow.screen.ExchangeBackfill;
import io.momentic.workflow.screen.ScreenRuns;
import java.io.PrintWriter;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code momentic universe resolve-exchanges}: universe files and what is known of their names. */
@Command(name = "universe", mixinStandardHelpOptions = true, subcommands = UniverseCommand.ResolveExchanges.class,
    description = "Universe files (config/universe/<NAME>.csv): 'momentic universe resolve-exchanges --help'.")
public final class UniverseCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @ParentCommand
  MomenticCommand root;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return Main.EXIT_OK;
  }

  @Command(name = "resolve-exchanges", mixinStandardHelpOptions = true,
      description = "Backfill state/tv_exchange_map.json for every name of a universe, for the TradingView chart "
          + "links of the shortlist page: names the map or the file's exchange column know are not asked again; "
          + "the rest are looked up in TradingView's symbol search (primary US listing preferred). Failures are "
          + "listed and never stored, so running it again retries exactly them.")
  public static final class ResolveExchanges implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    UniverseCommand parent;

    @Parameters(index = "0", paramLabel = "FILE|NAME", description = "A universe CSV, or NAME for config/universe/NAME.csv.")
    String universe;

    @Option(names = "--tradingview-url", paramLabel = "URL",
        description = "Symbol-search base (default " + TradingViewSymbolSearch.DEFAULT_BASE_URL + ").")
    URI baseUrl = URI.create(TradingViewSymbolSearch.DEFAULT_BASE_URL);

    @Option(names = "--spacing-ms", paramLabel = "MS",
        description = "Pause between two lookups (default " + TradingViewSymbolSearch.DEFAULT_SPACING_MILLIS + ").")
    long spacingMillis = TradingViewSymbolSearch.DEFAULT_SPACING_MILLIS;

    @Mixin
    Output output;

    @Override
    public Integer call() {
      Workspace ws = parent.root.workspace();
      UniverseFile file = UniverseFile.read(ScreenRuns.universeFile(ws, universe));
      TradingViewSymbolSearch online = TradingViewSymbolSearch.standard(baseUrl, spacingMillis);
      ExchangeBackfill.Result r;
      try (Progress progress = Progress.terminal()) {
        r = ExchangeBackfill.run(file, ws.exchangeMap(), online, progress);
      }
      PrintWriter out = output.out();
      if (output.json()) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("universe", file.path().toString());
        doc.put("map", r.map().toString());
        doc.put("names", r.total());
        doc.put("known", r.known());
        doc.put("learned", r.learned());
        doc.put("unknown", r.unknown());
        doc.put("failed", r.failed().stream().map(f -> Map.of("symbol", f.symbol(), "why", f.failure())).toList());
        doc.put("map_size", r.mapSize());
        out.println(Json.pretty(doc));
      } else {
        out.printf(java.util.Locale.ROOT, "%d / %d names mapped (%d already known, %d learned now); map: %s (%d names)%n",
            r.known() + r.learned(), r.total(), r.known(), r.learned(), r.map(), r.mapSize());
        if (!r.unknown().isEmpty()) {
          out.println("not listed in the US by TradingView (left bare): " + String.join(", ", r.unknown()));
        }
        for (CachedExchangeResolver.Lookup f : r.failed()) {
          out.println("failed (not stored; run again to retry): " + f.symbol() + ": " + f.failure());
        }
      }
      return r.failed().isEmpty() ? Main.EXIT_OK : Main.EXIT_FAILURE;
    }
  }
}
