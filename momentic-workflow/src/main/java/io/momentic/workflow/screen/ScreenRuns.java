package io.momentic.workflow.screen;

import io.momentic.core.AtomicFiles;
import io.momentic.core.BarSeries;
import io.momentic.core.Clock;
import io.momentic.core.ConfigException;
import io.momentic.core.Interval;
import io.momentic.core.Membership;
import io.momentic.core.Panel;
import io.momentic.core.Staleness;
import io.momentic.core.SafePaths;
import io.momentic.core.Symbols;
import io.momentic.core.Timestamps;
import io.momentic.data.BarFiles;
import io.momentic.data.CachedExchangeResolver;
import io.momentic.data.ExchangeResolver;
import io.momentic.data.LoadOptions;
import io.momentic.data.LoadedBars;
import io.momentic.data.UniverseFile;
import io.momentic.data.Workspace;
import io.momentic.data.store.BarStore;
import io.momentic.report.Json;
import io.momentic.report.page.CrossesView;
import io.momentic.report.page.Pages;
import io.momentic.report.page.ShortlistView;
import io.momentic.report.page.Theme;
import io.momentic.strategies.CrossScanner;
import io.momentic.strategies.MomentumScreen;
import io.momentic.workflow.Inputs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The screens: the weekly momentum shortlist (reference {@code 000}) and the golden/death-cross scan
 * (reference {@code 000} §10), each as a document with its optional page and snapshot.
 */
public final class ScreenRuns {

  private ScreenRuns() {}

  /**
   * {@code momentic screen momentum}. {@code data} empty with a universe reads the workspace's
   * {@code data/raw}; {@code asOf} null means now; {@code html} null writes no page.
   */
  public record MomentumRequest(Workspace workspace, List<Path> data, String universe, LoadOptions load, String asOf,
      MomentumScreen.Settings settings, Path html, Theme theme, Path store, ExchangeResolver online) {

    /** Without an online exchange lookup: chart links from the map and the universe's exchange column. */
    public MomentumRequest(Workspace workspace, List<Path> data, String universe, LoadOptions load, String asOf,
        MomentumScreen.Settings settings, Path html, Theme theme, Path store) {
      this(workspace, data, universe, load, asOf, settings, html, theme, store, null);
    }

    /** Bars from files ({@code data}, else the workspace's {@code data/raw}). */
    public MomentumRequest(Workspace workspace, List<Path> data, String universe, LoadOptions load, String asOf,
        MomentumScreen.Settings settings, Path html, Theme theme) {
      this(workspace, data, universe, load, asOf, settings, html, theme, null);
    }
  }

  /** The shortlist document, the page written (or null), and notes (files of a folder skipped, and why). */
  public record MomentumRecord(Map<String, Object> document, Path page, List<String> notes) {}

