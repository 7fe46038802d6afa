package io.momentic.paper.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Alerts to a Slack-compatible incoming webhook: a POST of {@code {"text": …, "blocks": […]}} (what
 * Slack, Mattermost and Discord's /slack endpoint take). An alert that cannot be delivered — the
 * receiver down, a non-2xx answer — is retried once and then reported by {@link #send}'s result,
 * never thrown: a broken alert path must not stop trading, and the runtime journals the failure.
 */
public final class Webhook {

  /** Where alerts go: a webhook, or nowhere. */
  public interface Sink {
    /** Delivers {@code text}; returns null when delivered, else why not. */
    String send(String title, String text);

    Sink NONE = (title, text) -> null;
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private Webhook() {}

  /** A sink posting to {@code url} (http or https), with a 5 s timeout per attempt. */
  public static Sink to(URI url) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    return (title, text) -> {
      String body;
      try {
        body = JSON.writeValueAsString(Map.of("text", title + "\n" + text, "blocks", List.of(
            Map.of("type", "header", "text", Map.of("type", "plain_text", "text", title)),
            Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", text)))));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        return "cannot write the alert: " + e.getMessage();
      }
      String problem = null;
      for (int attempt = 0; attempt < 2; attempt++) {
        try {
          HttpResponse<String> r = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5))
              .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
              HttpResponse.BodyHandlers.ofString());
          if (r.statusCode() / 100 == 2) {
            return null;
          }
          problem = "the webhook answered HTTP " + r.statusCode();
        } catch (java.io.IOException e) {
          problem = "the webhook could not be reached: " + e.getMessage();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return "interrupted while sending the alert";
        }
      }
      return problem;
    };
  }
}
