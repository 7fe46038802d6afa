package io.momentic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.momentic.core.testing.TestBars;
import io.momentic.data.Workspace;
import io.momentic.web.WebServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Breakout section of {@code momentic serve} on Binance's daily pairs in a test store, in real
 * headless Chromium: the scanner lists signals, a signal's page draws its chart with the bar marked,
 * the Step 1 button runs the backtest and the methods, candidates and walk-forward show with data.
 */
class BreakoutWebTest {

  @TempDir
  Path dir;

  @Test
  void scannerToStep1_inHeadlessChromium() throws Exception {
    Path ws = BreakoutCliTest.storeOf(dir, TestBars.sharedData().resolve("binance_spot_1d"));
    boolean required = "required".equals(System.getenv("MOMENTIC_BROWSER_TESTS"));
    try (WebServer server = WebServer.start(Workspace.at(ws), "127.0.0.1", 0, null)) {
      String base = "http://127.0.0.1:" + server.port();
      // Without a browser the pages still answer (checked here); the browser part needs Chromium.
      HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base
          + "/breakout?interval=1d&min_quote_volume=0")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains("id=\"signals\"").contains("/breakout/analysis?symbol=");
      if (!required) {
        Assumptions.assumeTrue(WebDriverClient.available(), "chromium and chromedriver are not installed");
      }
      try (WebDriverClient browser = new WebDriverClient(dir.resolve("chrome-profile"))) {
        browser.open(base + "/breakout?interval=1d&min_quote_volume=0");
        browser.await("document.readyState === 'complete'", 20);
        assertThat(browser.script("return document.querySelectorAll('#signals tbody tr').length;").asInt())
            .isPositive();
        String link = browser.script("return document.querySelector('#signals tbody a').href;").asText();
        browser.open(link);
        browser.await("document.getElementById('chart').dataset.bars > 0", 20);
        assertThat(browser.script("return document.querySelectorAll('#chart canvas').length;").asInt()).isPositive();
        assertThat(browser.script("return document.getElementById('step2').disabled && "
            + "document.getElementById('step3').disabled;").asBoolean()).isTrue();
        assertThat(browser.script("return document.getElementById('methods') === null;").asBoolean()).isTrue();
        browser.screenshot(Path.of("target", "browser", "breakout_signal.png"));

        browser.script("document.getElementById('step1').click();");
        browser.await("document.getElementById('methods') !== null", 60);
        browser.await("document.readyState === 'complete'", 20);
        assertThat(browser.script("return document.querySelectorAll('#methods tbody tr').length;").asInt())
            .isEqualTo(72);
        assertThat(browser.script("return document.getElementById('verdict').textContent;").asText())
            .isIn("PASS", "BORDERLINE", "FAIL", "INSUFFICIENT");
        assertThat(browser.script("return document.getElementById('ratchet').textContent;").asText())
            .contains("analogs at ratio");
        assertThat(browser.script("return document.querySelectorAll('.card').length;").asInt()).isBetween(1, 2);
        // The table sorts by a clicked column (EVw, numerically, high first).
        browser.script("document.querySelectorAll('#methods th')[4].click();");
        assertThat(browser.script("const v = Array.from(document.querySelectorAll('#methods tbody tr'))"
            + ".map(r => r.cells[4].textContent).filter(t => t !== '–').map(Number);"
            + "return v.every((x, i) => i === 0 || v[i - 1] >= x);").asBoolean()).isTrue();
        assertThat(browser.consoleErrors()).isEmpty();
        browser.screenshot(Path.of("target", "browser", "breakout_step1.png"));
        assertThat(browser.script("return document.getElementById('step2').disabled;").asBoolean()).isFalse();
        assertThat(browser.script("return document.getElementById('step3').disabled;").asBoolean()).isTrue();
        assertThat(browser.script("return document.getElementById('grade').textContent;").asText())
            .contains("Setup grade");

        // Step 2: the meta-label cards with their model, samples, CV scores and reliability plot.
        browser.script("document.getElementById('step2').click();");
        browser.await("document.querySelectorAll('.card.ml').length > 0", 60);
        browser.await("document.readyState === 'complete'", 20);
        assertThat(browser.script("return document.querySelector('.card.ml').textContent;").asText())
            .contains("P(win)").contains("samples").contains("CV AUC");
        assertThat(browser.script("return document.querySelectorAll('.card.ml svg.reliability').length;").asInt())
            .isPositive();
        assertThat(browser.script("return document.getElementById('step3').disabled;").asBoolean()).isFalse();

        // Step 3 against a fake OpenAI-compatible endpoint on loopback.
        try (FakeLlm llm = new FakeLlm()) {
          browser.script("document.getElementById('step3').click();");
          browser.await("document.getElementById('verdict-card') !== null", 60);
          browser.await("document.readyState === 'complete'", 20);
          assertThat(browser.script("return document.getElementById('winner').textContent;").asText())
              .isIn("A", "A = B");
          assertThat(browser.script("return document.getElementById('pulse').textContent;").asText())
              .contains("missing");
          assertThat(browser.consoleErrors()).isEmpty();
          browser.screenshot(Path.of("target", "browser", "breakout_step3.png"));
        }
        browser.open(base + "/breakout?tab=pulse&interval=1d&min_quote_volume=0");
        browser.await("document.readyState === 'complete'", 20);
        assertThat(browser.script("return document.querySelectorAll('#pulse tbody tr').length;").asInt()).isPositive();
      }
    }
  }
}
