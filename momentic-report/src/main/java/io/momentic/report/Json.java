package io.momentic.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one JSON mapper of every file, page and API answer: keys sorted (maps and records alike),
 * numbers written as numbers, and never a {@code "NaN"} string. A number that is not finite is
 * {@code null}; in a map, a key {@code <name>_note} beside it says why ("undefined: …" for NaN,
 * "unbounded: …" for an infinity), so a reader never mistakes it for a zero or a missing field.
 * Same inputs give the same bytes.
 */
public final class Json {

  /** What a non-finite value means, written beside it. */
  public static final String NAN_NOTE = "undefined (NaN): not enough data for it, or a zero denominator";
  public static final String INFINITY_NOTE = "unbounded: a zero denominator (e.g. no losing trades)";

  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
      .addModule(new SimpleModule("finite-numbers")
          .addSerializer(Double.class, new FiniteDoubleSerializer())
          .addSerializer(double.class, new FiniteDoubleSerializer()))
      .build();

  private static final ObjectMapper COMPACT = MAPPER.copy().disable(SerializationFeature.INDENT_OUTPUT);

  private static final ObjectMapper SNAKE = MAPPER.copy()
      .setPropertyNamingStrategy(com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE);

  private static final ObjectMapper IN_ORDER = JsonMapper.builder()
      .addModule(new SimpleModule("finite-numbers-in-order")
          .addSerializer(Double.class, new FiniteDoubleSerializer())
          .addSerializer(double.class, new FiniteDoubleSerializer()))
      .build();

  private Json() {}

  /** As {@link #pretty}, record components named in snake_case ({@code paperPnl} → {@code paper_pnl}), as every key we write is. */
  public static String prettySnakeCase(Object value) {
    try {
      return SNAKE.writeValueAsString(normalize(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Expected a value JSON can write, but found " + value.getClass(), e);
    }
  }

  /** Pretty-printed, sorted, non-finite numbers as null with a note. */
  public static String pretty(Object value) {
    try {
      return MAPPER.writeValueAsString(normalize(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Expected a value JSON can write, but found " + value.getClass(), e);
    }
  }

  /** One line, as {@link #pretty}. */
  public static String compact(Object value) {
    try {
      return COMPACT.writeValueAsString(normalize(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Expected a value JSON can write, but found " + value.getClass(), e);
    }
  }

  /**
   * One line in the document's own key order — for the few documents whose key order is part of a
   * contract (the regime feed of reference 004 §4.12); numbers as {@link #pretty} writes them.
   */
  public static String compactInOrder(Object value) {
    try {
      return IN_ORDER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Expected a value JSON can write, but found " + value.getClass(), e);
    }
  }

  /** Reads a JSON file into a tree. */
  public static JsonNode read(Path file) {
    try {
      return MAPPER.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static JsonNode parse(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Expected JSON, but found: " + e.getOriginalMessage(), e);
    }
  }

  /** A tree as plain maps and lists (numbers stay numbers). */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> toMap(JsonNode node) {
    return MAPPER.convertValue(node, Map.class);
  }

  /**
   * Maps become sorted maps in which a non-finite number turns into null with a {@code _note}
   * beside it; lists and nested values are normalised the same way.
   */
  static Object normalize(Object value) {
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> out = new TreeMap<>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        String key = String.valueOf(e.getKey());
        Object v = e.getValue();
        if (v instanceof Double d && !Double.isFinite(d)) {
          out.put(key, null);
          if (!m.containsKey(key + "_note")) {
            out.put(key + "_note", Double.isNaN(d) ? NAN_NOTE : INFINITY_NOTE);
          }
        } else {
          out.put(key, normalize(v));
        }
      }
      return out;
    }
    if (value instanceof Collection<?> c) {
      List<Object> out = new ArrayList<>(c.size());
      for (Object o : c) {
        out.add(normalize(o));
      }
      return out;
    }
    return value;
  }

  /** Finite doubles as numbers, the rest as null (a note is added where the value sits in a map). */
  private static final class FiniteDoubleSerializer extends StdSerializer<Double> {
    FiniteDoubleSerializer() {
      super(Double.class);
    }

    @Override
    public void serialize(Double value, JsonGenerator gen, SerializerProvider provider) throws IOException {
      if (value == null || !Double.isFinite(value)) {
        gen.writeNull();
      } else {
        gen.writeNumber(value);
      }
    }
  }
}
