package io.momentic.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import io.momentic.core.BarSeries;
import io.momentic.core.ConfigException;
import io.momentic.core.Interval;
import io.momentic.core.SafePaths;
import io.momentic.core.Timestamps;
import io.momentic.data.Workspace;
import io.momentic.data.store.BarStore;
import io.momentic.indicators.MovingAverages;
import io.momentic.report.Json;
import io.momentic.report.Numbers;
import io.momentic.report.page.BreakoutAnalysisView;
import io.momentic.report.page.BreakoutView;
import io.momentic.report.page.ChartView;
import io.momentic.report.page.Chrome;
import io.momentic.report.page.CrossesView;
import io.momentic.report.page.HomeView;
import io.momentic.report.page.LoginView;
import io.momentic.report.page.MessageView;
import io.momentic.report.page.Pages;
import io.momentic.report.page.RegimeView;
import io.momentic.report.page.RunsView;
import io.momentic.report.page.ShortlistView;
import io.momentic.report.page.Theme;
import io.momentic.research.ml.MetaLabel;
import io.momentic.strategies.breakout.BreakoutScanner;
import io.momentic.strategies.breakout.Signal;
import io.momentic.workflow.breakout.AiVerdict;
import io.momentic.workflow.breakout.BreakoutRuns;
import io.momentic.workflow.breakout.PulseIntel;
import io.momentic.workflow.pipeline.DailyPipeline;
import io.momentic.workflow.serve.Dashboards;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code momentic serve}: the dashboards of a workspace over HTTP — home (links, data freshness per
 * venue and interval, the last pipeline run), the crosses, the momentum shortlist, the regime page,
 * the run reports, interactive price and equity charts (TradingView Lightweight Charts, bundled in
 * the jar), and a JSON API behind each page.
 *
 * <p>Every request reads the workspace afresh (the store through a read-only snapshot, pages and
 * archives that the pipeline replaces atomically), so the server never waits on the pipeline and
 * never shows half a page. Bound to 127.0.0.1 by default; bound anywhere else it refuses to start
 * without a token, and with a token every request needs {@code Authorization: Bearer <token>} (or
 * the cookie set by {@code /login?token=…}). Files are only served from inside a run folder; any
 * path that would leave it is a 404.
 */
public final class WebServer implements Dashboards.Running {

  /** The environment variable a token may come from. */
  public static final String TOKEN_ENV = Dashboards.TOKEN_ENV;

  public static final String LWC_JS = io.momentic.report.page.Assets.LIGHTWEIGHT_CHARTS;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String COOKIE = "momentic_token";
  /** Folders of data/results that are not backtest runs. */
  private static final List<String> NOT_RUNS = List.of("archive", "pages", "pipeline", "regime", "crosses",
      "screens");

  private final Workspace ws;
  private final String token;
  private final boolean trustProxy;
  /** Five failed token attempts a minute per client address. */
  private final LoginThrottle throttle = new LoginThrottle(5, 60_000, System::currentTimeMillis);
  private final Javalin app;

  private WebServer(Workspace ws, Dashboards.Settings settings) {
    this.ws = ws;
    this.token = settings.token() == null || settings.token().isBlank() ? null : settings.token();
    this.trustProxy = settings.trustProxy();
    String host = settings.host();
    int port = settings.port();
    this.app = Javalin.create(config -> {
      config.startup.showJavalinBanner = false;
      config.startup.showOldJavalinVersionWarning = false;
      config.concurrency.useVirtualThreads = true;
      config.jetty.host = host;
      config.jetty.port = port;
      config.routes.before(this::guard);
      config.routes.get("/", ctx -> html(ctx, home()));
      config.routes.get("/login", this::login);
      config.routes.post("/login", this::login);
      config.routes.get("/favicon.ico", ctx -> ctx.contentType("image/svg+xml").result(FAVICON));
      config.routes.get("/assets/lightweight-charts.js", ctx -> asset(ctx, LWC_JS, "text/javascript"));
      config.routes.get("/crosses", ctx -> latest("crosses").ifPresentOrElse(doc -> {
        Theme theme = servedTheme(true); // the pipeline's config, read once a request
        html(ctx, Pages.crosses(CrossesView.of(Json.toMap(doc), "/chart?symbol=", theme)
            .withChrome(Chrome.served("Golden and death crosses").withTheme(theme))));
      }, () -> missing(ctx, "crosses")));
      config.routes.get("/shortlist", ctx -> latest("momentum").ifPresentOrElse(doc -> {
        Theme theme = servedTheme(false);
        html(ctx, Pages.shortlist(ShortlistView.of(Json.toMap(doc), theme)
            .withChrome(Chrome.served("Momentum shortlist").withTheme(theme).withRefresh(3600))));
      }, () -> missing(ctx, "momentum")));
      config.routes.get("/regime", this::regimePage);
      config.routes.get("/runs", ctx -> html(ctx, runsPage()));
      config.routes.get("/compare", ctx -> html(ctx, comparePage(ctx)));
      config.routes.get("/research/{name}", ctx -> html(ctx, researchReport(ctx.pathParam("name"))));
      config.routes.get("/runs/{id}", ctx -> {
        runDir(ctx.pathParam("id"));
        ctx.redirect("/runs/" + java.net.URLEncoder.encode(ctx.pathParam("id"), StandardCharsets.UTF_8) + "/report.html");
      });
      config.routes.get("/runs/{id}/chart", ctx -> html(ctx, equityChartPage(ctx.pathParam("id"))));
      config.routes.get("/runs/{id}/<file>", ctx -> runFile(ctx, ctx.pathParam("file")));
      config.routes.get("/chart", ctx -> html(ctx, priceChartPage(ctx)));
      config.routes.get("/breakout", this::breakoutPage);
      config.routes.get("/breakout/analysis", ctx -> breakoutAnalysis(ctx, false));
      config.routes.get("/breakout/analyses/{name}", ctx -> html(ctx, storedBreakoutAnalysis(ctx.pathParam("name"))));
      config.routes.post("/breakout/analysis", ctx -> breakoutAnalysis(ctx, true));
      config.routes.get("/api/breakout/signals", ctx -> json(ctx, breakoutScan(ctx).signals().stream()
          .map(BreakoutRuns::signalMap).toList()));
      config.routes.get("/symbols", ctx -> html(ctx, Pages.symbols(new io.momentic.report.page.SymbolsView(
          Chrome.served("Symbols"), symbolRows(), null))));
      config.routes.get("/paper", ctx -> paperPage(ctx, ctx.queryParam("message"), 200));
      config.routes.get("/api/paper", ctx -> {
        Map<String, Object> doc = paperDocument();
        if (doc == null) {
          ctx.status(404).contentType("text/plain; charset=utf-8").result("Not found: no paper journal in this "
              + "workspace; momentic paper run --config config/paper.toml writes one");
        } else {
          json(ctx, io.momentic.report.Json.pretty(doc));
        }
      });
      config.routes.post("/paper/action", this::paperAction);
      config.routes.get("/api/freshness", ctx -> json(ctx, freshness()));
      config.routes.get("/api/crosses", ctx -> latest("crosses").ifPresentOrElse(d -> json(ctx, d),
          () -> missing(ctx, "crosses")));
      config.routes.get("/api/shortlist", ctx -> latest("momentum").ifPresentOrElse(d -> json(ctx, d),
          () -> missing(ctx, "momentum")));
      config.routes.get("/api/regime", ctx -> file(ctx, ws.results(), "regime/feed.json"));
      config.routes.get("/api/runs", ctx -> json(ctx, runs()));
      config.routes.get("/api/runs/{id}/equity", ctx -> json(ctx, equity(ctx.pathParam("id"))));
      config.routes.get("/api/bars", ctx -> json(ctx, bars(ctx)));
      // A bad query value (an unknown interval, say) is the client's error: 400 with the message, no stack trace.
      config.routes.exception(ConfigException.class, (e, ctx) -> ctx.status(400)
          .contentType("text/plain; charset=utf-8").result("Bad request: " + e.getMessage()));
      config.routes.exception(NotFound.class, (e, ctx) -> {
        ctx.status(404);
        ctx.contentType("text/plain; charset=utf-8").result("Not found: " + e.getMessage());
      });
      config.routes.error(404, "", ctx -> {
        if (ctx.result() == null) {
          ctx.contentType("text/plain; charset=utf-8").result("Not found");
        }
      });
      config.jetty.modifyHttpConfiguration(http -> http.setUriCompliance(org.eclipse.jetty.http.UriCompliance.LEGACY));
    });
  }


