package io.momentic.workflow.data;

import io.momentic.core.BarSeries;
import io.momentic.data.CanonicalCsv;
import io.momentic.data.SyntheticMarket;
import io.momentic.data.Workspace;
import io.momentic.report.text.Tables;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code momentic generate}: a seeded synthetic universe into the workspace's {@code data/raw}. */
public final class Synthetic {

  private Synthetic() {}

  /** Generates the universe and writes one canonical CSV per symbol; returns the series. */
  public static List<BarSeries> write(Workspace ws, SyntheticMarket.Spec s) {
    List<BarSeries> universe = SyntheticMarket.generate(s);
    for (BarSeries b : universe) {
      CanonicalCsv.write(b, ws.rawFile(b.symbol()));
    }
    return universe;
  }

  /** What was generated: the model line and one summary row per symbol. */
  public static void printSummary(PrintWriter out, List<BarSeries> universe, Workspace ws, SyntheticMarket.Spec s) {
    out.println("synthetic universe: " + universe.size() + " symbols x " + s.bars() + " " + s.interval().code()
        + " bars, model " + s.model().name().toLowerCase(Locale.ROOT) + ", seed " + s.seed());
    out.println("written to " + ws.raw());
    out.println();
    List<List<String>> rows = new ArrayList<>();
    for (BarSeries b : universe) {
      SeriesSummary sum = SeriesSummary.of(b);
      rows.add(List.of(sum.symbol(), Integer.toString(sum.bars()), sum.first().substring(0, 10),
          sum.last().substring(0, 10), Tables.num(sum.lastClose(), 2), Tables.num(sum.totalReturnPct(), 1),
          Tables.num(sum.annualVolatilityPct(), 1), Tables.num(sum.maxDrawdownPct(), 1)));
    }
    Tables.print(out, List.of("symbol", "bars", "first", "last", "last close", "total %", "vol %/yr", "max dd %"), rows);
  }
}
