package io.momentic.report.chart;

import io.momentic.research.RunMetrics;
import io.momentic.analytics.EquityMetrics;
import io.momentic.analytics.ReturnMetrics;
import io.momentic.engine.BacktestResult;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The run's three panels — equity, drawdown, rolling Sharpe — rendered headless with XChart into
 * one PNG. The rolling window is a quarter of a year of bars (63 daily, 13 weekly).
 */
public final class RunCharts {

  public static final int WIDTH = 1000;

  private final List<Date> dates;
  private final double[] equity;
  private final double[] drawdownPct;
  private final double[] rollingSharpe;
  private final int window;

  private RunCharts(List<Date> dates, double[] equity, double[] drawdownPct, double[] rollingSharpe, int window) {
    this.dates = dates;
    this.equity = equity;
    this.drawdownPct = drawdownPct;
    this.rollingSharpe = rollingSharpe;
    this.window = window;
  }

  public static RunCharts of(BacktestResult r, double periodsPerYear) {
    double[] equity = r.equity();
    double[] returns = EquityMetrics.returns(RunMetrics.wealth(r)); // returns[t] is the return into bar t
    int window = Math.max(2, (int) Math.round(periodsPerYear / 4));
    double[] sharpe = ReturnMetrics.rollingSharpe(returns, window, periodsPerYear);
    double[] dd = RunMetrics.drawdowns(r);
    for (int t = 0; t < dd.length; t++) {
      dd[t] *= 100;
    }
    List<Date> dates = new ArrayList<>(equity.length);
    for (long t : r.times()) {
      dates.add(new Date(t));
    }
    return new RunCharts(dates, equity, dd, sharpe, window);
  }

  public int window() {
    return window;
  }

  private static final java.util.concurrent.atomic.AtomicBoolean WARMED = new java.util.concurrent.atomic.AtomicBoolean();

  /**
   * Starts, once per process, a background render of a two-point chart: the first chart of a JVM
   * spends most of its time loading fonts, Java2D and the PNG writer, and doing that while the
   * data loads and the backtest runs takes it off the command's critical path. Daemon: it never
   * holds the process open.
   */
  public static void warmUpInBackground() {
    if (WARMED.compareAndSet(false, true)) {
      Thread t = new Thread(() -> {
        try {
          new RunCharts(List.of(new Date(0), new Date(86_400_000L)), new double[] {1, 2}, new double[] {0, -1},
              new double[] {Double.NaN, 1}, 2).png("warm-up");
        } catch (IOException | RuntimeException | LinkageError e) {
          // Only a head start: the real chart reports any failure.
        }
      }, "chart-warm-up");
      t.setDaemon(true);
      t.start();
    }
  }

  /** The stacked PNG (equity 360 px, drawdown and rolling Sharpe 220 px each). */
  public byte[] png(String title) throws IOException {
    System.setProperty("java.awt.headless", "true");
    BufferedImage top = BitmapEncoder.getBufferedImage(chart(title + " — equity", "equity", equity, 360,
        new Color(0x1f, 0x6f, 0xb4)));
    BufferedImage mid = BitmapEncoder.getBufferedImage(chart("drawdown", "%", drawdownPct, 220,
        new Color(0xc0, 0x39, 0x2b)));
    BufferedImage low = BitmapEncoder.getBufferedImage(chart("rolling Sharpe (" + window + " bars)", "Sharpe",
        rollingSharpe, 220, new Color(0x2e, 0x8b, 0x57)));
    BufferedImage all = new BufferedImage(WIDTH, top.getHeight() + mid.getHeight() + low.getHeight(),
        BufferedImage.TYPE_INT_RGB);
    Graphics2D g = all.createGraphics();
    g.drawImage(top, 0, 0, null);
    g.drawImage(mid, 0, top.getHeight(), null);
    g.drawImage(low, 0, top.getHeight() + mid.getHeight(), null);
    g.dispose();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ImageIO.write(all, "png", bytes);
    return bytes.toByteArray();
  }

