package io.momentic.workflow.screen;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.momentic.core.AtomicFiles;
import io.momentic.core.DataFormatException;
import io.momentic.core.LoadFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * An exchange's delisting notices as the pipeline saw them, kept in
 * {@code state/delisted_<venue>.json}: symbol → {@code {"status": "BREAK", "noticed": "2026-01-04"}},
 * the date a pair was first seen not trading. A pair trading again is taken off; a notice already
 * recorded keeps its first date, so re-running the pipeline never moves a delisting later. The
 * momentum screen reads it: a noticed pair stops being a member on the day it was noticed.
 */
public final class DelistingNotices {

  /** One notice: the exchange's status and the date it was first seen (YYYY-MM-DD). */
  public record Notice(String status, String noticed) {}

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private DelistingNotices() {}

  private static final String PREFIX = "delisted_";
  private static final String SUFFIX = ".json";

  /** The notices file of a venue in the workspace's {@code state/}. */
  public static Path file(Path stateDir, String venue) {
    return stateDir.resolve(PREFIX + venue + SUFFIX);
  }

  /** Every venue's notices in {@code stateDir} (none when it is absent), symbol → the day noticed. */
  public static Map<String, Long> noticedAt(Path stateDir) throws IOException {
    Map<String, Long> out = new TreeMap<>();
    if (Files.isDirectory(stateDir)) {
      try (var files = Files.list(stateDir)) {
        for (Path f : files.filter(p -> {
          String name = p.getFileName().toString();
          return name.startsWith(PREFIX) && name.endsWith(SUFFIX) && name.length() > PREFIX.length() + SUFFIX.length();
        }).sorted().toList()) {
          out.putAll(noticedAt(read(f)));
        }
      }
    }
    return out;
  }

  /** The notices recorded (none when the file is absent); a corrupt file is an error naming it. */
  public static Map<String, Notice> read(Path file) {
    if (!Files.isRegularFile(file)) {
      return new TreeMap<>();
    }
    try {
      return new TreeMap<>(JSON.readValue(file.toFile(), new TypeReference<Map<String, Notice>>() {}));
    } catch (JsonProcessingException e) {
      var loc = e.getLocation();
      throw new DataFormatException(new LoadFailure(file.toString(), loc == null ? 0 : loc.getLineNr(),
          loc == null ? "" : "char " + loc.getColumnNr(), "a JSON object of symbol → {status, noticed}",
          e.getOriginalMessage(), "delete the file; the next pipeline run records the notices again"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Merges today's not-trading pairs (symbol → status) into the file: new ones noticed on
   * {@code today}, known ones keep their date, pairs no longer listed as not trading are removed.
   * Returns how many are new.
   */
  public static int update(Path file, Map<String, String> notTrading, LocalDate today) {
    Map<String, Notice> before = read(file);
    Map<String, Notice> after = new TreeMap<>();
    int added = 0;
    for (Map.Entry<String, String> e : notTrading.entrySet()) {
      Notice old = before.get(e.getKey());
      if (old == null) {
        added++;
      }
      after.put(e.getKey(), new Notice(e.getValue(), old != null ? old.noticed() : today.toString()));
    }
    if (!after.equals(before)) {
      try {
        AtomicFiles.writeString(file, JSON.writeValueAsString(after));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return added;
  }

  /** Symbol → the start of the day each was noticed (epoch ms), for {@code Membership.fromBars}. */
  public static Map<String, Long> noticedAt(Map<String, Notice> notices) {
    Map<String, Long> out = new LinkedHashMap<>();
    notices.forEach((symbol, n) -> out.put(symbol,
        LocalDate.parse(n.noticed()).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli()));
    return out;
  }
}
