package io.momentic.report.page;

import io.momentic.report.Numbers;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Breakout section's first page: the Scanner tab (the current signals of an interval, each
 * linking to its analysis) and the Manual tab (any stored symbol, interval and bar).
 *
 * @param tab {@code scanner} or {@code manual}
 * @param summary one line about the scan (signals, symbols scanned, below the volume floor, failed)
 */
public record BreakoutView(Chrome chrome, String tab, String interval, List<String> intervals, String minQuoteVolume,
    List<Row> signals, String summary, List<String> failed, List<String> symbols, String message,
    List<PulseRow> pulse) {

  /** The Pulse tab's row for a signal's symbol. */
  public record PulseRow(String symbol, String label, String total, String inputs, String missing) {}

  /** The Pulse tab: the pulse composite of each signal's symbol, with the inputs missing and why. */
  public static BreakoutView pulse(String interval, List<String> intervals, List<PulseRow> rows, String summary) {
    return new BreakoutView(Chrome.served("Breakout — pulse"), "pulse", interval, intervals, "", List.of(), summary,
        List.of(), List.of(), null, rows);
  }

  /** One signal of the scan. */
  public record Row(String symbol, String barTime, String direction, String score, String body, String volMult,
      String adx, String regime, String entry, String stop, String target, String link) {}

  /** The view of a scan document ({@code signals}: maps with the scan's keys). */
  public static BreakoutView scanner(String interval, List<String> intervals, double minQuoteVolume,
      List<Map<String, Object>> signals, String summary, List<String> failed, List<String> symbols) {
    List<Row> rows = new ArrayList<>();
    for (Map<String, Object> s : signals) {
      String symbol = String.valueOf(s.get("symbol"));
      String bar = String.valueOf(s.get("bar_time"));
      rows.add(new Row(symbol, bar, String.valueOf(s.get("direction")), Numbers.pattern(s.get("score"), "%.1f"),
          Numbers.pattern(s.get("body_pct"), "%.2f"), Numbers.pattern(s.get("vol_mult"), "%.2f"),
          Numbers.pattern(s.get("adx"), "%.1f"), Numbers.pattern(s.get("regime_score"), "%.1f"),
          Numbers.pattern(s.get("entry"), "%.6g"), Numbers.pattern(s.get("stop"), "%.6g"),
          Numbers.pattern(s.get("target"), "%.6g"), analysisLink(symbol, interval, bar)));
    }
    return new BreakoutView(Chrome.served("Breakout scanner"), "scanner", interval, intervals,
        Numbers.pattern(minQuoteVolume, "%.0f"), rows, summary, failed, symbols, null, List.of());
  }

  /** The Manual tab: a form over the stored symbols. */
  public static BreakoutView manual(String interval, List<String> intervals, List<String> symbols, String message) {
    return new BreakoutView(Chrome.served("Breakout — manual"), "manual", interval, intervals, "", List.of(), "",
        List.of(), symbols, message, List.of());
  }

  public static String analysisLink(String symbol, String interval, String barTime) {
    return "/breakout/analysis?symbol=" + enc(symbol) + "&interval=" + enc(interval) + "&bar=" + enc(barTime);
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  public boolean scannerTab() {
    return tab.equals("scanner");
  }

  public boolean pulseTab() {
    return tab.equals("pulse");
  }
}
