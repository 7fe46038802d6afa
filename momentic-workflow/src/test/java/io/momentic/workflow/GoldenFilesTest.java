package io.momentic.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.resolve.DirectoryCodeResolver;
import io.momentic.core.BarSeries;
import io.momentic.core.BuildInfo;
import io.momentic.core.Clock;
import io.momentic.data.CanonicalCsv;
import io.momentic.data.LoadOptions;
import io.momentic.data.SyntheticMarket;
import io.momentic.data.Workspace;
import io.momentic.report.Json;
import io.momentic.report.page.CrossesView;
import io.momentic.report.page.Pages;
import io.momentic.report.page.Theme;
import io.momentic.strategies.CrossScanner;
import io.momentic.strategies.MomentumScreen;
import io.momentic.workflow.backtest.BacktestRun.RunData;
import io.momentic.workflow.backtest.BacktestRun.RunRecord;
import io.momentic.workflow.backtest.BacktestRun.RunRequest;
import io.momentic.workflow.backtest.BacktestRun;
import io.momentic.workflow.screen.CrossesDocument;
import io.momentic.workflow.screen.ScreenRuns;
import io.momentic.workflow.sweep.SweepGrid;
import io.momentic.workflow.sweep.SweepRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files users and tools read, pinned as golden files on seeded synthetic data: a backtest's
 * {@code metrics.json} and {@code report.html}, a sweep's {@code summary.json} and
 * {@code report.html}, and the shortlist (both themes) and crosses pages. A change to a template, a
 * metric or a number's format shows up as a diff here; {@code -Dgolden.update=true} rewrites them.
 */
class GoldenFilesTest {

  @TempDir
  Path dir;

  Workspace ws;

  @BeforeEach
  void universe() {
    ws = Workspace.at(dir.resolve("ws"));
    ws.create();
    SyntheticMarket.Spec s = SyntheticMarket.Spec.gbmUniverse(6, 600, 7).withDriftAndVolatility(0.12, 0.25);
    for (BarSeries b : SyntheticMarket.generate(s)) {
      CanonicalCsv.write(b, ws.rawFile(b.symbol()));
    }
  }

  /**
   * Paths of this run's temp folder, the build's version and run ids (a hash of the manifest, which
   * names the data files by their temp path) are not part of what is pinned.
   */
  private String canonical(String text) {
    return text.replace(dir.toAbsolutePath().toString(), "<tmp>").replace(BuildInfo.version(), "<version>")
        .replaceAll("\\b(sma-cross)-[0-9a-f]{12}\\b", "$1-<run-id>")
        .replaceAll("data:image/png;base64,[A-Za-z0-9+/=]+", "data:image/png;base64,<png>")
        .replaceAll("data:font/woff2;base64,[A-Za-z0-9+/=]+", "data:font/woff2;base64,<font>")
        .replaceAll("(?s)<script id=\"lightweight-charts\">.*?</script>", "<script id=\"lightweight-charts\"><library></script>");
  }

  private RunRequest smaCross() {
    return BacktestRun.request(null, new BacktestRun.Overrides("sma-cross", Map.of("fast", "5", "slow", "20"),
        List.of(ws.rawFile("SYN01")), List.of(), null, "1+0.001", 5.0, null, null, null, null, null, null, null, null));
  }

  @Test
  void backtest_metricsAndReport() throws Exception {
    RunRequest run = smaCross();
    RunData data = BacktestRun.load(run, LoadOptions.DEFAULT);
    RunRecord r = BacktestRun.run(run, data, ws.results(), null);
    String metrics = Files.readString(r.dir().resolve("metrics.json"));
    assertThat(metrics).doesNotContain("NaN").doesNotContain("Infinity");
    Golden.assertMatches("backtest/metrics.json", canonical(metrics));
    Golden.assertMatches("backtest/report.html", canonical(Files.readString(r.dir().resolve("report.html"))));
  }

  @Test
  void sweep_summaryAndReport() throws Exception {
    SweepRun.SweepRecord r = SweepRun.run(new SweepRun.SweepRequest(smaCross(), new SweepGrid.Spec(
        List.of("fast=3:9:3", "slow=20:40:10"), List.of("fast < slow"), "sharpe", null, 42L, 2), null,
        LoadOptions.DEFAULT, 3, 0.7, 4, 200, List.of(), ws.results(), null), Progress.NONE);
    Golden.assertMatches("sweep/summary.json", canonical(Files.readString(r.dir().resolve("summary.json"))));
    Golden.assertMatches("sweep/report.html", canonical(Files.readString(r.dir().resolve("report.html"))));
  }

