package io.momentic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.momentic.core.testing.TestBars;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's commands, run as written: every line of its {@code bash} blocks, in order, from a
 * copy of the repository's root (its {@code config/}, with {@code ../shared} beside it), each
 * {@code ./momentic …} in a JVM of its own with that folder as its working directory — so relative
 * paths, the default workspace and the files one command leaves for the next are the user's.
 *
 * <p>Two things differ from a user's shell, and only these: {@code fetch --venue binance} is given
 * {@code --base-url} of a loopback server that answers Binance's protocol from the recorded daily
 * klines in {@code ../shared/data/binance_spot_1d} (the network edge is never the internet in a
 * test); and a command that serves ({@code serve}, {@code demo} without {@code --no-serve}) is
 * stopped once its page has answered. Build, cluster and benchmark commands are not run here, each
 * for the reason {@link #NOT_RUN} gives; any other command the README gains fails this test until
 * it runs or is listed there. Without {@code ../shared} a block is run up to its first command that
 * needs it, the rest of the block skipped (they build on it).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadmeCommandsTest {

  /** Commands the test does not run, by how they start, with the reason. */
  static final Map<String, String> NOT_RUN = Map.of(
      "./mvnw", "the build itself (this test is part of it)",
      "spark-submit", "needs a Spark cluster; SparkSweepTest runs the same job on local[*]",
      "java -jar momentic-bench/", "the JMH benchmarks: measured into docs/PERFORMANCE.md, not tested");

  /** Seconds a command may take (the slowest, the regime research loop, takes about 15 s). */
  private static final long TIMEOUT_SECONDS = 600;

  @TempDir
  static Path root;

  private Path repo;
  private Path readme;
  private Path shared; // null when ../shared is absent (and not required)
  private HttpServer binance;

  /** One line of a block, split into words as a shell would, with the block's line in the README. */
  record Command(int line, String text, List<String> words) {
    boolean isMomentic() {
      return words.get(0).equals("./momentic") || words.get(0).equals("../momentic");
    }

    List<String> args() {
      return words.subList(1, words.size());
    }

    boolean serves() {
      return isMomentic() && (args().get(0).equals("serve")
          || (args().get(0).equals("demo") && !args().contains("--no-serve")));
    }
  }

  record Block(int line, List<Command> commands) {}

  @BeforeAll
  void setUp() throws IOException {
    Path repoRoot = Path.of(System.getProperty("momentic.repoRoot", "..")).toAbsolutePath().normalize();
    readme = repoRoot.resolve("README.md");
    repo = root.resolve("repo");
    Files.createDirectories(repo);
    copyTree(repoRoot.resolve("config"), repo.resolve("config"));
    Path data = repoRoot.resolve("../shared/data").normalize();
    if (Files.isDirectory(data) || "required".equals(System.getProperty("momentic.sharedData"))) {
      shared = TestBars.sharedData().getParent(); // fails, as CI wants, when required and absent
      Files.createSymbolicLink(root.resolve("shared"), shared);
      binance = BinanceFromDailyFiles.start(shared.resolve("data/binance_spot_1d"));
    }
  }

  @AfterAll
  void tearDown() {
    if (binance != null) {
      binance.stop(0);
    }
  }

  @Test
  void theReadmeIsReadAsBlocksOfCommands() throws IOException {
    List<Block> blocks = blocks(Files.readString(readme));
    List<Command> all = blocks.stream().flatMap(b -> b.commands().stream()).toList();
    // The set-up pair opens the README; the parse must see the quoted constraint as one word and a
    // continued line as one command.
    assertThat(all.get(0).words()).containsExactly("./momentic", "demo");
    assertThat(all.get(1).words()).containsExactly("./mvnw", "verify");
    assertThat(all).anySatisfy(c -> assertThat(c.words()).contains("fast < slow", "--train-fraction"));
    assertThat(all.stream().filter(Command::isMomentic).count()).isGreaterThanOrEqualTo(25);
    for (Command c : all) {
      assertThat(c.isMomentic() || c.words().get(0).equals("cd") || notRunReason(c) != null)
          .as("README line %d: '%s' is neither run by this test nor listed in NOT_RUN with a reason", c.line(),
              c.text()).isTrue();
    }
  }

  @TestFactory
  Stream<DynamicTest> everyCommandRunsAsWritten() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (Block block : blocks(Files.readString(readme))) {
      boolean[] skipRest = {false};
      Path[] cwd = {repo};
      for (Command c : block.commands()) {
        tests.add(DynamicTest.dynamicTest("README:" + c.line() + " " + c.text(), () -> {
          Assumptions.assumeFalse(skipRest[0], "an earlier command of this block needed ../shared");
          if (c.words().get(0).equals("cd")) {
            cwd[0] = cwd[0].resolve(c.words().get(1)).normalize();
            assertThat(cwd[0]).isDirectory();
            return;
          }
          String reason = notRunReason(c);
          Assumptions.assumeTrue(reason == null, () -> "not run: " + reason);
          if (shared == null && needsSharedData(c, cwd[0])) {
            skipRest[0] = true;
            Assumptions.abort(TestBars.SKIP_REASON);
          }
          run(c, cwd[0]);
        }));
      }
    }
    return tests.stream();
  }

  private void run(Command c, Path cwd) throws Exception {
    List<String> args = new ArrayList<>(c.args());
    if (args.get(0).equals("fetch") && args.contains("binance")) {
      args.add("--base-url");
      args.add("http://127.0.0.1:" + binance.getAddress().getPort());
    }
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
        Main.class.getName()));
    cmd.addAll(args);
    Path log = root.resolve("logs/line-" + c.line() + "-" + System.nanoTime());
    Files.createDirectories(log);
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectError(log.resolve("err").toFile());
    pb.environment().put("MOMENTIC_PROGRESS", "plain");
    if (!c.serves()) {
      Process p = pb.redirectOutput(log.resolve("out").toFile()).start();
      boolean done = p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      if (!done) {
        p.destroyForcibly().waitFor();
      }
      String err = Files.readString(log.resolve("err"));
      assertThat(done).as("README line %d did not finish in %d s: %s", c.line(), TIMEOUT_SECONDS, c.text())
          .isTrue();
      assertThat(p.exitValue()).as("README line %d exit code: %s%nstdout tail: %s%nstderr: %s", c.line(), c.text(),
          tail(Files.readString(log.resolve("out"))), tail(err)).isZero();
      assertThat(err).as("README line %d stderr", c.line()).doesNotContain("Exception").doesNotContain("\tat ");
      return;
    }
    // A command that serves: wait for the address it prints, ask it for its home page, stop it.
    Process p = pb.start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      Pattern serving = Pattern.compile("serving .* on (http://[^/ ]+/)");
      String url = null;
      String line;
      StringBuilder seen = new StringBuilder();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
      while (url == null && System.nanoTime() < deadline && (line = out.readLine()) != null) {
        seen.append(line).append('\n');
        Matcher m = serving.matcher(line);
        if (m.find()) {
          url = m.group(1);
        }
      }
      assertThat(url).as("README line %d never said where it serves; stdout: %s%nstderr: %s", c.line(), tail(
          seen.toString()), tail(Files.readString(log.resolve("err")))).isNotNull();
      HttpResponse<String> home = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(home.statusCode()).as("GET " + url).isEqualTo(200);
      assertThat(home.body()).contains("<nav");
    } finally {
      p.destroy(); // SIGTERM: the server's shutdown hook closes it, as Ctrl-C does
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
      }
    }
    assertThat(Files.readString(log.resolve("err"))).as("README line %d stderr", c.line())
        .doesNotContain("Exception").doesNotContain("\tat ");
  }

  /** A command needs ../shared when it names it, or names a config file that does. */
  private static boolean needsSharedData(Command c, Path cwd) throws IOException {
    if (c.text().contains("../shared") || (c.args().get(0).equals("fetch") && c.args().contains("binance"))) {
      return true;
    }
    for (String w : c.args()) {
      Path f = cwd.resolve(w);
      if (w.endsWith(".toml") && Files.isRegularFile(f) && Files.readString(f).contains("shared/")) {
        return true;
      }
    }
    return false;
  }

  private static String notRunReason(Command c) {
    for (Map.Entry<String, String> e : NOT_RUN.entrySet()) {
      if (c.text().startsWith(e.getKey())) {
        return e.getValue();
      }
    }
    return null;
  }

  private static String tail(String s) {
    List<String> lines = s.lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
  }

  /** The README's {@code bash} blocks: continued lines joined, comments dropped, {@code &&} splitting commands. */
  static List<Block> blocks(String markdown) {
    List<Block> blocks = new ArrayList<>();
    List<String> lines = markdown.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).strip().equals("```bash")) {
        continue;
      }
      int start = i + 1;
      List<Command> commands = new ArrayList<>();
      StringBuilder pending = new StringBuilder();
      int pendingLine = -1;
      for (i = start; i < lines.size() && !lines.get(i).startsWith("```"); i++) {
        String line = lines.get(i);
        if (pendingLine < 0) {
          pendingLine = i + 1;
        }
        if (line.endsWith("\\")) {
          pending.append(line, 0, line.length() - 1).append(' ');
          continue;
        }
        pending.append(line);
        for (List<String> words : split(pending.toString())) {
          commands.add(new Command(pendingLine, String.join(" ", words.stream().map(w -> w.contains(" ")
              ? "'" + w + "'" : w).toList()), words));
        }
        pending.setLength(0);
        pendingLine = -1;
      }
      blocks.add(new Block(start, commands));
    }
    return blocks;
  }

  /** Words as a POSIX shell splits them (single and double quotes; {@code #} starts a comment), per {@code &&}. */
  static List<List<String>> split(String line) {
    List<List<String>> commands = new ArrayList<>();
    List<String> words = new ArrayList<>();
    StringBuilder word = null;
    char quote = 0;
    for (int k = 0; k < line.length(); k++) {
      char ch = line.charAt(k);
      if (quote != 0) {
        if (ch == quote) {
          quote = 0;
        } else {
          word.append(ch);
        }
      } else if (ch == '\'' || ch == '"') {
        quote = ch;
        word = word == null ? new StringBuilder() : word;
      } else if (Character.isWhitespace(ch)) {
        if (word != null) {
          words.add(word.toString());
          word = null;
        }
      } else if (ch == '#' && word == null) {
        break;
      } else {
        word = word == null ? new StringBuilder() : word;
        word.append(ch);
      }
    }
    if (word != null) {
      words.add(word.toString());
    }
    List<String> current = new ArrayList<>();
    for (String w : words) {
      if (w.equals("&&")) {
        commands.add(current);
        current = new ArrayList<>();
      } else {
        current.add(w);
      }
    }
    if (!current.isEmpty()) {
      commands.add(current);
    }
    return commands;
  }

  @Test
  void theSplitterQuotesAndCommentsAsAShellDoes() {
    assertThat(split("./momentic sweep --constraint 'fast < slow' \"a b\"c  # a comment 'x'"))
        .containsExactly(List.of("./momentic", "sweep", "--constraint", "fast < slow", "a bc"));
    assertThat(split("./momentic demo --no-serve && cd momentic-demo"))
        .containsExactly(List.of("./momentic", "demo", "--no-serve"), List.of("cd", "momentic-demo"));
    assertThat(split("a#b")).containsExactly(List.of("a#b"));
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target);
        }
      }
    }
  }

  /**
   * Binance's spot REST API on loopback, from recorded daily klines ({@code <SYMBOL>.csv} with
   * Binance's kline columns): {@code /api/v3/ticker/24hr} (each pair's last day's quote volume) and
   * {@code /api/v3/klines} (symbol, interval 1d, startTime, limit; an unknown symbol is Binance's
   * -1121, an interval the files do not hold its -1120).
   */
  static final class BinanceFromDailyFiles {
    private BinanceFromDailyFiles() {}

    static HttpServer start(Path folder) throws IOException {
      Map<String, List<String[]>> rows = new TreeMap<>();
      try (Stream<Path> files = Files.list(folder)) {
        for (Path f : files.filter(p -> p.toString().endsWith(".csv")).sorted().toList()) {
          List<String[]> klines = new ArrayList<>();
          List<String> lines = Files.readAllLines(f);
          for (String line : lines.subList(1, lines.size())) {
            klines.add(line.split(",", -1));
          }
          rows.put(f.getFileName().toString().replace(".csv", ""), klines);
        }
      }
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext("/", exchange -> {
        try {
          answer(exchange, rows);
        } catch (RuntimeException e) {
          send(exchange, 500, "{\"msg\":\"" + e + "\"}");
        }
      });
      server.start();
      return server;
    }

    private static void answer(HttpExchange exchange, Map<String, List<String[]>> rows) throws IOException {
      URI uri = exchange.getRequestURI();
      Map<String, String> q = new LinkedHashMap<>();
      if (uri.getRawQuery() != null) {
        for (String kv : uri.getRawQuery().split("&")) {
          int eq = kv.indexOf('=');
          q.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
      }
      switch (uri.getPath()) {
        case "/api/v3/ticker/24hr" -> {
          StringBuilder sb = new StringBuilder("[");
          for (Map.Entry<String, List<String[]>> e : rows.entrySet()) {
            String[] last = e.getValue().get(e.getValue().size() - 1);
            sb.append(sb.length() > 1 ? "," : "").append("{\"symbol\":\"").append(e.getKey())
                .append("\",\"quoteVolume\":\"").append(last[7]).append("\"}");
          }
          send(exchange, 200, sb.append(']').toString());
        }
        case "/api/v3/klines" -> {
          List<String[]> klines = rows.get(q.get("symbol"));
          if (klines == null) {
            send(exchange, 400, "{\"code\":-1121,\"msg\":\"Invalid symbol.\"}");
            return;
          }
          if (!"1d".equals(q.get("interval"))) {
            send(exchange, 400, "{\"code\":-1120,\"msg\":\"Invalid interval.\"}");
            return;
          }
          long start = Long.parseLong(q.getOrDefault("startTime", "0"));
          int limit = Integer.parseInt(q.getOrDefault("limit", "500"));
          StringBuilder sb = new StringBuilder("[");
          int n = 0;
          for (String[] r : klines) {
            long open = LocalDateTime.parse(r[0].substring(0, 19).replace(' ', 'T')).toInstant(ZoneOffset.UTC)
                .toEpochMilli();
            if (open < start || n == limit) {
              continue;
            }
            sb.append(n++ > 0 ? "," : "").append('[').append(open);
            for (int c = 1; c <= 5; c++) {
              sb.append(",\"").append(r[c]).append('"');
            }
            sb.append(',').append(r[6]).append(",\"").append(r[7]).append("\",").append(r[8]).append(",\"")
                .append(r[9]).append("\",\"").append(r[10]).append("\",\"").append(r[11]).append("\"]");
          }
          send(exchange, 200, sb.append(']').toString());
        }
        default -> send(exchange, 404, "{\"msg\":\"no route\"}");
      }
    }

    private static void send(HttpExchange exchange, int status, String body) {
      try (exchange) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream o = exchange.getResponseBody()) {
          o.write(bytes);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
