package io.momentic.data.provider;

import io.momentic.core.BarSeries;
import io.momentic.core.DataFormatException;
import io.momentic.core.Instrument;
import io.momentic.core.Interval;
import io.momentic.core.Symbols;
import io.momentic.data.BarFiles;
import io.momentic.data.LoadOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A folder of bar files ({@code <SYMBOL>.csv} in any layout {@link BarFiles} detects) behind the
 * provider port: the offline path, and how the demo and tests feed the store.
 */
public final class CsvFolderProvider implements DataProvider {

  public static final String NAME = "csv";

  private final Path folder;
  private final String venue;

  public CsvFolderProvider(Path folder, String venue) {
    this.folder = folder;
    this.venue = venue;
  }

  @Override
  public String name() {
    return venue;
  }

  @Override
  public List<String> symbols() {
    return BarFiles.csvFiles(folder).stream().map(p -> p.getFileName().toString())
        .map(n -> n.substring(0, n.length() - 4)).toList();
  }

  @Override
  public BarSeries fetch(String symbol, Interval interval, long sinceMillis, long nowMillis) {
    Path file = Symbols.file(folder, symbol, ".csv");
    if (!Files.isRegularFile(file)) {
      throw new SymbolNotFoundException(file + " does not exist; the folder has " + symbols().size() + " symbols");
    }
    BarSeries all;
    try {
      all = BarFiles.read(file, LoadOptions.DEFAULT.withSymbol(symbol).withInterval(interval)).single();
    } catch (DataFormatException e) { // one bad file fails its symbol alone; the others are still stored
      throw new FetchException(e.firstLine(), e);
    }
    all = all.withInstrument(new io.momentic.core.Instrument(symbol, venue, all.instrument().assetClass(),
        all.instrument().wholeUnits()));
    return DataProvider.closedSince(all, sinceMillis, nowMillis);
  }
}
