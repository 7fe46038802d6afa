package io.momentic.data;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.momentic.core.DataFormatException;
import io.momentic.core.LoadFailure;
import io.momentic.core.Membership;
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
 *
 * <p><b>Point-in-time membership</b>, two ways: columns {@code listed} and {@code delisted}
 * (YYYY-MM-DD; an empty {@code delisted} is still a member; a symbol may have several rows, one per
 * period; {@code reason} is kept as a note), or dated snapshots — a {@code date} column, one row per
 * member per snapshot, each snapshot valid until the next. Without either, the universe is
 * survivor-only ({@link Membership#SURVIVOR_ONLY}).
 */
public record UniverseFile(Path path, List<Entry> entries, Membership membership) {

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
    Membership.Builder periods = new Membership.Builder();
    java.util.TreeMap<Long, List<String>> snapshots = new java.util.TreeMap<>();
    int listedCol = -1;
    int delistedCol = -1;
    int dateCol = -1;
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
              case "listed" -> listedCol = i;
              case "delisted" -> delistedCol = i;
              case "date" -> dateCol = i;
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
        if (dateCol >= 0) {
          long d = date(r, dateCol, source, line, failures, "date");
          if (d != Long.MIN_VALUE) {
            snapshots.computeIfAbsent(d, k -> new ArrayList<>()).add(symbol);
          }
        } else if (listedCol >= 0) {
          long from = date(r, listedCol, source, line, failures, "listed");
          long to = delistedCol < 0 || field(r, delistedCol).isEmpty() ? Long.MAX_VALUE
              : date(r, delistedCol, source, line, failures, "delisted");
          if (from != Long.MIN_VALUE && to != Long.MIN_VALUE) {
            if (to <= from) {
              failures.add(new LoadFailure(source, line, "delisted", "a date after listed (" + field(r, listedCol)
                  + ")", "'" + field(r, delistedCol) + "'", "fix the dates"));
            } else {
              periods.add(symbol, from, to);
            }
          }
        }
        if (!seen.add(symbol)) {
          if (dateCol >= 0 || listedCol >= 0) {
            continue; // another snapshot or period of a symbol already listed
          }
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
    Membership membership;
    if (dateCol >= 0) {
      List<Long> dates = new ArrayList<>(snapshots.keySet());
      for (int i = 0; i < dates.size(); i++) {
        long to = i + 1 < dates.size() ? dates.get(i + 1) : Long.MAX_VALUE;
        for (String s : snapshots.get(dates.get(i))) {
          periods.add(s, dates.get(i), to);
        }
      }
      membership = periods.build(source + " (" + dates.size() + " dated snapshots)");
    } else if (listedCol >= 0) {
      membership = periods.build(source + " (listed/delisted dates)");
    } else {
      membership = Membership.survivorOnly(entries.stream().map(Entry::symbol).toList());
    }
    return new UniverseFile(file, entries, membership);
  }

  /** A YYYY-MM-DD cell as epoch ms (00:00 UTC), or Long.MIN_VALUE with a failure added. */
  private static long date(CsvRecord r, int column, String source, long line, List<LoadFailure> failures,
      String columnName) {
    String text = field(r, column);
    try {
      return java.time.LocalDate.parse(text).toEpochDay() * 86_400_000L;
    } catch (java.time.format.DateTimeParseException e) {
      failures.add(new LoadFailure(source, line, columnName, "a date YYYY-MM-DD", "'" + text + "'",
          "write the date as 2024-01-31"));
      return Long.MIN_VALUE;
    }
  }

  private static String field(CsvRecord r, int column) {
    return column < 0 || column >= r.getFieldCount() ? "" : r.getField(column).strip();
  }

  /** Finds an entry. */
  public Optional<Entry> entry(String symbol) {
    return entries.stream().filter(e -> e.symbol().equals(symbol)).findFirst();
  }
}
