package io.momentic.workflow.pipeline;

import io.momentic.core.AtomicFiles;
import io.momentic.core.BarSeries;
import io.momentic.core.BuildInfo;
import io.momentic.core.Clock;
import io.momentic.core.ConfigException;
import io.momentic.core.DataFormatException;
import io.momentic.core.Interval;
import io.momentic.core.Timestamps;
import io.momentic.data.LoadOptions;
import io.momentic.data.Workspace;
import io.momentic.data.provider.DataProvider;
import io.momentic.data.provider.DataProviders;
import io.momentic.data.store.BarStore;
import io.momentic.data.store.Ingest;
import io.momentic.report.Json;
import io.momentic.report.page.CrossesView;
import io.momentic.report.page.Pages;
import io.momentic.report.page.Theme;
import io.momentic.strategies.CrossScanner;
import io.momentic.strategies.MomentumScreen;
import io.momentic.workflow.screen.CrossesDocument;
import io.momentic.workflow.screen.ScreenRuns;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The daily pipeline (reference 000 §7): refresh the store from the configured sources → screens
 * (golden/death crosses over every stored series; the momentum shortlist when a universe is
 * configured) → publish the pages and the dated archive {@code data/results/archive/YYYY-MM-DD.json}
 * → a manifest of the run. Pages and the archive are replaced atomically, and the store is read
 * through read-only snapshots, so the web server and research runs never wait on it.
 *
 * <p>Configuration: {@code config/pipeline.toml} — {@code [[source]]} tables (venue, symbols or
 * universe, interval, since, folder, base_url, min_quote_volume, top), {@code [crosses]}
 * (interval, window_days) and {@code [momentum]} (universe, top, lookback, skip). Without the file
 * the refresh step is skipped and the crosses run over what is stored.
 */
public final class DailyPipeline {

  public static final String CONFIG = "config/pipeline.toml";

  /** One step's outcome. */
  public record Step(String name, String outcome, long millis, String detail) {}

  /**
   * The run: its steps, where it published (null paths on a dry run), whether every step succeeded,
   * and the two documents (what {@code --json} prints).
   */
  public record Run(LocalDate date, List<Step> steps, Path archive, Path manifest, boolean ok,
      Map<String, Object> archiveDocument, Map<String, Object> manifestDocument) {}

  private DailyPipeline() {}

  public static Run run(Workspace ws, Clock clock, PrintWriter out, PrintWriter err) throws IOException {
    return run(ws, clock, false, out, err);
  }

  /**
   * The pipeline as of {@code clock}. A dry run fetches nothing and writes nothing — no store
   * update, page, archive or manifest — and computes the screens over what is stored, so a user can
   * see what tonight's run would publish (or what a past date's would have).
   */
  public static Run run(Workspace ws, Clock clock, boolean dryRun, PrintWriter out, PrintWriter err)
      throws IOException {
    return run(ws, clock, dryRun, out, err, io.momentic.workflow.Progress.NONE);
  }

