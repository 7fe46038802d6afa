package io.momentic.workflow.breakout;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.momentic.core.BarSeries;
import io.momentic.core.Instrument;
import io.momentic.core.Interval;
import io.momentic.core.testing.TestBars;
import io.momentic.data.Workspace;
import io.momentic.data.store.BarStore;
import io.momentic.report.page.BreakoutAnalysisView;
import io.momentic.research.ml.MetaLabel;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One function computes a candidate's entry / stop / TP1 / TP2 (MethodPlans.prices): the analysis
 * document, the page's cards and the prompt the AI endpoint receives all carry the same numbers.
 */
class CanonicalPricesTest {

  @TempDir
  Path dir;

  @Test
  @SuppressWarnings("unchecked")
  void thePageTheDocumentAndThePromptCarryTheSamePrices() throws Exception {
    Workspace ws = Workspace.at(dir.resolve("ws"));
    ws.create();
    BarSeries bars = TestBars.randomWalk(33, 1200).withInstrument(Instrument.crypto("RWUSDT", "binance"));
    try (BarStore store = BarStore.openWriter(ws.store())) {
      store.upsert(bars);
    }
    List<String> prompts = new CopyOnWriteArrayList<>();
    HttpServer fake = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    fake.createContext("/v1/chat/completions", ex -> {
      String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      prompts.add(new com.fasterxml.jackson.databind.ObjectMapper().readTree(body).get("messages").get(1)
          .get("content").asText());
      byte[] out = "{\"choices\":[{\"message\":{\"content\":\"{\\\"candidate_a\\\":{\\\"decision\\\":\\\"SKIP\\\"},\\\"candidate_b\\\":{\\\"decision\\\":\\\"SKIP\\\"}}\"}}]}"
          .getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, out.length);
      try (OutputStream o = ex.getResponseBody()) {
        o.write(out);
      }
    });
    fake.start();
    try {
      AiVerdict.Endpoint endpoint = new AiVerdict.Endpoint(URI.create("http://127.0.0.1:" + fake.getAddress().getPort()
          + "/v1"), "key", "openai/gpt-oss-20b", Duration.ofSeconds(10));
      BreakoutRuns.Analysis a = BreakoutRuns.analyse(new BreakoutRuns.AnalyseRequest(ws, null, null, "RWUSDT",
          Interval.D1, null, 1000, 0.001, 1, null), new BreakoutRuns.Steps(3, endpoint, PulseIntel.none(),
          MetaLabel.Options.DEFAULTS));
      assertThat(a.verdict().ok()).as(a.verdict().reason()).isTrue();
      assertThat(prompts).hasSize(1);
      BreakoutAnalysisView page = BreakoutAnalysisView.withSteps(a.document(), "/api/bars", 0, a.dir().toString());
      for (String side : new String[] {"a", "b"}) {
        Map<String, Object> c = (Map<String, Object>) a.document().get("candidate_" + side);
        if (c == null) {
          continue;
        }
        BreakoutAnalysisView.Card card = side.equals("a") ? page.step1().candidateA() : page.step1().candidateB();
        String[] keys = {"entry", "stop", "tp1", "tp2"};
        String[] shown = {card.entry(), card.stop(), card.tp1(), card.tp2()};
        String[] prompted = {"entry ", "stop ", "TP1 ", "TP2 "};
        for (int k = 0; k < 4; k++) {
          double v = ((Number) c.get(keys[k])).doubleValue();
          assertThat(shown[k]).isEqualTo(String.format(Locale.ROOT, "%.6g", v));
          boolean mirrored = side.equals("b") && a.step2().sameCandidate();
          if (!mirrored) {
            assertThat(prompts.get(0)).contains(prompted[k] + AiVerdict.price(v));
          }
        }
      }
    } finally {
      fake.stop(0);
    }
  }
}
