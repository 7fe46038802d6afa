package io.momentic.workflow.breakout;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.momentic.strategies.breakout.MethodPlans;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The AI verdict against a fake OpenAI-compatible endpoint on loopback. */
class AiVerdictTest {

  HttpServer server;
  final List<JsonNode> requests = new ArrayList<>();
  final List<String> auth = new ArrayList<>();
  volatile Function<JsonNode, String> reply = r -> "";
  volatile long delayMillis;
  static final ObjectMapper JSON = new ObjectMapper();

  static final AiVerdict.CandidateInput A = new AiVerdict.CandidateInput("A", "Sniper · ATR SL · Partial · 2.5R",
      new MethodPlans.Prices(102.0, 101.0, 103.0, 104.5, false), 0.42, 0.61);
  static final AiVerdict.CandidateInput B = new AiVerdict.CandidateInput("B", "Aggressive · Fixed SL · Simple · 2.0R",
      new MethodPlans.Prices(104.0, 102.44, 105.56, 107.12, true), 0.55, 0.58);

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v1/chat/completions", ex -> {
      JsonNode body = JSON.readTree(ex.getRequestBody());
      requests.add(body);
      auth.add(ex.getRequestHeaders().getFirst("Authorization"));
      try {
        Thread.sleep(delayMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      String content = reply.apply(body);
      byte[] out = JSON.writeValueAsBytes(java.util.Map.of("choices", List.of(java.util.Map.of("message",
          java.util.Map.of("role", "assistant", "content", content)))));
      ex.sendResponseHeaders(200, out.length);
      try (OutputStream o = ex.getResponseBody()) {
        o.write(out);
      }
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  AiVerdict.Endpoint endpoint(String model, Duration timeout) {
    return new AiVerdict.Endpoint(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1"), "sk-test",
        model, timeout);
  }

  static String answer(String da, int ca, String db, int cb, String priceA) {
    return "Here is my view:\n```json\n{\"candidate_a\": {\"decision\": \"" + da + "\", \"confidence\": " + ca
        + ", \"rationale\": \"pullback into the body\", \"entry\": " + priceA + ", \"stop\": 101, \"tp1\": 103, "
        + "\"tp2\": 104.5}, \"candidate_b\": {\"decision\": \"" + db + "\", \"confidence\": " + cb + ", \"rationale\": "
        + "\"momentum\", \"entry\": 104, \"stop\": 102.44, \"tp1\": 105.56, \"tp2\": 107.12}, \"winner\": \"B\", "
        + "\"winner_rationale\": \"cleaner\"}\n```";
  }

  @Test
  void aWellFormedReply_theDualVerdictRules_andThePromptsPricesAreTheCanonicalOnes() {
    String prompt = AiVerdict.prompt("ETHUSDT 4h LONG", A, B, "PASS", "A");
    // The prompt's EXECUTION PRICES are the candidates' canonical prices, verbatim.
    assertThat(prompt).contains("EXECUTION PRICES").contains("Candidate A (Sniper · ATR SL · Partial · 2.5R): entry 102, "
        + "stop 101, TP1 103, TP2 104.5").contains("Candidate B (Aggressive · Fixed SL · Simple · 2.0R): entry 104, "
        + "stop 102.44, TP1 105.56, TP2 107.12");
    reply = r -> answer("TRADE", 70, "TRADE", 60, "102");
    AiVerdict.Verdict v = AiVerdict.ask(endpoint("openai/gpt-oss-120b", Duration.ofSeconds(5)), prompt, A, B, false);
    assertThat(v.ok()).as(v.reason()).isTrue();
    assertThat(v.winner()).isEqualTo("A"); // both TRADE: the more confident wins, whatever the model's "winner" said
    assertThat(v.candidateA().decision()).isEqualTo("TRADE");
    JsonNode req = requests.get(0);
    assertThat(req.get("max_tokens").asInt()).isEqualTo(2500);
    assertThat(req.get("reasoning_effort").asText()).isEqualTo("medium");
    assertThat(req.get("messages").get(1).get("content").asText()).isEqualTo(prompt);
    assertThat(auth.get(0)).isEqualTo("Bearer sk-test");

    reply = r -> answer("SKIP", 90, "TRADE", 40, "102");
    AiVerdict.Verdict one = AiVerdict.ask(endpoint("llama-3.3-70b-versatile", Duration.ofSeconds(5)), prompt, A, B,
        false);
    assertThat(one.winner()).isEqualTo("B"); // only one TRADE: it wins
    assertThat(requests.get(1).has("reasoning_effort")).isFalse(); // llama takes no reasoning effort
    reply = r -> answer("SKIP", 90, "SKIP", 40, "102");
    assertThat(AiVerdict.ask(endpoint("qwen/qwen3-32b", Duration.ofSeconds(5)), prompt, A, B, false).winner())
        .isEqualTo("NONE");
    reply = r -> answer("TRADE", 55, "SKIP", 99, "102");
    AiVerdict.Verdict mirrored = AiVerdict.ask(endpoint("openai/gpt-oss-20b", Duration.ofSeconds(5)), prompt, A, null,
        true);
    assertThat(mirrored.winner()).isEqualTo("A = B");
    assertThat(mirrored.candidateB()).isEqualTo(mirrored.candidateA()); // A = B: one analysis, mirrored
  }

  @Test
  void everyFailureIsNoVerdictWithItsReason() {
    String prompt = AiVerdict.prompt("X", A, B, "PASS", "A");
    reply = r -> "I think you should buy.";
    assertThat(AiVerdict.ask(endpoint("m", Duration.ofSeconds(5)), prompt, A, B, false).reason())
        .contains("no JSON object");
    reply = r -> "{\"candidate_a\": {\"decision\": \"MAYBE\"}}";
    assertThat(AiVerdict.ask(endpoint("m", Duration.ofSeconds(5)), prompt, A, B, false).reason())
        .contains("lacks a decision");
    reply = r -> answer("TRADE", 80, "SKIP", 10, "101.5");
    AiVerdict.Verdict changed = AiVerdict.ask(endpoint("m", Duration.ofSeconds(5)), prompt, A, B, false);
    assertThat(changed.ok()).isFalse();
    assertThat(changed.winner()).isEqualTo("NONE");
    assertThat(changed.reason()).contains("changed an execution price").contains("entry 101.5 instead of 102");
    delayMillis = 1500;
    reply = r -> answer("TRADE", 80, "SKIP", 10, "102");
    assertThat(AiVerdict.ask(endpoint("m", Duration.ofSeconds(1)), prompt, A, B, false).reason())
        .contains("no reply within 1 s");
    delayMillis = 0;
    AiVerdict.Endpoint noKey = new AiVerdict.Endpoint(URI.create("http://127.0.0.1:1/v1"), null, "m",
        Duration.ofSeconds(1));
    assertThat(AiVerdict.ask(noKey, prompt, A, B, false).reason()).contains("no API key");
  }
}