  /** Starts a server; a non-loopback host without a token is refused. */
  public static WebServer start(Workspace ws, Dashboards.Settings settings) {
    if ((settings.token() == null || settings.token().isBlank()) && !isLoopback(settings.host())) {
      throw new IllegalArgumentException(Dashboards.tokenRequired(settings.host()));
    }
    WebServer server = new WebServer(ws, settings);
    server.app.start();
    return server;
  }

  /** Starts a server with no proxy in front. */
  public static WebServer start(Workspace ws, String host, int port, String token) {
    return start(ws, Dashboards.Settings.of(host, port, token));
  }

  @Override
  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    app.stop();
  }

  public static boolean isLoopback(String host) {
    return Dashboards.isLoopback(host);
  }


  /** Not found, with what was asked for. */
  public static final class NotFound extends RuntimeException {
    NotFound(String what) {
      super(what);
    }
  }

  // ---- access ---------------------------------------------------------------------------------

  private void guard(Context ctx) {
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("Content-Security-Policy", "default-src 'self'; script-src 'self' 'unsafe-inline'; "
        + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
        + "frame-ancestors 'none'");
    // The sign-in page and the icon the browser asks for with it need no token (else every visit to
    // /login logs a failed request for the icon).
    if (token == null || ctx.path().equals("/login") || ctx.path().equals("/favicon.ico")) {
      return;
    }
    String auth = Optional.ofNullable(ctx.header("Authorization")).orElse("");
    String presented = auth.startsWith("Bearer ") ? auth.substring(7).strip() : ctx.cookie(COOKIE);
    if (presented != null && throttled(ctx)) {
      ctx.skipRemainingHandlers();
      return;
    }
    if (presented == null || !matches(presented)) {
      if (presented != null) {
        throttle.failed(clientAddress(ctx));
      }
      ctx.header("WWW-Authenticate", "Bearer realm=\"momentic\"");
      if (Optional.ofNullable(ctx.header("Accept")).orElse("").contains("text/html")) {
        ctx.status(401).contentType("text/html; charset=utf-8").result(Pages.login(new LoginView(
            Chrome.served("Sign in"), presented == null ? null : "That token was not accepted.")));
      } else {
        ctx.status(401).contentType("text/plain; charset=utf-8").result("401 Unauthorized: this server needs a "
            + "token; send 'Authorization: Bearer <token>', or sign in with the form at /login");
      }
      ctx.skipRemainingHandlers();
    }
  }

  private boolean matches(String presented) {
    return MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
  }

  /** Answers 429 when the client has used up its failed attempts. */
  private boolean throttled(Context ctx) {
    long wait = throttle.retryAfterSeconds(clientAddress(ctx));
    if (wait == 0) {
      return false;
    }
    ctx.header("Retry-After", Long.toString(wait));
    ctx.status(429).contentType("text/plain; charset=utf-8").result("429 Too many failed token attempts from "
        + "this address (" + throttle.maxFailures() + " a minute); try again in " + wait + " s");
    return true;
  }

  /** The client's address: the proxy's X-Forwarded-For (first hop) when trusted, else the socket's. */
  private String clientAddress(Context ctx) {
    String forwarded = trustProxy ? ctx.header("X-Forwarded-For") : null;
    if (forwarded != null && !forwarded.isBlank()) {
      return forwarded.split(",")[0].strip();
    }
    return ctx.ip();
  }

  /** Whether the browser reached us over TLS (directly, or through a trusted proxy that says so). */
  private boolean overTls(Context ctx) {
    return "https".equalsIgnoreCase(ctx.scheme())
        || (trustProxy && "https".equalsIgnoreCase(Optional.ofNullable(ctx.header("X-Forwarded-Proto")).orElse("")
            .split(",")[0].strip()));
  }

  /**
   * GET shows the sign-in form; POST checks its {@code token} field and sets the cookie. The token
   * never needs to be in a URL ({@code GET /login?token=} still works for old bookmarks).
   */
  private void login(Context ctx) {
    if (token == null) {
      ctx.redirect("/");
      return;
    }
    boolean post = ctx.method() == io.javalin.http.HandlerType.POST;
    String presented = post ? ctx.formParam("token") : ctx.queryParam("token");
    if (presented == null || presented.isEmpty()) {
      html(ctx, Pages.login(new LoginView(Chrome.served("Sign in"), null)));
      return;
    }
    if (throttled(ctx)) {
      return;
    }
    if (!matches(presented)) {
      throttle.failed(clientAddress(ctx));
      ctx.status(401).contentType("text/html; charset=utf-8").result(Pages.login(new LoginView(
          Chrome.served("Sign in"), "That token was not accepted.")));
      return;
    }
    Cookie cookie = new Cookie(COOKIE, token);
    cookie.setHttpOnly(true);
    cookie.setSameSite(SameSite.STRICT);
    cookie.setSecure(overTls(ctx));
    cookie.setPath("/");
    ctx.cookie(cookie);
    ctx.redirect("/", io.javalin.http.HttpStatus.SEE_OTHER);
  }

  // ---- responses ------------------------------------------------------------------------------

  private static void html(Context ctx, String page) {
    ctx.contentType("text/html; charset=utf-8").result(page);
  }

  private static void json(Context ctx, Object doc) {
    try {
      ctx.contentType("application/json").result(doc instanceof String s ? s : JSON.writeValueAsString(doc));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void missing(Context ctx, String what) {
    ctx.status(404).contentType("text/html; charset=utf-8").result(Pages.message(new MessageView(
        Chrome.served("Not yet published"), "Not yet published", "No " + what + " has been published in this "
        + "workspace yet.", "momentic pipeline run")));
  }

  // ---- paper trading ---------------------------------------------------------------------------

  private Path paperConfig() {
    return ws.root().resolve(io.momentic.workflow.paper.PaperRuns.DEFAULT_CONFIG);
  }

  private Map<String, Object> paperDocument() {
    Path state = io.momentic.workflow.paper.PaperRuns.statePath(paperConfig(), ws.root());
    return io.momentic.workflow.paper.PaperRuns.dashboard(state, 30, System.currentTimeMillis());
  }

  /** The operator page; actions appear only when the server has a token (they change the book). */
  private void paperPage(Context ctx, String message, int status) {
    Map<String, Object> doc = paperDocument();
    if (doc == null) {
      ctx.status(404).contentType("text/html; charset=utf-8").result(Pages.message(new MessageView(
          Chrome.served("Paper trading"), "No paper trading yet", "This workspace has no paper journal yet.",
          "momentic paper run --config config/paper.toml")));
      return;
    }
    ctx.status(status);
    html(ctx, Pages.paper(io.momentic.report.page.PaperView.of(doc, token != null, message)));
  }

  /**
   * POST /paper/action (target, action, reason): an operator's action, checked against the allowed
   * transitions. Refused without a server token: on an open loopback server anyone on the machine
   * could otherwise halt the book.
   */
  private void paperAction(Context ctx) {
    if (token == null) {
      ctx.status(403).contentType("text/plain; charset=utf-8").result("403 Forbidden: actions need the server's "
          + "token; start it with momentic serve --token …, or use momentic paper pause|resume|… on the command line");
      return;
    }
    String target = Optional.ofNullable(ctx.formParam("target")).orElse("");
    String action = Optional.ofNullable(ctx.formParam("action")).orElse("");
    String reason = Optional.ofNullable(ctx.formParam("reason")).orElse("").strip();
    if (reason.isEmpty()) {
      paperPage(ctx, "Give a reason: it is journaled with the transition.", 400);
      return;
    }
    try {
      io.momentic.paper.runtime.Operations.Action a = io.momentic.paper.runtime.Operations.Action.parse(action);
      io.momentic.workflow.paper.PaperRuns.ControlRecord r = io.momentic.workflow.paper.PaperRuns.control(
          paperConfig(), ws.root(), a.portfolio() ? null : target, a, "web: " + reason);
      String done = r.queued() ? action + " queued for the running runtime" : action + " " + r.target() + ": done";
      ctx.redirect("/paper?message=" + java.net.URLEncoder.encode(done, StandardCharsets.UTF_8), HttpStatus.SEE_OTHER);
    } catch (ConfigException | io.momentic.core.DataFormatException e) {
      paperPage(ctx, e.getMessage(), 400);
    }
  }

  /** The regime page, rendered from the published feed with the dashboards' chrome. */
  private void regimePage(Context ctx) throws IOException {
    Path feed = ws.results().resolve("regime").resolve("feed.json");
    if (!Files.isRegularFile(feed)) {
      ctx.status(404).contentType("text/html; charset=utf-8").result(Pages.message(new MessageView(
          Chrome.served("Drawdown regimes"), "Drawdown regimes", "No regime feed in this workspace yet.",
          "momentic regime feed --data FILE")));
      return;
    }
    String json = Files.readString(feed);
    RegimeView view = RegimeView.of(Json.toMap(Json.parse(json)), json);
    html(ctx, Pages.regime(view.withChrome(Chrome.served(view.chrome().title()))));
  }

  private static void asset(Context ctx, String resource, String type) throws IOException {
    try (InputStream in = WebServer.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new NotFound(resource + " is missing from the jar; rebuild it");
      }
      ctx.header("Cache-Control", "max-age=86400").contentType(type).result(in.readAllBytes());
    }
  }

  /**
   * Serves {@code folder/relative} if it is a regular file whose real path (symlinks resolved)
   * lies inside the real path of {@code folder}; anything else is a 404.
   */
  private static void file(Context ctx, Path folder, String relative) throws IOException {
    if (relative.isEmpty() || relative.indexOf('\0') >= 0 || relative.contains("\\")) {
      throw new NotFound(relative);
    }
    Path file = SafePaths.realInside(folder, relative).filter(Files::isRegularFile)
        .orElseThrow(() -> new NotFound(relative));
    ctx.contentType(contentType(file)).result(Files.readAllBytes(file));
  }

  /** A file of a run folder; any name that would leave the folder, by path or by link, is a 404. */
  private void runFile(Context ctx, String name) throws IOException {
    file(ctx, runDir(ctx.pathParam("id")), name);
  }

  /** A run folder: a real directory directly in the results folder, not a link to one elsewhere. */
  private Path runDir(String id) {
    Path results = ws.results().toAbsolutePath().normalize();
    Path dir = inside(results, id);
    if (!dir.getParent().equals(results) || NOT_RUNS.contains(id) || !isRunFolder(results, dir)) {
      throw new NotFound("run " + id);
    }
    return dir;
  }

  private static boolean isRunFolder(Path results, Path dir) {
    return Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) && SafePaths.isRealInside(results, dir);
  }

  /** {@code base/relative} if it stays inside {@code base} (after normalising), else a 404. */
  public static Path inside(Path base, String relative) {
    if (relative.isEmpty() || relative.indexOf('\0') >= 0 || relative.contains("\\")) {
      throw new NotFound(relative);
    }
    Path root = base.toAbsolutePath().normalize();
    Path target = root.resolve(relative).normalize();
    if (!target.startsWith(root) || target.equals(root)) {
      throw new NotFound(relative);
    }
    return target;
  }

  private static String contentType(Path file) {
    String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (n.endsWith(".html")) {
      return "text/html; charset=utf-8";
    } else if (n.endsWith(".json")) {
      return "application/json";
    } else if (n.endsWith(".csv")) {
      return "text/csv; charset=utf-8";
    } else if (n.endsWith(".png")) {
      return "image/png";
    } else if (n.endsWith(".toml") || n.endsWith(".txt")) {
      return "text/plain; charset=utf-8";
    }
    return "application/octet-stream";
  }

  // ---- data -----------------------------------------------------------------------------------

  /** The newest dated archive's section ({@code crosses}, {@code momentum}), if published. */
  private Optional<JsonNode> latest(String section) throws IOException {
    Optional<Path> newest = newestArchive();
    if (newest.isEmpty()) {
      return Optional.empty();
    }
    JsonNode doc = JSON.readTree(newest.get().toFile()).path(section);
    return doc.isMissingNode() || doc.isNull() ? Optional.empty() : Optional.of(doc);
  }

  private Optional<Path> newestArchive() throws IOException {
    if (!Files.isDirectory(ws.archive())) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.list(ws.archive())) {
      return files.filter(p -> p.getFileName().toString().matches("\\d{4}-\\d{2}-\\d{2}\\.json"))
          .max(Comparator.comparing(p -> p.getFileName().toString()));
    }
  }


  /** The stored series as last read, and the store's stamp then (see {@link #storeStamp}). */
  private record SeriesCache(String stamp, List<BarStore.SeriesInfo> series) {}

  private volatile SeriesCache seriesCache;

  /**
   * Data freshness per venue and interval. The store's series summary (an aggregate over every bar)
   * is read again only when the store has changed — its file or its write-ahead log has another
   * size or modification time — so the home page and {@code /api/freshness} hold load; the ages
   * are computed from it at each request.
   */
  private List<Map<String, Object>> freshness() throws IOException {
    if (!Files.isRegularFile(ws.store())) {
      return List.of();
    }
    return DailyPipeline.freshness(storedSeries(), System.currentTimeMillis());
  }

  private List<BarStore.SeriesInfo> storedSeries() throws IOException {
    String stamp = storeStamp();
    SeriesCache cached = seriesCache;
    if (cached != null && cached.stamp().equals(stamp)) {
      return cached.series();
    }
    synchronized (this) {
      cached = seriesCache;
      if (cached != null && cached.stamp().equals(stamp)) {
        return cached.series();
      }
      try (BarStore store = BarStore.openReader(ws.store())) {
        List<BarStore.SeriesInfo> series = List.copyOf(store.series());
        // The stamp taken before reading: a write during the read makes the next request read again.
        seriesCache = new SeriesCache(stamp, series);
        return series;
      }
    }
  }

  /** Size and modification time of the store and its write-ahead log: any committed write changes one. */
  private String storeStamp() throws IOException {
    StringBuilder sb = new StringBuilder();
    for (Path f : List.of(ws.store(), ws.store().resolveSibling(ws.store().getFileName() + "-wal"))) {
      if (Files.exists(f)) {
        java.nio.file.attribute.BasicFileAttributes a = Files.readAttributes(f,
            java.nio.file.attribute.BasicFileAttributes.class);
        sb.append(a.size()).append('@').append(a.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS))
            .append(';');
      } else {
        sb.append("-;");
      }
    }
    return sb.toString();
  }

  /**
   * Every run folder with a report, newest first, as a research notebook's row: its kind
   * (backtest or sweep), strategy, resolved parameters (a sweep's: its winner's), symbols, period,
   * when it was made, and its headline numbers (a sweep's: its winner's out-of-sample run, with the
   * deflated Sharpe ratio and PBO of the search).
   */
  /**
   * The theme the daily pipeline draws a page in ({@code [crosses] theme} or {@code [momentum]
   * theme} of the workspace's {@code config/pipeline.toml}), so the served crosses and shortlist
   * look like the published ones; the default theme without a readable config.
   */
  private Theme servedTheme(boolean crossesPage) {
    Path config = ws.root().resolve(io.momentic.workflow.pipeline.DailyPipeline.CONFIG);
    if (!Files.isRegularFile(config)) {
      return Theme.DEFAULT;
    }
    try {
      io.momentic.workflow.pipeline.PipelineConfig c = io.momentic.workflow.pipeline.PipelineConfig.read(config);
      return crossesPage ? c.crosses().themeValue() : c.momentum() == null ? Theme.DEFAULT : c.momentum().themeValue();
    } catch (RuntimeException e) {
      return Theme.DEFAULT; // a broken config is the pipeline's to report; the page still renders
    }
  }

  private List<Map<String, Object>> runs() throws IOException {
    return runs(variantSets());
  }

  /** Every run folder's row, newest first; a run of one of {@code sets} says which set and variant. */
  private List<Map<String, Object>> runs(List<RunsView.VariantSet> sets) throws IOException {
    List<Map<String, Object>> out = new ArrayList<>();
    if (!Files.isDirectory(ws.results())) {
      return out;
    }
    try (Stream<Path> dirs = Files.list(ws.results())) {
      Path results = ws.results().toAbsolutePath().normalize();
      for (Path d : dirs.filter(d -> isRunFolder(results, d)).sorted().toList()) {
        String id = d.getFileName().toString();
        if (NOT_RUNS.contains(id) || !Files.isRegularFile(d.resolve("report.html"))) {
          continue;
        }
        out.add(runRow(id, d));
      }
    }
    out.sort(java.util.Comparator.comparing((Map<String, Object> r) -> String.valueOf(r.get("created")))
        .reversed().thenComparing(r -> String.valueOf(r.get("id"))));
    // A run of a variants comparison (backtest --variants) carries its set and its variant's name.
    Map<String, String[]> setOf = new java.util.HashMap<>();
    for (RunsView.VariantSet set : sets) {
      for (RunsView.Variant v : set.variants()) {
        setOf.put(v.runId(), new String[] {set.id(), v.name()});
      }
    }
    for (Map<String, Object> r : out) {
      String[] set = setOf.get(String.valueOf(r.get("id")));
      r.put("variant_set", set == null ? null : set[0]);
      r.put("variant", set == null ? null : set[1]);
    }
    return out;
  }

  /** The breakout analyses stored under {@code data/results/breakout/}, newest signal first. */
  private List<RunsView.BreakoutRow> breakoutAnalyses() throws IOException {
    Path root = ws.results().resolve("breakout");
    List<RunsView.BreakoutRow> rows = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return rows;
    }
    List<Path> dirs;
    try (Stream<Path> list = Files.list(root)) {
      dirs = list.filter(d -> Files.isRegularFile(d.resolve("analysis.json"))).sorted().toList();
    }
    for (Path d : dirs) {
      JsonNode doc = JSON.readTree(d.resolve("analysis.json").toFile());
      JsonNode signal = doc.path("signal");
      String name = d.getFileName().toString();
      int steps = doc.has("step3") ? 3 : doc.has("step2") ? 2 : 1;
      rows.add(new RunsView.BreakoutRow(name, signal.path("symbol").asText(), signal.path("interval").asText(),
          signal.path("bar_time").asText(), signal.path("direction").asText(), Integer.toString(steps),
          doc.path("grade").path("grade").asText("–"), doc.path("walk_forward").path("verdict").asText("–"),
          "/breakout/analyses/" + name));
    }
    rows.sort(java.util.Comparator.comparing(RunsView.BreakoutRow::barTime).reversed());
    return rows;
  }

  /** A stored analysis, drawn as the Breakout page draws one it has just run (its chart from the store). */
  private String storedBreakoutAnalysis(String name) throws IOException {
    // As for run files: only a folder whose real path (symlinks resolved) lies inside the breakout results.
    Path dir = SafePaths.realInside(ws.results().resolve("breakout"), name)
        .filter(d -> Files.isRegularFile(d.resolve("analysis.json")))
        .orElseThrow(() -> new NotFound("breakout analysis " + name));
    Map<String, Object> doc = BreakoutRuns.readAnalysis(dir);
    Map<?, ?> signal = (Map<?, ?>) doc.get("signal");
    String symbol = String.valueOf(signal.get("symbol"));
    String chartUrl = "/api/bars?symbol=" + java.net.URLEncoder.encode(symbol, StandardCharsets.UTF_8) + "&interval="
        + signal.get("interval");
    long marker = Timestamps.parseOrInvalid(String.valueOf(signal.get("bar_time"))) / 1000;
    return Pages.breakoutAnalysis(BreakoutAnalysisView.withSteps(doc, chartUrl, marker, dir.toString()));
  }

  /**
   * The workspace's variants comparisons: each {@code variants-<hash>.csv} of the results folder,
   * its variants in rank order with their runs (rows whose run folder is gone are left out).
   */
  private List<RunsView.VariantSet> variantSets() throws IOException {
    List<RunsView.VariantSet> sets = new ArrayList<>();
    if (!Files.isDirectory(ws.results())) {
      return sets;
    }
    List<Path> files;
    try (Stream<Path> list = Files.list(ws.results())) {
      files = list.filter(f -> f.getFileName().toString().matches("variants-[0-9a-f]{12}\\.csv"))
          .filter(Files::isRegularFile).sorted().toList();
    }
    for (Path f : files) {
      List<List<String>> rows = new ArrayList<>();
      try (de.siegmar.fastcsv.reader.CsvReader<de.siegmar.fastcsv.reader.CsvRecord> reader =
          de.siegmar.fastcsv.reader.CsvReader.builder().allowExtraFields(true).allowMissingFields(true).ofCsvRecord(f)) {
        reader.forEach(rec -> rows.add(rec.getFields()));
      }
      if (rows.isEmpty()) {
        continue;
      }
      List<String> header = rows.get(0);
      int name = header.indexOf("variant");
      int run = header.indexOf("run_id");
      int pareto = header.indexOf("pareto");
      if (name < 0 || run < 0) {
        continue;
      }
      List<RunsView.Variant> variants = new ArrayList<>();
      for (List<String> row : rows.subList(1, rows.size())) {
        if (row.size() > run && Files.isDirectory(ws.results().resolve(row.get(run)))) {
          variants.add(new RunsView.Variant(row.get(name), row.get(run), pareto >= 0 && "true".equals(row.get(pareto))));
        }
      }
      String file = f.getFileName().toString();
      sets.add(new RunsView.VariantSet(file.substring(0, file.length() - 4), variants));
    }
    return sets;
  }

  private static Map<String, Object> runRow(String id, Path d) throws IOException {
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("id", id);
    Path summary = d.resolve("summary.json");
    Path walkFile = d.resolve("walkforward.json");
    boolean sweep = Files.isRegularFile(summary);
    boolean walk = !sweep && Files.isRegularFile(walkFile);
    Path gemFile = d.resolve("gem.json");
    boolean gem = !sweep && !walk && Files.isRegularFile(gemFile);
    JsonNode s = sweep ? JSON.readTree(summary.toFile()) : walk ? JSON.readTree(walkFile.toFile())
        : gem ? JSON.readTree(gemFile.toFile()) : JSON.missingNode();
    JsonNode manifest = sweep || walk || gem ? s.path("manifest")
        : Files.isRegularFile(d.resolve("manifest.json")) ? JSON.readTree(d.resolve("manifest.json").toFile())
        : JSON.missingNode();
    JsonNode metrics;
    JsonNode params;
    String first;
    String last;
    if (sweep) {
      metrics = s.path("best").path("test");
      params = s.path("best").path("params");
      first = manifest.path("train").path("first_bar").asText(null);
      last = manifest.path("test").path("last_bar").asText(manifest.path("train").path("last_bar").asText(null));
      run.put("kind", "sweep");
      run.put("trials", s.path("trials").isNumber() ? s.get("trials").asInt() : null);
      run.put("dsr", number(s.path("deflated_sharpe").path("dsr")));
      run.put("pbo", number(s.path("pbo").path("pbo")));
    } else if (gem) {
      // GEM's own record (§1.6): its annual return is its CAGR over 365-day years.
      ObjectNode m = JSON.createObjectNode();
      m.set("cagr_pct", s.path("annualized_return_pct"));
      m.set("total_return_pct", s.path("total_return_pct"));
      m.set("sharpe", s.path("sharpe_ratio"));
      m.set("max_drawdown_pct", s.path("max_drawdown_pct"));
      m.set("trades", s.path("rebalance_count"));
      metrics = m;
      params = s.path("params");
      first = manifest.path("first_day").asText(null);
      last = manifest.path("last_day").asText(null);
      run.put("kind", "gem");
      run.put("trials", null);
      run.put("dsr", null);
      run.put("pbo", null);
    } else if (walk) {
      // The stitched out-of-sample run; its parameters are the last fold's choice (each fold chose its own).
      ObjectNode oos = s.path("oos") instanceof ObjectNode o ? o.deepCopy() : JSON.createObjectNode();
      oos.set("total_return_pct", s.path("oos_total_return_pct"));
      metrics = oos;
      JsonNode folds = s.path("folds");
      params = folds.path(folds.size() - 1).path("best_params");
      first = dateOf(oos.path("first_bar").asText(null));
      last = dateOf(oos.path("last_bar").asText(null));
      run.put("kind", "walk-forward");
      run.put("trials", s.path("trials_per_fold").isNumber() ? s.get("trials_per_fold").asInt() * folds.size() : null);
      run.put("dsr", null);
      run.put("pbo", null);
    } else {
      metrics = Files.isRegularFile(d.resolve("metrics.json")) ? JSON.readTree(d.resolve("metrics.json").toFile())
          : JSON.missingNode();
      params = manifest.path("params");
      first = dateOf(manifest.path("first_bar").asText(null));
      last = dateOf(manifest.path("last_bar").asText(null));
      run.put("kind", "backtest");
      run.put("trials", null);
      run.put("dsr", null);
      run.put("pbo", null);
    }
    run.put("strategy", manifest.path("strategy").asText(null));
    Map<String, String> resolved = new java.util.TreeMap<>();
    params.fields().forEachRemaining(e -> resolved.put(e.getKey(), e.getValue().asText()));
    run.put("params", resolved);
    List<String> symbols = new ArrayList<>();
    manifest.path("data_files").forEach(f -> f.path("symbols").forEach(sym -> symbols.add(sym.asText())));
    run.put("symbols", symbols);
    run.put("first_bar", first);
    run.put("last_bar", last);
    run.put("created", Files.getLastModifiedTime(d.resolve("report.html")).toInstant()
        .truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
    run.put("cagr_pct", number(metrics.path("cagr_pct")));
    run.put("total_return_pct", number(metrics.path("total_return_pct")));
    run.put("sharpe", number(metrics.path("sharpe")));
    run.put("max_drawdown_pct", number(metrics.path("max_drawdown_pct")));
    run.put("trades", metrics.path("trades").isNumber() ? (Object) metrics.get("trades").asInt() : null);
    run.put("report", "/runs/" + id + "/report.html");
    run.put("chart", Files.isRegularFile(d.resolve("equity.csv")) ? "/runs/" + id + "/chart" : null);
    run.put("equity", Files.isRegularFile(d.resolve("equity.csv")) ? "/api/runs/" + id + "/equity" : null);
    return run;
  }

  private static Double number(JsonNode n) {
    return n.isNumber() && Double.isFinite(n.asDouble()) ? n.asDouble() : null;
  }

  private static String dateOf(String timestamp) {
    return timestamp == null ? null : timestamp.length() >= 10 ? timestamp.substring(0, 10) : timestamp;
  }

  private Map<String, Object> equity(String id) throws IOException {
    Path file = SafePaths.realInside(runDir(id), "equity.csv").filter(Files::isRegularFile)
        .orElseThrow(() -> new NotFound("equity of run " + id));
    List<Object[]> points = new ArrayList<>();
    List<Object[]> drawdown = new ArrayList<>();
    List<String> lines = Files.readAllLines(file);
    for (int i = 1; i < lines.size(); i++) {
      String[] f = lines.get(i).split(",");
      long t = Timestamps.parseOrInvalid(f[0]);
      if (t == Timestamps.INVALID) {
        continue;
      }
      points.add(new Object[] {t / 1000, Double.parseDouble(f[1])});
      drawdown.add(new Object[] {t / 1000, f.length > 4 ? Double.parseDouble(f[4]) : 0});
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("run", id);
    doc.put("equity", points);
    doc.put("drawdown", drawdown);
    return doc;
  }

  /** Bars of one stored series with SMA50/SMA200 (times in seconds, for the chart). */
  private Map<String, Object> bars(Context ctx) {
    String symbol = Optional.ofNullable(ctx.queryParam("symbol")).orElseThrow(() -> new NotFound("symbol"));
    Interval interval = Interval.parse(Optional.ofNullable(ctx.queryParam("interval")).orElse("1d"));
    if (!Files.isRegularFile(ws.store())) {
      throw new NotFound("bar store");
    }
    try (BarStore store = BarStore.openReader(ws.store())) {
      String venue = ctx.queryParam("venue");
      if (venue == null) {
        venue = store.series().stream().filter(s -> s.symbol().equals(symbol) && s.interval() == interval)
            .map(BarStore.SeriesInfo::venue).findFirst().orElseThrow(() -> new NotFound(symbol));
      }
      BarSeries s = store.read(venue, symbol, interval);
      if (s.isEmpty()) {
        throw new NotFound(venue + ":" + symbol);
      }
      double[] fast = MovingAverages.sma(s.closes(), 50);
      double[] slow = MovingAverages.sma(s.closes(), 200);
      List<Object[]> candles = new ArrayList<>(s.size());
      List<Object[]> smaFast = new ArrayList<>();
      List<Object[]> smaSlow = new ArrayList<>();
      for (int i = 0; i < s.size(); i++) {
        long t = s.time(i) / 1000;
        candles.add(new Object[] {t, s.open(i), s.high(i), s.low(i), s.close(i), s.volume(i)});
        if (Double.isFinite(fast[i])) {
          smaFast.add(new Object[] {t, fast[i]});
        }
        if (Double.isFinite(slow[i])) {
          smaSlow.add(new Object[] {t, slow[i]});
        }
      }
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("venue", venue);
      doc.put("symbol", symbol);
      doc.put("interval", interval.code());
      doc.put("bars", candles);
      doc.put("sma50", smaFast);
      doc.put("sma200", smaSlow);
      return doc;
    }
  }

  // ---- breakout -------------------------------------------------------------------------------

  /** The intervals the breakout scanner can run on that the store holds, 4h first when there. */
  private List<String> breakoutIntervals() {
    if (!Files.isRegularFile(ws.store())) {
      return List.of();
    }
    try (BarStore store = BarStore.openReader(ws.store())) {
      return store.series().stream().map(BarStore.SeriesInfo::interval).filter(BreakoutRuns.INTERVALS::contains)
          .distinct().sorted(Comparator.comparingLong(Interval::millis)).map(Interval::code).toList();
    }
  }

  private List<String> breakoutSymbols(String interval) {
    try (BarStore store = BarStore.openReader(ws.store())) {
      return store.series().stream().filter(x -> x.interval().code().equals(interval))
          .map(BarStore.SeriesInfo::symbol).distinct().sorted().toList();
    }
  }

  private String breakoutInterval(Context ctx, List<String> intervals) {
    String asked = ctx.queryParam("interval");
    if (asked != null && !asked.isBlank()) {
      return asked;
    }
    return intervals.contains("4h") || intervals.isEmpty() ? "4h" : intervals.get(0);
  }

  private static double quoteVolumeFloor(Context ctx) {
    return Optional.ofNullable(ctx.queryParam("min_quote_volume")).filter(v -> !v.isBlank()).map(v -> {
      try {
        return Double.parseDouble(v);
      } catch (NumberFormatException e) {
        throw new ConfigException("min_quote_volume", "expected a number of USDT, found '" + v + "'");
      }
    }).orElse(BreakoutRuns.DEFAULT_MIN_QUOTE_VOLUME);
  }

  private BreakoutRuns.ScanRecord breakoutScan(Context ctx) {
    String interval = breakoutInterval(ctx, breakoutIntervals());
    double floor = quoteVolumeFloor(ctx);
    return BreakoutRuns.scan(new BreakoutRuns.ScanRequest(ws, null, null, Interval.parse(interval), List.of(), floor,
        BreakoutRuns.DEFAULT_DEPTH, BreakoutScanner.Settings.DEFAULTS), io.momentic.workflow.Progress.NONE);
  }

  private void breakoutPage(Context ctx) {
    if (!Files.isRegularFile(ws.store())) {
      ctx.status(404).contentType("text/html; charset=utf-8").result(Pages.message(new MessageView(
          Chrome.served("Breakout"), "Breakout", "No bar store in this workspace yet.",
          "momentic fetch --venue binance --universe --interval 4h")));
      return;
    }
    List<String> intervals = breakoutIntervals();
    String interval = breakoutInterval(ctx, intervals);
    if ("manual".equals(ctx.queryParam("tab"))) {
      html(ctx, Pages.breakout(BreakoutView.manual(interval, intervals, breakoutSymbols(interval), null)));
      return;
    }
    BreakoutRuns.ScanRecord r = breakoutScan(ctx);
    if ("pulse".equals(ctx.queryParam("tab"))) {
      PulseIntel pulse = PulseIntel.fromEnvironment();
      List<BreakoutView.PulseRow> rows = new ArrayList<>();
      for (String symbol : r.signals().stream().map(io.momentic.strategies.breakout.Signal::symbol).distinct().toList()) {
        PulseIntel.Composite c = pulse.of(symbol);
        rows.add(new BreakoutView.PulseRow(symbol, c.label(), Numbers.pattern(c.total(), "%+.1f"),
            c.inputs().toString(), c.missing().toString()));
      }
      html(ctx, Pages.breakout(BreakoutView.pulse(interval, intervals.isEmpty() ? List.of(interval) : intervals, rows,
          "Pulse intel of the " + rows.size() + " symbol(s) with a signal on " + interval + ": TVL, exchange flows, "
              + "social and macro, each cached for its time to live; inputs without a source are named as missing.")));
      return;
    }
    String summary = r.signals().size() + " signal(s) in " + r.scanned() + " symbol(s) on " + r.interval().code()
        + (r.belowVolume() > 0 ? "; " + r.belowVolume() + " below the quote-volume floor" : "")
        + (r.failed().isEmpty() ? "" : "; " + r.failed().size() + " failed") + ". Regime inputs: ADX only (Fear & "
        + "Greed, funding and open interest are not configured; weights renormalised).";
    html(ctx, Pages.breakout(BreakoutView.scanner(r.interval().code(), intervals.isEmpty() ? List.of(interval)
        : intervals, quoteVolumeFloor(ctx),
        r.signals().stream().map(BreakoutRuns::signalMap).toList(), summary,
        r.failed().stream().map(f -> f.symbol() + ": " + f.error()).toList(), List.of())));
  }

  /** A signal's page; {@code step1}: the button was pressed (a POST), so Step 1 runs and its results show. */
  private void breakoutAnalysis(Context ctx, boolean step1) throws IOException {
    int step = step1 ? Integer.parseInt(Optional.ofNullable(ctx.formParam("step")).filter(x -> x.matches("[123]"))
        .orElse("1")) : 0;
    String symbol = step1 ? ctx.formParam("symbol") : ctx.queryParam("symbol");
    String interval = step1 ? ctx.formParam("interval") : ctx.queryParam("interval");
    String bar = step1 ? ctx.formParam("bar") : ctx.queryParam("bar");
    if (symbol == null || interval == null) {
      throw new ConfigException("symbol", "expected symbol and interval, found "
          + (symbol == null ? "no symbol" : "no interval"));
    }
    BreakoutRuns.AnalyseRequest request = new BreakoutRuns.AnalyseRequest(ws, null, null, symbol,
        Interval.parse(interval), bar, BreakoutRuns.DEFAULT_DEPTH, BreakoutRuns.DEFAULT_FEE_RATE, 1, null);
    BreakoutAnalysisView view;
    try {
      BreakoutRuns.Located located = BreakoutRuns.locate(request);
      String chartUrl = "/api/bars?symbol=" + java.net.URLEncoder.encode(symbol, StandardCharsets.UTF_8) + "&venue="
          + java.net.URLEncoder.encode(located.venue(), StandardCharsets.UTF_8) + "&interval=" + interval;
      long marker = located.signal().timeMillis() / 1000;
      if (step1) {
        BreakoutRuns.Analysis a = BreakoutRuns.analyse(request, new BreakoutRuns.Steps(step,
            AiVerdict.Endpoint.fromEnvironment(), PulseIntel.fromEnvironment(),
            io.momentic.research.ml.MetaLabel.Options.DEFAULTS));
        view = BreakoutAnalysisView.withSteps(a.document(), chartUrl, marker, a.dir().toString());
      } else {
        view = BreakoutAnalysisView.of(BreakoutRuns.signalMap(located.signal()), located.flagged(), chartUrl, marker);
      }
    } catch (ConfigException e) {
      List<String> intervals = breakoutIntervals();
      ctx.status(400);
      html(ctx, Pages.breakout(BreakoutView.manual(interval, intervals.isEmpty() ? List.of(interval) : intervals,
          breakoutSymbols(interval), e.getMessage())));
      return;
    }
    html(ctx, Pages.breakoutAnalysis(view));
  }

  // ---- pages ----------------------------------------------------------------------------------

  /** A small chart glyph, so browsers asking for /favicon.ico get an answer. */
  private static final String FAVICON = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 16 16\">"
      + "<rect width=\"16\" height=\"16\" rx=\"3\" fill=\"#1d232a\"/><path d=\"M2 12l4-4 3 2 5-6\" "
      + "stroke=\"#6ee7b7\" stroke-width=\"2\" fill=\"none\"/></svg>";

  private String home() throws IOException {
    List<HomeView.Freshness> rows = new ArrayList<>();
    for (Map<String, Object> r : freshness()) {
      rows.add(new HomeView.Freshness(String.valueOf(r.get("venue")), String.valueOf(r.get("interval")),
          String.valueOf(r.get("symbols")), String.valueOf(r.get("bars")), String.valueOf(r.get("newest_bar")),
          String.valueOf(r.get("stalest_symbol_bar")), ((Number) r.get("intervals_behind")).longValue(),
          r.get("last_fetch") == null ? "–" : String.valueOf(r.get("last_fetch"))));
    }
    HomeView.LastRun lastRun = null;
    Path manifest = ws.results().resolve("pipeline").resolve("manifest.json");
    if (Files.isRegularFile(manifest)) {
      JsonNode m = JSON.readTree(manifest.toFile());
      List<HomeView.Step> steps = new ArrayList<>();
      for (JsonNode st : m.path("steps")) {
        steps.add(new HomeView.Step(st.path("name").asText(), st.path("outcome").asText(),
            Long.toString(st.path("millis").asLong()), st.path("detail").asText()));
      }
      lastRun = new HomeView.LastRun(m.path("started_at").asText(), m.path("outcome").asText(), steps);
    }
    return Pages.home(new HomeView(Chrome.served("Momentic"), rows, lastRun));
  }

  private String runsPage() throws IOException {
    List<RunsView.VariantSet> sets = variantSets(); // read once: the rows and the sets list both need them
    List<RunsView.Row> rows = new ArrayList<>();
    for (Map<String, Object> r : runs(sets)) {
      rows.add(RunsView.Row.of(r));
    }
    return Pages.runs(new RunsView(Chrome.served("Runs"), rows, regimeWalks(), researchLoops(), sets,
        breakoutAnalyses()));
  }

  /** Every row of the workspace's regime results TSVs: the walk's own and each research loop's. */
  private List<RunsView.RegimeRow> regimeWalks() throws IOException {
    List<Path> files = new ArrayList<>();
    files.add(ws.results().resolve("regime_sweep_results.tsv"));
    Path research = ws.root().resolve("research");
    if (Files.isDirectory(research)) {
      try (Stream<Path> tags = Files.list(research)) {
        tags.sorted().map(t -> t.resolve("regime_sweep_results.tsv")).forEach(files::add);
      }
    }
    List<RunsView.RegimeRow> out = new ArrayList<>();
    for (Path f : files) {
      if (!Files.isRegularFile(f)) {
        continue;
      }
      List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
      String source = ws.root().relativize(f).toString();
      for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
        String[] c = line.split("\t", -1);
        if (c.length < 15) {
          continue; // not a §4.10 row
        }
        out.add(new RunsView.RegimeRow(c[0], c[1] + ", K=" + c[2] + ", " + c[3] + ", " + c[4], c[5],
            List.of(c[6], c[7], c[8], c[9], c[10]), c[12], c[13], c[14], source));
      }
    }
    return out;
  }

  /** The research loops' shutdown reports in the workspace, newest first. */
  private List<RunsView.LoopRow> researchLoops() throws IOException {
    Path dir = ws.root().resolve("docs").resolve("autoresearch-reports");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<RunsView.LoopRow> out = new ArrayList<>();
    try (Stream<Path> reports = Files.list(dir)) {
      for (Path r : reports.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().toList()) {
        String name = r.getFileName().toString();
        out.add(new RunsView.LoopRow(name, Files.getLastModifiedTime(r).toInstant()
            .truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(), "/research/"
            + java.net.URLEncoder.encode(name, StandardCharsets.UTF_8)));
      }
    }
    java.util.Collections.reverse(out);
    return out;
  }

  /** {@code /research/<name>.md}: a research loop's report in the chrome. */
  private String researchReport(String name) throws IOException {
    Path dir = ws.root().resolve("docs").resolve("autoresearch-reports");
    Path file = inside(dir.toAbsolutePath().normalize(), name);
    if (!name.endsWith(".md") || !file.getParent().equals(dir.toAbsolutePath().normalize())
        || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      throw new NotFound("research report " + name);
    }
    return Pages.text(new io.momentic.report.page.MessageView(Chrome.served(name), name,
        Files.readString(file, StandardCharsets.UTF_8), "Written by momentic research loop; the file is "
            + ws.root().relativize(file) + "."));
  }

  /** {@code /compare?runs=a,b}: the runs' numbers side by side and their equity curves on one chart. */
  private String comparePage(Context ctx) throws IOException {
    List<String> ids = java.util.Arrays.stream(Optional.ofNullable(ctx.queryParam("runs")).orElse("").split(","))
        .map(String::strip).filter(x -> !x.isEmpty()).distinct().toList();
    if (ids.size() < 2) {
      throw new ConfigException("runs", "expected two or more run ids to compare (/compare?runs=a,b), found "
          + ids.size() + "; fix: tick two runs on /runs and press Compare");
    }
    Map<String, Map<String, Object>> byId = new LinkedHashMap<>();
    for (Map<String, Object> r : runs()) {
      byId.put(String.valueOf(r.get("id")), r);
    }
    List<RunsView.Row> chosen = new ArrayList<>();
    for (String id : ids) {
      Map<String, Object> r = byId.get(id);
      if (r == null) {
        throw new NotFound("run " + id + " (known: " + String.join(", ", byId.keySet()) + ")");
      }
      chosen.add(RunsView.Row.of(r));
    }
    return Pages.compare(new RunsView(Chrome.served("Compare runs"), chosen));
  }

  /** The stored series as index rows, by symbol, each linking to its chart. */
  private List<io.momentic.report.page.SymbolsView.Row> symbolRows() throws IOException {
    if (!Files.isRegularFile(ws.store())) {
      return List.of();
    }
    return storedSeries().stream()
        .sorted(java.util.Comparator.comparing(BarStore.SeriesInfo::symbol).thenComparing(BarStore.SeriesInfo::venue))
        .map(s -> new io.momentic.report.page.SymbolsView.Row(s.symbol(), s.venue(), s.interval().code(),
            Long.toString(s.bars()), io.momentic.core.Timestamps.formatDate(s.lastOpenTime()), "/chart?symbol="
                + java.net.URLEncoder.encode(s.symbol(), StandardCharsets.UTF_8) + "&venue="
                + java.net.URLEncoder.encode(s.venue(), StandardCharsets.UTF_8) + "&interval=" + s.interval().code()))
        .toList();
  }

  private String priceChartPage(Context ctx) throws IOException {
    String symbol = Optional.ofNullable(ctx.queryParam("symbol")).orElseThrow(() -> new NotFound("symbol"));
    if (Files.isRegularFile(ws.store()) && storedSeries().stream().noneMatch(s -> s.symbol().equals(symbol))) {
      // A symbol the store does not have: say so, with the ones it has, instead of an empty chart.
      ctx.status(404);
      return Pages.symbols(new io.momentic.report.page.SymbolsView(Chrome.served("Unknown symbol " + symbol),
          symbolRows(), symbol));
    }
    String query = "symbol=" + java.net.URLEncoder.encode(symbol, StandardCharsets.UTF_8)
        + (ctx.queryParam("venue") != null ? "&venue=" + java.net.URLEncoder.encode(ctx.queryParam("venue"),
            StandardCharsets.UTF_8) : "")
        + "&interval=" + java.net.URLEncoder.encode(Optional.ofNullable(ctx.queryParam("interval")).orElse("1d"),
            StandardCharsets.UTF_8);
    return Pages.chart(new ChartView(Chrome.served(symbol), symbol, ChartView.Kind.PRICE, "/api/bars?" + query,
        "Candles with SMA50 (blue) and SMA200 (red), log scale. Data:", "/api/bars?" + query, "/api/bars"));
  }

  private String equityChartPage(String id) {
    if (!Files.isRegularFile(runDir(id).resolve("equity.csv"))) {
      throw new NotFound("equity of run " + id);
    }
    String encoded = java.net.URLEncoder.encode(id, StandardCharsets.UTF_8);
    if (Files.isRegularFile(runDir(id).resolve("chart.json"))) {
      return Pages.chart(new ChartView(Chrome.served("Trades of " + id), "Trades of " + id, ChartView.Kind.TRADES,
          "/runs/" + encoded + "/chart.json", "Candles with volume and the strategy's features, every entry and "
              + "exit, the equity curve below with its peak and its deepest drawdown.", "/runs/" + encoded
              + "/report.html", "the full report"));
    }
    return Pages.chart(new ChartView(Chrome.served("Equity of " + id), "Equity of " + id, ChartView.Kind.EQUITY,
        "/api/runs/" + encoded + "/equity", "Equity curve.", "/runs/" + encoded + "/report.html", "the full report"));
  }
}
