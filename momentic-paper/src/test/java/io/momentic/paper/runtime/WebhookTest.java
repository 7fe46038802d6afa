package io.momentic.paper.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Alerts reach a Slack-compatible receiver on loopback; a receiver that fails never stops trading. */
class WebhookTest {

  /** A loopback receiver that records every body and answers {@code status}. */
  static final class Receiver implements AutoCloseable {
    final HttpServer server;
    final List<String> bodies = new CopyOnWriteArrayList<>();
    final List<String> contentTypes = new CopyOnWriteArrayList<>();
    volatile int status = 200;

    Receiver() throws Exception {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext("/services/T000/B000/XXXX", exchange -> {
        bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
        byte[] ok = "ok".getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, ok.length);
        exchange.getResponseBody().write(ok);
        exchange.close();
      });
      server.start();
    }

    URI url() {
      return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/services/T000/B000/XXXX");
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  @Test
  void anAlert_isSlackShapedJson_posted_once() throws Exception {
    try (Receiver r = new Receiver()) {
      String failed = Webhook.to(r.url()).send("P1 INC-0001 reconciliation (sma)", "SYN01 3 in the journal, 4 at the "
          + "venue");
      assertThat(failed).isNull();
      assertThat(r.bodies).hasSize(1);
      assertThat(r.contentTypes).containsExactly("application/json");
      JsonNode body = new ObjectMapper().readTree(r.bodies.get(0));
      // Slack's incoming-webhook payload: a text fallback and Block Kit blocks (header + mrkdwn section).
      assertThat(body.get("text").asText()).isEqualTo("P1 INC-0001 reconciliation (sma)\nSYN01 3 in the journal, 4 "
          + "at the venue");
      assertThat(body.get("blocks").get(0).get("type").asText()).isEqualTo("header");
      assertThat(body.get("blocks").get(0).get("text").get("type").asText()).isEqualTo("plain_text");
      assertThat(body.get("blocks").get(1).get("text").get("type").asText()).isEqualTo("mrkdwn");
    }
  }

  @Test
  void aFailingReceiver_isRetriedOnce_thenReported_neverThrown() throws Exception {
    try (Receiver r = new Receiver()) {
      r.status = 500;
      String failed = Webhook.to(r.url()).send("title", "text");
      assertThat(failed).isEqualTo("the webhook answered HTTP 500");
      assertThat(r.bodies).hasSize(2);
    }
    // Nobody listening: reported, not thrown.
    assertThat(Webhook.to(URI.create("http://127.0.0.1:9/hook")).send("t", "x"))
        .startsWith("the webhook could not be reached");
  }
}
