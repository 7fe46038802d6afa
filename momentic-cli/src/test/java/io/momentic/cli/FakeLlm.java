package io.momentic.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * An OpenAI-compatible chat endpoint on loopback that answers every Step 3 prompt with one fixed
 * verdict (A: TRADE 70, B: SKIP 30), and points this process's {@code momentic.llm.*} properties at
 * it until closed.
 */
final class FakeLlm implements AutoCloseable {

  private final HttpServer server;

  FakeLlm() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v1/chat/completions", ex -> {
      ex.getRequestBody().readAllBytes();
      byte[] out = ("{\"choices\":[{\"message\":{\"content\":\"{\\\"candidate_a\\\":{\\\"decision\\\":"
          + "\\\"TRADE\\\",\\\"confidence\\\":70,\\\"rationale\\\":\\\"clean breakout\\\"},"
          + "\\\"candidate_b\\\":{\\\"decision\\\":\\\"SKIP\\\",\\\"confidence\\\":30,"
          + "\\\"rationale\\\":\\\"late\\\"},\\\"winner_rationale\\\":\\\"A is cleaner\\\"}\"}}]}")
          .getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, out.length);
      try (OutputStream o = ex.getResponseBody()) {
        o.write(out);
      }
    });
    server.start();
    System.setProperty("momentic.llm.base-url", "http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
    System.setProperty("momentic.llm.api-key", "test-key");
  }

  @Override
  public void close() {
    System.clearProperty("momentic.llm.base-url");
    System.clearProperty("momentic.llm.api-key");
    server.stop(0);
  }
}
