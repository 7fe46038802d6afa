package io.momentic.spark;

import io.momentic.core.BarSeries;
import io.momentic.core.ConfigException;
import io.momentic.core.DataFormatException;
import io.momentic.core.Panel;
import io.momentic.data.BarFiles;
import io.momentic.engine.BacktestConfig;
import io.momentic.engine.exec.FeeModel;
import io.momentic.engine.exec.FillTiming;
import io.momentic.engine.exec.SlippageModel;
import io.momentic.research.ParameterGrid;
import io.momentic.research.Sweep;
import io.momentic.research.Sweep.Window;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import io.momentic.strategies.StrategyRegistry;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The spark-submit entry point: the same sweep as {@code momentic sweep}'s trial stage, on a
 * cluster, writing the same {@code trials.csv}.
 *
 * <pre>
 * spark-submit --class io.momentic.spark.SparkSweepJob --master spark://host:7077 \
 *   momentic-spark/target/momentic-spark-job.jar \
 *   --data GOOG.csv --strategy sma-cross --grid fast=5:50:1 --grid slow=20:200:2 \
 *   --constraint 'fast < slow' --commission 0.001 --out sweep-out
 * </pre>
 */
@Command(name = "momentic-spark-sweep", mixinStandardHelpOptions = true,
    description = "Parameter sweep of a built-in strategy on Apache Spark; writes trials.csv like 'momentic sweep'.")
public final class SparkSweepJob implements Callable<Integer> {

  @Option(names = "--data", required = true, paramLabel = "FILE", description = "Bar file (repeatable).")
  List<Path> data = new ArrayList<>();

  @Option(names = "--strategy", required = true, paramLabel = "NAME", description = "A built-in strategy.")
  String strategy;

  @Option(names = "--param", paramLabel = "K=V", description = "Fixed strategy parameter (repeatable).")
  Map<String, String> params = new LinkedHashMap<>();

  @Option(names = "--grid", required = true, paramLabel = "NAME=SPEC", description = "from:to:step or a,b,c.")
  List<String> grid = new ArrayList<>();

  @Option(names = "--constraint", paramLabel = "'A < B'", description = "Trial filter (repeatable).")
  List<String> constraints = new ArrayList<>();

  @Option(names = "--sample", paramLabel = "N", description = "A seeded random subset of N trials.")
  Integer sample;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of --sample (default 42).")
  long seed;

  @Option(names = "--cash", defaultValue = "10000", description = "Initial cash (default 10000).")
  double cash;

  @Option(names = "--commission", defaultValue = "0", paramLabel = "RATE|FIXED+RATE", description = "Per side.")
  String commission;

  @Option(names = "--slippage-bps", defaultValue = "0", description = "Against the trader (default 0).")
  double slippageBps;

  @Option(names = "--fill", defaultValue = "next-open", description = "next-open (default) or close.")
  String fill;

  @Option(names = "--train-fraction", paramLabel = "F",
      description = "Sweep the first F of the bars after the start (default 1: all; with --report 0.7), as momentic "
          + "sweep's train period.")
  Double trainFraction;

  @Option(names = "--partitions", defaultValue = "16", paramLabel = "S",
      description = "Return blocks kept per trial for PBO (default 16).")
  int partitions;

  @Option(names = "--trials-per-task", defaultValue = "64", paramLabel = "N", description = "Default 64.")
  int trialsPerTask;

  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master when not set by spark-submit (e.g. local[*]).")
  String master;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where trials.csv goes.")
  Path out;

  @Option(names = "--report",
      description = "The whole study, as momentic sweep writes it: the trials on the cluster, then on the driver the "
          + "top k out of sample, DSR, PBO from the trials' block sums, the bootstrap, the stress and fill runs — "
          + "trials.csv, summary.json, report.html and winner/ (train fraction default 0.7 then).")
  boolean report;

  @Option(names = "--objective", paramLabel = "METRIC|-METRIC", description = "With --report: rank by (default sharpe).")
  String objective;

  @Option(names = "--top-k", paramLabel = "K", description = "With --report: trials run out of sample (default 5).")
  Integer topK;

  @Option(names = "--resamples", paramLabel = "N", description = "With --report: bootstrap resamples (default 1000).")
  Integer resamples;

  /** A running context to use instead of starting one (null: start and stop our own). */
  private final JavaSparkContext context;

  private SparkSweepJob(JavaSparkContext context) {
    this.context = context;
  }

  public static void main(String[] args) {
    System.exit(run(null, args));
  }

