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
    XYChart chart = new XYChartBuilder().width(WIDTH).height(height).title(title).yAxisTitle(yTitle).build();
    chart.getStyler().setLegendVisible(false);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setPlotBackgroundColor(Color.WHITE);
    chart.getStyler().setPlotGridLinesColor(new Color(0xe0, 0xe0, 0xe0));
    chart.getStyler().setTimezone(TimeZone.getTimeZone("UTC"));
    chart.getStyler().setLocale(Locale.ROOT);
    chart.getStyler().setDatePattern("yyyy-MM");
    chart.getStyler().setYAxisDecimalPattern("#,##0.##");
    List<Date> x = new ArrayList<>();
    List<Double> y = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      if (!Double.isNaN(values[i]) && !Double.isInfinite(values[i])) {
        x.add(dates.get(i));
        y.add(values[i]);
      }
    }
    if (x.isEmpty()) { // XChart cannot draw an empty series: show a flat zero line instead
      x.add(dates.get(0));
      y.add(0.0);
    }
    XYSeries s = chart.addSeries(yTitle, x, y);
    s.setMarker(SeriesMarkers.NONE);
    s.setLineColor(color);
    return chart;
  }
}
