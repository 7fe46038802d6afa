package io.momentic.workflow.screen;

import io.momentic.core.Clock;
import io.momentic.core.Interval;
import io.momentic.core.Panel;
import io.momentic.core.Resampler;
import io.momentic.data.ExchangeResolver;
import io.momentic.core.Timestamps;
import io.momentic.strategies.MomentumScreen;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The momentum shortlist as a document: the weekly panel it is computed on (in-progress week
 * dropped), the regime, and each listed name with its chart link. One shape feeds the terminal
 * table, {@code --json}, the HTML page and the pipeline's archive.
 */
public final class MomentumShortlist {

  public static final String CHART_BASE = "https://www.tradingview.com/chart/?symbol=";

  private MomentumShortlist() {}

  /**
   * Weekly bars as of {@code clock}: finer bars are aggregated to ISO weeks and a week that has
   * not ended by the clock's now is dropped (reference 000 §1); weekly input gets the same guard.
   */
  public static Panel weekly(Panel loaded, Clock clock) {
    if (loaded.interval() == Interval.W1) {
      int n = loaded.size();
      while (n > 0 && Resampler.bucketEnd(Resampler.bucketStart(loaded.time(n - 1), Interval.W1), Interval.W1)
          > clock.nowMillis()) {
        n--;
      }
      return loaded.upTo(n);
    }
    if (loaded.interval().millis() > Interval.W1.millis()) {
      throw new io.momentic.core.ConfigException("interval", "expected daily or weekly bars for the weekly "
          + "momentum screen, found " + loaded.interval().code());
    }
    return Resampler.resample(loaded, Interval.W1, clock);
  }

  /** TradingView's daily chart of a ticker: {@code EXCHANGE:TICKER} when the exchange is known, else the bare ticker. */
  public static String chartUrl(String symbol, Optional<String> exchange) {
    String code = exchange.map(e -> e + ":" + symbol).orElse(symbol);
    StringBuilder b = new StringBuilder(CHART_BASE);
    for (char c : code.toCharArray()) {
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-'
          || c == '_' || c == ':') {
        b.append(c);
      } else {
        for (byte x : String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
          b.append('%').append(String.format("%02X", x & 0xff));
        }
      }
    }
    return b.append("&interval=D").toString();
  }

  /** The shortlist document (snake_case; NaN becomes null so it is valid JSON). */
  public static Map<String, Object> document(MomentumScreen.Result r, MomentumScreen.Settings s, Panel weekly,
      ExchangeResolver exchanges, Instant generatedAt) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("week_start", Timestamps.formatDate(r.asOfMillis()));
    doc.put("week_end", Timestamps.formatDate(r.asOfMillis() + 6 * 86_400_000L));
    doc.put("generated_at", generatedAt.toString());
    Map<String, Object> regime = new LinkedHashMap<>();
    regime.put("breadth", finite(r.regime().breadth()));
    regime.put("state", r.regime().state());
    regime.put("risk_on_breadth", s.riskOnBreadth());
    regime.put("ma_weeks", s.gateMa());
    doc.put("regime", regime);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (MomentumScreen.Row row : r.rows()) {
      Optional<String> exchange = exchanges.resolve(row.symbol());
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("rank", row.rank());
      m.put("symbol", row.symbol());
      m.put("score", finite(row.score()));
      m.put("trend_13w_pct", finite(row.trend13wPct()));
      m.put("addv", finite(row.addv()));
      m.put("close", finite(row.close()));
      m.put("exchange", exchange.orElse(null));
      m.put("chart_url", chartUrl(row.symbol(), exchange));
      rows.add(m);
    }
    doc.put("shortlist", rows);
    Map<String, Object> universe = new LinkedHashMap<>();
    universe.put("symbols", weekly.symbolCount());
    universe.put("trading", r.trading());
    universe.put("scored", r.scored());
    universe.put("below_floor", r.belowFloor());
    doc.put("universe", universe);
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("lookback_weeks", s.lookback());
    settings.put("skip_weeks", s.skip());
    settings.put("top", s.top());
    settings.put("min_addv", s.minAddv());
    settings.put("score", "total return over lookback_weeks ending skip_weeks before week_start's week, as a fraction");
    settings.put("addv", "mean(weekly close x weekly volume) over 13 weeks / trading days per week");
    doc.put("settings", settings);
    return doc;
  }

  public static Object finite(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
