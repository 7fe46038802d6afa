package io.momentic.bench;

import io.momentic.data.Workspace;
import io.momentic.web.WebServer;
import io.momentic.workflow.demo.Demo;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded load test of the dashboards on loopback, for docs/PERFORMANCE.md: builds the demo
 * workspace (store, pages, archive), serves it, and has {@code connections} clients request the
 * home page and {@code /api/freshness} back to back for {@code seconds}; prints requests a second,
 * the latency percentiles and the errors. Not a JMH benchmark: it measures a server under
 * concurrent load, which JMH does not model.
 *
 * <pre>java -cp momentic-bench/target/benchmarks.jar io.momentic.bench.WebLoad 30 64</pre>
 */
public final class WebLoad {

  private WebLoad() {}

  public static void main(String[] args) throws Exception {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 30;
    int connections = args.length > 1 ? Integer.parseInt(args[1]) : 64;
    Path root = Files.createTempDirectory("momentic-webload");
    Workspace ws = Workspace.at(root);
    Demo.run(new Demo.DemoRequest(ws, new PrintWriter(new StringWriter()), new PrintWriter(System.err, true)));
    List<String> paths = List.of("/", "/api/freshness");
    try (WebServer server = WebServer.start(ws, "127.0.0.1", 0, null)) {
      String base = "http://127.0.0.1:" + server.port();
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      // Warm-up: the JIT and the caches, 3 s, not measured.
      run(http, base, paths, connections, 3, new long[connections][]);
      long[][] latencies = new long[connections][];
      AtomicLong errors = run(http, base, paths, connections, seconds, latencies);
      long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
      System.out.printf("%d connections, %.0f s: %d requests = %.0f requests/s; latency p50 %.2f ms, p99 %.2f ms, "
              + "max %.2f ms; %d errors%n", connections, seconds, all.length, all.length / seconds,
          all[all.length / 2] / 1e6, all[(int) (all.length * 0.99)] / 1e6, all[all.length - 1] / 1e6, errors.get());
    }
  }

  /** {@code connections} virtual-thread clients for {@code seconds}; each client's latencies (ns) go to its row. */
  private static AtomicLong run(HttpClient http, String base, List<String> paths, int connections, double seconds,
      long[][] latencies) throws InterruptedException {
    AtomicLong errors = new AtomicLong();
    long end = System.nanoTime() + (long) (seconds * 1e9);
    List<Thread> clients = new ArrayList<>();
    for (int c = 0; c < connections; c++) {
      int client = c;
      clients.add(Thread.ofVirtual().start(() -> {
        long[] mine = new long[1 << 16];
        int n = 0;
        for (int i = client; System.nanoTime() < end; i++) {
          long t0 = System.nanoTime();
          try {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(base + paths.get(i % paths.size())))
                .build(), HttpResponse.BodyHandlers.discarding());
            if (r.statusCode() != 200) {
              errors.incrementAndGet();
            }
          } catch (java.io.IOException | InterruptedException e) {
            errors.incrementAndGet();
          }
          if (n == mine.length) {
            mine = Arrays.copyOf(mine, n * 2);
          }
          mine[n++] = System.nanoTime() - t0;
        }
        latencies[client] = Arrays.copyOf(mine, n);
      }));
    }
    for (Thread t : clients) {
      t.join();
    }
    return errors;
  }
}
