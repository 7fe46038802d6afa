package io.momentic.cli.data;

import io.momentic.cli.LoadMixin;
import io.momentic.cli.Main;
import io.momentic.cli.MomenticCommand;
import io.momentic.core.BarSeries;
import io.momentic.core.DataFormatException;
import io.momentic.core.Timestamps;
import io.momentic.data.BarFiles;
import io.momentic.data.CanonicalCsv;
import io.momentic.data.LoadedBars;
import io.momentic.data.Workspace;
import io.momentic.report.text.Tables;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code momentic import FILE…}: foreign bar files → canonical CSVs in {@code data/raw/}, one per
 * symbol. Every file is validated before anything is written, so a bad file leaves the
 * workspace exactly as it was.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
    description = "Convert bar files (any supported layout) into canonical CSVs in <workspace>/data/raw/, one per symbol. "
        + "All files are validated first; nothing is written if any is invalid.")
public final class ImportCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @ParentCommand
  MomenticCommand root;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Bar files to import.")
  List<Path> files;

  @Mixin
  LoadMixin load;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<LoadedBars> loaded = new ArrayList<>();
    for (Path f : files) {
      loaded.add(BarFiles.read(f, load.options().withDropReport(null)));
    }
    Workspace ws = root.workspace().create();
    List<List<String>> rows = new ArrayList<>();
    long total = 0;
    for (LoadedBars bars : loaded) {
      for (BarSeries s : bars.series()) {
        Path target = ws.rawFile(s.symbol());
        CanonicalCsv.write(s, target);
        total += s.size();
        rows.add(List.of(s.symbol(), Integer.toString(s.size()), s.interval().code(),
            io.momentic.core.Timestamps.formatDate(s.firstTime()), io.momentic.core.Timestamps.formatDate(s.lastTime()),
            bars.layout().code()));
      }
    }
    Tables.print(out, List.of("symbol", "bars", "interval", "first", "last", "from layout"), rows);
    out.println();
    out.println("imported " + total + " bars of " + rows.size() + " symbol(s) into " + ws.raw());
    for (LoadedBars bars : loaded) {
      for (String q : bars.quirks()) {
        out.println("note: " + bars.source() + ": " + q);
      }
      bars.dropped().stream().limit(io.momentic.core.DataFormatException.MAX_LISTED)
          .forEach(f -> out.println("dropped: " + f.message()));
    }
    return Main.EXIT_OK;
  }
}
