package io.momentic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.momentic.data.Workspace;
import io.momentic.web.WebServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The paper operator page: status from the journal, actions behind the token, in headless Chromium. */
class PaperWebTest {

  @TempDir
  static Path dir;

  static Path config;

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void pairedRun() throws Exception {
    CliTest.Run g = CliTest.run("--workspace", dir.toString(), "generate", "--symbols", "1", "--bars", "300",
        "--seed", "4");
    assertThat(g.exitCode()).as(g.err()).isZero();
    config = dir.resolve("config/paper.toml");
    Files.createDirectories(config.getParent());
    Files.writeString(config, """
        [[strategy]]
        id = "sma"
        strategy = "sma-cross"
        data = ["../data/raw/SYN01.csv"]
        commission = "0.001"
        params = { fast = 5, slow = 20 }
        """);
    CliTest.Run r = CliTest.run("--workspace", dir.toString(), "paper", "run", "--config", config.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
  }

  static HttpResponse<String> send(HttpRequest request) throws Exception {
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void withoutAToken_theStatusShows_butActionsAreRefused() throws Exception {
    try (WebServer server = WebServer.start(Workspace.at(dir), "127.0.0.1", 0, null)) {
      String base = "http://127.0.0.1:" + server.port();
      HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(base + "/paper")).build());
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains("id=\"strategy-sma\"", "data-state=\"running\"", "need the server's token")
          .doesNotContain("<form method=\"post\" action=\"/paper/action\"");
      JsonNode api = new ObjectMapper().readTree(send(HttpRequest.newBuilder(URI.create(base + "/api/paper"))
          .build()).body());
      assertThat(api.get("book").asText()).isEqualTo("active");
      assertThat(api.get("strategies").get(0).get("bars").asInt()).isEqualTo(300);
      assertThat(api.get("fills")).isNotEmpty();
      HttpResponse<String> post = send(HttpRequest.newBuilder(URI.create(base + "/paper/action"))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString("target=sma&action=pause&reason=x")).build());
      assertThat(post.statusCode()).isEqualTo(403);
      assertThat(CliTest.run("--workspace", dir.toString(), "paper", "status", "--json").out())
          .contains("\"state\" : \"running\"");
    }
  }

  /**
   * Real headless Chromium: sign in with the token, pause the strategy from its row, see it paused
   * (with the reason), resume it, see it running; skipped where Chromium is not installed unless
   * MOMENTIC_BROWSER_TESTS=required (as .ci/run sets).
   */
  @Test
  void pauseAndResume_fromTheBrowser_changeTheStatus() throws Exception {
    boolean required = "required".equals(System.getenv("MOMENTIC_BROWSER_TESTS"));
    if (!required) {
      Assumptions.assumeTrue(WebDriverClient.available(), "chromium and chromedriver are not installed");
    }
    try (WebServer server = WebServer.start(Workspace.at(dir), "127.0.0.1", 0, "s3cret-token");
        WebDriverClient browser = new WebDriverClient(dir.resolve("chrome-profile"))) {
      String base = "http://127.0.0.1:" + server.port();
      browser.open(base + "/login");
      browser.await("document.readyState === 'complete'", 20);
      browser.script("document.getElementById('token').value = 's3cret-token'; document.forms[0].submit();");
      browser.await("document.readyState === 'complete' && location.pathname === '/'", 20);
      browser.open(base + "/paper");
      browser.await("document.querySelector('#strategy-sma .state') !== null", 20);
      assertThat(state(browser)).isEqualTo("running");

      act(browser, "pause", "checking the fills");
      assertThat(state(browser)).isEqualTo("paused");
      assertThat(browser.script("return document.querySelector('#strategy-sma').innerText;").asText())
          .contains("operator: web: checking the fills");
      assertThat(browser.script("return document.getElementById('message').innerText;").asText())
          .isEqualTo("pause sma: done");

      act(browser, "resume", "fills are right");
      assertThat(state(browser)).isEqualTo("running");
      assertThat(browser.consoleErrors()).isEmpty();
      browser.screenshot(Path.of("target", "browser", "paper.png"));
    }
    // The journal has both transitions, with their reasons.
    JsonNode status = new ObjectMapper().readTree(CliTest.run("--workspace", dir.toString(), "paper", "status",
        "--json").out());
    assertThat(status.get("strategies").get(0).get("reason").asText()).isEqualTo("operator: web: fills are right");
  }

  private static String state(WebDriverClient browser) throws Exception {
    return browser.script("return document.querySelector('#strategy-sma .state').dataset.state;").asText();
  }

  private static void act(WebDriverClient browser, String action, String reason) throws Exception {
    browser.script("const b = document.getElementById('" + action + "-sma'); b.form.reason.value = arguments[0]; "
        + "b.click();", reason);
    browser.await("location.search.includes('message=') && document.readyState === 'complete' && "
        + "document.querySelector('#strategy-sma .state').dataset.state !== '" + (action.equals("pause") ? "running"
        : "paused") + "'", 20);
  }
}
