package io.momentic.cli.research;

import io.momentic.analytics.EquityMetrics;
import io.momentic.analytics.ReturnMetrics;
import io.momentic.cli.Main;
import io.momentic.core.Annualisation;
import io.momentic.core.ConfigException;
import io.momentic.core.Interval;
import io.momentic.core.TradingCalendar;
import io.momentic.core.DataFormatException;
import io.momentic.core.LoadFailure;
import io.momentic.core.Timestamps;
import io.momentic.report.Numbers;
import io.momentic.report.text.Tables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code momentic metrics}: the metrics of any returns or equity series, with the same functions
 * the engine reports (docs/METRICS.md), so a user can check a series from anywhere.
 */
@Command(name = "metrics", mixinStandardHelpOptions = true,
    description = "Metrics of a returns series (CSV date,return; returns as fractions) or, with --equity, an equity "
        + "series (CSV date,equity; e.g. a run's equity.csv). Optional benchmark for alpha, beta and information "
        + "ratio, read the same way and aligned by date.")
public final class MetricsCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--returns", required = true, paramLabel = "FILE.csv",
      description = "The series: first column a date, then a 'return' column (or the second column).")
  Path returnsFile;

  @Option(names = "--equity", description = "The file holds equity values (column 'equity', 'equity_value' or the "
      + "second column), not returns.")
  boolean equity;

  @Option(names = "--benchmark", paramLabel = "FILE.csv", description = "Benchmark series, same form as the series.")
  Path benchmarkFile;

  @Option(names = "--periods-per-year", paramLabel = "N",
      description = "Annualisation. Default: from the dates — their spacing and calendar (weekend rows: 24/7, "
          + "365 a year for daily; round-the-clock weekdays: 24×5, 260; else exchange sessions, 252), as a "
          + "backtest does.")
  Double periodsPerYear;

  @Option(names = "--initial-value", paramLabel = "V",
      description = "With --equity: the value before the first row (a backtest's initial cash), so the first row's "
          + "return counts as in the run's metrics.json. Default: the cash in manifest.json beside the file, if any.")
  Double initialValue;

  @Option(names = "--json", description = "Print the metrics as JSON (snake_case fields).")
  boolean json;

  /** A dated series as read from a file. */
  public record Series(long[] times, double[] values) {}

  @Override
  public Integer call() throws IOException {
    Series series = read(returnsFile, equity);
    Annualisation a = annualisation(series.times(), periodsPerYear);
    Double start = equity ? initialValue(returnsFile, initialValue) : null;
    if (start != null) {
      if (!(start > 0) || Double.isInfinite(start)) {
        throw new ConfigException("initial-value", "expected a finite value > 0, found " + start);
      }
      double[] v = new double[series.values().length + 1];
      v[0] = start;
      System.arraycopy(series.values(), 0, v, 1, series.values().length);
      series = new Series(series.times(), v); // one more value than times: the start is before the first row
    }
    Map<String, Object> m = metrics(series, benchmarkFile == null ? null : read(benchmarkFile, equity), equity,
        a.periodsPerYear());
    m.put("periods_per_year_basis", a.basis());
    if (start != null) {
      m.put("initial_value", start);
    }
    if (a.mismatched()) {
      m.put("warning", a.warning());
    }
    Tables.printValues(spec.commandLine().getOut(), m, json);
    return Main.EXIT_OK;
  }

  /** The annualisation of a dated series: {@code override} when given, else from the dates as a backtest's. */
  public static Annualisation annualisation(long[] times, Double override) {
    if (override != null) {
      return Annualisation.of(Interval.D1, TradingCalendar.EXCHANGE, times, override);
    }
    Interval interval = times.length < 2 ? null : Interval.ofSpacing(Interval.modeSpacing(times, 5000));
    if (interval == null) {
      throw new ConfigException("periods-per-year", "cannot tell the bar interval from the dates (the typical "
          + "spacing is not 1m … 1w or a month); pass --periods-per-year N");
    }
    return Annualisation.of(interval, Annualisation.inferCalendar(times, interval), times, Double.NaN);
  }

  /** The given start value, else a Momentic run's initial cash from the manifest.json beside the file. */
  static Double initialValue(Path file, Double given) throws IOException {
    if (given != null) {
      return given;
    }
    Path manifest = file.toAbsolutePath().resolveSibling("manifest.json");
    if (!Files.isRegularFile(manifest)) {
      return null;
    }
    com.fasterxml.jackson.databind.JsonNode cash = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(manifest.toFile()).get("cash");
    return cash != null && cash.isNumber() ? cash.asDouble() : null;
  }

  public static Map<String, Object> metrics(Series s, Series benchmark, boolean isEquity, double ppy) {
    double[] r = isEquity ? EquityMetrics.returns(s.values()) : s.values();
    if (r.length < 2) {
      throw new ConfigException("returns", "expected at least 2 returns to measure, found " + r.length);
    }
    double[] wealth = isEquity ? s.values() : wealth(r);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("periods", r.length);
    m.put("periods_per_year", ppy);
    m.put("first_date", Timestamps.formatDate(s.times()[0]));
    m.put("last_date", Timestamps.formatDate(s.times()[s.times().length - 1]));
    m.put("total_return", ReturnMetrics.totalReturn(r));
    if (isEquity) {
      double[] rows = s.values().length == s.times().length ? s.values()
          : java.util.Arrays.copyOfRange(s.values(), 1, s.values().length); // CAGR over the rows' dates
      m.put("cagr", EquityMetrics.cagr(rows, s.times()[0], s.times()[s.times().length - 1]));
    }
    m.put("annual_return", ReturnMetrics.annualReturn(r, ppy));
    m.put("annual_volatility", ReturnMetrics.annualVolatility(r, ppy));
    m.put("sharpe", ReturnMetrics.sharpe(r, ppy));
    m.put("sortino", ReturnMetrics.sortino(r, ppy));
    m.put("downside_risk", ReturnMetrics.downsideRisk(r, ppy));
    m.put("max_drawdown", EquityMetrics.maxDrawdown(wealth));
    m.put("max_drawdown_duration", EquityMetrics.maxDrawdownDuration(wealth));
    m.put("average_drawdown", EquityMetrics.averageDrawdown(wealth));
    m.put("calmar", ReturnMetrics.calmar(r, ppy));
    m.put("omega", ReturnMetrics.omega(r));
    m.put("tail_ratio", ReturnMetrics.tailRatio(r));
    m.put("hit_rate", ReturnMetrics.hitRate(r));
    m.put("win_loss_ratio", ReturnMetrics.winLossRatio(r));
    m.put("skew", ReturnMetrics.skew(r));
    m.put("excess_kurtosis", ReturnMetrics.excessKurtosis(r));
    if (benchmark != null) {
      double[][] aligned = align(s, r, benchmark, isEquity);
      m.put("benchmark_periods", aligned[0].length);
      m.put("alpha", ReturnMetrics.alpha(aligned[0], aligned[1], ppy));
      m.put("beta", ReturnMetrics.beta(aligned[0], aligned[1]));
      m.put("information_ratio", ReturnMetrics.informationRatio(aligned[0], aligned[1], ppy));
    }
    return m;
  }

  /** Wealth path starting at 1 before the first return, so a first-period loss is a drawdown. */
  private static double[] wealth(double[] r) {
    double[] w = new double[r.length + 1];
    w[0] = 1;
    for (int i = 0; i < r.length; i++) {
      w[i + 1] = w[i] * (1 + r[i]);
    }
    return w;
  }

  /** The series' and benchmark's returns on the dates both have (a return is dated by its period's end). */
  private static double[][] align(Series s, double[] r, Series b, boolean isEquity) {
    double[] br = isEquity ? EquityMetrics.returns(b.values()) : b.values();
    // A return is dated by its period's end: equity returns start at the second date, unless a
    // start value before the first row was given (then the first row's return is dated by it).
    int offset = isEquity ? 1 : 0;
    int seriesOffset = isEquity && s.values().length == s.times().length ? 1 : 0;
    Map<Long, Double> byTime = new java.util.HashMap<>();
    for (int i = 0; i < br.length; i++) {
      byTime.put(b.times()[i + offset], br[i]);
    }
    List<double[]> pairs = new ArrayList<>();
    for (int i = 0; i < r.length; i++) {
      Double x = byTime.get(s.times()[i + seriesOffset]);
      if (x != null) {
        pairs.add(new double[] {r[i], x});
      }
    }
    if (pairs.size() < 2) {
      throw new ConfigException("benchmark", "expected at least 2 dates shared with the series, found "
          + pairs.size());
    }
    double[][] out = new double[2][pairs.size()];
    for (int i = 0; i < pairs.size(); i++) {
      out[0][i] = pairs.get(i)[0];
      out[1][i] = pairs.get(i)[1];
    }
    return out;
  }

  /**
   * The lines of a small CSV file, at least one; a missing or empty file is one clear error that
   * says what header was {@code expected} and how to {@code fix} it.
   */
  public static List<String> csvLines(Path file, String expected, String fix) throws IOException {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (NoSuchFileException e) {
      throw new DataFormatException(new LoadFailure(file.toString(), 0, "", "a CSV file", "no such file",
          "check the path"));
    }
    if (lines.isEmpty()) {
      throw new DataFormatException(new LoadFailure(file.toString(), 1, "", expected, "an empty file", fix));
    }
    return lines;
  }

  /** Reads {@code date,value} rows (either time order); every bad cell is one clear error. */
  public static Series read(Path file, boolean isEquity) throws IOException {
    List<String> lines = csvLines(file, "a header such as date,return", "add a header and rows");
    String source = file.toString();
    String[] header = lines.get(0).strip().split(",", -1);
    List<String> wanted = isEquity ? EQUITY_COLUMNS : List.of("return", "returns", "ret");
    int col = -1;
    for (int i = 1; i < header.length && col < 0; i++) {
      if (wanted.contains(header[i].strip().toLowerCase(Locale.ROOT))) {
        col = i;
      }
    }
    if (col < 0) {
      if (header.length < 2) {
        throw new DataFormatException(new LoadFailure(source, 1, "", "a header with a date column and a "
            + (isEquity ? "equity" : "return") + " column", "'" + lines.get(0) + "'",
            "write e.g. date," + (isEquity ? "equity" : "return")));
      }
      col = 1;
    }
    String colName = header[col].strip();
    if (!isEquity && EQUITY_COLUMNS.contains(colName.toLowerCase(Locale.ROOT))) {
      throw new DataFormatException(new LoadFailure(source, 1, colName, "a column of returns (fractions, 0.01 = 1%)",
          "column '" + colName + "', which holds equity or prices", "pass --equity to measure it as an equity "
          + "series, or give a file of returns"));
    }
    List<long[]> times = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      String[] cells = line.split(",", -1);
      long t = Timestamps.parseOrInvalid(cells[0].strip());
      if (t == Timestamps.INVALID) {
        throw new DataFormatException(new LoadFailure(source, i + 1, header[0].strip(), "a date like 2024-01-31",
            "'" + cells[0] + "'", "fix the date"));
      }
      double v;
      try {
        v = col < cells.length ? Double.parseDouble(cells[col].strip()) : Double.NaN;
      } catch (NumberFormatException e) {
        v = Double.NaN;
      }
      boolean ok = isEquity ? v > 0 && !Double.isInfinite(v) : v > -1 && !Double.isInfinite(v);
      if (!ok) {
        throw new DataFormatException(new LoadFailure(source, i + 1, colName,
            isEquity ? "a finite equity value > 0" : "a return as a finite fraction > -1 (0.01 = 1%)",
            "'" + (col < cells.length ? cells[col] : "") + "'", "fix or remove the row"));
      }
      times.add(new long[] {t, i + 1});
      values.add(v);
    }
    int n = values.size();
    boolean descending = n > 1 && times.get(0)[0] > times.get(n - 1)[0];
    long[] t = new long[n];
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      int k = descending ? n - 1 - i : i;
      t[i] = times.get(k)[0];
      v[i] = values.get(k);
      if (i > 0 && t[i] <= t[i - 1]) {
        throw new DataFormatException(new LoadFailure(source, times.get(k)[1], header[0].strip(),
            "dates in one strict order (no duplicates)", "'" + Timestamps.formatDate(t[i]) + "' after '"
            + Timestamps.formatDate(t[i - 1]) + "'", "sort the rows and remove duplicates"));
      }
    }
    if (!isEquity) {
      refuseLevels(source, colName, v);
    }
    return new Series(t, v);
  }

  /** Column names that hold equity or prices, never returns. */
  static final List<String> EQUITY_COLUMNS = List.of("equity", "equity_value", "value", "close", "closing_price",
      "adj_close", "price", "nav");

  /**
   * A "returns" column whose values are levels — every one positive and the typical one above
   * 0.5, i.e. a +50 % move every period — is prices or equity read as returns; measuring it would
   * print a Sharpe ratio of 30. Refused with the fix.
   */
  static void refuseLevels(String source, String column, double[] values) {
    if (values.length < 3) {
      return;
    }
    double[] abs = new double[values.length];
    boolean allPositive = true;
    for (int i = 0; i < values.length; i++) {
      abs[i] = Math.abs(values[i]);
      allPositive &= values[i] > 0;
    }
    java.util.Arrays.sort(abs);
    double median = abs[abs.length / 2];
    if (allPositive && median > 0.5) {
      throw new DataFormatException(new LoadFailure(source, 0, column, "returns as fractions (0.01 = 1%)",
          String.format(Locale.ROOT, "values from %s to %s, all positive, median %s: levels such as prices or equity",
              Numbers.fmt(abs[0], Numbers.Kind.NUM), Numbers.fmt(abs[abs.length - 1], Numbers.Kind.NUM),
              Numbers.fmt(median, Numbers.Kind.NUM)),
          "pass --equity to measure them as an equity series, or convert them to returns"));
    }
  }
}
