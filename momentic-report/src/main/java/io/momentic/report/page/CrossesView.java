package io.momentic.report.page;

import io.momentic.report.Numbers;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The golden/death-cross scan (reference {@code 000} §10): the two tables, the scoring rule, the
 * stamp, and a warning above them when the bars are older than the as-of date ({@code stale_data}):
 * then "none" means "not known", not "no crosses". With a chart prefix each symbol links to {@code prefix + SYMBOL} (the server's charts).
 */
public record CrossesView(Chrome chrome, String asOf, String metaLead, String metaTail, List<Section> sections, List<String> scoring,
    String generatedAt, String staleWarning) {

  public record Section(String kind, String title, List<Row> rows) {}

  public record Row(String symbol, String link, String crossDate, String barsAgo, String barWidth, String strength,
      String volumeTitle, String relativeVolume, String slopeTitle, String slope, String gapTitle, String gap,
      String close, boolean holding) {}

  public static CrossesView of(Map<String, Object> doc, String chartPrefix, Theme theme) {
    Map<?, ?> settings = (Map<?, ?>) doc.get("settings");
    String lead = "SMA" + settings.get("fast") + " crossing SMA" + settings.get("slow") + " in the "
        + settings.get("window_days") + " days to ";
    String tail = " · " + doc.get("scanned") + " symbols scanned, " + doc.get("too_short") + " with too little history";
    List<Section> sections = new ArrayList<>();
    for (String kind : List.of("golden", "death")) {
      List<Row> rows = new ArrayList<>();
      for (Object o : (List<?>) doc.get(kind)) {
        Map<?, ?> r = (Map<?, ?>) o;
        String symbol = String.valueOf(r.get("symbol"));
        double strength = Numbers.num(r.get("strength"));
        rows.add(new Row(symbol, chartPrefix == null ? null : chartPrefix + symbol, String.valueOf(r.get("cross_date")),
            String.valueOf(r.get("bars_ago")), "--w:" + String.format(Locale.ROOT, "%.0f", 10 * strength) + "%",
            Numbers.pattern(strength, "%.1f"), Numbers.pattern(r.get("volume_points"), "%.2f") + " points",
            Numbers.pattern(r.get("relative_volume"), "%.2f×"), Numbers.pattern(r.get("slope_points"), "%.2f") + " points",
            Numbers.pattern(r.get("slope_pct"), "%.2f%%"), Numbers.pattern(r.get("gap_points"), "%.2f") + " points",
            Numbers.pattern(r.get("gap_pct"), "%.2f%%"), Numbers.pattern(r.get("close"), "%.4f"),
            Boolean.TRUE.equals(r.get("holding"))));
      }
      sections.add(new Section(kind, kind.equals("golden") ? "Golden crosses" : "Death crosses", rows));
    }
    List<String> scoring = new ArrayList<>();
    for (Object line : (List<?>) doc.get("scoring")) {
      scoring.add(String.valueOf(line));
    }
    return new CrossesView(Chrome.file("Golden and death crosses " + doc.get("as_of"), theme),
        String.valueOf(doc.get("as_of")), lead, tail, sections, scoring, String.valueOf(doc.get("generated_at")),
        doc.get("stale_data") instanceof String w ? w : null);
  }

  public CrossesView withChrome(Chrome newChrome) {
    return new CrossesView(newChrome, asOf, metaLead, metaTail, sections, scoring, generatedAt, staleWarning);
  }
}
