package io.momentic.data;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.momentic.core.DataFormatException;
import io.momentic.core.LoadFailure;
import io.momentic.core.Symbols;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A universe: the symbols to screen, one per row of a CSV with a header. Column {@code symbol} is
 * required; {@code exchange} (the primary listing, e.g. NASDAQ, NYSE, AMEX) and {@code name} are
 * optional. Workspace universes live in {@code config/universe/<NAME>.csv}.
 */
public record UniverseFile(Path path, List<Entry> entries) {

  /** One member; {@code exchange} and {@code name} are empty when the file has no such column or cell. */
  public record Entry(String symbol, String exchange, String name) {}

  public UniverseFile {
    entries = List.copyOf(entries);
  }

  public List<String> symbols() {
    return entries.stream().map(Entry::symbol).toList();
  }

  /** The offline exchange resolver: the file's {@code exchange} column. */
  public ExchangeResolver exchanges() {
    return symbol -> entries.stream().filter(e -> e.symbol().equals(symbol) && !e.exchange().isEmpty())
        .map(Entry::exchange).findFirst();
  }

  /** Reads a universe file; every problem is reported with line, column, expected, found and a fix. */
  public static UniverseFile read(Path file) {
    String source = file.toString();
    if (!Files.isRegularFile(file)) {
      throw new DataFormatException(new LoadFailure(source, 0, "", "a universe CSV file", "no such file",
          "create it with a header 'symbol,exchange,name' or name an existing universe"));
    }
    List<Entry> entries = new ArrayList<>();
    List<LoadFailure> failures = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    try (CsvReader<CsvRecord> reader = CsvReader.builder().allowMissingFields(true).allowExtraFields(true)
        .skipEmptyLines(true).ofCsvRecord(file)) {
      int symbolCol = -1;
      int exchangeCol = -1;
      int nameCol = -1;
      boolean header = true;
      for (CsvRecord r : reader) {
        if (header) {
          header = false;
          for (int i = 0; i < r.getFieldCount(); i++) {
            switch (r.getField(i).strip().toLowerCase(Locale.ROOT)) {
              case "symbol", "ticker" -> symbolCol = i;
              case "exchange" -> exchangeCol = i;
              case "name" -> nameCol = i;
              default -> { } // other columns are the user's own notes
            }
          }
          if (symbolCol < 0) {
            throw new DataFormatException(new LoadFailure(source, r.getStartingLineNumber(), "",
                "a header with a 'symbol' column", "'" + String.join(",", r.getFields()) + "'",
                "add a header line such as symbol,exchange,name"));
          }
          continue;
        }
        long line = r.getStartingLineNumber();
        String symbol = field(r, symbolCol);
        if (symbol.isEmpty()) {
          failures.add(new LoadFailure(source, line, "symbol", "a ticker", "an empty cell", "fill it in or delete the row"));
          continue;
        }
        Optional<String> problem = Symbols.problem(symbol);
        if (problem.isPresent()) {
          failures.add(new LoadFailure(source, line, "symbol", "a ticker (" + Symbols.RULE + ")",
              Symbols.quoted(symbol) + ": " + problem.get(), "correct the ticker (a symbol never holds a path)"));
          continue;
        }
        if (!seen.add(symbol)) {
          failures.add(new LoadFailure(source, line, "symbol", "each symbol once", "'" + symbol + "' again",
              "delete the duplicate row"));
          continue;
        }
        entries.add(new Entry(symbol, field(r, exchangeCol).toUpperCase(Locale.ROOT), field(r, nameCol)));
      }
    } catch (IOException | UncheckedIOException e) {
      throw new DataFormatException(new LoadFailure(source, 0, "", "a readable CSV file", e.toString(),
          "check the file's permissions and quoting"));
    }
    if (!failures.isEmpty()) {
      throw new DataFormatException(failures);
    }
    if (entries.isEmpty()) {
      throw new DataFormatException(new LoadFailure(source, 0, "", "at least one symbol", "none",
          "list one symbol per line under the header"));
    }
    return new UniverseFile(file, entries);
  }

  private static String field(CsvRecord r, int column) {
    return column < 0 || column >= r.getFieldCount() ? "" : r.getField(column).strip();
  }

  /** Finds an entry. */
  public Optional<Entry> entry(String symbol) {
    return entries.stream().filter(e -> e.symbol().equals(symbol)).findFirst();
  }
}
