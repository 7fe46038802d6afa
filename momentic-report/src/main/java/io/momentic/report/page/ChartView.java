package io.momentic.report.page;

/**
 * An interactive chart page (TradingView Lightweight Charts, served by the server from the jar):
 * the chart reads its data from {@code dataUrl}. {@code kind} picks the bundled script.
 *
 * @param linkText the text of a link below the chart to {@code linkUrl}
 */
public record ChartView(Chrome chrome, String heading, Kind kind, String dataUrl, String note, String linkUrl,
    String linkText) {

  /** Which chart. */
  public enum Kind {
    PRICE("price-chart.js"),
    EQUITY("equity-chart.js"),
    TRADES("trade-chart.js");

    private final String script;

    Kind(String script) {
      this.script = script;
    }

    public String script() {
      return Assets.scriptSafe(Assets.text(script));
    }
  }
}
