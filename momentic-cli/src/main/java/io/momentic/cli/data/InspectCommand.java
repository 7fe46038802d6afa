package io.momentic.cli.data;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.momentic.cli.LoadMixin;
import io.momentic.cli.Main;
import io.momentic.core.BarSeries;
import io.momentic.core.DataFormatException;
import io.momentic.core.LoadFailure;
import io.momentic.data.BarFiles;
import io.momentic.data.LoadedBars;
import io.momentic.report.text.Tables;
import io.momentic.workflow.data.SeriesSummary;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code momentic inspect FILE}: layout, rows, symbols, range, gaps and quirks of a bar file. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
    description = "Show a bar file's layout, rows, symbols, date range, missing bars and accepted quirks. "
        + "On invalid input lists the first 20 problems and exits 2.")
public final class InspectCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "A bar file in any supported layout.")
  Path file;

  @Mixin
  LoadMixin load;

  @Option(names = "--json", description = "Print JSON instead of a table.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    LoadedBars bars;
    try {
      bars = BarFiles.read(file, load.options().withDropReport(null));
    } catch (DataFormatException e) {
      out.print(e.listing());
      out.flush();
      throw e;
    }
    List<SeriesSummary> summaries = new ArrayList<>();
    for (BarSeries s : bars.series()) {
      summaries.add(SeriesSummary.of(s));
    }
    if (json) {
      out.println(toJson(bars, summaries));
      return Main.EXIT_OK;
    }
    out.println("file:     " + bars.source());
    out.println("layout:   " + bars.layout().code());
    out.println("interval: " + bars.interval().code() + "  (" + bars.series().get(0).instrument().assetClass()
        .name().toLowerCase() + ", " + bars.series().get(0).instrument().calendar().name().toLowerCase() + " calendar)");
    out.println("rows:     " + bars.rows() + " read, " + bars.barCount() + " bars kept, " + bars.dropped().size()
        + " dropped");
    out.println("symbols:  " + bars.series().size());
    out.println();
    List<List<String>> rows = new ArrayList<>();
    int shown = Math.min(summaries.size(), 50);
    for (int i = 0; i < shown; i++) {
      SeriesSummary s = summaries.get(i);
      rows.add(List.of(s.symbol(), Integer.toString(s.bars()), s.first().substring(0, 10), s.last().substring(0, 10),
          Tables.num(s.lastClose(), 4), Long.toString(s.missingBars())));
    }
    Tables.print(out, List.of("symbol", "bars", "first", "last", "last close", "missing"), rows);
    if (summaries.size() > shown) {
      out.println("... and " + (summaries.size() - shown) + " more symbols (use --json for all)");
    }
    if (!bars.quirks().isEmpty()) {
      out.println();
      out.println("quirks (accepted):");
      for (String q : bars.quirks()) {
        out.println("  - " + q);
      }
    }
    if (!bars.dropped().isEmpty()) {
      out.println();
      out.println("dropped rows:");
      int n = Math.min(DataFormatException.MAX_LISTED, bars.dropped().size());
      for (int i = 0; i < n; i++) {
        out.println("  - " + bars.dropped().get(i).message());
      }
      if (bars.dropped().size() > n) {
        out.println("  ... and " + (bars.dropped().size() - n) + " more");
      }
    }
    return Main.EXIT_OK;
  }

  public static String toJson(LoadedBars bars, List<SeriesSummary> summaries) throws Exception {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    root.put("file", bars.source());
    root.put("layout", bars.layout().code());
    root.put("interval", bars.interval().code());
    root.put("rows", bars.rows());
    root.put("bars", bars.barCount());
    root.put("symbol_count", bars.series().size());
    ArrayNode symbols = root.putArray("symbols");
    for (SeriesSummary s : summaries) {
      ObjectNode n = symbols.addObject();
      n.put("symbol", s.symbol());
      n.put("bars", s.bars());
      n.put("first", s.first());
      n.put("last", s.last());
      n.put("last_close", s.lastClose());
      n.put("missing_bars", s.missingBars());
    }
    ArrayNode quirks = root.putArray("quirks");
    bars.quirks().forEach(quirks::add);
    ArrayNode dropped = root.putArray("dropped");
    for (LoadFailure f : bars.dropped()) {
      dropped.add(f.message());
    }
    return mapper.writeValueAsString(root);
  }
}