  /** As above, {@code progress} told of the refresh's series as each is fetched (the step that can take minutes). */
  public static Run run(Workspace ws, Clock clock, boolean dryRun, PrintWriter out, PrintWriter err,
      io.momentic.workflow.Progress progress) throws IOException {
    PipelineConfig config = PipelineConfig.read(ws.root().resolve(CONFIG));
    if (!dryRun) {
      ws.create();
    }
    Instant started = clock.now();
    // The day whose close the run is as of: an as-of clock stands at the end of that day, its next midnight.
    LocalDate date = LocalDate.ofInstant(started.minusMillis(1), ZoneOffset.UTC);
    List<Step> steps = new ArrayList<>();
    Map<String, Object> archive = new LinkedHashMap<>();
    archive.put("date", date.toString());
    archive.put("generated_at", started.toString());
    archive.put("momentic_version", BuildInfo.version());

    // 1. Refresh data.
    long t0 = System.nanoTime();
    List<Map<String, Object>> refreshed = new ArrayList<>();
    String refreshOutcome = "ok";
    if (config.source().isEmpty()) {
      refreshOutcome = "skipped";
    } else if (dryRun) {
      refreshOutcome = "dry-run";
    } else {
      try (BarStore store = BarStore.openWriter(ws.store())) {
        for (PipelineConfig.Source source : config.source()) {
          for (Ingest.Outcome o : refresh(ws, store, source, clock.nowMillis(), progress)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("venue", o.venue());
            m.put("symbol", o.symbol());
            m.put("added", o.added());
            m.put("error", o.error());
            refreshed.add(m);
            if (o.failed()) {
              refreshOutcome = "partial";
              err.println("momentic: refresh " + o.venue() + " " + o.symbol() + " failed: " + o.error());
            }
          }
        }
      }
    }
    long added = refreshed.stream().mapToLong(m -> ((Number) m.get("added")).longValue()).sum();
    steps.add(new Step("refresh", refreshOutcome, elapsed(t0), switch (refreshOutcome) {
      case "skipped" -> "no [[source]] in " + CONFIG;
      case "dry-run" -> "would refresh " + config.source().stream().map(src -> src.venue() + " " + src.interval()
          + (src.symbols().isEmpty() ? " (its universe)" : " " + src.symbols().size() + " symbol(s)")).toList()
          + "; nothing fetched";
      default -> added + " bar(s) added over " + refreshed.size() + " series";
    }));
    archive.put("refresh", refreshed);

    // 2. Freshness and the crosses.
    t0 = System.nanoTime();
    List<Map<String, Object>> freshness = new ArrayList<>();
    Map<String, Object> crosses = null;
    if (Files.isRegularFile(ws.store())) {
      try (BarStore store = BarStore.openReader(ws.store())) {
        freshness = freshness(store.series(), clock.nowMillis());
        Interval interval = config.crosses().intervalValue();
        List<BarSeries> universe = store.readAll(null, interval);
        CrossScanner.Settings settings = CrossScanner.Settings.DEFAULT.withWindowDays(config.crosses().windowDays());
        // As of the last instant before the clock: an as-of clock's midnight still belongs to its day.
        long asOfMillis = clock.nowMillis() - 1;
        crosses = CrossesDocument.document(CrossScanner.scan(universe, asOfMillis, settings), settings, started);
        CrossesDocument.flagStale(crosses, universe, asOfMillis);
        if (!dryRun) {
          AtomicFiles.writeString(ws.pages().resolve("crosses.html"), Pages.crosses(CrossesView.of(crosses, null,
              config.crosses().themeValue())));
        }
        String stale = warnStale(err, "crosses", crosses);
        steps.add(new Step("crosses", "ok", elapsed(t0), ((List<?>) crosses.get("golden")).size() + " golden, "
            + ((List<?>) crosses.get("death")).size() + " death over " + universe.size() + " series" + stale));
      }
    } else {
      steps.add(new Step("crosses", "skipped", elapsed(t0), "no bar store at " + ws.store()));
    }
    archive.put("freshness", freshness);
    archive.put("crosses", crosses);

    // 3. The momentum shortlist, when configured.
    t0 = System.nanoTime();
    Object momentum = null;
    PipelineConfig.Momentum m = config.momentum();
    if (m != null) {
      MomentumScreen.Settings d = MomentumScreen.Settings.DEFAULTS;
      MomentumScreen.Settings settings = new MomentumScreen.Settings(m.lookback(), m.skip(), m.top(), d.minAddv(),
          d.gateMa(), d.riskOnBreadth());
      try {
        // The shortlist reads the store the refresh just updated (data/raw when there is no store).
        ScreenRuns.MomentumRecord r = ScreenRuns.momentum(new ScreenRuns.MomentumRequest(ws, List.of(),
            m.universe(), LoadOptions.DEFAULT, Timestamps.formatDate(clock.nowMillis() - 1), settings,
            dryRun ? null : ws.pages().resolve("momentum.html"), m.themeValue(),
            Files.isRegularFile(ws.store()) ? ws.store() : null, dryRun ? null : m.onlineExchanges()));
        momentum = r.document();
        String stale = warnStale(err, "momentum", r.document());
        steps.add(new Step("momentum", "ok", elapsed(t0), ((List<?>) r.document().get("shortlist")).size() + " names"
            + stale));
      } catch (ConfigException | DataFormatException e) {
        err.println("momentic: " + (e instanceof DataFormatException dfe ? dfe.firstLine() : e.getMessage()));
        steps.add(new Step("momentum", "failed", elapsed(t0), "screen momentum: " + (e instanceof DataFormatException dfe
            ? dfe.firstLine() : e.getMessage())));
      }
    } else {
      steps.add(new Step("momentum", "skipped", elapsed(t0), "no [momentum] universe in " + CONFIG));
    }
    archive.put("momentum", momentum);

    // 4. Publish: the dated archive, then the manifest.
    t0 = System.nanoTime();
    Path archiveFile = dryRun ? null : AtomicFiles.writeString(ws.archive().resolve(date + ".json"),
        Json.pretty(archive));
    steps.add(new Step("publish", dryRun ? "dry-run" : "ok", elapsed(t0), dryRun
        ? "nothing written (no store update, page, archive or manifest)" : archiveFile.toString()));
    boolean ok = steps.stream().noneMatch(s -> s.outcome().equals("failed"));
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("date", date.toString());
    manifest.put("started_at", started.toString());
    manifest.put("outcome", ok ? (steps.stream().anyMatch(s -> s.outcome().equals("partial")) ? "partial" : "ok")
        : "failed");
    manifest.put("steps", steps);
    manifest.put("store", ws.store().toString());
    manifest.put("archive", archiveFile == null ? null : archiveFile.toString());
    manifest.put("pages", ws.pages().toString());
    manifest.put("dry_run", dryRun);
    manifest.put("momentic_version", BuildInfo.version());
    Path manifestFile = dryRun ? null : AtomicFiles.writeString(ws.results().resolve("pipeline")
        .resolve("manifest.json"), Json.pretty(manifest));
    if (out != null) {
      for (Step s : steps) {
        out.printf(java.util.Locale.ROOT, "  %-9s %-8s %6d ms  %s%n", s.name(), s.outcome(), s.millis(), s.detail());
      }
    }
    return new Run(date, steps, archiveFile, manifestFile, ok, archive, manifest);
  }

