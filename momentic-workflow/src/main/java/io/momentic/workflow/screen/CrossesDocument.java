package io.momentic.workflow.screen;

import io.momentic.core.BarSeries;
import io.momentic.core.Staleness;
import io.momentic.core.Timestamps;
import io.momentic.strategies.CrossScanner;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The golden/death-cross scan as a document: the terminal table, {@code --json}, the dated
 * snapshot, the pipeline archive, the web API and the page all read this one shape.
 */
public final class CrossesDocument {

  private CrossesDocument() {}

  /** The scan as a document (snake_case; an unknown measurement is null). */
  public static Map<String, Object> document(CrossScanner.Result r, CrossScanner.Settings s, Instant generatedAt) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("as_of", Timestamps.formatDate(r.asOfMillis()));
    doc.put("generated_at", generatedAt.toString());
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("fast", s.fast());
    settings.put("slow", s.slow());
    settings.put("window_days", s.windowDays());
    settings.put("volume_recent_bars", s.volumeRecent());
    settings.put("volume_base_bars", s.volumeBase());
    settings.put("slope_bars", s.slopeBars());
    doc.put("settings", settings);
    doc.put("scoring", List.of(
        "volume 0-4: 4 x (relative volume - 1); relative volume = mean volume of the " + s.volumeRecent()
            + " bars to the cross / mean of the " + s.volumeBase() + " bars before them",
        "slope 0-3: 3 x SMA" + s.fast() + " change over " + s.slopeBars() + " bars to the cross, in its direction, / 5%",
        "gap 0-3: 3 x (SMA" + s.fast() + " - SMA" + s.slow() + ") / SMA" + s.slow() + " at the last bar, in the cross's"
            + " direction, / 5%"));
    doc.put("scanned", r.scanned());
    doc.put("too_short", r.tooShort());
    doc.put("golden", hits(r.golden()));
    doc.put("death", hits(r.death()));
    return doc;
  }

  /**
   * Adds {@code stale_data} (the warning, or null) and {@code stale_series} (how many series ended
   * before the window could see a cross) to a scan document: an empty scan of stale bars means
   * "not known", and the page and terminal say so instead of "0 golden, 0 death".
   */
  public static void flagStale(Map<String, Object> doc, List<BarSeries> universe, long asOfMillis) {
    BarSeries newest = null;
    int staleSeries = 0;
    for (BarSeries s : universe) {
      if (s.isEmpty()) {
        continue;
      }
      if (newest == null || s.lastTime() > newest.lastTime()) {
        newest = s;
      }
      if (Staleness.stale(s.lastTime(), s.interval(), asOfMillis)) {
        staleSeries++;
      }
    }
    doc.put("stale_data", newest == null ? null
        : Staleness.warning(newest.lastTime(), newest.interval(), asOfMillis).orElse(null));
    doc.put("stale_series", staleSeries);
  }

  private static List<Map<String, Object>> hits(List<CrossScanner.Hit> hits) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (CrossScanner.Hit h : hits) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("symbol", h.symbol());
      m.put("cross_date", Timestamps.formatDate(h.crossTimeMillis()));
      m.put("bars_ago", h.barsAgo());
      m.put("close", finite(h.close()));
      m.put("sma_fast", finite(h.smaFast()));
      m.put("sma_slow", finite(h.smaSlow()));
      m.put("relative_volume", finite(h.relativeVolume()));
      m.put("slope_pct", finite(h.slopePct()));
      m.put("gap_pct", finite(h.gapPct()));
      m.put("volume_points", h.volumePoints());
      m.put("slope_points", h.slopePoints());
      m.put("gap_points", h.gapPoints());
      m.put("strength", h.strength());
      m.put("holding", h.holding());
      rows.add(m);
    }
    return rows;
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
