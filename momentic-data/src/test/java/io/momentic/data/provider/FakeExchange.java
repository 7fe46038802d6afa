package io.momentic.data.provider;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A fake exchange on loopback that replays recorded or generated responses: one-shot scripted
 * replies are served first (429, 418, a timeout, truncated JSON…), then the default route.
 */
final class FakeExchange implements AutoCloseable {

  record Reply(int status, Map<String, String> headers, String body, long delayMillis) {
    static Reply ok(String body) {
      return new Reply(200, Map.of(), body, 0);
    }

    static Reply status(int status, String body, String... headerPairs) {
      Map<String, String> headers = new LinkedHashMap<>();
      for (int i = 0; i < headerPairs.length; i += 2) {
        headers.put(headerPairs[i], headerPairs[i + 1]);
      }
      return new Reply(status, headers, body, 0);
    }

    Reply delayed(long millis) {
      return new Reply(status, headers, body, millis);
    }
  }

  private final HttpServer server;
  private final Deque<Reply> scripted = new ConcurrentLinkedDeque<>();
  final List<URI> requests = Collections.synchronizedList(new ArrayList<>());
  /** Each request's headers (first value of each, names lower-cased), in request order. */
  final List<Map<String, String>> requestHeaders = Collections.synchronizedList(new ArrayList<>());
  private volatile Function<URI, Reply> route = uri -> Reply.status(404, "{\"msg\":\"no route\"}");

  FakeExchange() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", this::handle);
    server.start();
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  FakeExchange route(Function<URI, Reply> newRoute) {
    this.route = newRoute;
    return this;
  }

  FakeExchange thenOnce(Reply reply) {
    scripted.addLast(reply);
    return this;
  }

  private void handle(HttpExchange exchange) throws IOException {
    URI uri = exchange.getRequestURI();
    Map<String, String> h = new LinkedHashMap<>();
    exchange.getRequestHeaders().forEach((k, v) -> h.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
    requestHeaders.add(h);
    requests.add(uri);
    Reply scriptedReply = scripted.pollFirst();
    Reply reply = scriptedReply != null ? scriptedReply : route.apply(uri);
    try {
      if (reply.delayMillis() > 0) {
        Thread.sleep(reply.delayMillis());
      }
      byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
      reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // The client gave up (a timeout test); nothing to answer.
    } finally {
      exchange.close();
    }
  }

  static Map<String, String> query(URI uri) {
    Map<String, String> q = new LinkedHashMap<>();
    if (uri.getRawQuery() != null) {
      for (String kv : uri.getRawQuery().split("&")) {
        int eq = kv.indexOf('=');
        q.put(kv.substring(0, eq), kv.substring(eq + 1));
      }
    }
    return q;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
