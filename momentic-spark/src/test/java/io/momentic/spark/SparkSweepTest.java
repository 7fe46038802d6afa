package io.momentic.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.momentic.core.Panel;
import io.momentic.core.testing.TestBars;
import io.momentic.data.BarFiles;
import io.momentic.engine.BacktestConfig;
import io.momentic.engine.exec.FeeModel;
import io.momentic.research.ParameterGrid;
import io.momentic.research.Sweep;
import io.momentic.research.Sweep.Window;
import io.momentic.strategies.StrategyRegistry;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkSweepTest {

  private static Path goog() {

    return TestBars.sharedData().resolve("backtesting_py/GOOG.csv");

  }
  private static JavaSparkContext sc;

  @TempDir
  Path dir;

  @BeforeAll
  static void start() {
    sc = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("momentic-test")
        .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
        .set("spark.driver.bindAddress", "127.0.0.1"));
  }

  @AfterAll
  static void stop() {
    sc.close();
  }

  @Test
  void sameRowsAsTheLocalSweep() throws Exception {
    Panel panel = Panel.align(BarFiles.read(goog()).series());
    ParameterGrid grid = new ParameterGrid(List.of(ParameterGrid.parseDimension("fast=5:30:5"),
        ParameterGrid.parseDimension("slow=20:120:20")), List.of(ParameterGrid.parseConstraint("fast < slow")));
    List<Map<String, String>> trials = grid.trials();
    BacktestConfig config = BacktestConfig.of(10_000).withFees(FeeModel.fixedPlusRate(0, 0.001));
    Window window = new Window(0, 1500);
    Sweep.Result local = Sweep.run(panel, trials, p -> StrategyRegistry.create("sma-cross", p), config, window, 2, 8,
        k -> {});
    // 7 trials per task: several tasks on two executor threads, results still in trial order.
    Sweep.Result spark = SparkSweep.run(sc, panel, trials, "sma-cross", Map.of(), config, window, 8, 7);
    assertThat(spark.trials()).hasSize(trials.size());
    assertThat(spark.metricNames()).isEqualTo(local.metricNames());
    assertThat(spark.rowsPerBlock()).isEqualTo(local.rowsPerBlock());
    for (int i = 0; i < trials.size(); i++) {
      Sweep.Trial a = local.trials().get(i);
      Sweep.Trial b = spark.trials().get(i);
      assertThat(b.index()).isEqualTo(i);
      assertThat(b.params()).isEqualTo(a.params());
      assertThat(b.metrics()).isEqualTo(a.metrics());
      assertThat(b.blockSum()).isEqualTo(a.blockSum());
      assertThat(b.blockSumSq()).isEqualTo(a.blockSumSq());
    }
    assertThat(spark.overfitting().pbo()).isEqualTo(local.overfitting().pbo());

    // The spark-submit entry point writes the same trials.csv as the local sweep's writer.
    int code = SparkSweepJob.run(sc, "--data", goog().toString(), "--strategy", "sma-cross", "--grid", "fast=5:30:5",
        "--grid", "slow=20:120:20", "--constraint", "fast < slow", "--commission", "0.001", "--partitions", "8",
        "--train-fraction", String.valueOf(1500.0 / panel.size()), "--trials-per-task", "5", "--out",
        dir.toString());
    assertThat(code).isZero();
    StringWriter expected = new StringWriter();
    local.writeCsv(expected, grid.names());
    assertThat(Files.readString(dir.resolve("trials.csv"))).isEqualTo(expected.toString());
  }

  /**
   * With {@code --report} the job is {@code momentic sweep} with its trials on the cluster: the
   * same summary.json (top k out of sample, DSR, PBO from the collected block sums, bootstrap
   * intervals), trials.csv and winner's tear sheet as the local sweep, byte for byte.
   */
  @Test
  void theReportJob_writesTheLocalSweepsSummary() throws Exception {
    List<String> grid = List.of("fast=5:30:5", "slow=20:120:20");
    io.momentic.workflow.backtest.BacktestRun.RunRequest run = io.momentic.workflow.backtest.BacktestRun.request(null,
        new io.momentic.workflow.backtest.BacktestRun.Overrides("sma-cross", Map.of(), List.of(goog()), List.of(),
            10_000.0, "0.001", 0.0, "next-open", null, null, null, null, null, null, null));
    Path local = dir.resolve("local");
    io.momentic.workflow.sweep.SweepRun.run(new io.momentic.workflow.sweep.SweepRun.SweepRequest(run,
        new io.momentic.workflow.sweep.SweepGrid.Spec(grid, List.of("fast < slow"), null, null, null, 2), null,
        io.momentic.data.LoadOptions.DEFAULT, null, null, 8, 200, List.of(), dir, local),
        io.momentic.workflow.Progress.NONE);
    Path spark = dir.resolve("spark");
    int code = SparkSweepJob.run(sc, "--report", "--data", goog().toString(), "--strategy", "sma-cross", "--grid",
        grid.get(0), "--grid", grid.get(1), "--constraint", "fast < slow", "--commission", "0.001", "--partitions", "8",
        "--resamples", "200", "--trials-per-task", "5", "--out", spark.toString());
    assertThat(code).isZero();
    for (String f : List.of("summary.json", "trials.csv", "blocks.csv", "report.html", "winner/metrics.json")) {
      assertThat(Files.readString(spark.resolve(f))).as(f).isEqualTo(Files.readString(local.resolve(f)));
    }
    assertThat(Files.readString(spark.resolve("summary.json"))).contains("\"pbo\"", "\"deflated_sharpe\"",
        "\"bootstrap\"");
  }

  /**
   * A multi-instrument strategy starts where every symbol it trades has bars, as momentic sweep
   * does: QQQ, TQQQ and SQQQ (UVXY, the unused hedge, starts later and does not delay it).
   */
  @Test
  void multiInstrumentJobStartsWhereItsSymbolsTrade() throws Exception {
    Path etfs = TestBars.sharedData().resolve("etf_daily_xjcarter");
    List<Path> files = List.of(etfs.resolve("QQQ.csv"), etfs.resolve("TQQQ.csv"), etfs.resolve("SQQQ.csv"),
        etfs.resolve("UVXY.csv"));
    List<io.momentic.core.BarSeries> series = new java.util.ArrayList<>();
    for (Path f : files) {
      series.addAll(BarFiles.read(f).series());
    }
    Panel panel = Panel.align(series);
    int first = 0;
    for (String symbol : List.of("QQQ", "TQQQ", "SQQQ")) {
      first = Math.max(first, panel.firstIndex(panel.getSymbolIndex(symbol)));
    }
    assertThat(first).isLessThan(panel.firstIndex(panel.getSymbolIndex("UVXY")));
    int cut = first + (int) Math.round(0.7 * (panel.size() - first));
    List<Map<String, String>> trials = ParameterGrid.parse(List.of("ma-fast=40,50"), List.of()).trials();
    Sweep.Result local = Sweep.run(panel, trials, p -> StrategyRegistry.create("qqq-long-short", p),
        BacktestConfig.of(10_000), new Window(first, cut), 1, 8, k -> {});
    List<String> args = new java.util.ArrayList<>();
    for (Path f : files) {
      args.addAll(List.of("--data", f.toString()));
    }
    args.addAll(List.of("--strategy", "qqq-long-short", "--grid", "ma-fast=40,50", "--partitions", "8",
        "--train-fraction", "0.7", "--out", dir.toString()));
    assertThat(SparkSweepJob.run(sc, args.toArray(String[]::new))).isZero();
    StringWriter expected = new StringWriter();
    local.writeCsv(expected, List.of("ma-fast"));
    assertThat(Files.readString(dir.resolve("trials.csv"))).isEqualTo(expected.toString());
  }

  @Test
  void badInputExitsTwo() {
    assertThat(SparkSweepJob.run(sc, "--data", goog().toString(), "--strategy", "sma-cross", "--grid", "fats=1,2",
        "--out", dir.toString())).isEqualTo(2);
  }
}
