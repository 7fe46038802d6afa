package io.momentic.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Just enough of the W3C WebDriver protocol to drive Debian's headless Chromium through Debian's
 * chromedriver: open a page, run a script, read the browser console, take a screenshot.
 */
final class WebDriverClient implements AutoCloseable {

  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  private static final ObjectMapper JSON = new ObjectMapper();
  private final Process driver;
  private final HttpClient http = HttpClient.newHttpClient();
  private final URI base;
  private final String session;

  static boolean available() {
    return Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM);
  }

  WebDriverClient(Path userDataDir) throws IOException, InterruptedException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    driver = new ProcessBuilder(CHROMEDRIVER.toString(), "--port=" + port, "--allowed-ips=127.0.0.1")
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    base = URI.create("http://127.0.0.1:" + port);
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (true) {
      try {
        if (call("GET", "/status", null).path("value").path("ready").asBoolean()) {
          break;
        }
      } catch (IOException e) {
        // not listening yet
      }
      if (System.nanoTime() > deadline) {
        driver.destroyForcibly();
        throw new IOException("chromedriver did not start on port " + port);
      }
      Thread.sleep(100);
    }
    List<String> args = List.of("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--window-size=1200,1000", "--user-data-dir=" + userDataDir);
    Map<String, Object> caps = Map.of("capabilities", Map.of("alwaysMatch", Map.of("browserName", "chrome",
        "goog:chromeOptions", Map.of("binary", CHROMIUM.toString(), "args", args),
        "goog:loggingPrefs", Map.of("browser", "ALL"))));
    JsonNode created = call("POST", "/session", caps);
    session = created.path("value").path("sessionId").asText();
    if (session.isEmpty()) {
      driver.destroyForcibly();
      throw new IOException("chromedriver refused the session: " + created);
    }
  }

  void open(String url) throws IOException, InterruptedException {
    call("POST", "/session/" + session + "/url", Map.of("url", url));
  }

  JsonNode script(String body, Object... args) throws IOException, InterruptedException {
    return call("POST", "/session/" + session + "/execute/sync", Map.of("script", body, "args", List.of(args)))
        .path("value");
  }

  /** Waits until {@code condition} (a JS expression) is true, or fails after {@code seconds}. */
  void await(String condition, int seconds) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    while (!script("return !!(" + condition + ");").asBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + condition + " on " + script("return location.href;"));
      }
      Thread.sleep(100);
    }
  }

  /** Browser console entries at level SEVERE since the last call. */
  List<String> consoleErrors() throws IOException, InterruptedException {
    JsonNode log = call("POST", "/session/" + session + "/se/log", Map.of("type", "browser")).path("value");
    List<String> errors = new ArrayList<>();
    for (JsonNode entry : log) {
      if (entry.path("level").asText().equals("SEVERE")) {
        errors.add(entry.path("message").asText());
      }
    }
    return errors;
  }

  void screenshot(Path png) throws IOException, InterruptedException {
    String b64 = call("GET", "/session/" + session + "/screenshot", null).path("value").asText();
    Files.createDirectories(png.toAbsolutePath().getParent());
    Files.write(png, Base64.getDecoder().decode(b64));
  }

  private JsonNode call(String method, String path, Object body) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60));
    if (body == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    }
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode node = JSON.readTree(r.body());
    if (r.statusCode() >= 400) {
      throw new IOException("WebDriver " + method + " " + path + ": HTTP " + r.statusCode() + " " + node);
    }
    return node;
  }

  @Override
  public void close() {
    try {
      call("DELETE", "/session/" + session, null);
    } catch (IOException | InterruptedException e) {
      // The driver is killed below either way.
    } finally {
      driver.destroy();
    }
  }
}