  public static MomentumRecord momentum(MomentumRequest r) throws IOException {
    Workspace ws = r.workspace();
    UniverseFile members = r.universe() == null ? null : UniverseFile.read(universeFile(ws, r.universe()));
    Clock clock = r.asOf() == null ? Clock.system()
        : Clock.frozen(Instant.ofEpochMilli(Inputs.endOfDay("as-of", r.asOf())));
    List<String> notes = new ArrayList<>();
    Panel loaded = r.store() != null && members != null ? fromStore(r.store(), members, notes)
        : load(ws, r.data(), members, r.load(), notes);
    if (r.asOf() != null) {
      int n = loaded.indexAtOrBefore(clock.nowMillis() - 1) + 1;
      if (n == 0) {
        throw new ConfigException("as-of", "expected a date on or after the first bar "
            + Timestamps.formatDate(loaded.time(0)) + ", found " + r.asOf());
      }
      loaded = loaded.upTo(n);
    }
    Panel weekly = MomentumShortlist.weekly(loaded, clock);
    if (weekly.size() == 0) {
      throw new ConfigException("as-of", "expected at least one closed week before "
          + (r.asOf() == null ? "now" : r.asOf()) + ", found none; pass a later --as-of or more data");
    }
    // Point-in-time eligibility: only names that were members in the week screened. Without a
    // membership history, a universe read from the store takes it from the store's own first and last
    // bars (everything ever fetched stays stored, so a name that stopped trading shows where it left).
    Membership membership = members == null ? null : members.membership();
    if (membership != null && !membership.hasHistory() && r.store() != null) {
      List<BarSeries> stored = new ArrayList<>();
      for (int s = 0; s < loaded.symbolCount(); s++) {
        stored.add(loaded.series(s));
      }
      membership = Membership.fromBars(stored, DelistingNotices.noticedAt(ws.state()));
    }
    int nonMembers = 0;
    if (membership != null && membership.hasHistory()) {
      long week = weekly.time(weekly.size() - 1);
      List<BarSeries> eligible = new ArrayList<>();
      for (int s = 0; s < weekly.symbolCount(); s++) {
        if (membership.memberAt(weekly.symbol(s), week + weekly.interval().millis() - 1)) { // at its close
          eligible.add(weekly.series(s));
        } else {
          nonMembers++;
        }
      }
      if (eligible.isEmpty()) {
        throw new ConfigException("universe", "expected some members of " + members.path() + " in the week of "
            + Timestamps.formatDate(week) + ", found none");
      }
      weekly = Panel.align(eligible);
    }
    MomentumScreen.Result result = MomentumScreen.run(weekly, r.settings());
    ExchangeResolver offline = members == null ? ExchangeResolver.none() : members.exchanges();
    CachedExchangeResolver exchanges = CachedExchangeResolver.open(ws.exchangeMap(),
        r.online() == null ? offline : offline.orElse(r.online()));
    Map<String, Object> doc = MomentumShortlist.document(result, r.settings(), weekly, exchanges,
        Instant.ofEpochMilli(clock.nowMillis()));
    exchanges.save();
    doc.put("stale_data", Staleness.warning(loaded.time(loaded.size() - 1), loaded.interval(), clock.nowMillis())
        .orElse(null));
    doc.put("survivorship", membership == null || !membership.hasHistory() ? Membership.SURVIVOR_ONLY
        : "point-in-time membership from " + (membership.source().equals(Membership.FROM_BARS)
            ? "the bar store's first and last bars (names never fetched are still missing)" : membership.source())
            + "; " + nonMembers + " name(s) not members that week left out");
    if (r.html() != null) {
      AtomicFiles.writeString(r.html(), Pages.shortlist(ShortlistView.of(doc, r.theme())));
    }
    return new MomentumRecord(doc, r.html(), List.copyOf(notes));
  }

  /**
   * The universe's daily bars from the bar store (what the pipeline just refreshed), any venue; a
   * symbol stored by two venues is read from the one with the newer last bar. Members with no
   * stored bars are noted.
   */
  private static Panel fromStore(Path storeFile, UniverseFile members, List<String> notes) {
    java.util.Map<String, BarSeries> bySymbol = new java.util.TreeMap<>();
    try (io.momentic.data.store.BarStore store = io.momentic.data.store.BarStore.openReader(storeFile)) {
      for (BarSeries s : store.readAll(null, io.momentic.core.Interval.D1)) {
        if (members.entry(s.symbol()).isPresent() && !s.isEmpty()) {
          bySymbol.merge(s.symbol(), s, (a, b) -> a.lastTime() >= b.lastTime() ? a : b);
        }
      }
    }
    if (bySymbol.isEmpty()) {
      throw new ConfigException("universe", "expected daily bars for some of the universe's symbols in the bar store "
          + storeFile + ", found none; fix: add a [[source]] that fetches them");
    }
    List<String> missing = members.symbols().stream().filter(x -> !bySymbol.containsKey(x)).toList();
    notes.add("read " + bySymbol.size() + " series from the bar store" + (missing.isEmpty() ? ""
        : "; not stored: " + String.join(", ", missing.subList(0, Math.min(10, missing.size())))
            + (missing.size() > 10 ? " and " + (missing.size() - 10) + " more" : "")));
    return Panel.align(List.copyOf(bySymbol.values()));
  }

