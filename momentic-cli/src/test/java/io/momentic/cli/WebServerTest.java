package io.momentic.cli;

import io.momentic.web.WebServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.momentic.data.Workspace;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code momentic serve} over the demo workspace: API, access rules, a real browser, a load test. */
class WebServerTest {

  @TempDir static Path dir;
  static Workspace ws;
  static WebServer server;
  static String base;
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void demoWorkspace() {
    Path root = dir.resolve("demo");
    CliTest.Run demo = CliTest.run("--workspace", root.toString(), "demo", "--no-serve");
    assertThat(demo.exitCode()).as(demo.err()).isZero();
    // A second backtest beside the demo's, so the runs notebook has two equity curves to compare.
    CliTest.Run second = CliTest.run("--workspace", root.toString(), "backtest", "--data",
        root.resolve("data/raw/SYN01.csv").toString(), "--strategy", "sma-cross", "--param", "fast=10",
        "--param", "slow=40");
    assertThat(second.exitCode()).as(second.err()).isZero();
    CliTest.Run walk = CliTest.run("--workspace", root.toString(), "walkforward", "--data",
        root.resolve("data/raw/SYN01.csv").toString(), "--strategy", "sma-cross", "--grid", "fast=5,10", "--grid",
        "slow=20,40", "--cuts", "0.6,0.8");
    assertThat(walk.exitCode()).as(walk.err()).isZero();
    ws = Workspace.at(root);
    server = WebServer.start(ws, "127.0.0.1", 0, null);
    base = "http://127.0.0.1:" + server.port();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A raw request, so the path reaches the server exactly as written (no client-side normalising). */
  static int rawStatus(int port, String path, String extraHeader) throws IOException {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extraHeader
          + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      String status = new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
      return Integer.parseInt(status.substring(9, 12));
    }
  }

  @Test
  void theApiServesWhatThePipelinePublished() throws Exception {
    ObjectMapper json = new ObjectMapper();
    Path archive;
    try (var files = Files.list(ws.archive())) {
      archive = files.findFirst().orElseThrow();
    }
    JsonNode published = json.readTree(archive.toFile());
    assertThat(json.readTree(get("/api/crosses").body())).isEqualTo(published.get("crosses"));
    assertThat(json.readTree(get("/api/shortlist").body())).isEqualTo(published.get("momentum"));
    JsonNode freshness = json.readTree(get("/api/freshness").body());
    assertThat(freshness.get(0).get("venue").asText()).isEqualTo("csv");
    assertThat(freshness.get(0).get("symbols").asInt()).isEqualTo(19);
    JsonNode bars = json.readTree(get("/api/bars?symbol=QQQ").body());
    assertThat(bars.get("bars")).hasSize(1500);
    // SMA50 starts at the 50th bar and equals the mean of the first 50 closes.
    double sum = 0;
    for (int i = 0; i < 50; i++) {
      sum += bars.get("bars").get(i).get(4).asDouble();
    }
    assertThat(bars.get("sma50").get(0).get(0).asLong()).isEqualTo(bars.get("bars").get(49).get(0).asLong());
    assertThat(bars.get("sma50").get(0).get(1).asDouble()).isCloseTo(sum / 50, org.assertj.core.data.Offset.offset(1e-9));
    JsonNode runs = json.readTree(get("/api/runs").body());
    assertThat(runs.findValuesAsText("id")).anySatisfy(id -> assertThat(id).startsWith("qqq-long-short-"));
    assertThat(get("/api/regime").statusCode()).isEqualTo(200);
    assertThat(get("/assets/lightweight-charts.js").body()).contains("createChart");
  }

  @Test
  void pathsThatLeaveARunFolderAre404() throws Exception {
    String run = new ObjectMapper().readTree(get("/api/runs").body()).get(0).get("id").asText();
    assertThat(rawStatus(server.port(), "/runs/" + run + "/report.html", "")).isEqualTo(200);
    for (String path : List.of("/runs/" + run + "/../../pipeline/manifest.json", "/runs/../config/pipeline.toml",
        "/runs/" + run + "/%2e%2e/%2e%2e/pipeline/manifest.json", "/runs/" + run + "/..%2f..%2fpipeline%2fmanifest.json",
        "/runs/archive/" + "x.json", "/runs/..", "/runs/" + run + "/..%5c..%5cpipeline%5cmanifest.json",
        "/runs/%2e%2e/config/pipeline.toml", "/runs/" + run + "/%2fetc%2fpasswd")) {
      assertThat(rawStatus(server.port(), path, "")).as(path).isEqualTo(404);
    }
    // A path that climbs above the root is not even a request path: Jetty rejects it before routing.
    assertThat(rawStatus(server.port(), "/../etc/passwd", "")).isEqualTo(400);
  }

