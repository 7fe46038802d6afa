package io.momentic.workflow.breakout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.momentic.data.provider.ApiKeys;
import io.momentic.strategies.breakout.MethodPlans;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Step 3 of reference 001: an LLM's verdict on the two candidates, from an OpenAI-compatible
 * {@code /chat/completions} endpoint (Groq's by default). The prompt carries the candidates'
 * canonical prices in an EXECUTION PRICES block to be copied verbatim; the reply is parsed into
 * {candidate_a, candidate_b, winner, winner_rationale} and the winner set by the dual-verdict rules:
 * A = B → one analysis mirrored to both; both TRADE → the more confident (then the higher EVw); one
 * TRADE → it; neither → NONE. Any failure — no key, a timeout, an HTTP error, a reply that is not the
 * asked JSON, or prices in the reply that differ from the canonical ones — is "no verdict" with the
 * reason, never a guess.
 */
public final class AiVerdict {

  /** The reference's model list, strongest first. */
  public static final List<String> MODELS = List.of("openai/gpt-oss-120b", "openai/gpt-oss-20b", "qwen/qwen3-32b",
      "llama-3.3-70b-versatile", "meta-llama/llama-4-scout-17b-16e-instruct");
  public static final String DEFAULT_BASE_URL = "https://api.groq.com/openai/v1";
  public static final int MAX_TOKENS = 2500;
  public static final Duration TIMEOUT = Duration.ofSeconds(60);

  /** Where and how to ask; {@code apiKey} null: no verdict ("no key"). */
  public record Endpoint(URI baseUrl, String apiKey, String model, Duration timeout) {

    /**
     * From MOMENTIC_LLM_BASE_URL, MOMENTIC_LLM_API_KEY (or GROQ_API_KEY) and MOMENTIC_LLM_MODEL; the
     * system properties momentic.llm.base-url, .api-key and .model take precedence (for one process).
     */
    public static Endpoint fromEnvironment() {
      String base = Optional.ofNullable(ApiKeys.find("momentic.llm.base-url", "MOMENTIC_LLM_BASE_URL"))
          .orElse(DEFAULT_BASE_URL);
      String key = ApiKeys.find("momentic.llm.api-key", "MOMENTIC_LLM_API_KEY", "GROQ_API_KEY");
      String model = Optional.ofNullable(ApiKeys.find("momentic.llm.model", "MOMENTIC_LLM_MODEL")).orElse(MODELS.get(0));
      return new Endpoint(URI.create(base), key, model, TIMEOUT);
    }
  }

  /** One candidate as the AI sees it: its name, method, EVw, ML probability and canonical prices. */
  public record CandidateInput(String name, String method, MethodPlans.Prices prices, double evWeighted, double pWin) {}

  /** One candidate's analysis. */
  public record Analysis(String decision, double confidence, String rationale) {}

  /** The verdict, or why there is none. */
  public record Verdict(boolean ok, String reason, Analysis candidateA, Analysis candidateB, String winner,
      String winnerRationale, String model, String prompt) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private AiVerdict() {}

  /** Reasoning effort is a parameter only some models take. */
  static boolean takesReasoningEffort(String model) {
    String m = model.toLowerCase(Locale.ROOT);
    return m.contains("gpt-oss") || m.contains("qwen");
  }

  /** The EXECUTION PRICES block: the canonical prices, which the reply must copy verbatim. */
  public static String executionPrices(CandidateInput a, CandidateInput b) {
    StringBuilder sb = new StringBuilder("EXECUTION PRICES (copy verbatim; never change them)\n");
    for (CandidateInput c : new CandidateInput[] {a, b}) {
      if (c != null) {
        sb.append("Candidate ").append(c.name()).append(" (").append(c.method()).append("): entry ")
            .append(price(c.prices().entry())).append(", stop ").append(price(c.prices().stop())).append(", TP1 ")
            .append(price(c.prices().oneR())).append(", TP2 ").append(price(c.prices().target())).append('\n');
      }
    }
    return sb.toString();
  }

  /** A price as the prompt writes it (and as the reply must repeat it). */
  public static String price(double v) {
    return io.momentic.core.Decimals.shortest(v);
  }

  /** The prompt for a signal's candidates. */
  public static String prompt(String signalSummary, CandidateInput a, CandidateInput b, String walkForward,
      String grade) {
    return "You review a momentum breakout signal for a crypto trader. Decide for each candidate trade method "
        + "whether to TRADE or SKIP it, with a confidence from 0 to 100 and a short rationale.\n\n"
        + "SIGNAL\n" + signalSummary + "\n\n"
        + "CANDIDATES\n" + describe(a) + describe(b) + "\n"
        + "WALK-FORWARD\n" + walkForward + "\n\nSETUP GRADE\n" + grade + "\n\n"
        + executionPrices(a, b) + "\n"
        + "Reply with one JSON object and nothing else: {\"candidate_a\": {\"decision\": \"TRADE\"|\"SKIP\", "
        + "\"confidence\": number, \"rationale\": string, \"entry\": number, \"stop\": number, \"tp1\": number, "
        + "\"tp2\": number}, \"candidate_b\": {...the same...}, \"winner\": \"A\"|\"B\"|\"NONE\", "
        + "\"winner_rationale\": string}. Any prices you give must be exactly the EXECUTION PRICES.";
  }

  private static String describe(CandidateInput c) {
    if (c == null) {
      return "";
    }
    return "Candidate " + c.name() + ": " + c.method() + "; EVw " + String.format(Locale.ROOT, "%.2f R", c.evWeighted())
        + (Double.isNaN(c.pWin()) ? "" : String.format(Locale.ROOT, "; ML win probability %.0f %%", 100 * c.pWin()))
        + "\n";
  }

  /** Asks the endpoint; every failure becomes a verdict that says why there is none. */
  public static Verdict ask(Endpoint e, String prompt, CandidateInput a, CandidateInput b, boolean same) {
    if (e.apiKey() == null || e.apiKey().isBlank()) {
      return none("no API key: set MOMENTIC_LLM_API_KEY (or GROQ_API_KEY)", e, prompt);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("model", e.model());
    body.put("messages", List.of(Map.of("role", "system", "content", "You are a careful trading assistant. You never "
        + "invent prices."), Map.of("role", "user", "content", prompt)));
    body.put("max_tokens", MAX_TOKENS);
    body.put("temperature", 0.2);
    if (takesReasoningEffort(e.model())) {
      body.put("reasoning_effort", "medium");
    }
    String reply;
    try {
      HttpClient client = HttpClient.newBuilder().connectTimeout(e.timeout()).build();
      HttpRequest req = HttpRequest.newBuilder(URI.create(e.baseUrl().toString().replaceAll("/+$", "")
          + "/chat/completions")).timeout(e.timeout()).header("Authorization", "Bearer " + e.apiKey())
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
              JSON.writeValueAsString(body))).build();
      HttpResponse<String> resp = client.send(req, HttpResponse.BodyHandlers.ofString());
      if (resp.statusCode() / 100 != 2) {
        return none("the endpoint answered HTTP " + resp.statusCode(), e, prompt);
      }
      JsonNode doc = JSON.readTree(resp.body());
      reply = doc.path("choices").path(0).path("message").path("content").asText(null);
      if (reply == null) {
        return none("the reply has no choices[0].message.content", e, prompt);
      }
    } catch (HttpTimeoutException ex) {
      return none("no reply within " + e.timeout().toSeconds() + " s", e, prompt);
    } catch (IOException ex) {
      return none("the endpoint could not be reached or sent no JSON (" + ex.getMessage() + ")", e, prompt);
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      return none("interrupted", e, prompt);
    }
    return parse(reply, a, b, same, e, prompt);
  }

  private static final Pattern OBJECT = Pattern.compile("\\{.*\\}", Pattern.DOTALL);

  /** The reply as a verdict, by the dual-verdict rules, or "no verdict" with the reason. */
  static Verdict parse(String reply, CandidateInput a, CandidateInput b, boolean same, Endpoint e, String prompt) {
    Matcher m = OBJECT.matcher(reply);
    if (!m.find()) {
      return none("the reply holds no JSON object", e, prompt);
    }
    JsonNode doc;
    try {
      doc = JSON.readTree(m.group());
    } catch (IOException ex) {
      return none("the reply's JSON does not parse", e, prompt);
    }
    Analysis aa = analysis(doc.path("candidate_a"));
    Analysis bb = same ? aa : analysis(doc.path("candidate_b"));
    if (aa == null || (b != null && bb == null)) {
      return none("the reply lacks a decision (TRADE or SKIP) for a candidate", e, prompt);
    }
    Optional<String> changed = changedPrice(doc.path("candidate_a"), a);
    if (changed.isEmpty() && !same) {
      changed = changedPrice(doc.path("candidate_b"), b);
    }
    if (changed.isPresent()) {
      return none("the reply changed an execution price (" + changed.get() + "): its verdict is not used", e, prompt);
    }
    String winner;
    boolean aTrade = aa.decision().equals("TRADE");
    boolean bTrade = b != null && bb.decision().equals("TRADE");
    if (same) {
      winner = aTrade ? "A = B" : "NONE";
    } else if (aTrade && bTrade) {
      winner = aa.confidence() > bb.confidence() ? "A" : bb.confidence() > aa.confidence() ? "B"
          : a.evWeighted() >= b.evWeighted() ? "A" : "B";
    } else {
      winner = aTrade ? "A" : bTrade ? "B" : "NONE";
    }
    return new Verdict(true, null, aa, same ? aa : b == null ? null : bb, winner, doc.path("winner_rationale").asText(""),
        e.model(), prompt);
  }

  private static Analysis analysis(JsonNode n) {
    String d = n.path("decision").asText("").toUpperCase(Locale.ROOT);
    if (!d.equals("TRADE") && !d.equals("SKIP")) {
      return null;
    }
    return new Analysis(d, n.path("confidence").asDouble(Double.NaN), n.path("rationale").asText(""));
  }

  /** The first price of the reply that is not the canonical one (relative difference over 1e-9). */
  private static Optional<String> changedPrice(JsonNode n, CandidateInput c) {
    if (c == null) {
      return Optional.empty();
    }
    double[] canonical = {c.prices().entry(), c.prices().stop(), c.prices().oneR(), c.prices().target()};
    String[] names = {"entry", "stop", "tp1", "tp2"};
    for (int i = 0; i < names.length; i++) {
      JsonNode v = n.get(names[i]);
      if (v != null && !v.isNull()) {
        double given = v.asDouble(Double.NaN);
        if (!(Math.abs(given - canonical[i]) <= 1e-9 * Math.abs(canonical[i]))) {
          return Optional.of("candidate " + c.name() + " " + names[i] + " " + v.asText() + " instead of "
              + price(canonical[i]));
        }
      }
    }
    return Optional.empty();
  }

  private static Verdict none(String reason, Endpoint e, String prompt) {
    return new Verdict(false, reason, null, null, "NONE", null, e.model(), prompt);
  }
}