  private static Panel load(Workspace ws, List<Path> data, UniverseFile members, LoadOptions options,
      List<String> notes) {
    List<Path> sources = data.isEmpty() && members != null ? List.of(ws.raw()) : data;
    if (sources.isEmpty()) {
      throw new ConfigException("data", "expected --data FILE|DIR or --universe NAME, found neither");
    }
    List<Path> files = new ArrayList<>();
    List<LoadedBars> loaded = new ArrayList<>();
    for (Path p : sources) {
      if (Files.isDirectory(p)) {
        if (members != null) {
          for (String symbol : members.symbols()) {
            Path f = Symbols.file(p, symbol, ".csv");
            if (Files.isRegularFile(f)) {
              files.add(f);
            }
          }
        } else {
          BarFiles.FolderBars folder = BarFiles.readFolder(p, options);
          loaded.addAll(folder.loaded());
          notes.addAll(folder.notes());
        }
      } else {
        files.add(p);
      }
    }
    if (files.isEmpty() && loaded.isEmpty()) {
      throw new ConfigException("data", "expected bar files for the universe in " + sources + ", found none; "
          + "fetch or import them first");
    }
    for (Path f : files) {
      loaded.add(BarFiles.read(f, files.size() == 1 && loaded.isEmpty() ? options : options.withSymbol(null)));
    }
    List<BarSeries> series = new ArrayList<>();
    for (LoadedBars bars : loaded) {
      for (BarSeries s : bars.series()) {
        if (members == null || members.entry(s.symbol()).isPresent()) {
          series.add(s);
        }
      }
    }
    if (series.isEmpty()) {
      throw new ConfigException("universe", "expected bars for some of the universe's symbols, found none in "
          + files);
    }
    return Panel.align(series);
  }

  /** {@code NAME} reads {@code config/universe/NAME.csv}; a path is read as it is. */
  public static Path universeFile(Workspace ws, String name) {
    Path asPath = Path.of(name);
    if (name.endsWith(".csv") || Files.isRegularFile(asPath)) {
      return asPath;
    }
    return SafePaths.inside(ws.universes(), Symbols.require("universe", name) + ".csv");
  }

  /**
   * {@code momentic screen crosses}: every series of the store (or of {@code data} files), the
   * window to {@code asOf} (null: now); optional page and dated snapshot.
   */
  public record CrossesRequest(Workspace workspace, List<Path> data, Path store, String venue, String interval,
      LoadOptions load, String asOf, int windowDays, Path html, boolean snapshot) {}

  /** The scan document, the page (or null) and the snapshot file (or null). */
  public record CrossesRecord(Map<String, Object> document, Path page, Path snapshot) {}

  public static CrossesRecord crosses(CrossesRequest r) throws IOException {
    Workspace ws = r.workspace();
    long asOfMillis = r.asOf() == null ? Clock.system().nowMillis() : Inputs.endOfDay("as-of", r.asOf()) - 1;
    List<BarSeries> universe = r.data().isEmpty() ? fromStore(ws, r) : fromFiles(r);
    CrossScanner.Settings settings = CrossScanner.Settings.DEFAULT.withWindowDays(r.windowDays());
    Map<String, Object> doc = CrossesDocument.document(CrossScanner.scan(universe, asOfMillis, settings), settings,
        Instant.ofEpochMilli(r.asOf() == null ? asOfMillis : Clock.system().nowMillis()));
    CrossesDocument.flagStale(doc, universe, asOfMillis);
    if (r.html() != null) {
      AtomicFiles.writeString(r.html(), Pages.crosses(CrossesView.of(doc, null, Theme.DEFAULT)));
    }
    Path snapshotFile = null;
    if (r.snapshot()) {
      snapshotFile = ws.results().resolve("crosses").resolve(doc.get("as_of") + ".json");
      AtomicFiles.writeString(snapshotFile, Json.pretty(doc));
    }
    return new CrossesRecord(doc, r.html(), snapshotFile);
  }

  private static List<BarSeries> fromStore(Workspace ws, CrossesRequest r) {
    try (BarStore bars = BarStore.openReader(r.store() != null ? r.store() : ws.store())) {
      String interval = r.interval() != null ? r.interval() : "1d";
      List<BarSeries> all = bars.readAll(r.venue(), Interval.parse(interval));
      if (all.isEmpty()) {
        throw new ConfigException("store", "expected " + interval + " bars" + (r.venue() == null ? "" : " of "
            + r.venue()) + " in " + bars.file() + ", found none; fix: run momentic fetch first");
      }
      return all;
    }
  }

  private static List<BarSeries> fromFiles(CrossesRequest r) {
    List<BarSeries> all = new ArrayList<>();
    for (Path p : r.data()) {
      for (Path f : Files.isDirectory(p) ? BarFiles.csvFiles(p) : List.of(p)) {
        all.addAll(BarFiles.read(f, r.load().withSymbol(null)).series());
      }
    }
    return all;
  }
}
