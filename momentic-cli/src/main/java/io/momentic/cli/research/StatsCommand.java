package io.momentic.cli.research;

import io.momentic.analytics.Bootstrap;
import io.momentic.analytics.ReturnMetrics;
import io.momentic.analytics.SharpeStatistics;
import io.momentic.analytics.TradeStats;
import io.momentic.cli.Main;
import io.momentic.core.ConfigException;
import io.momentic.core.DataFormatException;
import io.momentic.core.Interval;
import io.momentic.core.LoadFailure;
import io.momentic.report.text.Tables;
import io.momentic.research.BacktestOverfitting;
import io.momentic.workflow.stats.StatsDocuments;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code momentic stats}: how much to believe a result — PSR, DSR, PBO, bootstrap intervals. */
@Command(name = "stats", mixinStandardHelpOptions = true,
    subcommands = {StatsCommand.Psr.class, StatsCommand.Dsr.class, StatsCommand.Pbo.class,
        StatsCommand.BootstrapInterval.class},
    description = "Overfitting and uncertainty statistics. See 'momentic stats psr|dsr|pbo|bootstrap --help'.")
public final class StatsCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return Main.EXIT_OK;
  }

  /** The inputs of PSR and DSR, from numbers or from a returns file. */
  public static class SharpeInputs {
    @Option(names = "--returns", paramLabel = "FILE.csv",
        description = "Read Sharpe ratio, observations, skew and kurtosis from a returns series (date,return).")
    Path returns;

    @Option(names = "--sharpe", paramLabel = "SR", description = "Annualised Sharpe ratio (√periods-per-year).")
    Double sharpe;

    @Option(names = "--periods-per-year", paramLabel = "N", defaultValue = "252",
        description = "Annualisation of --sharpe and of the trials' variance (default 252).")
    double periodsPerYear;

    @Option(names = "--observations", paramLabel = "T", description = "Number of returns behind the Sharpe ratio.")
    Long observations;

    @Option(names = "--skew", defaultValue = "0", description = "Skewness of the returns (default 0).")
    double skew;

    @Option(names = "--kurtosis", defaultValue = "3",
        description = "Raw kurtosis of the returns, normal = 3 (default 3).")
    double kurtosis;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    Map<String, Object> compute(long trials, double trialsVariance) throws IOException {
      if (!(periodsPerYear > 0) || Double.isInfinite(periodsPerYear)) {
        throw new ConfigException("periods-per-year", "expected a number > 0, found " + periodsPerYear);
      }
      if (trials < 1) {
        throw new ConfigException("trials", "expected >= 1, found " + trials);
      }
      if (!(trialsVariance >= 0)) {
        throw new ConfigException("trials-sharpe-variance", "expected >= 0, found " + trialsVariance);
      }
      SharpeStatistics.Deflated d;
      Map<String, Object> m = new LinkedHashMap<>();
      if (returns != null) {
        if (sharpe != null || observations != null) {
          throw new ConfigException("returns", "expected either --returns or --sharpe/--observations, found both");
        }
        double[] r = MetricsCommand.read(returns, false).values();
        d = SharpeStatistics.deflated(r, periodsPerYear, trials, trialsVariance);
        m.put("sharpe", ReturnMetrics.sharpe(r, periodsPerYear));
        m.put("observations", r.length);
      } else {
        if (sharpe == null || observations == null) {
          throw new ConfigException("sharpe", "expected --sharpe and --observations (or --returns FILE), found "
              + (sharpe == null ? "no --sharpe" : "no --observations"));
        }
        if (observations < 2) {
          throw new ConfigException("observations", "expected >= 2, found " + observations);
        }
        d = SharpeStatistics.deflated(sharpe, periodsPerYear, observations, skew, kurtosis, trials, trialsVariance);
        m.put("sharpe", sharpe);
        m.put("observations", observations);
      }
      m.put("periods_per_year", periodsPerYear);
      m.put("trials", trials);
      m.put("psr", d.psr());
      m.put("dsr", d.dsr());
      m.put("sr0", d.sr0());
      return m;
    }
  }

  @Command(name = "psr", mixinStandardHelpOptions = true,
      description = "Probabilistic Sharpe ratio: the probability that the true Sharpe ratio is above 0 (Bailey & "
          + "López de Prado 2012). Prints psr (and dsr = psr, sr0 = 0 for a single trial).")
  public static final class Psr extends SharpeInputs implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      Tables.printValues(spec.commandLine().getOut(), compute(1, 0), json);
      return Main.EXIT_OK;
    }
  }

  @Command(name = "dsr", mixinStandardHelpOptions = true,
      description = "Deflated Sharpe ratio: the PSR against sr0, the Sharpe ratio the best of --trials skill-less "
          + "trials would reach (Bailey & López de Prado 2014). Prints psr, dsr and sr0 (annualised).")
  public static final class Dsr extends SharpeInputs implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--trials", required = true, paramLabel = "N", description = "How many trials were run.")
    long trials;

    @Option(names = "--trials-sharpe-variance", required = true, paramLabel = "V",
        description = "Variance of the trials' annualised Sharpe ratios.")
    double trialsVariance;

    @Override
    public Integer call() throws IOException {
      Tables.printValues(spec.commandLine().getOut(), compute(trials, trialsVariance), json);
      return Main.EXIT_OK;
    }
  }

  @Command(name = "pbo", mixinStandardHelpOptions = true,
      description = "Probability of backtest overfitting by CSCV (Bailey, Borwein, López de Prado & Zhu 2015) from a "
          + "T x N CSV of trial returns: a header of trial names, one row per period (a first column named date, "
          + "time or timestamp is skipped).")
  public static final class Pbo implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--trials", required = true, paramLabel = "FILE.csv|DIR",
        description = "The returns matrix, or a sweep's folder (its blocks.csv; the sweep's own partitions).")
    Path file;

    @Option(names = "--partitions", defaultValue = "16", paramLabel = "S",
        description = "Even number of row blocks (default 16: C(16,8) = 12,870 combinations).")
    int partitions;

    @Option(names = "--json", description = "Print JSON, with every combination's logit.")
    boolean json;

    @Override
    public Integer call() throws IOException {
      BacktestOverfitting.Result r;
      if (Files.isDirectory(file)) {
        r = fromSweepFolder(file);
      } else {
        double[][] matrix = readMatrix(file);
        if (partitions < 2 || partitions % 2 != 0 || partitions > 24) {
          throw new ConfigException("partitions", "expected an even number from 2 to 24, found " + partitions);
        }
        if (matrix.length < 2 * partitions) {
          throw new ConfigException("partitions", "expected at least 2 rows per partition (" + 2 * partitions
              + " rows) in " + file + ", found " + matrix.length);
        }
        r = BacktestOverfitting.cscv(matrix, partitions);
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("trials", r.trials());
      m.put("observations", r.observations());
      m.put("partitions", r.partitions());
      m.put("combinations", r.combinations());
      m.put("pbo", r.pbo());
      m.put("performance_degradation_slope", r.degradationSlope());
      m.put("performance_degradation_intercept", r.degradationIntercept());
      m.put("probability_of_loss", r.probabilityOfLoss());
      if (json) {
        m.put("logits", r.logits());
      }
      Tables.printValues(spec.commandLine().getOut(), m, json);
      return Main.EXIT_OK;
    }

    /** A sweep folder's PBO from its blocks.csv: one row per trial and block (Σr, Σr², rows). */
    static BacktestOverfitting.Result fromSweepFolder(Path dir) throws IOException {
      Path blocks = dir.resolve("blocks.csv");
      if (!Files.isRegularFile(blocks)) {
        throw new DataFormatException(new LoadFailure(dir.toString(), 0, "", "a sweep's folder with blocks.csv",
            "no blocks.csv", "run 'momentic sweep' (with --partitions >= 2) and pass its output folder"));
      }
      List<String> lines = MetricsCommand.csvLines(blocks, "trial,block,rows,sum,sum_sq", "rerun the sweep");
      if (!lines.get(0).strip().equals("trial,block,rows,sum,sum_sq")) {
        throw new DataFormatException(new LoadFailure(blocks.toString(), 1, "", "trial,block,rows,sum,sum_sq",
            "'" + lines.get(0) + "'", "rerun the sweep"));
      }
      java.util.TreeMap<Integer, java.util.TreeMap<Integer, double[]>> byTrial = new java.util.TreeMap<>();
      int rows = -1;
      for (int i = 1; i < lines.size(); i++) {
        String[] c = lines.get(i).split(",", -1);
        try {
          int trial = Integer.parseInt(c[0]);
          int block = Integer.parseInt(c[1]);
          int n = Integer.parseInt(c[2]);
          if (rows >= 0 && n != rows) {
            throw new NumberFormatException("rows");
          }
          rows = n;
          byTrial.computeIfAbsent(trial, k -> new java.util.TreeMap<>())
              .put(block, new double[] {Double.parseDouble(c[3]), Double.parseDouble(c[4])});
        } catch (RuntimeException e) {
          throw new DataFormatException(new LoadFailure(blocks.toString(), i + 1, "", "trial,block,rows,sum,sum_sq "
              + "with one rows count", "'" + lines.get(i) + "'", "rerun the sweep"));
        }
      }
      double[][] sum = new double[byTrial.size()][];
      double[][] sumSq = new double[byTrial.size()][];
      int k = 0;
      for (java.util.TreeMap<Integer, double[]> b : byTrial.values()) {
        sum[k] = b.values().stream().mapToDouble(v -> v[0]).toArray();
        sumSq[k] = b.values().stream().mapToDouble(v -> v[1]).toArray();
        if (sum[k].length != sum[0].length) {
          throw new DataFormatException(new LoadFailure(blocks.toString(), 0, "", "the same blocks for every trial",
              sum[k].length + " blocks for one trial, " + sum[0].length + " for the first", "rerun the sweep"));
        }
        k++;
      }
      return BacktestOverfitting.cscv(sum, sumSq, rows);
    }

    /** Reads the returns matrix; every bad cell is one clear error. */
    static double[][] readMatrix(Path file) throws IOException {
      List<String> lines = MetricsCommand.csvLines(file, "a header of trial names",
          "write a header such as trial_1,trial_2 and one row of returns per period");
      String source = file.toString();
      String[] header = lines.get(0).split(",", -1);
      refuseSweepTable(source, header);
      String first = header[0].strip().toLowerCase(Locale.ROOT);
      int skip = first.equals("date") || first.equals("time") || first.equals("timestamp") ? 1 : 0;
      int n = header.length - skip;
      if (n < 2) {
        throw new DataFormatException(new LoadFailure(source, 1, "", "at least 2 trial columns",
            n + " column(s)", "one column per trial"));
      }
      List<double[]> rows = new ArrayList<>();
      for (int i = 1; i < lines.size(); i++) {
        if (lines.get(i).isBlank()) {
          continue;
        }
        String[] cells = lines.get(i).split(",", -1);
        if (cells.length != header.length) {
          throw new DataFormatException(new LoadFailure(source, i + 1, "", header.length + " cells",
              cells.length + " cells", "give every row a value for every trial"));
        }
        double[] row = new double[n];
        for (int j = 0; j < n; j++) {
          String cell = cells[j + skip].strip();
          try {
            row[j] = Double.parseDouble(cell);
          } catch (NumberFormatException e) {
            row[j] = Double.NaN;
          }
          if (!Double.isFinite(row[j])) {
            throw new DataFormatException(new LoadFailure(source, i + 1, header[j + skip].strip(),
                "a finite return", "'" + cell + "'", "fix the cell (returns as fractions, 0.01 = 1%)"));
          }
        }
        rows.add(row);
      }
      return rows.toArray(double[][]::new);
    }
  }

  /**
   * A sweep's trials.csv (one row per trial: its parameters and metrics) read as a returns matrix
   * would give a meaningless PBO; it is recognised by its columns and refused with the fix.
   */
  static void refuseSweepTable(String source, String[] header) {
    List<String> names = java.util.Arrays.stream(header).map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
    if (names.get(0).equals("trial") || names.contains("sharpe") || names.contains("final_equity")) {
      Path folder = Path.of(source).toAbsolutePath().getParent();
      throw new DataFormatException(new LoadFailure(source, 1, names.get(0), "a T × N matrix of returns: one "
          + "column per trial, one row per period", "a table of trials and their metrics (a sweep's trials.csv)",
          "pass the sweep's folder instead: momentic stats pbo --trials " + folder));
    }
  }

  @Command(name = "bootstrap", mixinStandardHelpOptions = true,
      description = "Seeded block or stationary bootstrap confidence interval of a statistic of a returns series "
          + "(date,return) — or of any column of numbers, e.g. trade P&L, with --column.")
  public static final class BootstrapInterval implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--returns", required = true, paramLabel = "FILE.csv", description = "The series.")
    Path file;

    @Option(names = "--statistic", defaultValue = "sharpe", paramLabel = "NAME",
        description = "sharpe (default), mean, total_return, annual_return, sortino, max_drawdown, hit_rate, "
            + "profit_factor (Σ gains / |Σ losses|).")
    String statistic;

    @Option(names = "--method", defaultValue = "stationary", description = "block or stationary (default).")
    String method;

    @Option(names = "--block", paramLabel = "BARS", description = "(Mean) block length; default ≈ n^(1/3).")
    Integer block;

    @Option(names = "--resamples", defaultValue = "1000", description = "Default 1000.")
    int resamples;

    @Option(names = "--level", defaultValue = "0.95", description = "Confidence level (default 0.95).")
    double level;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default 42).")
    long seed;

    @Option(names = "--periods-per-year", paramLabel = "N",
        description = "Annualisation of sharpe, sortino, annual_return. Default: from the dates, as 'metrics'.")
    Double periodsPerYear;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() throws IOException {
      MetricsCommand.Series series = MetricsCommand.read(file, false);
      io.momentic.core.Annualisation a = MetricsCommand.annualisation(series.times(), periodsPerYear);
      ToDoubleFunction<double[]> stat = statistic(statistic, a.periodsPerYear());
      Bootstrap.Method m = switch (method.toLowerCase(Locale.ROOT)) {
        case "block" -> Bootstrap.Method.BLOCK;
        case "stationary" -> Bootstrap.Method.STATIONARY;
        default -> throw new ConfigException("method", "expected block or stationary, found '" + method + "'");
      };
      if (resamples < 1 || resamples > 10_000_000) {
        throw new ConfigException("resamples", "expected 1 to 10,000,000, found " + resamples);
      }
      if (!(level > 0 && level < 1)) {
        throw new ConfigException("level", "expected a level in (0, 1) such as 0.95, found " + level);
      }
      double[] r = series.values();
      int b = block == null ? Bootstrap.defaultBlockLength(r.length) : block;
      if (b < 1 || b > r.length) {
        throw new ConfigException("block", "expected 1 to " + r.length + " (the series length), found " + b);
      }
      Bootstrap.Interval ci = Bootstrap.interval(r, stat, m, b, resamples, level, seed);
      Map<String, Object> fields = new LinkedHashMap<>(intervalFields(statistic, ci));
      fields.put("periods_per_year", a.periodsPerYear());
      fields.put("periods_per_year_basis", a.basis());
      Tables.printValues(spec.commandLine().getOut(), fields, json);
      return Main.EXIT_OK;
    }
  }

  /** The fields a bootstrap interval reports, as {@code stats bootstrap} and the sweep report print them. */
  public static Map<String, Object> intervalFields(String statistic, Bootstrap.Interval ci) {
    return StatsDocuments.interval(statistic, ci);
  }

  /** A named statistic of a return (or P&amp;L) series. */
  public static ToDoubleFunction<double[]> statistic(String name, double periodsPerYear) {
    return switch (name.toLowerCase(Locale.ROOT).replace('-', '_')) {
      case "sharpe" -> r -> ReturnMetrics.sharpe(r, periodsPerYear);
      case "sortino" -> r -> ReturnMetrics.sortino(r, periodsPerYear);
      case "mean" -> ReturnMetrics::mean;
      case "total_return" -> ReturnMetrics::totalReturn;
      case "annual_return" -> r -> ReturnMetrics.annualReturn(r, periodsPerYear);
      case "max_drawdown" -> ReturnMetrics::maxDrawdown;
      case "hit_rate" -> ReturnMetrics::hitRate;
      case "profit_factor" -> TradeStats::profitFactor;
      default -> throw new ConfigException("statistic", "expected one of sharpe, sortino, mean, total_return, "
          + "annual_return, max_drawdown, hit_rate, profit_factor, found '" + name + "'");
    };
  }
}