  /**
   * Runs the job in {@code context} (or, when null, in a context of its own) and returns its exit
   * code: 0 ok, 1 failure, 2 bad input.
   */
  public static int run(JavaSparkContext context, String... args) {
    CommandLine cli = new CommandLine(new SparkSweepJob(context));
    cli.setExecutionExceptionHandler((ex, c, parsed) -> {
      if (ex instanceof DataFormatException dfe) {
        c.getErr().println("momentic-spark: " + dfe.firstLine());
        return 2;
      }
      if (ex instanceof ConfigException || ex instanceof IllegalArgumentException) {
        c.getErr().println("momentic-spark: " + ex.getMessage());
        return 2;
      }
      throw ex;
    });
    return cli.execute(args);
  }

  @Override
  public Integer call() throws IOException {
    if (report) {
      return study();
    }
    double fraction = trainFraction == null ? 1 : trainFraction;
    List<BarSeries> series = new ArrayList<>();
    for (Path f : data) {
      series.addAll(BarFiles.read(f).series());
    }
    Panel panel = Panel.align(series);
    ParameterGrid parameterGrid = ParameterGrid.parse(grid, constraints);
    List<Map<String, String>> trials = sample == null ? parameterGrid.trials() : parameterGrid.sample(sample, seed);
    if (trials.isEmpty()) {
      throw new ConfigException("constraint", "expected at least one trial, found none");
    }
    if (!(fraction > 0 && fraction <= 1)) {
      throw new ConfigException("train-fraction", "expected a fraction in (0, 1], found " + fraction);
    }
    // As momentic sweep: a multi-instrument strategy starts trading where every symbol it trades has
    // bars (earlier bars warm up indicators), and the train fraction counts from there.
    List<String> universe = StrategyRegistry.universe(strategy, params);
    int first = universe.size() > 1 ? panel.firstIndexAllTrading(universe) : 0;
    Window window = new Window(first, Math.max(first + 2, first + (int) Math.round(fraction * (panel.size()
        - first))));
    BacktestConfig config = BacktestConfig.of(cash).withFees(FeeModel.parse(commission))
        .withSlippage(SlippageModel.bps(slippageBps)).withFillTiming(FillTiming.parse(fill));
    // Bad parameter names fail here, before any cluster resources are taken.
    Map<String, String> firstTrial = new LinkedHashMap<>(params);
    firstTrial.putAll(trials.get(0));
    StrategyRegistry.create(strategy, firstTrial);
    JavaSparkContext sc = context();
    Sweep.Result result;
    try {
      result = SparkSweep.run(sc, panel, trials, strategy, params, config, window, partitions, trialsPerTask);
    } finally {
      if (context == null) {
        sc.close();
      }
    }
    Files.createDirectories(out);
    try (Writer w = Files.newBufferedWriter(out.resolve("trials.csv"), StandardCharsets.UTF_8)) {
      result.writeCsv(w, parameterGrid.names());
    }
    System.out.println(trials.size() + " trials -> " + out.resolve("trials.csv"));
    return 0;
  }

  /**
   * The context to run in: the one handed in (a notebook, a test), used and left running, or one of
   * our own on {@code --master} (else spark-submit's, else {@code local[*]}), which the caller stops.
   */
  private JavaSparkContext context() {
    if (context != null) {
      return context;
    }
    SparkConf conf = new SparkConf().setAppName("momentic-sweep-" + strategy);
    if (master != null) {
      conf.setMaster(master);
    } else if (!conf.contains("spark.master")) {
      conf.setMaster("local[*]");
    }
    return new JavaSparkContext(conf);
  }

  /** {@code --report}: {@code momentic sweep}'s study with its trial stage on the cluster. */
  private int study() throws IOException {
    io.momentic.workflow.backtest.BacktestRun.RunRequest run = io.momentic.workflow.backtest.BacktestRun.request(null,
        new io.momentic.workflow.backtest.BacktestRun.Overrides(strategy, params, data, List.of(), cash, commission,
            slippageBps, fill, null, null, null, null, null, null, null));
    io.momentic.workflow.sweep.SweepGrid.Spec spec = new io.momentic.workflow.sweep.SweepGrid.Spec(grid, constraints,
        objective, sample, sample == null ? null : seed, null);
    io.momentic.workflow.sweep.SweepRun.SweepRequest request = new io.momentic.workflow.sweep.SweepRun.SweepRequest(
        run, spec, null, io.momentic.data.LoadOptions.DEFAULT, topK, trainFraction, partitions, resamples, List.of(),
        out.toAbsolutePath().getParent(), out);
    JavaSparkContext sc = context();
    io.momentic.workflow.sweep.SweepRun.SweepRecord record;
    try {
      record = io.momentic.workflow.sweep.SweepRun.run(request, io.momentic.workflow.Progress.NONE,
          SparkSweep.runner(sc, strategy, new LinkedHashMap<>(run.params()), trialsPerTask));
    } finally {
      if (context == null) {
        sc.close();
      }
    }
    System.out.println(record.summary().get("trials") + " trials -> " + record.dir().resolve("summary.json"));
    return 0;
  }
}
