package io.momentic.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.momentic.core.DataFormatException;
import io.momentic.core.LoadFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reference {@code 000} §9's exchange map: a JSON object {@code {"AAPL": "NASDAQ", …}}
 * ({@code state/tv_exchange_map.json}) in front of a slower resolver. A symbol in the map is
 * answered from it; otherwise the delegate is asked and a valid answer is added to the map. A
 * failed lookup — empty, an exception, a malformed code — is never stored, so one bad night
 * cannot poison the map. {@link #save()} writes the map atomically (temp file, then rename).
 */
public final class CachedExchangeResolver implements ExchangeResolver {

  /** Exchange codes as chart sites spell them: capitals, digits, '_' or '-'. */
  private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_-]{0,15}");
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path mapFile;
  private final ExchangeResolver delegate;
  private final Map<String, String> map;
  private boolean changed;

  private CachedExchangeResolver(Path mapFile, ExchangeResolver delegate, Map<String, String> map) {
    this.mapFile = mapFile;
    this.delegate = delegate;
    this.map = map;
  }

  /** Opens the map (an absent file is an empty map; a corrupt one is an error naming the file). */
  public static CachedExchangeResolver open(Path mapFile, ExchangeResolver delegate) {
    Map<String, String> map = new TreeMap<>();
    if (Files.isRegularFile(mapFile)) {
      try {
        map.putAll(JSON.readValue(mapFile.toFile(), new TypeReference<Map<String, String>>() {}));
      } catch (JsonProcessingException e) {
        var loc = e.getLocation();
        throw new DataFormatException(new LoadFailure(mapFile.toString(), loc == null ? 0 : loc.getLineNr(),
            loc == null ? "" : "char " + loc.getColumnNr(), "a JSON object of symbol → exchange",
            e.getOriginalMessage(), "fix the file or delete it; it is rebuilt as names are resolved"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new CachedExchangeResolver(mapFile, delegate, map);
  }

  /** How one lookup went: answered from the map, learned from the delegate, unknown, or failed. */
  public record Lookup(String symbol, Optional<String> exchange, Source source, String failure) {}

  /** Where a {@link Lookup}'s answer came from. */
  public enum Source { MAP, LEARNED, UNKNOWN, FAILED }

  @Override
  public Optional<String> resolve(String symbol) {
    return lookup(symbol).exchange();
  }

  /** As {@link #resolve}, saying where the answer came from and why a failure failed (a backfill reports it). */
  public Lookup lookup(String symbol) {
    String cached = map.get(symbol);
    if (cached != null) {
      return new Lookup(symbol, Optional.of(cached), Source.MAP, null);
    }
    Optional<String> found;
    try {
      found = delegate.resolve(symbol);
    } catch (RuntimeException e) {
      // A failed lookup falls back to the bare symbol and is not remembered.
      return new Lookup(symbol, Optional.empty(), Source.FAILED, e.getMessage() == null ? e.toString() : e.getMessage());
    }
    if (found.isEmpty()) {
      return new Lookup(symbol, Optional.empty(), Source.UNKNOWN, null);
    }
    String code = found.get().strip().toUpperCase(Locale.ROOT);
    if (!CODE.matcher(code).matches()) {
      return new Lookup(symbol, Optional.empty(), Source.FAILED, "not an exchange code: '" + found.get() + "'");
    }
    map.put(symbol, code);
    changed = true;
    return new Lookup(symbol, Optional.of(code), Source.LEARNED, null);
  }

  /** The map as it stands (sorted by symbol). */
  public Map<String, String> entries() {
    return java.util.Collections.unmodifiableMap(map);
  }

  /** Writes the map if anything was added since it was opened; returns whether it wrote. */
  public boolean save() {
    if (!changed) {
      return false;
    }
    try {
      io.momentic.core.AtomicFiles.writeString(mapFile, JSON.writeValueAsString(map));
      changed = false;
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
