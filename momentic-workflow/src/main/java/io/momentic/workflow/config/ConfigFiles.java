package io.momentic.workflow.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.momentic.core.ConfigException;
import io.momentic.core.DataFormatException;
import io.momentic.core.LoadFailure;
import io.momentic.core.Spelling;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Every TOML config file binds to records here, one way: snake_case keys, an unknown key is an
 * error naming the nearest known one, a value of the wrong kind is an error (no string read as a
 * number, no number as a flag), a record's own range checks ({@link ConfigException} from its
 * constructor) are reported at the key's line. Every error is one {@link DataFormatException}
 * naming the file, line, key, expected, found and a fix, in words — never a Java type name.
 */
public final class ConfigFiles {

  private static final TomlMapper MAPPER = mapper();

  private ConfigFiles() {}

  private static TomlMapper mapper() {
    TomlMapper m = TomlMapper.builder()
        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .build();
    // "abc" is not a number, 1 is not true, and 10 is not text: each is the user's typo to hear about.
    for (LogicalType t : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
      m.coercionConfigFor(t).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
    }
    m.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
    m.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
    return m;
  }

  /** The file's text: UTF-8 (a byte-order mark dropped); a missing or unreadable file is one clear error. */
  public static String text(Path file, String example) {
    try {
      byte[] bytes = Files.readAllBytes(file);
      String text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
      return text.startsWith("\uFEFF") ? text.substring(1) : text;
    } catch (NoSuchFileException e) {
      throw new DataFormatException(new LoadFailure(file.toString(), 0, "", "a TOML config file", "no such file",
          "check the path" + (example == null ? "" : ", e.g. " + example)));
    } catch (CharacterCodingException e) {
      throw new DataFormatException(new LoadFailure(file.toString(), 0, "", "UTF-8 text", "bytes that are not UTF-8",
          "save the file as UTF-8"));
    } catch (IOException e) {
      throw new DataFormatException(new LoadFailure(file.toString(), 0, "", "a readable file",
          String.valueOf(e.getMessage()), "check its permissions"));
    }
  }

  /** Reads and binds {@code file}; {@code example} names a file to imitate (for the fix). */
  public static <T> T read(Path file, Class<T> type, String example) {
    return bind(file, text(file, example), type, example);
  }

  /** Binds {@code text}, read from {@code file}, to {@code type}. */
  public static <T> T bind(Path file, String text, Class<T> type, String example) {
    String imitate = example == null ? "see the README" : "see " + example;
    try {
      return MAPPER.readValue(text, type);
    } catch (UnrecognizedPropertyException e) {
      List<String> known = e.getKnownPropertyIds().stream().map(Object::toString).sorted().toList();
      String key = e.getPropertyName();
      String near = nearest(key, known);
      return fail(file, text, path(e), "a known key" + table(e) + " (" + String.join(", ", known) + ")",
          "'" + key + "'", near != null ? "did you mean '" + near + "'?" : "remove it or fix its spelling");
    } catch (ValueInstantiationException e) {
      Throwable cause = e.getCause();
      if (cause instanceof ConfigException ce) {
        List<String> path = new java.util.ArrayList<>(path(e));
        if (ce.key() != null && !ce.key().isEmpty()) {
          path.add(ce.key());
        }
        String message = ce.getMessage().replaceFirst("^'[^']*': ", "");
        return failWithMessage(file, text, path, message, imitate);
      }
      return fail(file, text, path(e), "a valid table", String.valueOf(cause == null ? e.getOriginalMessage()
          : cause.getMessage()), imitate);
    } catch (InvalidFormatException e) {
      return fail(file, text, path(e), kind(e.getTargetType()), shown(e.getValue()), imitate);
    } catch (MismatchedInputException e) {
      List<String> path = path(e);
      return fail(file, text, path, kind(e.getTargetType()), valueAt(text, path).orElse("a value of another kind"),
          imitate);
    } catch (JsonMappingException e) {
      return fail(file, text, path(e), "a valid value", firstLine(e.getOriginalMessage()), imitate);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new DataFormatException(new LoadFailure(file.toString(), at == null ? 0 : Math.max(0, at.getLineNr()), "",
          "valid TOML", firstLine(e.getOriginalMessage()), "fix the syntax at that line"));
    }
  }