  private XYChart chart(String title, String yTitle, double[] values, int height, Color color) {
    // At most two points per horizontal pixel (each bucket's low and high, in time order): a
    // million-bar run draws as fast as a year, and no spike is lost.
    int[] kept = decimate(values, 2 * WIDTH);
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int i : kept) {
      lo = Math.min(lo, values[i]);
      hi = Math.max(hi, values[i]);
    }
    // Extreme magnitudes are drawn in a power of ten the axis names, and the axis range is set here:
    // XChart's own tick search does not end on ranges like 1e300, or on a range of 1e-12 at 1e15.
    double scale = 1;
    String unit = "";
    double magnitude = kept.length == 0 ? 0 : Math.max(Math.abs(lo), Math.abs(hi));
    if (magnitude >= 1e9 || (magnitude > 0 && magnitude < 1e-3)) {
      int exponent = (int) Math.floor(Math.log10(magnitude)) - (magnitude >= 1e9 ? 3 : 0);
      scale = Math.pow(10, -exponent);
      unit = " (×1e" + exponent + ")";
    }
    XYChart chart = new XYChartBuilder().width(WIDTH).height(height).title(title).yAxisTitle(yTitle + unit).build();
    chart.getStyler().setLegendVisible(false);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setPlotBackgroundColor(Color.WHITE);
    chart.getStyler().setPlotGridLinesColor(new Color(0xe0, 0xe0, 0xe0));
    chart.getStyler().setTimezone(TimeZone.getTimeZone("UTC"));
    chart.getStyler().setLocale(Locale.ROOT);
    chart.getStyler().setDatePattern("yyyy-MM");
    chart.getStyler().setYAxisDecimalPattern("#,##0.##");
    List<Date> x = new ArrayList<>(kept.length);
    List<Double> y = new ArrayList<>(kept.length);
    for (int i : kept) {
      x.add(dates.get(i));
      y.add(values[i] * scale);
    }
    if (x.isEmpty()) { // XChart cannot draw an empty series: show a flat zero line instead
      x.add(dates.get(0));
      y.add(0.0);
      lo = 0;
      hi = 0;
    }
    double min = lo * scale;
    double max = hi * scale;
    double span = max - min;
    if (!(span > Math.max(Math.abs(max), Math.abs(min)) * 1e-6)) { // flat, or flat to the axis's precision
      double mid = (max + min) / 2;
      double pad = Math.max(1e-6, Math.abs(mid) * 0.01);
      min = mid - pad;
      max = mid + pad;
      span = max - min;
    }
    chart.getStyler().setYAxisMin(min - span * 0.05);
    chart.getStyler().setYAxisMax(max + span * 0.05);
    XYSeries s = chart.addSeries(yTitle, x, y);
    s.setMarker(SeriesMarkers.NONE);
    s.setLineColor(color);
    return chart;
  }

  /**
   * Indexes of the finite values to draw, in order: all of them when there are at most
   * {@code maxPoints}, else the lowest and the highest of each of {@code maxPoints / 2} buckets.
   */
  public static int[] decimate(double[] values, int maxPoints) {
    int finite = 0;
    for (double v : values) {
      if (Double.isFinite(v)) {
        finite++;
      }
    }
    if (finite <= maxPoints) {
      int[] all = new int[finite];
      for (int i = 0, k = 0; i < values.length; i++) {
        if (Double.isFinite(values[i])) {
          all[k++] = i;
        }
      }
      return all;
    }
    int buckets = maxPoints / 2;
    int[] out = new int[2 * buckets];
    int k = 0;
    for (int b = 0; b < buckets; b++) {
      int from = (int) ((long) values.length * b / buckets);
      int to = (int) ((long) values.length * (b + 1) / buckets);
      int lowAt = -1;
      int highAt = -1;
      for (int i = from; i < to; i++) {
        if (Double.isFinite(values[i])) {
          if (lowAt < 0 || values[i] < values[lowAt]) {
            lowAt = i;
          }
          if (highAt < 0 || values[i] > values[highAt]) {
            highAt = i;
          }
        }
      }
      if (lowAt >= 0) {
        out[k++] = Math.min(lowAt, highAt);
        if (highAt != lowAt) {
          out[k++] = Math.max(lowAt, highAt);
        }
      }
    }
    return java.util.Arrays.copyOf(out, k);
  }
}