  /** A screen's stale-data warning on stderr; the step's detail suffix ("" when fresh). */
  private static String warnStale(PrintWriter err, String step, Map<String, Object> doc) {
    if (doc.get("stale_data") instanceof String w) {
      err.println("momentic: warning: " + step + ": stale data: " + w);
      return "; STALE: " + w;
    }
    return "";
  }

  /** Freshness rows: venue, interval, symbols, newest bar, oldest newest bar, last fetch, age in days. */
  public static List<Map<String, Object>> freshness(List<BarStore.SeriesInfo> series, long nowMillis) {
    Map<String, List<BarStore.SeriesInfo>> groups = new LinkedHashMap<>();
    for (BarStore.SeriesInfo s : series) {
      groups.computeIfAbsent(s.venue() + " " + s.interval().code(), k -> new ArrayList<>()).add(s);
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    for (List<BarStore.SeriesInfo> g : groups.values()) {
      long newest = g.stream().mapToLong(BarStore.SeriesInfo::lastOpenTime).max().orElse(0);
      long stalest = g.stream().mapToLong(BarStore.SeriesInfo::lastOpenTime).min().orElse(0);
      long fetched = g.stream().mapToLong(BarStore.SeriesInfo::lastFetchMillis).max().orElse(0);
      Interval iv = g.get(0).interval();
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("venue", g.get(0).venue());
      r.put("interval", iv.code());
      r.put("symbols", g.size());
      r.put("bars", g.stream().mapToLong(BarStore.SeriesInfo::bars).sum());
      r.put("newest_bar", Timestamps.formatDate(newest));
      r.put("stalest_symbol_bar", Timestamps.formatDate(stalest));
      r.put("last_fetch", fetched == 0 ? null : Instant.ofEpochMilli(fetched).toString());
      // Bars behind: how many whole intervals have closed since the newest stored bar closed.
      r.put("intervals_behind", Math.max(0, (nowMillis - (newest + iv.millis())) / iv.millis()));
      rows.add(r);
    }
    return rows;
  }

  private static List<Ingest.Outcome> refresh(Workspace ws, BarStore store, PipelineConfig.Source source,
      long nowMillis, io.momentic.workflow.Progress progress) {
    DataProviders.Options options = DataProviders.Options.defaults();
    if (source.baseUrl() != null) {
      options = options.withVenueBaseUrl(source.venue(), URI.create(source.baseUrl()));
    }
    if (source.folder() != null) {
      options = options.withFolder(ws.root().resolve(source.folder()));
    }
    DataProvider provider = DataProviders.create(source.venue(), options);
    List<String> symbols = new ArrayList<>(source.symbols());
    if (symbols.isEmpty()) {
      symbols.addAll(DataProviders.universe(source.venue(), provider, options,
          source.minQuoteVolume() == null ? 10_000_000 : source.minQuoteVolume(),
          source.top() == null ? 0 : source.top()));
    }
    progress.start("refresh " + source.venue() + " " + source.interval(), symbols.size());
    List<Ingest.Outcome> outcomes = new ArrayList<>(Ingest.run(store, provider, symbols, source.intervalValue(),
        source.sinceMillis(), nowMillis, progress));
    if (source.venue().equals(io.momentic.data.provider.BinanceProvider.NAME)) {
      // Binance's delisting notices (pairs not TRADING in exchangeInfo), for the screen's membership.
      try {
        io.momentic.workflow.screen.DelistingNotices.update(io.momentic.workflow.screen.DelistingNotices.file(
            ws.state(), source.venue()), DataProviders.binanceNotTrading(options),
            LocalDate.ofInstant(Instant.ofEpochMilli(nowMillis - 1), ZoneOffset.UTC)); // the as-of day
      } catch (RuntimeException e) {
        outcomes.add(new Ingest.Outcome("exchangeInfo", source.venue(), 0, 0, 0, 0, "delisting notices not read: "
            + e.getMessage()));
      }
    }
    return outcomes;
  }

  private static long elapsed(long t0) {
    return (System.nanoTime() - t0) / 1_000_000;
  }
}
