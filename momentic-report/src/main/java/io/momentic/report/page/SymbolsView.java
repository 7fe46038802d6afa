package io.momentic.report.page;

import java.util.List;

/**
 * The symbol index: every stored series (symbol, venue, interval, bars, last bar) linking to its
 * chart, with a search box; also the 404 page of a chart for a symbol the store does not have
 * ({@code missing} names it).
 */
public record SymbolsView(Chrome chrome, List<Row> rows, String missing) {

  public record Row(String symbol, String venue, String interval, String bars, String lastBar, String chart) {}
}
