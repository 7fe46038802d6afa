package io.momentic.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.momentic.core.testing.TestBars;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 6 end to end on the 505-name S&P panel (2013-02-08 → 2018-02-07). */
class MomentumCliTest {

  static Path sp500() {

    return TestBars.sharedData().resolve("sp500_5yr/all_stocks_5yr.csv");

  }
  static final ObjectMapper JSON = new ObjectMapper();
  static final String AS_OF = "2018-01-31"; // a Wednesday: its week is in progress, the last closed week starts 01-22

  /** symbol → ISO week start → {last close, summed volume}, built straight from the CSV rows. */
  static Map<String, TreeMap<LocalDate, double[]>> weeks;

  @TempDir
  Path dir;

  @BeforeAll
  static void readWeeksByHand() throws IOException {
    weeks = new HashMap<>();
    List<String> lines = Files.readAllLines(sp500());
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",", -1);
      LocalDate date = LocalDate.parse(f[0]);
      if (date.isAfter(LocalDate.parse(AS_OF)) || f[4].isEmpty() || f[5].isEmpty()) {
        continue;
      }
      LocalDate monday = date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      double[] w = weeks.computeIfAbsent(f[6], k -> new TreeMap<>()).computeIfAbsent(monday, k -> new double[2]);
      w[0] = Double.parseDouble(f[4]); // rows are in date order per symbol: the last one wins
      w[1] += Double.parseDouble(f[5]);
    }
  }

  private CliTest.Run screen(String... extra) {
    List<String> args = new ArrayList<>(List.of("--workspace", dir.toString(), "screen", "momentum", "--data",
        sp500().toString(), "--drop-invalid", "--as-of", AS_OF));
    args.addAll(List.of(extra));
    return CliTest.run(args.toArray(String[]::new));
  }

  @Test
  void screensThirtyLiquidNames_withTheRegimeOfTheLastClosedWeek() throws IOException {
    CliTest.Run run = screen("--json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode doc = JSON.readTree(run.out());
    assertThat(doc.get("week_start").asText()).isEqualTo("2018-01-22");
    JsonNode list = doc.get("shortlist");
    assertThat(list).hasSize(30);
    LocalDate last = LocalDate.parse("2018-01-22");
    double previous = Double.POSITIVE_INFINITY;
    for (int i = 0; i < list.size(); i++) {
      JsonNode row = list.get(i);
      assertThat(row.get("rank").asInt()).isEqualTo(i + 1);
      String symbol = row.get("symbol").asText();
      TreeMap<LocalDate, double[]> w = weeks.get(symbol);
      // Score: 52-week return ending 4 weeks before the last closed week.
      double end = w.get(last.minusWeeks(4))[0];
      double start = w.get(last.minusWeeks(56))[0];
      assertThat(row.get("score").asDouble()).as(symbol).isCloseTo(end / start - 1, within(1e-9));
      assertThat(row.get("score").asDouble()).isLessThanOrEqualTo(previous);
      previous = row.get("score").asDouble();
      assertThat(row.get("trend_13w_pct").asDouble()).isCloseTo(
          100 * (w.get(last)[0] / w.get(last.minusWeeks(13))[0] - 1), within(1e-9));
      // ADDV: mean weekly close × volume over the last 13 weeks, per trading day (5 a week).
      double sum = 0;
      for (int k = 0; k < 13; k++) {
        double[] week = w.get(last.minusWeeks(k));
        sum += week[0] * week[1];
      }
      assertThat(row.get("addv").asDouble()).isCloseTo(sum / 13 / 5, within(1e-3));
      assertThat(row.get("addv").asDouble()).isGreaterThanOrEqualTo(5_000_000);
      assertThat(row.get("chart_url").asText())
          .isEqualTo("https://www.tradingview.com/chart/?symbol=" + symbol + "&interval=D");
    }
    // Breadth: names trading that week whose close is above their 40-week average of weekly closes.
    int above = 0;
    int counted = 0;
    for (TreeMap<LocalDate, double[]> w : weeks.values()) {
      if (!w.containsKey(last)) {
        continue;
      }
      double sum = 0;
      boolean full = true;
      for (int k = 0; k < 40; k++) {
        double[] week = w.get(last.minusWeeks(k));
        if (week == null) {
          full = false;
          break;
        }
        sum += week[0];
      }
      if (full) {
        counted++;
        above += w.get(last)[0] > sum / 40 ? 1 : 0;
      }
    }
    double breadth = (double) above / counted;
    assertThat(doc.get("regime").get("breadth").asDouble()).isCloseTo(breadth, within(1e-12));
    assertThat(doc.get("regime").get("state").asText()).isEqualTo(breadth >= 0.6 ? "RISK-ON" : "RISK-OFF");
  }

  @Test
  void theFloor_dropsIlliquidNames_fromTheList() throws IOException {
    JsonNode doc = JSON.readTree(screen("--json", "--min-addv", "300000000", "--top", "50").out());
    assertThat(doc.get("universe").get("below_floor").asInt()).isPositive();
    for (JsonNode row : doc.get("shortlist")) {
      assertThat(row.get("addv").asDouble()).isGreaterThanOrEqualTo(300_000_000);
    }
  }

  @Test
  void thePage_parses_linksEveryTicker_andItsBannerMatchesTheBreadth() throws IOException {
    Path universe = dir.resolve("universe.csv");
    Files.writeString(universe, "symbol,exchange\nNRG,NYSE\nALGN,NASDAQ\nVRTX,nasdaq\n");
    JsonNode doc = JSON.readTree(screen("--json").out());
    for (String theme : List.of("default", "groovy")) {
      Path page = dir.resolve(theme + ".html");
      CliTest.Run run = screen("--html", page.toString(), "--theme", theme);
      assertThat(run.exitCode()).as(run.err()).isZero();
      Document html = Jsoup.parse(page.toFile(), "UTF-8");
      assertThat(html.select("meta[http-equiv=refresh]").attr("content")).isEqualTo("3600");
      List<Element> rows = html.select("tbody tr");
      assertThat(rows).hasSize(30);
      for (int i = 0; i < rows.size(); i++) {
        Element link = rows.get(i).selectFirst("td.sym a");
        URI uri = URI.create(link.attr("href"));
        assertThat(uri.getScheme()).isEqualTo("https");
        assertThat(uri.getHost()).isEqualTo("www.tradingview.com");
        assertThat(uri.getPath()).isEqualTo("/chart/");
        assertThat(uri.getQuery()).isEqualTo("symbol=" + link.text() + "&interval=D");
        assertThat(link.text()).isEqualTo(doc.get("shortlist").get(i).get("symbol").asText());
        String trendClass = rows.get(i).select("td").get(3).className();
        assertThat(trendClass).isEqualTo(doc.get("shortlist").get(i).get("trend_13w_pct").asDouble() >= 0 ? "pos" : "neg");
      }
      Element banner = html.getElementById("regime");
      double breadth = doc.get("regime").get("breadth").asDouble();
      assertThat(banner.attr("data-state")).isEqualTo(doc.get("regime").get("state").asText());
      assertThat(banner.text()).startsWith(doc.get("regime").get("state").asText())
          .contains(String.format(java.util.Locale.ROOT, "breadth %.1f%%", 100 * breadth));
      assertThat(html.selectFirst("p.stamp time").attr("datetime")).isEqualTo("2018-02-01T00:00:00Z");
      assertThat(html.select("script, link[rel=stylesheet], img")).isEmpty(); // self-contained
    }
    String groovy = Files.readString(dir.resolve("groovy.html"));
    assertThat(groovy).contains("@media (prefers-reduced-motion: reduce)").contains("class=\"decor\"");

    // With exchanges from a universe file, links carry EXCHANGE:TICKER and the map remembers them.
    CliTest.Run withUniverse = screen("--json", "--universe", universe.toString(), "--top", "5");
    assertThat(withUniverse.exitCode()).as(withUniverse.err()).isZero();
    JsonNode listed = JSON.readTree(withUniverse.out()).get("shortlist");
    assertThat(listed).hasSize(3); // the universe limits the screen to its three names
    Map<String, String> urls = new HashMap<>();
    listed.forEach(r -> urls.put(r.get("symbol").asText(), r.get("chart_url").asText()));
    assertThat(urls).containsEntry("NRG", "https://www.tradingview.com/chart/?symbol=NYSE:NRG&interval=D")
        .containsEntry("VRTX", "https://www.tradingview.com/chart/?symbol=NASDAQ:VRTX&interval=D");
    JsonNode map = JSON.readTree(dir.resolve("state/tv_exchange_map.json").toFile());
    assertThat(map.get("ALGN").asText()).isEqualTo("NASDAQ");
    // A later screen without the universe file still links known names through the map; others stay bare.
    for (JsonNode row : JSON.readTree(screen("--json").out()).get("shortlist")) {
      String symbol = row.get("symbol").asText();
      String expected = map.has(symbol) ? map.get(symbol).asText() + ":" + symbol : symbol;
      assertThat(row.get("chart_url").asText())
          .isEqualTo("https://www.tradingview.com/chart/?symbol=" + expected + "&interval=D");
    }
  }

  @Test
  void badSettings_exitWithCodeTwo() {
    assertThat(screen("--theme", "disco").exitCode()).isEqualTo(2);
    CliTest.Run badDate = CliTest.run("--workspace", dir.toString(), "screen", "momentum", "--data", sp500().toString(),
        "--drop-invalid", "--as-of", "31/01/2018");
    assertThat(badDate.exitCode()).isEqualTo(2);
    assertThat(badDate.err()).contains("as-of").contains("31/01/2018").contains("a date like");
    assertThat(CliTest.run("--workspace", dir.toString(), "screen", "momentum", "--universe", "nope").exitCode())
        .isEqualTo(2);
  }

  @Test
  void theSweep_ranksOnTrainOnly_andReportsAttributionPerPeriod() throws IOException {
    Path out = dir.resolve("sweep");
    CliTest.Run run = CliTest.run("sweep", "--config",
        Path.of(System.getProperty("momentic.repoRoot")).resolve("config/strategy/xsec_momentum_sweep.toml").toString(),
        "--data", sp500().toString(), "--drop-invalid", "--resamples", "200", "--out", out.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("225 trials ranked by profit_factor").contains("top-3");
    JsonNode s = JSON.readTree(out.resolve("summary.json").toFile());
    assertThat(s.get("trials").asInt()).isEqualTo(225);
    assertThat(Files.readAllLines(out.resolve("trials.csv"))).hasSize(226);
    for (String period : List.of("train", "test")) {
      JsonNode a = s.get("attribution").get(period);
      double net = a.get("net_pnl").asDouble();
      double sum = 0;
      List<Double> pnl = new ArrayList<>();
      for (JsonNode v : a.get("by_instrument")) {
        sum += v.asDouble();
        pnl.add(v.asDouble());
      }
      assertThat(sum).as(period).isCloseTo(net, within(1e-6 * Math.abs(net) + 1e-6));
      if (net > 0) {
        pnl.sort(java.util.Comparator.reverseOrder());
        assertThat(a.get("top1_share").asDouble()).isCloseTo(pnl.get(0) / net, within(1e-9));
        assertThat(a.get("top3_share").asDouble()).isCloseTo((pnl.get(0) + pnl.get(1) + pnl.get(2)) / net,
            within(1e-9));
        assertThat(a.get("concentrated").asBoolean()).isEqualTo((pnl.get(0) + pnl.get(1) + pnl.get(2)) / net > 0.5);
      }
    }
    assertThat(s.get("deflated_sharpe").get("trials").asInt()).isEqualTo(225);
    assertThat(s.get("pbo").get("pbo").isNumber()).isTrue();
    assertThat(Files.readString(out.resolve("report.html"))).contains("top-1 / top-3 share");
  }

  @Test
  void pointInTimeMembership_ranksOnlyThatWeeksMembers() throws IOException {
    // Three names, one of which (VRTX) left the universe on 2018-01-15: in the week of 01-22 it is not
    // a member, so the screen shows the other two and says how many it left out.
    Path universe = Files.writeString(dir.resolve("pit.csv"), "symbol,exchange,listed,delisted\n"
        + "NRG,NYSE,2010-01-01,\nALGN,NASDAQ,2010-01-01,\nVRTX,NASDAQ,2010-01-01,2018-01-15\n");
    CliTest.Run run = screen("--json", "--universe", universe.toString(), "--top", "5", "--min-addv", "0");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode doc = JSON.readTree(run.out());
    assertThat(doc.get("shortlist")).extracting(r -> r.get("symbol").asText()).containsExactlyInAnyOrder("NRG", "ALGN");
    assertThat(doc.get("survivorship").asText()).contains("point-in-time").contains("1 name(s) not members");
    Path plain = Files.writeString(dir.resolve("plain.csv"), "symbol\nNRG\nALGN\nVRTX\n");
    JsonNode survivor = JSON.readTree(screen("--json", "--universe", plain.toString(), "--min-addv", "0").out());
    assertThat(survivor.get("shortlist")).hasSize(3);
    assertThat(survivor.get("survivorship").asText()).startsWith("survivor-only universe");
  }
}
