package io.momentic.analytics.regime;

import io.momentic.core.DataFormatException;
import io.momentic.core.LoadFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Hand-labelled market periods (reference {@code 004}, spec §4.11): a tab-separated file without a
 * header, {@code start_date, end_date (inclusive), label, justification}, labels bear / ranging /
 * bull; a malformed row is a {@link DataFormatException} naming file, line, column, expected and
 * found. Non-ranging rows are the consensus periods that the regime score grades, named in
 * chronological order by {@link #CONSENSUS_IDS}; ranging rows are {@code ranging_<n>}.
 */
public final class ConsensusLabels {

  /** Canonical label order, also the posterior column order. */
  public static final List<String> LABELS = List.of("bear", "ranging", "bull");
  public static final int BEAR = 0;
  public static final int RANGING = 1;
  public static final int BULL = 2;
  /** Ids of the consensus periods, in the order they appear; also the results TSV's score columns. */
  public static final List<String> CONSENSUS_IDS =
      List.of("2018_bear", "2020q1_covid", "bull_2020_2021", "2022_bear", "2024_etf_bull");

  /** One labelled period. */
  public record Period(LocalDate start, LocalDate end, int label, String id, boolean consensus) {}

  private final List<Period> periods;

  public ConsensusLabels(List<Period> periods) {
    this.periods = List.copyOf(periods);
  }

  public List<Period> periods() {
    return periods;
  }

  /** The consensus period ids present, in order. */
  public List<String> consensusIds() {
    List<String> ids = new ArrayList<>();
    for (Period p : periods) {
      if (p.consensus()) {
        ids.add(p.id());
      }
    }
    return ids;
  }

  /** The period covering {@code date}, or null. */
  public Period on(LocalDate date) {
    for (Period p : periods) {
      if (!date.isBefore(p.start()) && !date.isAfter(p.end())) {
        return p;
      }
    }
    return null;
  }

  public LocalDate firstDay() {
    return periods.get(0).start();
  }

  public LocalDate lastDay() {
    return periods.get(periods.size() - 1).end();
  }

  /** Reads the labels file; any malformed row is one error naming file, line, column, expected and found. */
  public static ConsensusLabels read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the labels file " + file + ": " + e.getMessage(), e);
    }
    List<Period> periods = new ArrayList<>();
    int consensus = 0;
    int ranging = 0;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      int lineNo = i + 1;
      String[] f = line.split("\t", -1);
      if (f.length < 3) {
        throw error(file, lineNo, 1, "at least 3 tab-separated columns (start, end, label)", f.length + " column(s)",
            "separate the columns with tabs");
      }
      LocalDate start = date(file, lineNo, 1, f[0]);
      LocalDate end = date(file, lineNo, 2, f[1]);
      if (end.isBefore(start)) {
        throw error(file, lineNo, 2, "an end date on or after the start " + start, f[1], "swap or fix the dates");
      }
      int label = LABELS.indexOf(f[2].trim());
      if (label < 0) {
        throw error(file, lineNo, 3, "bear, ranging or bull", "'" + f[2] + "'", "use one of the three labels");
      }
      if (!periods.isEmpty() && !start.isAfter(periods.get(periods.size() - 1).end())) {
        throw error(file, lineNo, 1, "a start after the previous period's end " + periods.get(periods.size() - 1).end(),
            f[0], "sort the rows by date and remove overlaps");
      }
      String id;
      boolean isConsensus = label != RANGING;
      if (isConsensus) {
        if (consensus == CONSENSUS_IDS.size()) {
          throw error(file, lineNo, 3, "at most " + CONSENSUS_IDS.size() + " bear or bull periods",
              "a sixth", "label the extra period ranging or merge it with a neighbour");
        }
        id = CONSENSUS_IDS.get(consensus++);
      } else {
        id = "ranging_" + ranging++;
      }
      periods.add(new Period(start, end, label, id, isConsensus));
    }
    if (periods.isEmpty()) {
      throw new io.momentic.core.ConfigException("labels", "Expected labelled periods in " + file + ", but found none");
    }
    return new ConsensusLabels(periods);
  }

  private static LocalDate date(Path file, int line, int column, String text) {
    try {
      return LocalDate.parse(text.trim());
    } catch (DateTimeParseException e) {
      throw error(file, line, column, "a date YYYY-MM-DD", "'" + text + "'", "write the date as e.g. 2018-12-15");
    }
  }

  private static final String[] COLUMNS = {"start_date", "end_date", "label"};

  private static DataFormatException error(Path file, int line, int column, String expected, String found,
      String fix) {
    return new DataFormatException(new LoadFailure(file.toString(), line, COLUMNS[column - 1], expected, found, fix));
  }
}