  @Test
  void shortlistPages_bothThemes() throws Exception {
    Files.createDirectories(ws.universes());
    StringBuilder members = new StringBuilder("symbol,exchange,name\n");
    for (int i = 1; i <= 6; i++) {
      members.append("SYN0").append(i).append(",NASDAQ,synthetic\n");
    }
    Files.writeString(ws.universes().resolve("golden.csv"), members.toString());
    MomentumScreen.Settings d = MomentumScreen.Settings.DEFAULTS;
    MomentumScreen.Settings settings = new MomentumScreen.Settings(26, 1, 4, 0, d.gateMa(), d.riskOnBreadth());
    for (Theme theme : Theme.values()) {
      Path page = dir.resolve("shortlist-" + theme.code() + ".html");
      ScreenRuns.momentum(new ScreenRuns.MomentumRequest(ws, List.of(), "golden", LoadOptions.DEFAULT, "2021-06-30",
          settings, page, theme));
      Golden.assertMatches("pages/shortlist-" + theme.code() + ".html", canonical(Files.readString(page)));
    }
  }

  private static Map<String, Object> crossesDocument() {
    List<BarSeries> universe = SyntheticMarket.generate(SyntheticMarket.Spec.gbmUniverse(8, 700, 11));
    CrossScanner.Settings settings = CrossScanner.Settings.DEFAULT.withWindowDays(60);
    long asOf = universe.get(0).lastTime() + 1;
    return CrossesDocument.document(CrossScanner.scan(universe, asOf, settings), settings,
        Instant.ofEpochMilli(Clock.frozen(Instant.ofEpochMilli(asOf)).nowMillis()));
  }

  @Test
  void crossesPage() throws Exception {
    Map<String, Object> doc = crossesDocument();
    Golden.assertMatches("pages/crosses.json", canonical(Json.pretty(doc)));
    Golden.assertMatches("pages/crosses.html", canonical(Pages.crosses(CrossesView.of(doc, "/chart?symbol=",
        Theme.DEFAULT))));
  }

  /** The report module's template sources, compiled here at run time instead of at build time. */
  private static final Path TEMPLATES = Path.of("../momentic-report/src/main/jte");

  private static TemplateEngine compiling(Path templates, Path classes) {
    TemplateEngine engine = TemplateEngine.create(new DirectoryCodeResolver(templates), classes, ContentType.Html);
    engine.setTrimControlStructures(true); // as the build's jte-maven-plugin is configured
    return engine;
  }

  @Test
  void aOneCharacterTemplateEdit_isAGoldenDiff() throws Exception {
    Path templates = dir.resolve("jte");
    try (var files = Files.walk(TEMPLATES)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Path copy = templates.resolve(TEMPLATES.relativize(f).toString());
        Files.createDirectories(copy.getParent());
        Files.copy(f, copy);
      }
    }
    CrossesView view = CrossesView.of(crossesDocument(), "/chart?symbol=", Theme.DEFAULT);
    // The sources as they are render the golden page: the comparison below compares like with like.
    String unedited = canonical(Pages.render(compiling(templates, dir.resolve("classes-a")), "crosses.jte", view));
    assertThat(Golden.difference("pages/crosses.html", unedited)).isEmpty();

    // One character of the shared layout's footer, which every page has: "Momentic" becomes "Momentix".
    Path layout = templates.resolve("layout.jte");
    String source = Files.readString(layout);
    assertThat(source).contains("<p class=\"stamp\">Momentic ");
    Files.writeString(layout, source.replace("<p class=\"stamp\">Momentic ", "<p class=\"stamp\">Momentix "));
    String edited = canonical(Pages.render(compiling(templates, dir.resolve("classes-b")), "crosses.jte", view));
    assertThat(Golden.difference("pages/crosses.html", edited)).hasValueSatisfying(d -> assertThat(d)
        .contains("golden/pages/crosses.html, but line").contains("Momentic <version>")
        .contains("Momentix <version>"));
  }
}
