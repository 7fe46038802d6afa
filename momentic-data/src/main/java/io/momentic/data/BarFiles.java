package io.momentic.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.momentic.core.DataFormatException;
import io.momentic.core.LoadFailure;
import io.momentic.core.Symbols;
import io.momentic.core.Timestamps;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads bar files in any supported {@link BarLayout}: detects the layout from the header (or
 * takes it from the options), validates every row, and either returns the bars or throws one
 * {@link DataFormatException} listing every problem with file, line, column, expected, found
 * and a fix.
 */
public final class BarFiles {

  /** Made when a JSON file is first read: a CSV load does not pay for Jackson's start-up. */
  private static final class JsonReader {
    // Two responses back to back are one broken file, not the first response.
    static final ObjectMapper JSON = new ObjectMapper()
        .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  private BarFiles() {}

  public static LoadedBars read(Path file) {
    return read(file, LoadOptions.DEFAULT);
  }

  public static LoadedBars read(Path file, LoadOptions options) {
    String source = file.toString();
    if (!Files.isRegularFile(file)) {
      throw new DataFormatException(new LoadFailure(source, 0, "", "an existing file",
          Files.exists(file) ? "a directory or special file" : "no such file", "check the path"));
    }
    try {
      if (Files.size(file) == 0 || isBlank(file)) {
        throw new DataFormatException(new LoadFailure(source, 0, "", "a header line and data rows", "an empty file",
            "point to a file with bars"));
      }
      BarLayout layout = options.layout() != null ? options.layout() : detect(file);
      String symbol = options.symbol() != null ? Symbols.require("symbol", options.symbol()) : symbolFromFileName(file);
      try {
        LoadedBars bars = layout == BarLayout.BINANCE_KLINES_JSON ? readJson(file, source, options, symbol)
            : readCsv(file, source, layout, options, symbol);
        if (options.dropReport() != null && !bars.dropped().isEmpty()) {
          options.dropReport().dropped(source, bars.dropped());
        }
        return bars;
      } catch (DataFormatException e) {
        throw TextFiles.markTruncation(file, e);
      }
    } catch (CharacterCodingException e) {
      throw TextFiles.notUtf8(file);
    } catch (IOException e) {
      throw new DataFormatException(new LoadFailure(source, 0, "", "a readable file", TextFiles.describe(e),
          "check that it exists and you may read it"));
    }
  }

