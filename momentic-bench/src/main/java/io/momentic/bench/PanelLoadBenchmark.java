package io.momentic.bench;

import io.momentic.core.Panel;
import io.momentic.data.BarFiles;
import io.momentic.data.LoadOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Loading the 29.6 MB S&P 500 long panel (619,040 rows, 505 symbols) with full validation into
 * an aligned {@link Panel}. Target: under 1 s warm. Pass {@code -p file=PATH} to point elsewhere.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
public class PanelLoadBenchmark {

  @Param({"../shared/data/sp500_5yr/all_stocks_5yr.csv"})
  String file;

  Path path;

  @Setup
  public void setUp() {
    path = Path.of(file);
    if (!Files.isRegularFile(path)) {
      throw new IllegalStateException("Benchmark data not found: " + path.toAbsolutePath()
          + " (run from the repository root with ../shared beside it, or pass -p file=PATH)");
    }
  }

  @Benchmark
  public Panel loadPanel() {
    // The panel has 23 invalid rows (PROVENANCE.md §3); the documented policy is --drop-invalid.
    return BarFiles.read(path, LoadOptions.DEFAULT.withDropInvalid(true)).toPanel();
  }
}
