package io.momentic.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.momentic.core.BarSeries;
import io.momentic.core.Clock;
import io.momentic.core.ConfigException;
import io.momentic.core.Panel;
import io.momentic.data.BarFiles;
import io.momentic.data.CachedExchangeResolver;
import io.momentic.data.ExchangeResolver;
import io.momentic.data.LoadOptions;
import io.momentic.data.Timestamps;
import io.momentic.data.UniverseFile;
import io.momentic.data.Workspace;
import io.momentic.data.store.BarStore;
import io.momentic.strategies.CrossScanner;
import io.momentic.strategies.MomentumScreen;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code momentic screen}: lists to look at this week. */
@Command(name = "screen", mixinStandardHelpOptions = true, subcommands = {ScreenCommand.Momentum.class, ScreenCommand.CrossesScreen.class},
    description = "Screens: 'momentic screen momentum --help', 'momentic screen crosses --help'.")
final class ScreenCommand implements Callable<Integer> {

  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Spec
  CommandSpec spec;

  @ParentCommand
  MomenticCommand root;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return Main.EXIT_OK;
  }

  /** {@code momentic screen momentum}: the weekly momentum shortlist (reference 000). */
  @Command(name = "momentum", mixinStandardHelpOptions = true,
      description = "The strongest names by weekly momentum, above a liquidity floor, with the breadth regime. "
          + "Daily bars are aggregated to weeks; a week not over by --as-of (default: now) is left out.")
  static final class Momentum implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    ScreenCommand parent;

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

    @Option(names = "--json", description = "Print the shortlist as JSON.")
    boolean json;

    @Option(names = "--html", paramLabel = "FILE.html", description = "Also write the self-contained page.")
    Path html;

    @Option(names = "--theme", paramLabel = "NAME", description = "Page theme: default or groovy.")
    String theme = "default";

    @Override
    public Integer call() throws IOException {
      String pageTheme = ScreenPage.theme(theme);
      MomentumScreen.Settings settings = new MomentumScreen.Settings(lookback, skip, top, minAddv, gateMa,
          riskOnBreadth);
      Workspace ws = parent.root.workspace();
      UniverseFile members = universe == null ? null : UniverseFile.read(universeFile(ws, universe));
      Clock clock = asOf == null ? Clock.system() : Clock.frozen(Instant.ofEpochMilli(BacktestRunner.endOfDay("as-of", asOf)));
      Panel loaded = load(ws, members);
      if (asOf != null) {
        int n = loaded.indexAtOrBefore(clock.nowMillis() - 1) + 1;
        if (n == 0) {
          throw new ConfigException("as-of", "expected a date on or after the first bar "
              + Timestamps.formatDate(loaded.time(0)) + ", found " + asOf);
        }
        loaded = loaded.upTo(n);
      }
      Panel weekly = MomentumShortlist.weekly(loaded, clock);
      if (weekly.size() == 0) {
        throw new ConfigException("as-of", "expected at least one closed week before " + (asOf == null ? "now" : asOf)
            + ", found none; pass a later --as-of or more data");
      }
      MomentumScreen.Result result = MomentumScreen.run(weekly, settings);
      ExchangeResolver offline = members == null ? ExchangeResolver.none() : members.exchanges();
      CachedExchangeResolver exchanges = CachedExchangeResolver.open(ws.exchangeMap(), offline);
      Map<String, Object> doc = MomentumShortlist.document(result, settings, weekly, exchanges,
          Instant.ofEpochMilli(clock.nowMillis()));
      exchanges.save();
      PrintWriter out = spec.commandLine().getOut();
      if (html != null) {
        Path parentDir = html.toAbsolutePath().getParent();
        Files.createDirectories(parentDir);
        Files.writeString(html, ScreenPage.html(doc, pageTheme), StandardCharsets.UTF_8);
      }
      if (json) {
        out.println(JSON.writeValueAsString(doc));
      } else {
        print(out, doc);
        if (html != null) {
          out.println("page: " + html);
        }
      }
      return Main.EXIT_OK;
    }

    private Panel load(Workspace ws, UniverseFile members) {
      List<Path> sources = data.isEmpty() && members != null ? List.of(ws.raw()) : data;
      if (sources.isEmpty()) {
        throw new ConfigException("data", "expected --data FILE|DIR or --universe NAME, found neither");
      }
      LoadOptions options = load.options();
      List<Path> files = new ArrayList<>();
      for (Path p : sources) {
        if (Files.isDirectory(p)) {
          if (members != null) {
            for (String symbol : members.symbols()) {
              Path f = p.resolve(symbol + ".csv");
              if (Files.isRegularFile(f)) {
                files.add(f);
              }
            }
          } else {
            files.addAll(BarFiles.csvFiles(p));
          }
        } else {
          files.add(p);
        }
      }
      if (files.isEmpty()) {
        throw new ConfigException("data", "expected bar files for the universe in " + sources + ", found none; "
            + "fetch or import them first");
      }
      List<BarSeries> series = new ArrayList<>();
      for (Path f : files) {
        for (BarSeries s : BarFiles.read(f, files.size() == 1 ? options : options.withSymbol(null)).series()) {
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

    private static Path universeFile(Workspace ws, String name) {
      Path asPath = Path.of(name);
      if (name.endsWith(".csv") || Files.isRegularFile(asPath)) {
        return asPath;
      }
      return ws.universes().resolve(name + ".csv");
    }
  }

  static void print(PrintWriter out, Map<String, Object> doc) {
    Map<?, ?> regime = (Map<?, ?>) doc.get("regime");
    Map<?, ?> universe = (Map<?, ?>) doc.get("universe");
    Map<?, ?> settings = (Map<?, ?>) doc.get("settings");
    Object breadth = regime.get("breadth");
    out.printf(Locale.ROOT, "Momentum shortlist, week of %s (last closed week): %s-week momentum skipping %s; "
            + "%s names trading, %s below the %s/day floor%n", doc.get("week_start"), settings.get("lookback_weeks"),
        settings.get("skip_weeks"), universe.get("trading"), universe.get("below_floor"),
        ScreenPage.money(RunPage.num(settings.get("min_addv"))));
    out.printf(Locale.ROOT, "Regime: %s, breadth %s of names above their %s-week average (RISK-ON at >= %.0f%%)%n",
        regime.get("state"), ScreenPage.breadthText(breadth), regime.get("ma_weeks"), 100 * RunPage.num(regime.get("risk_on_breadth")));
    List<List<String>> rows = new ArrayList<>();
    for (Object o : (List<?>) doc.get("shortlist")) {
      Map<?, ?> r = (Map<?, ?>) o;
      rows.add(List.of(String.valueOf(r.get("rank")), String.valueOf(r.get("symbol")),
          ScreenPage.pct(100 * RunPage.num(r.get("score"))), ScreenPage.pct(RunPage.num(r.get("trend_13w_pct"))),
          ScreenPage.money(RunPage.num(r.get("addv"))), String.format(Locale.ROOT, "%.2f", RunPage.num(r.get("close"))),
          r.get("exchange") == null ? "" : String.valueOf(r.get("exchange"))));
    }
    Tables.print(out, List.of("rank", "symbol", "momentum", "13w trend", "ADDV/day", "close", "exchange"), rows);
  }

  /** {@code momentic screen crosses}: golden and death crosses of every stored symbol (reference 000 §10). */
  @Command(name = "crosses", mixinStandardHelpOptions = true,
      description = "Golden and death crosses (SMA50 over/under SMA200) in a rolling 30-day window, each with a "
          + "0-10 strength score; reads the workspace's bar store unless --data is given.")
  static final class CrossesScreen implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    ScreenCommand parent;

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

    @Option(names = "--json", description = "Print the scan as JSON.")
    boolean json;

    @Option(names = "--html", paramLabel = "FILE.html", description = "Also write the self-contained page.")
    Path html;

    @Option(names = "--snapshot", description = "Also write the dated snapshot <workspace>/data/results/crosses/<as-of>.json.")
    boolean snapshot;

    @Mixin
    LoadMixin load;

    @Override
    public Integer call() throws IOException {
      Workspace ws = parent.root.workspace();
      long asOfMillis = asOf == null ? Clock.system().nowMillis() : BacktestRunner.endOfDay("as-of", asOf) - 1;
      List<BarSeries> universe = data.isEmpty() ? fromStore(ws) : fromFiles();
      CrossScanner.Settings settings = CrossScanner.Settings.DEFAULT.withWindowDays(windowDays);
      Map<String, Object> doc = CrossReport.document(CrossScanner.scan(universe, asOfMillis, settings), settings,
          Instant.ofEpochMilli(asOf == null ? asOfMillis : Clock.system().nowMillis()));
      PrintWriter out = spec.commandLine().getOut();
      if (html != null) {
        io.momentic.core.AtomicFiles.writeString(html, CrossReport.html(doc, null));
      }
      Path snapshotFile = null;
      if (snapshot) {
        snapshotFile = ws.results().resolve("crosses").resolve(doc.get("as_of") + ".json");
        io.momentic.core.AtomicFiles.writeString(snapshotFile, JSON.writeValueAsString(doc));
      }
      if (json) {
        out.println(JSON.writeValueAsString(doc));
      } else {
        CrossReport.print(out, doc);
        if (html != null) {
          out.println("page: " + html);
        }
        if (snapshotFile != null) {
          out.println("snapshot: " + snapshotFile);
        }
      }
      return Main.EXIT_OK;
    }

    private List<BarSeries> fromStore(Workspace ws) {
      try (BarStore bars = BarStore.openReader(store != null ? store : ws.store())) {
        String interval = load.interval != null ? load.interval : "1d";
        List<BarSeries> all = bars.readAll(venue, io.momentic.core.Interval.parse(interval));
        if (all.isEmpty()) {
          throw new ConfigException("store", "expected " + interval + " bars" + (venue == null ? "" : " of " + venue)
              + " in " + bars.file() + ", found none; fix: run momentic fetch first");
        }
        return all;
      }
    }

    private List<BarSeries> fromFiles() {
      List<BarSeries> all = new ArrayList<>();
      for (Path p : data) {
        for (Path f : Files.isDirectory(p) ? BarFiles.csvFiles(p) : List.of(p)) {
          all.addAll(BarFiles.read(f, load.options().withSymbol(null)).series());
        }
      }
      return all;
    }
  }
}
