package io.momentic.report;

import io.momentic.analytics.EquityMetrics;
import io.momentic.analytics.ReturnMetrics;
import io.momentic.core.Timestamps;
import io.momentic.engine.BacktestResult;
import io.momentic.report.chart.RunCharts;
import io.momentic.report.page.RunReportView;
import io.momentic.research.RunMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The report's charts against the benchmark, drawn as inline SVG (no script, the same bytes every
 * time): cumulative return on a linear and on a log scale, the underwater curve, the rolling
 * Sharpe and Sortino ratios, volatility and beta over half a year of bars (126 daily, 26 weekly,
 * never fewer than 6: no 3-bar window on monthly data), and the distribution of the per-bar
 * returns. Strategy in blue, benchmark in grey; the time charts share one time axis with a tick a
 * year (a month for runs under two years). Long runs keep each drawn bucket's extremes.
 */
public final class BenchmarkCharts {

  static final int WIDTH = 1000;
  static final int HEIGHT = 220;
  static final int LEFT = 64;
  static final int RIGHT = 990;
  static final int TOP = 12;
  static final int BOTTOM = 190;
  static final int MAX_POINTS = 1_000;
  static final String STRATEGY = "#0b57d0";
  static final String BENCHMARK = "#8a939c";

  private BenchmarkCharts() {}

  /** The rolling window for {@code periodsPerYear}: half a year, at least 6 bars. */
  public static int rollingWindow(double periodsPerYear) {
    return Math.max(6, (int) Math.round(periodsPerYear / 2));
  }

  /**
   * The figures, or none without a benchmark. Each chart's two series are made, drawn and dropped
   * before the next (a million-bar run holds two of them at a time, not sixteen), and the time
   * axis's ticks are found once for all of them.
   */
  public static List<RunReportView.Figure> of(BacktestResult r, BacktestResult benchmark, double periodsPerYear) {
    if (benchmark == null || r.times().length < 2) {
      return List.of();
    }
    long[] times = r.times();
    TimeAxis axis = TimeAxis.of(times);
    double[] ws = RunMetrics.wealth(r);
    double[] wb = RunMetrics.wealth(benchmark);
    int window = rollingWindow(periodsPerYear);
    List<RunReportView.Figure> out = new ArrayList<>();
    out.add(new RunReportView.Figure("cumulative", "Cumulative return, % (strategy blue, benchmark grey)",
        svg("cumulative", axis, growth(ws, false), growth(wb, false), false)));
    out.add(new RunReportView.Figure("cumulative-log", "Growth of 100 on a log scale",
        svg("cumulative-log", axis, growth(ws, true), growth(wb, true), true)));
    out.add(new RunReportView.Figure("underwater", "Underwater: drawdown from the running peak, %",
        svg("underwater", axis, pct(RunMetrics.drawdowns(r)), pct(RunMetrics.drawdowns(benchmark)), false)));
    double[] rs = EquityMetrics.returns(ws);
    double[] rb = EquityMetrics.returns(wb);
    out.add(new RunReportView.Figure("rolling-sharpe", "Rolling Sharpe ratio over " + window + " bars",
        svg("rolling-sharpe", axis, ReturnMetrics.rollingSharpe(rs, window, periodsPerYear),
            ReturnMetrics.rollingSharpe(rb, window, periodsPerYear), false)));
    out.add(new RunReportView.Figure("rolling-sortino", "Rolling Sortino ratio over " + window + " bars",
        svg("rolling-sortino", axis, ReturnMetrics.rollingSortino(rs, window, periodsPerYear),
            ReturnMetrics.rollingSortino(rb, window, periodsPerYear), false)));
    out.add(new RunReportView.Figure("rolling-volatility", "Rolling annualised volatility over " + window
        + " bars, %", svg("rolling-volatility", axis, pct(ReturnMetrics.rollingVolatility(rs, window,
            periodsPerYear)), pct(ReturnMetrics.rollingVolatility(rb, window, periodsPerYear)), false)));
    double[] one = new double[times.length];
    java.util.Arrays.fill(one, 1); // the benchmark's beta to itself: the line the strategy's is read against
    out.add(new RunReportView.Figure("rolling-beta", "Rolling beta to the benchmark over " + window
        + " bars (grey: 1)", svg("rolling-beta", axis, ReturnMetrics.rollingBeta(rs, rb, window), one, false)));
    out.add(new RunReportView.Figure("return-distribution", "Distribution of the per-bar returns, % (strategy "
        + "blue, benchmark grey outline; dashed: 0)", distribution(pct(rs), pct(rb))));
    return out;
  }