  @Test
  void aTokenIsRequiredWhenSetAndForAnyNonLoopbackHost() throws Exception {
    assertThatThrownBy(() -> WebServer.start(ws, "0.0.0.0", 0, null)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("without a token").hasMessageContaining("fix:");
    try (WebServer guarded = WebServer.start(ws, "127.0.0.1", 0, "s3cret")) {
      int port = guarded.port();
      assertThat(rawStatus(port, "/", "")).isEqualTo(401);
      assertThat(rawStatus(port, "/api/crosses", "Authorization: Bearer wrong\r\n")).isEqualTo(401);
      assertThat(rawStatus(port, "/api/crosses", "Authorization: Bearer s3cret\r\n")).isEqualTo(200);
      assertThat(rawStatus(port, "/assets/lightweight-charts.js", "")).isEqualTo(401);
      assertThat(rawStatus(port, "/login?token=wrong", "")).isEqualTo(401);
      assertThat(rawStatus(port, "/login?token=s3cret", "")).isEqualTo(303);
      assertThat(rawStatus(port, "/", "Cookie: momentic_token=s3cret\r\n")).isEqualTo(200);
    }
  }

  @Test
  void symlinksOutOfTheWorkspaceAreNeitherServedNorListed() throws Exception {
    String run = new ObjectMapper().readTree(get("/api/runs").body()).get(0).get("id").asText();
    Path runDir = ws.results().resolve(run);
    Path outside = Files.writeString(dir.resolve("outside.txt"), "secret outside the workspace");
    Path outsideRun = Files.createDirectories(dir.resolve("elsewhere-run"));
    Files.writeString(outsideRun.resolve("report.html"), "<p>not a run of this workspace</p>");
    Files.writeString(outsideRun.resolve("equity.csv"), "timestamp,equity\n2024-01-01T00:00:00Z,1\n");
    // 5 probes: absolute and relative links to a file, a link to a folder outside, a linked run folder,
    // and a link to the outside file from the regime folder the API serves a fixed name from.
    Files.createSymbolicLink(runDir.resolve("leak"), outside);
    Files.createSymbolicLink(runDir.resolve("leak-relative.txt"), runDir.relativize(outside));
    Files.createSymbolicLink(runDir.resolve("linked-dir"), outsideRun);
    Files.createSymbolicLink(ws.results().resolve("linked-run"), outsideRun);
    Files.createSymbolicLink(runDir.resolve("inner.html"), runDir.resolve("report.html")); // stays inside: fine
    try {
      for (String path : List.of("/runs/" + run + "/leak", "/runs/" + run + "/leak-relative.txt",
          "/runs/" + run + "/linked-dir/report.html", "/runs/linked-run/report.html", "/api/runs/linked-run/equity")) {
        HttpResponse<String> r = get(path);
        assertThat(r.statusCode()).as(path).isEqualTo(404);
        assertThat(r.body()).as(path).doesNotContain("secret").doesNotContain("not a run of this workspace");
      }
      assertThat(get("/runs/" + run + "/inner.html").statusCode()).isEqualTo(200);
      assertThat(get("/api/runs").body()).doesNotContain("linked-run");
      assertThat(get("/runs").body()).doesNotContain("linked-run");
    } finally {
      for (Path link : List.of(runDir.resolve("leak"), runDir.resolve("leak-relative.txt"), runDir.resolve("linked-dir"),
          ws.results().resolve("linked-run"), runDir.resolve("inner.html"))) {
        Files.deleteIfExists(link);
      }
    }
  }

  @Test
  void aBadQueryValueIs400WithTheMessage() throws Exception {
    HttpResponse<String> r = get("/api/bars?symbol=QQQ&interval=7x");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("interval").contains("'7x'").doesNotContain("Exception").doesNotContain("\tat ");
  }

  private static HttpResponse<String> postLogin(int port, String token, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("token=" + java.net.URLEncoder.encode(token, StandardCharsets.UTF_8)));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theLoginFormPostsTheToken_andTheCookieIsSecureBehindATlsProxy() throws Exception {
    try (WebServer guarded = WebServer.start(ws, new io.momentic.workflow.serve.Dashboards.Settings("127.0.0.1", 0,
        "s3cret", true))) {
      int port = guarded.port();
      HttpResponse<String> form = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
          .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
      assertThat(form.statusCode()).isEqualTo(401);
      assertThat(form.body()).contains("<form method=\"post\" action=\"/login\">").contains("type=\"password\"");

      HttpResponse<String> plain = postLogin(port, "s3cret");
      assertThat(plain.statusCode()).isEqualTo(303);
      String cookie = plain.headers().firstValue("Set-Cookie").orElseThrow();
      assertThat(cookie).contains("momentic_token=s3cret").containsIgnoringCase("HttpOnly")
          .doesNotContainIgnoringCase("Secure");
      HttpResponse<String> viaTls = postLogin(port, "s3cret", "X-Forwarded-Proto", "https");
      assertThat(viaTls.headers().firstValue("Set-Cookie").orElseThrow()).containsIgnoringCase("; Secure");
    }
    // Without --trust-proxy the forwarded scheme is not believed.
    try (WebServer direct = WebServer.start(ws, "127.0.0.1", 0, "s3cret")) {
      assertThat(postLogin(direct.port(), "s3cret", "X-Forwarded-Proto", "https").headers().firstValue("Set-Cookie")
          .orElseThrow()).doesNotContainIgnoringCase("Secure");
    }
  }

  @Test
  void failedTokenAttemptsAreRateLimitedPerClientAddress() throws Exception {
    try (WebServer guarded = WebServer.start(ws, new io.momentic.workflow.serve.Dashboards.Settings("127.0.0.1", 0,
        "s3cret", true))) {
      int port = guarded.port();
      for (int i = 0; i < 5; i++) {
        assertThat(postLogin(port, "guess" + i, "X-Forwarded-For", "203.0.113.7").statusCode()).isEqualTo(401);
      }
      HttpResponse<String> blocked = postLogin(port, "guess5", "X-Forwarded-For", "203.0.113.7");
      assertThat(blocked.statusCode()).isEqualTo(429);
      assertThat(Long.parseLong(blocked.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);
      // Even the right token waits: the limit is on the address, so guessing cannot continue.
      assertThat(postLogin(port, "s3cret", "X-Forwarded-For", "203.0.113.7").statusCode()).isEqualTo(429);
      assertThat(rawStatus(port, "/api/crosses", "X-Forwarded-For: 203.0.113.7\r\nAuthorization: Bearer wrong\r\n"))
          .isEqualTo(429);
      // Another client is not affected.
      assertThat(postLogin(port, "s3cret", "X-Forwarded-For", "198.51.100.1").statusCode()).isEqualTo(303);
    }
  }

  /**
   * Real headless Chromium: every page reachable from home renders with data, every same-origin
   * link resolves, no console errors; screenshots under target/browser/. Skipped where Chromium is
   * not installed, unless MOMENTIC_BROWSER_TESTS=required (as .ci/run sets).
   */
  @Test
  void everyPageRendersInHeadlessChromium() throws Exception {
    boolean required = "required".equals(System.getenv("MOMENTIC_BROWSER_TESTS"));
    if (!required) {
      Assumptions.assumeTrue(WebDriverClient.available(), "chromium and chromedriver are not installed");
    }
    Path shots = Path.of("target", "browser");
    try (WebDriverClient browser = new WebDriverClient(dir.resolve("chrome-profile"))) {
      Set<String> toVisit = new LinkedHashSet<>(List.of("/"));
      Set<String> visited = new LinkedHashSet<>();
      List<String> problems = new ArrayList<>();
      while (!toVisit.isEmpty()) {
        String path = toVisit.iterator().next();
        toVisit.remove(path);
        if (!visited.add(path) || path.startsWith("/api/") || path.startsWith("/assets/")) {
          continue;
        }
        browser.open(base + path);
        browser.await("document.readyState === 'complete'", 20);
        if (path.startsWith("/chart")) {
          browser.await("document.getElementById('chart').dataset.bars > 0", 20);
          assertThat(browser.script("return document.querySelectorAll('#chart canvas').length;").asInt())
              .as("canvases on %s", path).isPositive();
        } else if (path.endsWith("/chart")) {
          browser.await("document.getElementById('chart').dataset.points > 0", 20);
        } else if (path.equals("/regime")) {
          // Both charts have a value axis and the shared time axis: a tick at each new year of the feed.
          JsonNode dates = new com.fasterxml.jackson.databind.ObjectMapper().readTree(get("/api/regime").body())
              .get("series").get("dates");
          Set<String> years = new java.util.TreeSet<>();
          dates.forEach(d -> years.add(d.asText().substring(0, 4)));
          assertThat(years.size()).isGreaterThan(2);
          for (String chart : List.of("price", "posterior")) {
            assertThat(browser.script("return document.querySelectorAll('#" + chart + " .tick-x').length;").asInt())
                .as("year ticks on " + chart).isEqualTo(years.size() - 1);
          }
          assertThat(browser.script("return Array.from(document.querySelectorAll('#posterior .tick-y'))"
              + ".map(t => t.textContent).join(' ');").asText()).isEqualTo("0 0.25 0.5 0.75 1");
          assertThat(browser.script("return document.querySelectorAll('#price .tick-y').length;").asInt())
              .isGreaterThanOrEqualTo(2);
          assertThat(browser.script("return document.querySelector('nav') !== null;").asBoolean()).isTrue();
        }
        assertThat(browser.script("return document.body.innerText.length;").asInt()).as("text on %s", path)
            .isGreaterThan(50);
        List<String> errors = browser.consoleErrors();
        if (!errors.isEmpty()) {
          problems.add(path + ": " + errors);
        }
        String name = path.equals("/") ? "home" : path.replaceAll("[^A-Za-z0-9]+", "_").replaceAll("^_|_$", "");
        browser.screenshot(shots.resolve(name + ".png"));
        for (JsonNode href : browser.script("return Array.from(document.querySelectorAll('a[href]'))"
            + ".map(a => a.href).filter(h => h.startsWith(location.origin));")) {
          String link = href.asText().substring(base.length());
          int status = get(link).statusCode();
          if (status != 200) {
            problems.add(path + " links to " + link + " → " + status);
          }
          if (!link.contains("#") && !visited.contains(link) && visited.size() + toVisit.size() < 40) {
            toVisit.add(link);
          }
        }
      }
      assertThat(problems).isEmpty();
      assertThat(visited).contains("/", "/crosses", "/shortlist", "/regime", "/runs").anyMatch(p -> p.startsWith("/chart?"))
          .anyMatch(p -> p.endsWith("/chart"));
    }
  }

  /**
   * {@code /runs} as a research notebook: each row's numbers are the run folder's own (read here
   * from its manifest, metrics or summary), and two runs compare side by side.
   */
  @Test
  void theRunsNotebook_showsEachRunsOwnNumbers_andComparesTwo() throws Exception {
    ObjectMapper json = new ObjectMapper();
    JsonNode runs = json.readTree(get("/api/runs").body());
    assertThat(runs).hasSize(4);
    // The walk-forward is a row too: its stitched out-of-sample run, the trials of every fold.
    JsonNode walk = null;
    for (JsonNode r : runs) {
      walk = r.get("kind").asText().equals("walk-forward") ? r : walk;
    }
    assertThat(walk).as("a walk-forward row").isNotNull();
    JsonNode doc = json.readTree(ws.results().resolve(walk.get("id").asText()).resolve("walkforward.json").toFile());
    assertThat(walk.get("trials").asInt()).isEqualTo(2 * doc.get("trials_per_fold").asInt());
    assertThat(walk.get("sharpe").asDouble()).isEqualTo(doc.get("oos").get("sharpe").asDouble());
    assertThat(walk.get("first_bar").asText()).isEqualTo(doc.get("folds").get(0).get("test").get("first_bar")
        .asText().substring(0, 10));
    assertThat(get(walk.get("report").asText()).body()).contains("id=\"folds\"");
    List<String> backtests = new ArrayList<>();
    for (JsonNode r : runs) {
      Path folder = ws.results().resolve(r.get("id").asText());
      if (r.get("kind").asText().equals("sweep")) {
        JsonNode summary = json.readTree(folder.resolve("summary.json").toFile());
        assertThat(r.get("strategy").asText()).isEqualTo("sma-cross");
        assertThat(r.get("trials").asInt()).isEqualTo(summary.get("trials").asInt()).isEqualTo(174);
        assertThat(r.get("dsr").asDouble()).isEqualTo(summary.get("deflated_sharpe").get("dsr").asDouble());
        assertThat(r.get("pbo").asDouble()).isEqualTo(summary.get("pbo").get("pbo").asDouble());
        assertThat(r.get("sharpe").asDouble()).isEqualTo(summary.get("best").get("test").get("sharpe").asDouble());
        assertThat(r.get("params")).isEqualTo(summary.get("best").get("params"));
        assertThat(r.get("equity").isNull()).isTrue();
        continue;
      }
      if (r.get("kind").asText().equals("walk-forward")) {
        continue;
      }
      backtests.add(r.get("id").asText());
      JsonNode manifest = json.readTree(folder.resolve("manifest.json").toFile());
      JsonNode metrics = json.readTree(folder.resolve("metrics.json").toFile());
      assertThat(r.get("kind").asText()).isEqualTo("backtest");
      assertThat(r.get("strategy").asText()).isEqualTo(manifest.get("strategy").asText());
      assertThat(r.get("cagr_pct").asDouble()).isEqualTo(metrics.get("cagr_pct").asDouble());
      assertThat(r.get("max_drawdown_pct").asDouble()).isEqualTo(metrics.get("max_drawdown_pct").asDouble());
      assertThat(r.get("trades").asInt()).isEqualTo(metrics.get("trades").asInt());
      assertThat(r.get("first_bar").asText()).isEqualTo(manifest.get("first_bar").asText().substring(0, 10));
      assertThat(r.get("params").get("fast") == null ? manifest.get("params").get("ma-fast").asText()
          : r.get("params").get("fast").asText()).isIn("10", "50");
    }
    assertThat(backtests).hasSize(2);
    String page = get("/runs").body();
    assertThat(page).contains("id=\"filter\"", "id=\"compare\"", "class=\"pick\"", "data-key=\"num\"");
    HttpResponse<String> compared = get("/compare?runs=" + String.join(",", backtests));
    assertThat(compared.statusCode()).isEqualTo(200);
    assertThat(compared.body()).contains(backtests.get(0), backtests.get(1), "id=\"compared\"",
        "/api/runs/" + backtests.get(0) + "/equity");
    HttpResponse<String> one = get("/compare?runs=" + backtests.get(0));
    assertThat(one.statusCode()).isEqualTo(400);
    assertThat(one.body()).contains("two or more");
    HttpResponse<String> unknown = get("/compare?runs=" + backtests.get(0) + ",nope");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("run nope", backtests.get(1));
  }

  /** Regime walks (the results TSVs' rows) and research loops (their reports) are listed on /runs too. */
  @Test
  void theRunsPage_listsRegimeWalksAndResearchLoops() throws Exception {
    Path tsv = ws.results().resolve("regime_sweep_results.tsv");
    Files.writeString(tsv, String.join("\t", RegimeExperimentColumns.HEADER) + "\n"
        + "exp_001_baseline\tdrawdown_200\t3\tgaussian\thomogeneous\t0.284996\t0.494031\t0.009483\t0.971985\t"
        + "0.868865\t0.985223\tnan\t0.532704\t39\tBaseline <b>bold</b>\n");
    Path reports = Files.createDirectories(ws.root().resolve("docs/autoresearch-reports"));
    Files.writeString(reports.resolve("2026-12-02-autoresearch-bear-report.md"), "# Autoresearch report: bear\n\n"
        + "| parameter | start | final |\n|---|---|---|\n| top_n | 1 | 3 |\n");
    try {
      String page = get("/runs").body();
      assertThat(page).contains("id=\"regime-walks\"", "exp_001_baseline", "0.284996", "drawdown_200, K=3, gaussian, "
          + "homogeneous", "Baseline &lt;b&gt;bold&lt;/b&gt;", "data/results/regime_sweep_results.tsv",
          "id=\"research-loops\"", "href=\"/research/2026-12-02-autoresearch-bear-report.md\"");
      HttpResponse<String> report = get("/research/2026-12-02-autoresearch-bear-report.md");
      assertThat(report.statusCode()).isEqualTo(200);
      assertThat(report.body()).contains("<pre class=\"document\"># Autoresearch report: bear", "| top_n | 1 | 3 |",
          "<nav");
      assertThat(get("/research/nope.md").statusCode()).isEqualTo(404);
      assertThat(get("/research/..%2Fconfig%2Fpipeline.toml").statusCode()).isEqualTo(404);
    } finally {
      Files.delete(tsv);
      Files.delete(reports.resolve("2026-12-02-autoresearch-bear-report.md"));
    }
  }

  /** The results TSV's columns (spec §4.10), as the reference writes them. */
  static final class RegimeExperimentColumns {
    static final List<String> HEADER = List.of("experiment_id", "observation", "K", "emission", "transitions",
        "regime_score", "score_2018_bear", "score_2020q1_covid", "score_bull_2020_2021", "score_2022_bear",
        "score_2024_etf_bull", "ll_mean", "argmax_acc", "flip_count", "comment");
  }

  /** In headless Chromium: filter, sort, tick two runs, compare; two equity curves drawn. */
  @Test
  void theRunsNotebook_filtersSortsAndCompares_inHeadlessChromium() throws Exception {
    boolean required = "required".equals(System.getenv("MOMENTIC_BROWSER_TESTS"));
    if (!required) {
      Assumptions.assumeTrue(WebDriverClient.available(), "chromium and chromedriver are not installed");
    }
    try (WebDriverClient browser = new WebDriverClient(dir.resolve("chrome-profile-runs"))) {
      browser.open(base + "/runs");
      browser.await("document.readyState === 'complete'", 20);
      String visible = "return Array.from(document.querySelectorAll('#runs tbody tr')).filter(r => !r.hidden).length;";
      assertThat(browser.script(visible).asInt()).isEqualTo(4);
      browser.script("const f = document.getElementById('filter'); f.value = 'sweep';"
          + " f.dispatchEvent(new Event('input'));");
      assertThat(browser.script(visible).asInt()).isEqualTo(1);
      browser.script("const f = document.getElementById('filter'); f.value = '';"
          + " f.dispatchEvent(new Event('input'));");
      // Sort by Sharpe (column 9), highest first: the column's keys come out in descending order.
      browser.script("document.querySelectorAll('#runs thead th')[9].click();");
      JsonNode keys = browser.script("return Array.from(document.querySelectorAll('#runs tbody tr'))"
          + ".map(r => r.cells[9].dataset.sort).filter(k => k !== '').map(Number);");
      List<Double> sharpes = new ArrayList<>();
      keys.forEach(k -> sharpes.add(k.asDouble()));
      assertThat(sharpes).hasSizeGreaterThanOrEqualTo(2).isSortedAccordingTo(java.util.Comparator.reverseOrder());
      assertThat(browser.script("return document.getElementById('compare').disabled;").asBoolean()).isTrue();
      browser.script("Array.from(document.querySelectorAll('#runs tbody tr')).filter(r => r.cells[2].textContent"
          + " === 'backtest').forEach(r => r.querySelector('input.pick').click());");
      assertThat(browser.script("return document.getElementById('compare').disabled;").asBoolean()).isFalse();
      browser.script("document.getElementById('compare').click();");
      browser.await("location.pathname === '/compare'", 20);
      browser.await("document.readyState === 'complete' && document.getElementById('chart')"
          + " && document.getElementById('chart').dataset.series !== undefined", 20);
      assertThat(browser.script("return Number(document.getElementById('chart').dataset.series);").asInt())
          .isEqualTo(2);
      assertThat(browser.script("return document.querySelectorAll('#chart canvas').length;").asInt()).isPositive();
      assertThat(browser.consoleErrors()).isEmpty();
      browser.screenshot(Path.of("target", "browser", "compare.png"));
    }
  }

  /**
   * A run's trade chart in headless Chromium, served and inside its report.html: candles, one entry
   * marker per trade of the run's trades.csv and one exit per closed one, the equity pane; every
   * traded symbol selectable.
   */
  @Test
  void aRunsTradeChart_marksEveryTrade_inHeadlessChromium() throws Exception {
    boolean required = "required".equals(System.getenv("MOMENTIC_BROWSER_TESTS"));
    if (!required) {
      Assumptions.assumeTrue(WebDriverClient.available(), "chromium and chromedriver are not installed");
    }
    String run;
    try (var dirs = Files.list(ws.results())) {
      run = dirs.map(d -> d.getFileName().toString()).filter(n -> n.startsWith("qqq-long-short-")).findFirst()
          .orElseThrow();
    }
    List<String> trades = Files.readAllLines(ws.results().resolve(run).resolve("trades.csv"));
    Set<String> symbols = new java.util.TreeSet<>();
    java.util.Map<String, Integer> entries = new java.util.HashMap<>();
    java.util.Map<String, Integer> exits = new java.util.HashMap<>();
    for (String line : trades.subList(1, trades.size())) {
      String[] f = line.split(",", -1);
      symbols.add(f[1]);
      entries.merge(f[1], 1, Integer::sum);
      exits.merge(f[1], f[17].equals("closed") ? 1 : 0, Integer::sum);
    }
    // Served, and in the self-contained report.html opened from disk (the library and data in the page).
    String report = ws.results().resolve(run).resolve("report.html").toUri().toString();
    for (String page : List.of(base + "/runs/" + run + "/chart", report)) {
      try (WebDriverClient browser = new WebDriverClient(dir.resolve("chrome-profile-trades"))) {
        browser.open(page);
        browser.await("document.getElementById('chart').dataset.markers !== undefined", 20);
        assertThat(browser.script("return Array.from(document.querySelectorAll('#symbols button'))"
            + ".map(b => b.dataset.symbol).sort().join(' ');").asText()).isEqualTo(String.join(" ", symbols));
        for (String symbol : symbols) {
          browser.script("document.querySelector('#symbols button[data-symbol=\"" + symbol + "\"]').click();");
          browser.await("document.getElementById('chart').dataset.symbol === '" + symbol + "'", 20);
          JsonNode data = browser.script("return Object.assign({}, document.getElementById('chart').dataset);");
          assertThat(data.get("entries").asInt()).as(symbol).isEqualTo(entries.get(symbol));
          assertThat(data.get("exits").asInt()).as(symbol).isEqualTo(exits.get(symbol));
          assertThat(data.get("markers").asInt()).as(symbol).isEqualTo(entries.get(symbol) + exits.get(symbol));
          assertThat(browser.script("return document.querySelectorAll('#chart canvas').length;").asInt()).isPositive();
        }
        assertThat(browser.consoleErrors()).isEmpty();
        browser.script("document.getElementById('chart').scrollIntoView();");
        browser.screenshot(Path.of("target", "browser", page.equals(report) ? "report-trades.png" : "trades.png"));
      }
    }
  }

  /**
   * The served shortlist and crosses follow the pipeline's theme; in groovy, headless Chromium
   * renders the title in the embedded Bagel Fat One (no network: the font is in the page).
   */
  @Test
  void theServedPages_followThePipelinesTheme_withTheirFontsEmbedded() throws Exception {
    Path config = ws.root().resolve("config/pipeline.toml");
    String original = Files.readString(config);
    assertThat(get("/shortlist").body()).doesNotContain("@font-face");
    Files.writeString(config, original.replace("[momentum]", "[momentum]\ntheme = \"groovy\"")
        .replace("[crosses]", "[crosses]\ntheme = \"groovy\""));
    try {
      for (String page : List.of("/shortlist", "/crosses")) {
        String body = get(page).body();
        assertThat(body).as(page).contains("@font-face{font-family:'Bagel Fat One'", "--plum:#4a1942", "<nav");
      }
      boolean required = "required".equals(System.getenv("MOMENTIC_BROWSER_TESTS"));
      if (!required && !WebDriverClient.available()) {
        return;
      }
      try (WebDriverClient browser = new WebDriverClient(dir.resolve("chrome-profile-groovy"))) {
        browser.open(base + "/shortlist");
        browser.await("document.readyState === 'complete'", 20);
        browser.await("document.fonts.status === 'loaded'", 20);
        assertThat(browser.script("return document.fonts.check('48px \"Bagel Fat One\"');").asBoolean()).isTrue();
        assertThat(browser.script("return Array.from(document.fonts).filter(f => f.status === 'loaded')"
            + ".map(f => f.family.replace(/\"/g, '')).includes('Bagel Fat One');").asBoolean()).isTrue();
        assertThat(browser.consoleErrors()).isEmpty();
        browser.screenshot(Path.of("target", "browser", "shortlist-groovy.png"));
      }
    } finally {
      Files.writeString(config, original);
    }
  }

  @Test
  void theSymbolIndex_listsTheStore_andAnUnknownSymbolIsA404WithTheKnownOnes() throws Exception {
    HttpResponse<String> index = get("/symbols");
    assertThat(index.statusCode()).isEqualTo(200);
    assertThat(index.body()).contains("id=\"filter\"", "href=\"/chart?symbol=SYN01&amp;venue=csv&amp;interval=1d\"",
        "QQQ", "TQQQ");
    HttpResponse<String> unknown = get("/chart?symbol=NOPE");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("No bars for 'NOPE' in the store", "/chart?symbol=SYN01");
    // A symbol that is markup is shown as text, never as markup.
    assertThat(get("/chart?symbol=%3Cscript%3E").body()).contains("&lt;script&gt;").doesNotContain("No bars for '<script>");
    // The served shortlist links each name to the local chart as well as TradingView.
    HttpResponse<String> shortlist = get("/shortlist");
    assertThat(shortlist.body()).contains("class=\"local\" href=\"/chart?symbol=");
  }

  @Test
  void freshness_isCached_butFollowsTheStore() throws Exception {
    ObjectMapper json = new ObjectMapper();
    String before = get("/api/freshness").body();
    assertThat(get("/api/freshness").body()).isEqualTo(before); // served from the cache, the same
    // A write to the store (another venue, so the demo's rows are untouched) shows at the next request.
    try (io.momentic.data.store.BarStore store = io.momentic.data.store.BarStore.openWriter(ws.store())) {
      store.upsert(io.momentic.core.BarSeries.builder(io.momentic.core.Instrument.of("ZZTEST", "zz-test",
          io.momentic.core.AssetClass.EQUITY), io.momentic.core.Interval.D1)
          .add(io.momentic.core.testing.TestBars.day("2024-01-02"), 10, 11, 9, 10.5, 100).build());
    }
    JsonNode after = json.readTree(get("/api/freshness").body());
    assertThat(after.findValuesAsText("venue")).contains("zz-test");
    assertThat(after.get(0).get("venue").asText()).isEqualTo("csv");
  }

  /**
   * A bounded load test on loopback: 8 clients for {@code momentic.load.seconds} (10 by default; the
   * figure in docs/PERFORMANCE.md is from a 30 s run) over the home page and two APIs: 0 errors.
   */
  @Test
  void aBoundedLoadTestHasNoErrors() throws Exception {
    double seconds = Double.parseDouble(System.getProperty("momentic.load.seconds", "10"));
    List<String> paths = List.of("/", "/api/crosses", "/api/freshness", "/crosses");
    AtomicLong ok = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    long end = System.nanoTime() + (long) (seconds * 1e9);
    List<Thread> clients = new ArrayList<>();
    for (int c = 0; c < 8; c++) {
      int offset = c;
      clients.add(Thread.ofVirtual().start(() -> {
        for (int i = offset; System.nanoTime() < end; i++) {
          try {
            if (get(paths.get(i % paths.size())).statusCode() == 200) {
              ok.incrementAndGet();
            } else {
              errors.incrementAndGet();
            }
          } catch (IOException | InterruptedException e) {
            errors.incrementAndGet();
          }
        }
      }));
    }
    for (Thread t : clients) {
      t.join();
    }
    System.out.printf("load test: %d requests in %.0f s = %.0f requests/s, %d errors%n", ok.get(), seconds,
        ok.get() / seconds, errors.get());
    assertThat(errors.get()).isZero();
    assertThat(ok.get()).isPositive();
  }
}
