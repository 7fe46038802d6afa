package io.momentic.workflow.paper;

import io.momentic.core.Clock;
import io.momentic.core.Panel;
import io.momentic.core.Timestamps;
import io.momentic.data.LoadOptions;
import io.momentic.engine.BacktestConfig;
import io.momentic.paper.journal.Journal;
import io.momentic.paper.runtime.Incidents;
import io.momentic.paper.runtime.JournalSummary;
import io.momentic.paper.runtime.Operations;
import io.momentic.paper.runtime.Webhook;
import io.momentic.paper.runtime.PaperRuntime;
import io.momentic.paper.runtime.SlotSpec;
import io.momentic.paper.venue.BrokerClient;
import io.momentic.paper.venue.PaperVenue;
import io.momentic.paper.venue.VenueFiles;
import io.momentic.strategies.ResolvedStrategy;
import io.momentic.strategies.StrategyCatalog;
import io.momentic.workflow.Progress;
import io.momentic.workflow.backtest.BacktestRun;
import io.momentic.workflow.config.StrategyConfigFile;
import io.momentic.report.Numbers;
import io.momentic.report.text.Tables;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.stream.Collectors;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code momentic paper …}: paper trading from a config. Each {@code [[strategy]]} becomes the run
 * request its backtest would be (the same loader, costs and start), traded through a paper venue
 * account in the state folder; {@link #status} reads that folder's journal alone.
 */
public final class PaperRuns {

  private PaperRuns() {}

  /** A paper run: the config, the workspace relative paths resolve in, a replay speed override (null: the config's). */
  public record RunRequest(Path config, Path workspace, Double speed, Progress progress, boolean once,
      java.time.Instant asOf) {

    public RunRequest(Path config, Path workspace, Double speed, Progress progress) {
      this(config, workspace, speed, progress, false, null);
    }
  }

  /** One strategy as it will trade: what it runs on and from when. */
  public record Prepared(SlotSpec spec, Panel bars, BacktestRun.RunRequest request) {}

  /** A finished (or caught-up) run: where its state is and each strategy's summary. */
  public record RunRecord(Path state, Path journal, Map<String, JournalSummary.Slot> strategies) {}

  /** A runtime opened over a config's state folder (the journal held for writing), and each strategy's bars. */
  public record Opened(PaperRuntime runtime, Map<String, Panel> bars, Path state, PaperConfig config,
      List<Prepared> prepared) implements AutoCloseable {
    @Override
    public void close() {
      runtime.close();
    }
  }

  /** Opens the runtime of a config: the journal replayed, each venue account restored and given its bars. */
  public static Opened open(Path configFile, Path workspace) {
    PaperConfig config = PaperConfig.read(configFile);
    Path state = workspace.resolve(config.paper().state()).normalize();
    List<Prepared> prepared = prepare(config, configFile, workspace);
    VenueFiles files = new VenueFiles(state.resolve("venue"));
    Map<SlotSpec, BrokerClient> accounts = new LinkedHashMap<>();
    Map<String, Panel> bars = new LinkedHashMap<>();
    Map<String, PaperConfig.Strategy> byId = new LinkedHashMap<>();
    config.strategy().forEach(s -> byId.put(s.id(), s));
    for (Prepared p : prepared) {
      BacktestConfig c = p.spec().config();
      PaperConfig.Strategy s = byId.get(p.spec().id());
      if (s.venue().equals("binance-spot")) {
        accounts.put(p.spec(), binance(s, p.spec().symbols()));
      } else {
        PaperVenue venue = files.load(p.spec().id()).map(st -> PaperVenue.restore(st, c.execution()))
            .orElseGet(() -> new PaperVenue(p.spec().id(), p.spec().symbols(), c.initialCash(), c.execution()));
        venue.attach(p.bars());
        accounts.put(p.spec(), venue);
      }
      bars.put(p.spec().id(), p.bars());
    }
    Path journalFile = state.resolve(JOURNAL);
    if (Journal.heldByAnother(journalFile)) {
      throw new io.momentic.core.RunFailure(journalFile + " is held by a running paper runtime; fix: let it finish "
          + "or stop it (operator actions are queued for it instead)");
    }
    String webhook = config.paper().webhookUrl() != null ? config.paper().webhookUrl()
        : System.getenv(WEBHOOK_ENV);
    PaperRuntime runtime = new PaperRuntime(Journal.openWriter(journalFile), Clock.system(), accounts,
        (id, s) -> files.save(s), config.paper().risk().settings(), io.momentic.paper.runtime.Timer.SYSTEM)
        .withStateDir(state)
        .withAlerts(webhook == null || webhook.isBlank() ? null : Webhook.to(java.net.URI.create(webhook)));
    return new Opened(runtime, bars, state, config, prepared);
  }

  /** The environment variable a webhook URL may come from (the config's {@code webhook_url} wins). */
  public static final String WEBHOOK_ENV = "MOMENTIC_WEBHOOK_URL";

  /** Binance spot for a strategy: its base URL (default the spot testnet), keys from the environment. */
  private static io.momentic.paper.venue.BinanceSpot binance(PaperConfig.Strategy s, List<String> symbols) {
    String key = io.momentic.data.provider.ApiKeys.require("Binance spot", "momentic.binance.apiKey",
        "BINANCE_API_KEY");
    String secret = io.momentic.data.provider.ApiKeys.require("Binance spot", "momentic.binance.apiSecret",
        "BINANCE_API_SECRET");
    java.net.URI url = s.baseUrl() == null ? io.momentic.paper.venue.BinanceSpot.Settings.TESTNET
        : java.net.URI.create(s.baseUrl());
    return new io.momentic.paper.venue.BinanceSpot(new io.momentic.paper.venue.BinanceSpot.Settings(url, key, secret,
        5_000, "USDT", null), symbols);
  }

  /** The journal's file name in a state folder. */
  public static final String JOURNAL = "journal.db";

  public static RunRecord run(RunRequest request) throws InterruptedException {
    try (Opened o = open(request.config(), request.workspace())) {
      Progress progress = request.progress() == null ? Progress.NONE : request.progress();
      PaperConfig config = o.config();
      double speed = request.speed() != null ? request.speed() : config.paper().speed();
      long steps = o.bars().values().stream().mapToLong(Panel::size).sum();
      progress.start("paper replay", steps);
      int[] done = {0};
      if (config.paper().feed().equals("store")) {
        Clock now = request.asOf() == null ? Clock.system() : Clock.frozen(request.asOf());
        o.runtime().follow(() -> storeBars(config, request.workspace(), o.prepared()),
            new PaperRuntime.Follow(config.paper().settleSeconds() * 1000, config.paper().pollSeconds() * 1000,
                request.once()), now, t -> progress.accept(++done[0]));
      } else {
        o.runtime().replay(o.bars(), speed, time -> {
          for (Panel p : o.bars().values()) {
            int i = p.indexAtOrBefore(time);
            if (i >= 0 && p.time(i) == time) {
              done[0]++;
            }
          }
          progress.accept(done[0]);
        });
      }
      return new RunRecord(o.state(), o.state().resolve(JOURNAL), JournalSummary.of(o.runtime().journal().entries(null)));
    }
  }

  /** What an operator's action did: applied now, or queued for the runtime that holds the journal. */
  public record ControlRecord(boolean queued, Path inboxFile, String target, String action, String book,
      Map<String, JournalSummary.Slot> strategies) {}

  /**
   * {@code momentic paper pause|resume|clear|kill|retire|halt|reduce|activate}: checked and
   * journaled now when no runtime holds the journal (a kill or halt cancels the working orders at
   * the venue); queued in the state folder's inbox for the running runtime otherwise.
   */
  public static ControlRecord control(Path configFile, Path workspace, String target, Operations.Action action,
      String reason) {
    PaperConfig config = PaperConfig.read(configFile);
    Path state = workspace.resolve(config.paper().state()).normalize();
    String who = action.portfolio() ? Incidents.PORTFOLIO : target;
    if (!action.portfolio() && config.strategy().stream().noneMatch(s -> s.id().equals(target))) {
      throw new io.momentic.core.ConfigException("strategy", "expected one of " + config.strategy().stream()
          .map(PaperConfig.Strategy::id).toList() + ", found '" + target + "'");
    }
    if (Journal.heldByAnother(state.resolve(JOURNAL))) {
      Path inbox = PaperRuntime.inbox(state);
      Map<String, Object> a = new java.util.TreeMap<>();
      a.put("target", who);
      a.put("action", action.name().toLowerCase(java.util.Locale.ROOT));
      a.put("reason", reason);
      Path file = inbox.resolve(String.format(java.util.Locale.ROOT, "%d-%s.json", System.currentTimeMillis(),
          a.get("action")));
      try {
        java.nio.file.Files.createDirectories(inbox);
        io.momentic.core.AtomicFiles.writeString(file, io.momentic.report.Json.pretty(a) + "\n");
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException("Cannot queue the action in " + inbox, e);
      }
      return new ControlRecord(true, file, who, a.get("action").toString(), null, Map.of());
    }
    try (Opened o = open(configFile, workspace)) {
      o.runtime().start();
      o.runtime().operator(who, action, reason);
      List<Journal.Entry> entries = o.runtime().journal().entries(null);
      return new ControlRecord(false, null, who, action.name().toLowerCase(java.util.Locale.ROOT),
          JournalSummary.book(entries), JournalSummary.of(entries));
    }
  }

  /** {@code momentic paper reconcile}: both sides, item by item; a disagreement is also an incident. */
  public static List<PaperRuntime.Line> reconcile(Path configFile, Path workspace) {
    try (Opened o = open(configFile, workspace)) {
      return o.runtime().reconcileNow();
    }
  }

  /** {@code momentic paper dust}: fragments below the venue's minimums, by strategy. */
  public static List<PaperRuntime.Dust> dust(Path configFile, Path workspace) {
    try (Opened o = open(configFile, workspace)) {
      return o.runtime().dust(o.bars());
    }
  }

  /** {@code momentic paper close-dust}: top up and sell each fragment (or say why not). */
  public static List<PaperRuntime.DustClose> closeDust(Path configFile, Path workspace, String strategy)
      throws InterruptedException {
    try (Opened o = open(configFile, workspace)) {
      o.runtime().start();
      return o.runtime().closeDust(o.bars(), strategy);
    }
  }

  /** A comparison of every strategy with its backtest, and of the versions of each strategy with each other. */
  public record CompareRecord(List<io.momentic.paper.runtime.Comparison.Result> strategies,
      List<io.momentic.paper.runtime.Comparison.Variants> variants,
      io.momentic.paper.runtime.Comparison.Gate gate) {}

  /**
   * {@code momentic paper compare}: each strategy's backtest replayed on exactly the bars its
   * runtime saw, against the journal; the gate from the config unless given.
   */
  public static CompareRecord compare(Path configFile, Path workspace, Double minAgreement, Double maxTradeDelta) {
    PaperConfig config = PaperConfig.read(configFile);
    Path state = workspace.resolve(config.paper().state()).normalize();
    io.momentic.paper.runtime.Comparison.Gate gate = new io.momentic.paper.runtime.Comparison.Gate(
        minAgreement != null ? minAgreement : config.paper().minAgreement(),
        maxTradeDelta != null ? maxTradeDelta : config.paper().maxTradeCountDelta());
    List<Prepared> prepared = prepare(config, configFile, workspace);
    try (Journal journal = Journal.openReader(state.resolve(JOURNAL))) {
      Map<String, List<Journal.Entry>> entries = new LinkedHashMap<>();
      List<io.momentic.paper.runtime.Comparison.Result> results = new ArrayList<>();
      Map<String, List<SlotSpec>> byStrategy = new LinkedHashMap<>();
      for (Prepared p : prepared) {
        List<Journal.Entry> e = journal.entries(p.spec().id());
        entries.put(p.spec().id(), e);
        results.add(io.momentic.paper.runtime.Comparison.of(p.spec(), p.bars(), e, gate));
        byStrategy.computeIfAbsent(p.request().strategy(), k -> new ArrayList<>()).add(p.spec());
      }
      List<io.momentic.paper.runtime.Comparison.Variants> variants = new ArrayList<>();
      byStrategy.forEach((name, specs) -> {
        if (specs.size() >= 2) {
          variants.add(io.momentic.paper.runtime.Comparison.variants(name, specs, entries));
        }
      });
      return new CompareRecord(results, variants, gate);
    }
  }

  /** The state folder of a config (its {@code [paper] state}), or the default one when there is no config. */
  public static Path statePath(Path configFile, Path workspace) {
    String state = java.nio.file.Files.isRegularFile(configFile) ? PaperConfig.read(configFile).paper().state()
        : "state/paper";
    return workspace.resolve(state).normalize();
  }

  /** The default paper config in a workspace (what {@code serve} reads for its operator pages). */
  public static final String DEFAULT_CONFIG = "config/paper.toml";

  /**
   * The operator page's document, from the journal alone (read-only, so a running runtime is never
   * disturbed): the book, each strategy's summary and data freshness (its last bar and how long ago
   * that was), the newest orders with their outcome, the newest fills, and the incidents. Null when
   * the workspace has no paper journal yet.
   */
  public static Map<String, Object> dashboard(Path state, int recent, long nowMillis) {
    if (!java.nio.file.Files.isRegularFile(state.resolve(JOURNAL))) {
      return null;
    }
    try (Journal journal = Journal.openReader(state.resolve(JOURNAL))) {
      List<Journal.Entry> entries = journal.entries(null);
      Map<String, JournalSummary.Slot> slots = JournalSummary.of(entries);
      Map<String, String> outcome = new java.util.HashMap<>();
      List<Map<String, Object>> orders = new ArrayList<>();
      List<Map<String, Object>> fills = new ArrayList<>();
      for (Journal.Entry e : entries) {
        Map<String, Object> p = io.momentic.report.Json.toMap(io.momentic.report.Json.parse(e.payload()));
        switch (e.kind()) {
          case SENT -> outcome.put(e.slot() + " " + e.ref(), p.get("outcome") + (String.valueOf(p.get("code")).isEmpty()
              ? "" : " " + p.get("code")));
          case DENIED -> outcome.put(e.slot() + " " + e.ref(), "DENIED: " + p.get("reason"));
          case INTENT -> {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("strategy", e.slot());
            o.put("client_order_id", e.ref());
            o.put("bar", Timestamps.format(e.barTime()));
            o.put("order", describeOrder(p));
            orders.add(o);
          }
          case TRADE -> {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("strategy", e.slot());
            f.put("trade_id", p.get("trade_id"));
            f.put("time", Timestamps.format(((Number) p.get("time_ms")).longValue()));
            f.put("instrument", p.get("instrument"));
            f.put("side", p.get("side"));
            f.put("quantity", p.get("quantity"));
            f.put("price", p.get("price"));
            f.put("fee", p.get("fee"));
            f.put("client_order_id", p.get("client_order_id"));
            fills.add(f);
          }
          default -> { }
        }
      }
      for (Map<String, Object> o : orders) {
        o.put("outcome", outcome.getOrDefault(o.get("strategy") + " " + o.get("client_order_id"), "not answered yet"));
      }
      List<Map<String, Object>> strategies = document(slots);
      for (Map<String, Object> m : strategies) {
        JournalSummary.Slot slot = slots.get((String) m.get("id"));
        m.put("last_bar_age", slot.lastBar() == Long.MIN_VALUE ? null
            : io.momentic.core.Staleness.ago(slot.lastBar(), nowMillis));
      }
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("book", JournalSummary.book(entries));
      doc.put("strategies", strategies);
      doc.put("orders", orders.subList(Math.max(0, orders.size() - recent), orders.size()).reversed());
      doc.put("fills", fills.subList(Math.max(0, fills.size() - recent), fills.size()).reversed());
      doc.put("incidents", Incidents.read(journal.entries(Incidents.PORTFOLIO)).stream().map(i -> {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", i.id());
        m.put("opened", Timestamps.format(i.openedMillis()));
        m.put("severity", i.severity().name());
        m.put("class", i.klass());
        m.put("strategies", String.join(", ", i.strategies()));
        m.put("impact", i.impact());
        m.put("remediation", i.remediation());
        m.put("closed", i.open() ? null : Timestamps.format(i.closedMillis()));
        return m;
      }).toList());
      return doc;
    }
  }

  private static String describeOrder(Map<String, Object> p) {
    String command = String.valueOf(p.get("command"));
    return switch (command) {
      case "place" -> p.get("side") + " " + p.get("type") + " " + p.get("symbol") + " " + p.get("sizing")
          + (p.get("limit") == null ? "" : " limit " + p.get("limit")) + (p.get("stop") == null ? "" : " stop "
          + p.get("stop"));
      case "rebalance" -> "rebalance " + p.get("symbol") + " to " + p.get("weight");
      default -> command + (p.get("symbol") == null ? "" : " " + p.get("symbol")) + (p.get("target") == null ? ""
          : " " + p.get("target"));
    };
  }

  /** {@code momentic paper incidents}: the ledger, from the journal alone. */
  public static List<Incidents.Incident> incidents(Path state) {
    try (Journal journal = Journal.openReader(state.resolve(JOURNAL))) {
      return Incidents.read(journal.entries(Incidents.PORTFOLIO));
    }
  }

  /** Each {@code [[strategy]]} as its backtest would run: loaded, costed, started where the backtest starts. */
  public static List<Prepared> prepare(PaperConfig config, Path configFile, Path workspace) {
    Path base = configFile.toAbsolutePath().getParent();
    return config.strategy().stream().map(s -> {
      StrategyConfigFile file = s.config() == null ? null : StrategyConfigFile.read(base.resolve(s.config()));
      // Bars from the store: the store file stands in for the data files (settings only; never read as CSV).
      List<Path> data = s.storeVenue() != null ? List.of(storeFile(workspace))
          : s.data().stream().map(d -> base.resolve(d).normalize()).toList();
      BacktestRun.Overrides cli = new BacktestRun.Overrides(s.strategy(), StrategyConfigFile.asText(s.params()),
          data, s.symbols(), s.cash(), s.commission(), s.slippageBps(), s.fill(), false, null, s.start(), s.end(), null,
          null, null);
      BacktestRun.RunRequest spec = BacktestRun.request(file, cli);
      BacktestRun.RunData runData = s.storeVenue() != null ? BacktestRun.fromPanel(spec, fromStore(workspace, s))
          : BacktestRun.load(spec, LoadOptions.DEFAULT);
      BacktestConfig backtest = BacktestRun.measuredConfig(spec, runData);
      ResolvedStrategy strategy = StrategyCatalog.resolve(spec.strategy(), spec.params());
      String description = s.description() != null ? s.description()
          : spec.strategy() + " " + spec.params() + " on " + runData.panel().symbols() + ", cash " + spec.cash()
              + ", from " + Timestamps.format(backtest.startTimeMillis()) + (s.storeVenue() == null ? ""
              : " (store: " + s.storeVenue() + " " + s.interval() + ")");
      return new Prepared(new SlotSpec(s.id(), strategy::create, backtest, runData.panel().symbols(), description),
          runData.panel(), spec);
    }).toList();
  }

  private static Path storeFile(Path workspace) {
    return io.momentic.data.Workspace.at(workspace).store();
  }

  /** A strategy's bars from the store (its venue, symbols and interval), as they are now. */
  static Panel fromStore(Path workspace, PaperConfig.Strategy s) {
    Path store = storeFile(workspace);
    if (!java.nio.file.Files.isRegularFile(store)) {
      throw new io.momentic.core.ConfigException("store_venue", "expected the bar store " + store + ", found no such "
          + "file; fix: fill it with momentic fetch or momentic pipeline run");
    }
    io.momentic.core.Interval interval = io.momentic.core.Interval.parse(s.interval());
    try (io.momentic.data.store.BarStore reader = io.momentic.data.store.BarStore.openReader(store)) {
      List<io.momentic.core.BarSeries> series = new ArrayList<>();
      for (String symbol : s.symbols()) {
        io.momentic.core.BarSeries bars = reader.read(s.storeVenue(), symbol, interval);
        if (bars == null || bars.size() == 0) {
          throw new io.momentic.core.ConfigException("symbols", "expected " + s.storeVenue() + " " + symbol + " "
              + s.interval() + " bars in the store, found none; fix: momentic fetch --venue " + s.storeVenue()
              + " --symbols " + symbol + " --interval " + s.interval());
        }
        series.add(bars);
      }
      return Panel.align(series);
    }
  }

  /** Every strategy's bars for the live feed: the store read again (file strategies keep theirs). */
  private static Map<String, Panel> storeBars(PaperConfig config, Path workspace, List<Prepared> prepared) {
    Map<String, Panel> out = new LinkedHashMap<>();
    for (int i = 0; i < config.strategy().size(); i++) {
      PaperConfig.Strategy s = config.strategy().get(i);
      Prepared p = prepared.get(i);
      out.put(s.id(), s.storeVenue() == null ? p.bars() : BacktestRun.fromPanel(p.request(), fromStore(workspace, s))
          .panel());
    }
    return out;
  }

  /** The book's kill-switch state (active, reducing, halted) from the journal in {@code state}. */
  public static String book(Path state) {
    try (Journal journal = Journal.openReader(state.resolve(JOURNAL))) {
      return JournalSummary.book(journal.entries(Incidents.PORTFOLIO));
    }
  }

  /** {@code momentic paper status}: every strategy's summary from the journal in {@code state}. */
  public static Map<String, JournalSummary.Slot> status(Path state) {
    try (Journal journal = Journal.openReader(state.resolve(JOURNAL))) {
      return JournalSummary.of(journal.entries(null));
    }
  }

  /** Each strategy's summary as JSON fields. */
  public static List<Map<String, Object>> document(Map<String, JournalSummary.Slot> slots) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (JournalSummary.Slot s : slots.values()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", s.id());
      m.put("state", s.state());
      m.put("reason", s.reason());
      m.put("since", s.stateSince() == Long.MIN_VALUE ? null : Timestamps.format(s.stateSince()));
      m.put("bars", s.bars());
      m.put("last_bar", s.lastBar() == Long.MIN_VALUE ? null : Timestamps.format(s.lastBar()));
      m.put("equity", s.equity());
      m.put("cash", s.cash());
      m.put("positions", s.positions());
      m.put("fills", s.fills());
      m.put("orders_sent", s.ordersSent());
      m.put("denied", s.denied());
      m.put("rejected", s.rejected());
      m.put("unknown_outcomes", s.unknownOutcomes());
      m.put("skips", s.skips());
      out.add(m);
    }
    return out;
  }

  /** Each strategy's summary as a table, and why any is not running. */
  public static void printSummary(PrintWriter out, Map<String, JournalSummary.Slot> slots) {
    List<List<String>> rows = new ArrayList<>();
    for (JournalSummary.Slot s : slots.values()) {
      rows.add(List.of(s.id(), s.state(), s.lastBar() == Long.MIN_VALUE ? "-" : Timestamps.format(s.lastBar()),
          Numbers.fmt(s.equity(), Numbers.Kind.MONEY),
          s.positions().isEmpty() ? "flat" : s.positions().entrySet().stream()
              .map(e -> e.getKey() + " " + Numbers.fmt(e.getValue(), Numbers.Kind.QTY)).collect(Collectors.joining(", ")),
          Integer.toString(s.fills()),
          s.ordersSent() + " / " + s.denied() + " / " + s.rejected() + " / " + s.unknownOutcomes(),
          s.skips().entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "))));
    }
    Tables.print(out, List.of("strategy", "state", "last bar", "equity", "positions", "fills",
        "sent / denied / rejected / unknown", "bars skipped"), rows);
    for (JournalSummary.Slot s : slots.values()) {
      if (!"running".equals(s.state())) {
        out.println(s.id() + ": " + s.state() + " — " + s.reason());
      }
    }
  }
}