  /** Cumulative return in percent at each bar, or with {@code log} log10 of the growth of 100. */
  private static double[] growth(double[] wealth, boolean log) {
    double[] out = new double[wealth.length - 1];
    for (int t = 0; t < out.length; t++) {
      double g = wealth[t + 1] / wealth[0];
      out[t] = log ? Math.log10(100 * g) : 100 * (g - 1);
    }
    return out;
  }

  /** Where the time axis has its ticks: the first bar of each year (of each month under two years). */
  record TimeAxis(int bars, int[] at, String[] labels) {

    static TimeAxis of(long[] times) {
      int n = times.length;
      boolean byYear = (times[n - 1] - times[0]) > 2L * 365 * 86_400_000L;
      List<Integer> at = new ArrayList<>();
      List<String> labels = new ArrayList<>();
      long previous = period(times[0], byYear);
      for (int i = 1; i < n; i++) {
        long p = period(times[i], byYear);
        if (p != previous) {
          at.add(i);
          String d = Timestamps.formatDate(times[i]);
          labels.add(byYear ? d.substring(0, 4) : d.substring(0, 7));
          previous = p;
        }
      }
      return new TimeAxis(n, at.stream().mapToInt(Integer::intValue).toArray(), labels.toArray(String[]::new));
    }

    /** The UTC year (or year × 12 + month) of a time: days to a civil date, no object a bar. */
    static long period(long millis, boolean byYear) {
      // Howard Hinnant's days-from-civil inverse.
      long z = Math.floorDiv(millis, 86_400_000L) + 719_468;
      long era = Math.floorDiv(z, 146_097);
      long doe = z - era * 146_097;
      long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
      long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
      long mp = (5 * doy + 2) / 153;
      long month = mp < 10 ? mp + 3 : mp - 9;
      long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
      return byYear ? year : year * 12 + month;
    }
  }

  /** How many bins the return distribution has. */
  static final int BINS = 40;

  /**
   * Counts of {@code values} in {@code bins} equal bins over {@code [lo, hi]} (the last bin closed);
   * NaN and values outside are not counted.
   */
  static int[] histogram(double[] values, double lo, double hi, int bins) {
    int[] counts = new int[bins];
    double width = (hi - lo) / bins;
    for (double v : values) {
      if (v >= lo && v <= hi) {
        counts[width > 0 ? Math.min(bins - 1, (int) ((v - lo) / width)) : 0]++;
      }
    }
    return counts;
  }

