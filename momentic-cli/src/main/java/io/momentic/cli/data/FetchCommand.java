package io.momentic.cli.data;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.momentic.cli.Main;
import io.momentic.cli.MomenticCommand;
import io.momentic.cli.Progress;
import io.momentic.core.Clock;
import io.momentic.core.ConfigException;
import io.momentic.core.Interval;
import io.momentic.core.Timestamps;
import io.momentic.data.Workspace;
import io.momentic.data.provider.BinanceProvider;
import io.momentic.data.provider.DataProvider;
import io.momentic.data.provider.DataProviders;
import io.momentic.data.store.BarStore;
import io.momentic.data.store.Ingest;
import io.momentic.report.text.Tables;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code momentic fetch}: incremental ingestion into the workspace's bar store — only bars after
 * the newest stored one are asked for, only closed bars are stored.
 */
@Command(name = "fetch", mixinStandardHelpOptions = true,
    description = "Fetch closed bars from a venue into the workspace's bar store (data/store/momentic.db), "
        + "incrementally: only bars newer than the newest stored one are requested.")
public final class FetchCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @ParentCommand
  MomenticCommand root;

  @Option(names = "--venue", required = true, paramLabel = "NAME",
      description = "Provider: binance (Gate.io fallback for pairs Binance lacks), gateio, massive or alpaca (US "
          + "equities, daily; keys from MASSIVE_API_KEY or APCA_API_KEY_ID + APCA_API_SECRET_KEY), csv, synthetic.")
  String venue;

  @Option(names = "--symbols", split = ",", paramLabel = "SYM[,SYM…]", description = "Symbols to fetch.")
  List<String> symbols;

  @Option(names = "--universe", description = "Binance USDT pairs by 24h quote volume (with --min-quote-volume, --top);"
      + " for csv and synthetic, every symbol the provider has.")
  boolean universe;

  @Option(names = "--min-quote-volume", paramLabel = "USDT", description = "Universe floor (default 10,000,000).")
  double minQuoteVolume = 10_000_000;

  @Option(names = "--top", paramLabel = "N", description = "At most N universe members (default all).")
  int top;

  @Option(names = "--interval", paramLabel = "CODE", description = "Bar interval (default 1d).")
  String interval = "1d";

  @Option(names = "--since", paramLabel = "DATE", description = "First day to fetch when nothing is stored"
      + " (default 2018-01-01).")
  LocalDate since = LocalDate.of(2018, 1, 1);

  @Option(names = "--folder", paramLabel = "DIR", description = "The folder of the csv venue.")
  Path folder;

  @Option(names = "--base-url", paramLabel = "URL", description = "The venue's API base (Binance: "
      + BinanceProvider.DEFAULT_BASE_URL + ", massive: " + io.momentic.data.provider.MassiveProvider.DEFAULT_BASE_URL
      + ", alpaca: " + io.momentic.data.provider.AlpacaProvider.DEFAULT_BASE_URL + ").")
  URI baseUrl;

  @Option(names = "--gateio-base-url", paramLabel = "URL", description = "Gate.io API base.")
  URI gateioBaseUrl;

  @Option(names = "--store", paramLabel = "FILE", description = "Bar store file (default <workspace>/data/store/momentic.db).")
  Path store;

  @Option(names = "--json", description = "Print the outcome as JSON.")
  boolean json;

  @Option(names = "--timeout", paramLabel = "SECONDS", description = "Bound on the whole fetch, every request and "
      + "retry together (default: none; each request still times out after 20 s). Symbols not fetched in time fail.")
  Long timeoutSeconds;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Workspace ws = root.workspace().create();
    Interval iv = Interval.parse(interval);
    DataProviders.Options options = DataProviders.Options.defaults();
    options = options.withBaseUrls(options.binanceBaseUrl(),
        gateioBaseUrl != null ? gateioBaseUrl : options.gateioBaseUrl()).withFolder(folder);
    if (baseUrl != null) {
      options = options.withVenueBaseUrl(venue, baseUrl);
    }
    if (timeoutSeconds != null) {
      if (timeoutSeconds <= 0) {
        throw new ConfigException("timeout", "expected a number of seconds > 0, found " + timeoutSeconds);
      }
      options = options.withTotalTimeout(java.time.Duration.ofSeconds(timeoutSeconds));
    }
    DataProvider provider = DataProviders.create(venue, options);
    List<String> wanted = symbolsFor(provider, options);
    long now = Clock.system().nowMillis();
    List<Ingest.Outcome> outcomes;
    try (BarStore bars = BarStore.openWriter(store != null ? store : ws.store());
        Progress progress = Progress.terminal()) {
      progress.start("fetch " + venue, wanted.size());
      outcomes = Ingest.run(bars, provider, wanted, iv, since.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli(),
          now, progress);
    }
    report(out, outcomes, provider.adjustment());
    return outcomes.stream().anyMatch(Ingest.Outcome::failed) ? Main.EXIT_FAILURE : Main.EXIT_OK;
  }

  private List<String> symbolsFor(DataProvider provider, DataProviders.Options options) {
    if (symbols != null && !symbols.isEmpty()) {
      return symbols.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
    if (!universe) {
      throw new ConfigException("symbols", "Nothing to fetch; fix: pass --symbols A,B or --universe");
    }
    List<String> all = DataProviders.universe(venue, provider, options, minQuoteVolume, top);
    if (all.isEmpty() && !venue.equals(BinanceProvider.NAME)) {
      throw new ConfigException("universe", "The " + venue + " venue has no universe; fix: pass --symbols");
    }
    return all;
  }

  private void report(PrintWriter out, List<Ingest.Outcome> outcomes, String adjustment) throws Exception {
    if (json) {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (Ingest.Outcome o : outcomes) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("symbol", o.symbol());
        row.put("venue", o.venue());
        row.put("added", o.added());
        row.put("stored", o.storedBars());
        row.put("last", o.lastMillis() == 0 ? null : Timestamps.formatDate(o.lastMillis()));
        row.put("error", o.error());
        rows.add(row);
      }
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("interval", interval);
      doc.put("adjustment", adjustment);
      doc.put("symbols", rows);
      out.println(new ObjectMapper().writeValueAsString(doc));
      return;
    }
    List<List<String>> rows = new ArrayList<>();
    long added = 0;
    for (Ingest.Outcome o : outcomes) {
      added += o.added();
      rows.add(List.of(o.symbol(), o.venue(), Integer.toString(o.added()),
          o.firstNewMillis() == 0 ? "-" : Timestamps.formatDate(o.firstNewMillis()),
          o.lastMillis() == 0 ? "-" : Timestamps.formatDate(o.lastMillis()), Long.toString(o.storedBars()),
          o.failed() ? "FAILED" : "ok"));
    }
    Tables.print(out, List.of("symbol", "venue", "added", "first new", "last", "stored", "status"), rows);
    long failed = outcomes.stream().filter(Ingest.Outcome::failed).count();
    out.println();
    out.println("added " + added + " bar(s) to " + (outcomes.size() - failed) + " symbol(s)"
        + (failed > 0 ? "; " + failed + " failed" : ""));
    out.println("prices: " + adjustment);
    outcomes.stream().filter(Ingest.Outcome::failed).forEach(o -> out.println("failed: " + o.symbol() + ": " + o.error()));
  }
}