  /** A value's kind in words, from the type it binds to. */
  static String kind(Class<?> type) {
    if (type == null) {
      return "a value of the right kind";
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "a whole number";
    }
    if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "text in quotes";
    }
    if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "a list [ … ]";
    }
    return "a table";
  }

  private static String shown(Object value) {
    return value instanceof String s ? "'" + s + "'" : String.valueOf(value);
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("").replaceAll("\\(class [^)]*\\)", "").strip();
  }

  private static String table(UnrecognizedPropertyException e) {
    List<String> p = path(e);
    return p.size() > 1 ? " of [" + String.join(".", p.subList(0, p.size() - 1)) + "]" : "";
  }

  private static List<String> path(JsonMappingException e) {
    return e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : String.valueOf(r.getIndex()))
        .toList();
  }

  private static <T> T fail(Path file, String text, List<String> path, String expected, String found, String fix) {
    throw new DataFormatException(new LoadFailure(file.toString(), lineOf(text, path), keyName(path),
        expected, found, fix));
  }

  /** A key as the user wrote it: {@code source[1].since} for the first {@code [[source]]}'s since. */
  static String keyName(List<String> path) {
    StringBuilder b = new StringBuilder();
    for (String p : path) {
      if (p.matches("\\d+")) {
        b.append('[').append(Integer.parseInt(p) + 1).append(']');
      } else {
        b.append(b.isEmpty() ? "" : ".").append(p);
      }
    }
    return b.toString();
  }

  /**
   * One {@link DataFormatException} at {@code path}'s line from a {@link ConfigException}-style
   * message ({@code expected …, found …; fix: …}); for checks that run after binding.
   */
  public static <T> T failWithMessage(Path file, String text, List<String> path, String message, String imitate) {
    String[] parts = message.split("; fix: ", 2);
    String body = parts[0].replaceFirst("^expected ", "");
    String[] expectedFound = body.split(", found ", 2);
    String expected = expectedFound[0];
    String found = expectedFound.length > 1 ? expectedFound[1] : valueAt(text, path).orElse("another value");
    return fail(file, text, path, expected, found, parts.length > 1 ? parts[1] : imitate);
  }

  /** The text after {@code =} on the line that defines {@code path}. */
  static Optional<String> valueAt(String text, List<String> path) {
    long line = lineOf(text, path);
    if (line <= 0 || path.isEmpty()) {
      return Optional.empty();
    }
    String l = text.split("\n", -1)[(int) line - 1];
    int eq = l.indexOf('=');
    return eq < 0 ? Optional.empty() : Optional.of(l.substring(eq + 1).replaceFirst("\\s+#.*$", "").strip());
  }

  /** {@code known}'s entry nearest {@code key} (see {@link Spelling}), or null. */
  public static String nearest(String key, Collection<String> known) {
    return Spelling.nearest(key, known).orElse(null);
  }

  /**
   * The 1-based line that defines {@code path} (tables, array-of-table indexes, then a key): the
   * TOML mapper binds a whole document tree, so binding errors carry no location of their own.
   * The n-th {@code [[name]]} is found by counting. 0 when not found.
   */
  public static long lineOf(String text, List<String> path) {
    if (path.isEmpty()) {
      return 0;
    }
    String[] lines = text.split("\n", -1);
    String key = path.get(path.size() - 1);
    List<String> tables = path.subList(0, path.size() - 1);
    // A path ending in a table (or an array element) points at its header.
    boolean keyIsIndex = key.matches("\\d+");
    String tableName = tables.stream().filter(p -> !p.matches("\\d+")).collect(Collectors.joining("."));
    int index = tables.stream().filter(p -> p.matches("\\d+")).mapToInt(Integer::parseInt).findFirst().orElse(-1);
    if (keyIsIndex) {
      tableName = String.join(".", tables);
      index = Integer.parseInt(key);
    }
    Pattern keyLine = Pattern.compile("^\\s*\"?" + Pattern.quote(key) + "\"?\\s*=");
    Pattern inline = Pattern.compile("[{,]\\s*" + Pattern.quote(key) + "\\s*=");
    String current = "";
    int seen = -1;
    long headerLine = 0;
    for (int i = 0; i < lines.length; i++) {
      String l = lines[i].strip();
      if (l.startsWith("[")) {
        current = l.replaceAll("^\\[+\\s*([^\\]]*?)\\s*\\]+.*$", "$1");
        if (current.equals(tableName)) {
          seen++;
          if (l.startsWith("[[") && index >= 0 && seen == index) {
            headerLine = i + 1;
          } else if (!l.startsWith("[[") && index < 0) {
            headerLine = i + 1;
          }
        }
        continue;
      }
      if (keyIsIndex) {
        continue;
      }
      boolean inTable = tableName.isEmpty() ? current.isEmpty()
          : (current.equals(tableName) || current.startsWith(tableName + ".")) && (index < 0 || seen == index);
      if (tableName.isEmpty() && !current.isEmpty() && path.size() == 1) {
        inTable = false;
      }
      if (inTable && (keyLine.matcher(l).find() || inline.matcher(l).find())) {
        return i + 1;
      }
    }
    if (headerLine > 0) {
      return headerLine;
    }
    // Fall back to any line with the key (a key of a table given inline, say).
    for (int i = 0; i < lines.length; i++) {
      if (keyLine.matcher(lines[i].strip()).find()) {
        return i + 1;
      }
    }
    return 0;
  }

  /** A typed view for records: a {@link ConfigException} for {@code key} unless {@code ok}. */
  public static void require(boolean ok, String key, String expected, Object found, String fix) {
    if (!ok) {
      throw new ConfigException(key, "expected " + expected + ", found " + (found instanceof String s ? "'" + s + "'"
          : String.valueOf(found)) + (fix == null ? "" : "; fix: " + fix));
    }
  }
}