  /** The {@code *.csv} files of a folder, sorted by name. */
  public static List<Path> csvFiles(Path dir) {
    try (Stream<Path> listing = Files.list(dir)) {
      return listing.filter(f -> f.getFileName().toString().endsWith(".csv")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The bar files of a folder, read, and a note for each file skipped because it holds no bars. */
  public record FolderBars(List<LoadedBars> loaded, List<String> notes) {}

  /**
   * Reads every {@code *.csv} of {@code dir} that is a bar file; a file whose first line matches no
   * bar layout (a holiday list, labels, notes) is skipped with a note naming it and why. A bar file
   * with bad rows is still an error: bad input is reported, not skipped.
   */
  public static FolderBars readFolder(Path dir, LoadOptions options) {
    List<LoadedBars> loaded = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    for (Path f : csvFiles(dir)) {
      if (options.layout() == null) {
        try {
          detect(f);
        } catch (DataFormatException e) {
          notes.add("skipped " + f + ": not a bar file (its header " + e.failures().get(0).found()
              + " matches no bar layout)");
          continue;
        } catch (IOException e) {
          notes.add("skipped " + f + ": cannot read it (" + e.getMessage() + ")");
          continue;
        }
      }
      loaded.add(read(f, options.withSymbol(null)));
    }
    return new FolderBars(loaded, notes);
  }

  /** The layout of a file, from its first line. */
  public static BarLayout detect(Path file) throws IOException {
    String first = firstNonBlankLine(file);
    String source = file.toString();
    String stripped = first.strip();
    if (stripped.startsWith("[")) {
      return BarLayout.BINANCE_KLINES_JSON;
    }
    List<String> fields = TextFiles.csvFields(first);
    BarLayout layout = BarLayout.fromHeader(fields);
    if (layout != null) {
      return layout;
    }
    if (fields.size() == 12 && !fields.get(0).isEmpty() && Timestamps.parseOrInvalid(fields.get(0).strip())
        != Timestamps.INVALID) {
      return BarLayout.BINANCE_KLINES; // headerless klines dump
    }
    if (fields.size() == 1) {
      // One field only: most likely another delimiter. Name the most frequent candidate.
      char best = 0;
      long bestCount = 0;
      for (char d : new char[] {'\t', ';', '|'}) {
        long count = first.chars().filter(c -> c == d).count();
        if (count > bestCount) {
          best = d;
          bestCount = count;
        }
      }
      if (bestCount > 0) {
        String shown = best == '\t' ? "tab" : "'" + best + "'";
        throw new DataFormatException(new LoadFailure(source, 1, "", "comma-separated fields",
            shown + "-separated fields '" + abbreviate(first) + "'", "convert the delimiter to ',' (e.g. tr '"
            + (best == '\t' ? "\\t" : String.valueOf(best)) + "' ',')"));
      }
    }
    throw new DataFormatException(new LoadFailure(source, 1, "", "a known header (" + BarLayout.knownHeaders() + ")",
        "'" + abbreviate(first) + "'", "rename the columns to a known layout or pass --layout NAME"));
  }

  private static LoadedBars readCsv(Path file, String source, BarLayout layout, LoadOptions options, String symbol)
      throws IOException {
    RowCollector collector = new RowCollector(source, layout, options, symbol);
    boolean headerless = false;
    if (layout == BarLayout.BINANCE_KLINES) {
      String first = firstNonBlankLine(file);
      headerless = BarLayout.fromHeader(TextFiles.csvFields(first)) != BarLayout.BINANCE_KLINES;
    }
    try (CsvReader<CsvRecord> reader = CsvReader.builder()
        .allowExtraFields(true)
        .allowMissingFields(true)
        .skipEmptyLines(true)
        .detectBomHeader(true)
        .ofCsvRecord(file)) {
      boolean header = !headerless;
      CsvRecordFields fields = new CsvRecordFields();
      for (CsvRecord record : reader) {
        if (header) {
          header = false;
          if (options.layout() != null && layout != BarLayout.BINANCE_KLINES) {
            checkForcedHeader(collector, layout, record);
          }
          continue;
        }
        fields.record = record;
        collector.accept(record.getStartingLineNumber(), fields);
      }
    } catch (UncheckedIOException e) {
      if (e.getCause() instanceof CharacterCodingException) {
        throw TextFiles.notUtf8(file);
      }
      collector.failFile(0, "", "a readable file", TextFiles.describe(e.getCause()), "check the file");
    } catch (de.siegmar.fastcsv.reader.CsvParseException e) {
      // FastCSV says where the record started, the cause says what is wrong (an unclosed quote, a
      // field or record over its size limit): both, in words.
      if (e.getCause() instanceof CharacterCodingException
          || (e.getCause() instanceof UncheckedIOException u && u.getCause() instanceof CharacterCodingException)) {
        throw TextFiles.notUtf8(file);
      }
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("started in line (\\d+)")
          .matcher(String.valueOf(e.getMessage()));
      long line = m.find() ? Long.parseLong(m.group(1)) : 0;
      String why = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage()
          : String.valueOf(e.getMessage());
      collector.failFile(line, "", "well-formed CSV", why, "fix the quoting or split the line");
    }
    return collector.finish();
  }

  private static void checkForcedHeader(RowCollector collector, BarLayout layout, CsvRecord header) {
    if (header.getFieldCount() != layout.fieldCount()) {
      collector.failFile(header.getStartingLineNumber(), "", layout.fieldCount() + " header fields for --layout "
          + layout.code(), header.getFieldCount() + " ('" + abbreviate(String.join(",", header.getFields())) + "')",
          "choose the layout that matches the file");
    }
  }

  private static LoadedBars readJson(Path file, String source, LoadOptions options, String symbol) throws IOException {
    RowCollector collector = new RowCollector(source, BarLayout.BINANCE_KLINES_JSON, options, symbol);
    JsonNode root;
    try {
      root = JsonReader.JSON.readTree(file.toFile());
    } catch (JsonProcessingException e) {
      var loc = e.getLocation();
      throw new DataFormatException(new LoadFailure(source, loc == null ? 0 : loc.getLineNr(),
          loc == null ? "" : "char " + loc.getColumnNr(), "one complete JSON array of klines",
          TextFiles.jsonProblem(e), "re-download the response; it is truncated, corrupt or two responses in one"));
    }
    if (root == null || !root.isArray()) {
      throw new DataFormatException(new LoadFailure(source, 1, "", "a JSON array of klines",
          root == null ? "nothing" : root.getNodeType().toString(), "pass the raw /api/v3/klines response"));
    }
    JsonFields fields = new JsonFields();
    for (int k = 0; k < root.size(); k++) {
      fields.node = root.get(k);
      // JSON has no useful line numbers for a one-line response: report the kline's 1-based index.
      collector.accept(k + 1L, fields);
    }
    return collector.finish();
  }

  //-------------------------------------------------------------------------
  private static final class CsvRecordFields implements RowCollector.FieldSource {
    CsvRecord record;

    @Override
    public int count() {
      return record.getFieldCount();
    }

    @Override
    public String get(int column) {
      return record.getField(column);
    }
  }

  private static final class JsonFields implements RowCollector.FieldSource {
    JsonNode node;

    @Override
    public int count() {
      return node.isArray() ? node.size() : 0;
    }

    @Override
    public String get(int column) {
      return node.get(column).asText();
    }
  }

  /** The file's name without its extension, made a valid symbol (see {@link Symbols#fromName}). */
  static String symbolFromFileName(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return Symbols.fromName(dot > 0 ? name.substring(0, dot) : name);
  }

  private static boolean isBlank(Path file) throws IOException {
    if (Files.size(file) > 4096) {
      return false;
    }
    return Files.readString(file, StandardCharsets.UTF_8).isBlank();
  }

  private static String firstNonBlankLine(Path file) throws IOException {
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.startsWith("\uFEFF")) {
          line = line.substring(1); // a UTF-8 byte-order mark, as spreadsheet exports write
        }
        if (!line.isBlank()) {
          return line.length() > 4096 ? line.substring(0, 4096) : line;
        }
      }
    }
    return "";
  }

  private static String abbreviate(String s) {
    return s.length() > 80 ? s.substring(0, 80) + "…" : s;
  }
}
