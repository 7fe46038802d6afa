package io.momentic.bench;

import io.momentic.core.Clock;
import io.momentic.core.Panel;
import io.momentic.data.SyntheticMarket;
import io.momentic.engine.BacktestConfig;
import io.momentic.engine.exec.FeeModel;
import io.momentic.paper.journal.Journal;
import io.momentic.paper.runtime.PaperRuntime;
import io.momentic.paper.runtime.SlotSpec;
import io.momentic.paper.venue.BrokerClient;
import io.momentic.paper.venue.PaperVenue;
import io.momentic.strategies.StrategyCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The paper runtime's costs. {@code barClose}: one bar closing for an SMA-cross strategy with
 * {@code history} bars behind it — the venue opens the bar, the strategy is prepared and re-lives
 * its decisions, its orders are journaled (synchronously, on disk) and sent, the venue closes and
 * saves the bar — i.e. decision-to-order latency plus the bar's bookkeeping; measured as batches of
 * {@value #BATCH} successive bars after a replay of {@code history} (divide by the batch).
 * {@code journalAppend}: one durable journal entry (SQLite, WAL, synchronous=FULL), i.e. the
 * journal's throughput.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, batchSize = PaperBenchmark.BATCH)
@Measurement(iterations = 8, batchSize = PaperBenchmark.BATCH)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class PaperBenchmark {

  static final int BATCH = 20;

  @Param({"250", "1000"})
  int history;

  Panel bars;
  Path dir;
  PaperRuntime runtime;
  Journal journal;
  int next;
  long seq;

  @Setup(Level.Iteration)
  public void setUp() throws IOException, InterruptedException {
    // Enough bars for every measured call to get a new one.
    bars = Panel.align(SyntheticMarket.generate(SyntheticMarket.Spec.gbmUniverse(1, history + 2 * BATCH, 7)));
    dir = Files.createTempDirectory("paper-bench");
    BacktestConfig config = BacktestConfig.of(10_000).withFees(FeeModel.parse("0.001"));
    PaperVenue venue = new PaperVenue("sma", bars.symbols(), 10_000, config.execution());
    Map<SlotSpec, BrokerClient> accounts = new LinkedHashMap<>();
    accounts.put(new SlotSpec("sma", () -> StrategyCatalog.resolve("sma-cross", Map.of("fast", "10", "slow", "30"))
        .create(), config, bars.symbols(), "bench"), venue);
    runtime = new PaperRuntime(Journal.openWriter(dir.resolve("journal.db")),
        Clock.frozen(Instant.parse("2026-12-02T00:00:00Z")), accounts, null);
    runtime.start();
    // The strategy's past, so each measured bar has `history` bars behind it.
    runtime.replay(Map.of("sma", bars.upTo(history)), 0, null);
    next = history;
    journal = Journal.openWriter(dir.resolve("append.db"));
  }

  @TearDown(Level.Iteration)
  public void tearDown() throws IOException {
    runtime.close();
    journal.close();
    try (var files = Files.walk(dir)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  @Benchmark
  public long barClose() throws InterruptedException {
    int t = next++;
    runtime.onBar("sma", bars.upTo(t + 1), bars.time(t) + 86_400_000L);
    return t;
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  @Warmup(iterations = 2, time = 2)
  @Measurement(iterations = 5, time = 2)
  public boolean journalAppend() {
    return journal.append(seq, "bench", Journal.Kind.SKIP, Long.toString(seq++), seq, "{\"reason\":\"no_signal\"}");
  }

  /** For a quick look without JMH: java -cp benchmarks.jar io.momentic.bench.PaperBenchmark */
  public static void main(String[] args) throws Exception {
    org.openjdk.jmh.Main.main(new String[] {PaperBenchmark.class.getName()});
  }
}