  /** The histogram of both return series on shared bins from their joint minimum to maximum. */
  static String distribution(double[] strategy, double[] benchmark) {
    StringBuilder svg = open("return-distribution");
    double[] range = range(strategy, benchmark);
    if (range == null) {
      return svg.append(NO_VALUES).toString();
    }
    double lo = range[0];
    double hi = range[1];
    int[] cs = histogram(strategy, lo, hi, BINS);
    int[] cb = histogram(benchmark, lo, hi, BINS);
    int top = 1;
    for (int i = 0; i < BINS; i++) {
      top = Math.max(top, Math.max(cs[i], cb[i]));
    }
    double low = lo;
    double span = hi - lo;
    int highest = top;
    java.util.function.DoubleUnaryOperator x = v -> LEFT + (RIGHT - LEFT) * (v - low) / span;
    java.util.function.IntToDoubleFunction y = c -> BOTTOM - (BOTTOM - TOP) * (double) c / highest;
    for (double tick : ticks(0, top, false)) {
      double ty = y.applyAsDouble((int) Math.round(tick));
      svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e3e6ea\"/>",
          LEFT, ty, RIGHT, ty));
      svg.append(String.format(Locale.ROOT, "<text class=\"tick-y\" x=\"%d\" y=\"%.1f\" font-size=\"11\" "
          + "text-anchor=\"end\" fill=\"#555\">%s</text>", LEFT - 6, ty + 4, label(Math.round(tick))));
    }
    for (double tick : ticks(lo, hi, false)) {
      double tx = x.applyAsDouble(tick);
      svg.append(String.format(Locale.ROOT, "<text class=\"tick-x\" x=\"%.1f\" y=\"%d\" font-size=\"11\" "
          + "text-anchor=\"middle\" fill=\"#555\">%s</text>", tx, BOTTOM + 16, label(tick)));
    }
    double width = (double) (RIGHT - LEFT) / BINS;
    for (int i = 0; i < BINS; i++) {
      double bx = LEFT + i * width;
      double from = lo + span * i / BINS;
      double to = lo + span * (i + 1) / BINS;
      if (cs[i] > 0) {
        svg.append(String.format(Locale.ROOT, "<rect class=\"bin strategy\" data-count=\"%d\" data-from=\"%s\" "
            + "data-to=\"%s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" "
            + "fill-opacity=\"0.7\"><title>%s to %s %%: %d bars</title></rect>", cs[i], from, to, bx,
            y.applyAsDouble(cs[i]), width, BOTTOM - y.applyAsDouble(cs[i]), STRATEGY, label(from), label(to), cs[i]));
      }
      if (cb[i] > 0) {
        svg.append(String.format(Locale.ROOT, "<rect class=\"bin benchmark\" data-count=\"%d\" x=\"%.1f\" "
            + "y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" stroke=\"%s\"/>", cb[i], bx,
            y.applyAsDouble(cb[i]), width, BOTTOM - y.applyAsDouble(cb[i]), BENCHMARK));
      }
    }
    if (lo < 0 && hi > 0) {
      double zx = x.applyAsDouble(0);
      svg.append(String.format(Locale.ROOT, "<line class=\"zero\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" "
          + "stroke=\"#555\" stroke-dasharray=\"4 3\"/>", zx, TOP, zx, BOTTOM));
    }
    svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#555\"/>", LEFT,
        BOTTOM, RIGHT, BOTTOM));
    svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#555\"/>", LEFT,
        TOP, LEFT, BOTTOM));
    return svg.append("</svg>").toString();
  }

  private static double[] pct(double[] fractions) {
    double[] out = new double[fractions.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = 100 * fractions[i];
    }
    return out;
  }

  private static final String NO_VALUES = "<text x=\"" + LEFT + "\" y=\"100\">no finite values</text></svg>";

  /** An SVG element's opening tag, sized as every chart of the report. */
  private static StringBuilder open(String id) {
    return new StringBuilder().append("<svg id=\"").append(id).append("\" class=\"chart\" role=\"img\" viewBox=\"0 0 ")
        .append(WIDTH).append(' ').append(HEIGHT).append("\">");
  }

  /** The finite values' joint {min, max} (widened by 1 each way when flat), or null when there are none. */
  private static double[] range(double[] a, double[] b) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double[] s : new double[][] {a, b}) {
      for (double v : s == null ? new double[0] : s) {
        if (Double.isFinite(v)) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
    }
    if (!(lo <= hi)) {
      return null;
    }
    return hi - lo < 1e-12 ? new double[] {lo - 1, hi + 1} : new double[] {lo, hi};
  }

  /** A chart of two series (blue, then grey) on the report's time axis. */
  public static String pair(String id, long[] times, double[] first, double[] second, boolean log) {
    return svg(id, TimeAxis.of(times), first, second, log);
  }

  /** A chart of one series on the report's time axis (a walk-forward's stitched wealth, say). */
  public static String single(String id, long[] times, double[] values) {
    return svg(id, TimeAxis.of(times), values, null, false);
  }

  /** One chart: both series (the benchmark may be null) on shared axes; {@code log}: values are log10 and ticks read as powers of ten. */
  static String svg(String id, TimeAxis axis, double[] strategy, double[] benchmark, boolean log) {
    int n = axis.bars();
    StringBuilder svg = open(id);
    double[] range = range(strategy, benchmark);
    if (range == null) {
      return svg.append(NO_VALUES).toString();
    }
    double lo = range[0];
    double hi = range[1];
    double low = lo;
    double span = hi - lo;
    java.util.function.DoubleUnaryOperator y = v -> BOTTOM - (BOTTOM - TOP) * (v - low) / span;
    java.util.function.IntToDoubleFunction x = i -> LEFT + (RIGHT - LEFT) * (double) i / Math.max(1, n - 1);
    // Value axis: five steps of a 1-2-5 size (log: the powers of ten and their 2 and 5 multiples).
    for (double tick : ticks(lo, hi, log)) {
      double ty = y.applyAsDouble(tick);
      svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e3e6ea\"/>",
          LEFT, ty, RIGHT, ty));
      svg.append(String.format(Locale.ROOT, "<text class=\"tick-y\" x=\"%d\" y=\"%.1f\" font-size=\"11\" "
          + "text-anchor=\"end\" fill=\"#555\">%s</text>", LEFT - 6, ty + 4, label(log ? Math.pow(10, tick) : tick)));
    }
    // Time axis: a tick at each new year (each new month under two years).
    for (int k = 0; k < axis.at().length; k++) {
      double tx = x.applyAsDouble(axis.at()[k]);
      svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#eef0f2\"/>",
          tx, TOP, tx, BOTTOM));
      svg.append(String.format(Locale.ROOT, "<text class=\"tick-x\" x=\"%.1f\" y=\"%d\" font-size=\"11\" "
          + "text-anchor=\"middle\" fill=\"#555\">%s</text>", tx, BOTTOM + 16, axis.labels()[k]));
    }
    svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#555\"/>", LEFT,
        BOTTOM, RIGHT, BOTTOM));
    svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#555\"/>", LEFT,
        TOP, LEFT, BOTTOM));
    if (benchmark != null) {
      line(svg, "benchmark", benchmark, x, y, BENCHMARK);
    }
    line(svg, "strategy", strategy, x, y, STRATEGY);
    return svg.append("</svg>").toString();
  }

  private static void line(StringBuilder svg, String name, double[] values, java.util.function.IntToDoubleFunction x,
      java.util.function.DoubleUnaryOperator y, String colour) {
    svg.append("<polyline class=\"").append(name).append("\" fill=\"none\" stroke=\"").append(colour)
        .append("\" stroke-width=\"1.5\" points=\"");
    boolean first = true;
    for (int i : RunCharts.decimate(values, MAX_POINTS)) {
      tenths(tenths(svg.append(first ? "" : " "), x.applyAsDouble(i)).append(','), y.applyAsDouble(values[i]));
      first = false;
    }
    svg.append("\"/>");
  }

  /** Tick values between lo and hi: a 1-2-5 step giving at most six, or powers of ten on a log axis. */
  static List<Double> ticks(double lo, double hi, boolean log) {
    List<Double> out = new ArrayList<>();
    if (log) {
      for (int e = (int) Math.floor(lo) - 1; e <= (int) Math.ceil(hi); e++) {
        for (double m : new double[] {1, 2, 5}) {
          double v = e + Math.log10(m);
          if (v >= lo && v <= hi) {
            out.add(v);
          }
        }
      }
      if (out.size() >= 2) {
        return out;
      }
      out.clear();
    }
    double raw = (hi - lo) / 5;
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    double step = raw / magnitude <= 1 ? magnitude : raw / magnitude <= 2 ? 2 * magnitude
        : raw / magnitude <= 5 ? 5 * magnitude : 10 * magnitude;
    for (double v = Math.ceil(lo / step) * step; v <= hi + 1e-9 * step; v += step) {
      out.add(Math.abs(v) < 1e-12 * step ? 0 : v);
    }
    return out;
  }

  private static String label(double v) {
    double a = Math.abs(v);
    if (a >= 1e5) {
      return String.format(Locale.ROOT, "%.0fk", v / 1000);
    }
    if (a >= 100 || v == Math.rint(v)) {
      return String.format(Locale.ROOT, "%.0f", v);
    }
    return String.format(Locale.ROOT, a >= 1 ? "%.1f" : "%.2f", v);
  }

  /**
   * {@code v} with one decimal, as {@code %.1f} writes it for a coordinate: a chart has thousands of
   * them, and {@code String.format} was most of a short backtest's report time.
   */
  static StringBuilder tenths(StringBuilder sb, double v) {
    if (!Double.isFinite(v)) {
      return sb.append(v);
    }
    long r = Math.round(Math.abs(v) * 10);
    if (v < 0 || 1 / v < 0) { // as %.1f: a negative that rounds to zero is "-0.0"
      sb.append('-');
    }
    return sb.append(r / 10).append('.').append(r % 10);
  }
}
