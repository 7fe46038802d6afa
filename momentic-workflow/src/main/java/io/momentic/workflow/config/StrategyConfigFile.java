package io.momentic.workflow.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.momentic.core.DataFormatException;
import io.momentic.core.LoadFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A strategy config ({@code config/strategy/*.toml}) bound to records: run settings in
 * {@code [backtest]}, strategy parameters in {@code [params]} and, in a variants file, a list of
 * {@code [[variant]]} tables each overriding some parameters. Keys are snake_case; unknown keys
 * are errors, so a typo never silently falls back to a default.
 */
public record StrategyConfigFile(Path source, Settings backtest, Map<String, Object> params, List<Variant> variant,
    SweepSettings sweep) {

  /** The {@code [backtest]} table; every field may be absent (then the CLI default applies). */
  public record Settings(String strategy, List<String> data, List<String> symbols, Double cash, String commission,
      Double slippageBps, String fill, Boolean closeAtEnd, Double feeStress, String start, String end) {}

  /**
   * The {@code [sweep]} table: {@code grid} maps a parameter to {@code "from:to:step"}, a list of
   * values or one value; the rest mirror the options of {@code momentic sweep} and
   * {@code momentic walkforward}. Every field may be absent.
   */
  public record SweepSettings(Map<String, Object> grid, List<String> constraints, String objective, Double trainFraction,
      Integer topK, Integer sample, Long seed, Integer partitions, Integer resamples, List<Double> cuts,
      Boolean anchored) {

    /** Each grid entry as {@code name=spec} text, as {@code --grid} takes it. */
    public List<String> gridSpecs() {
      List<String> out = new java.util.ArrayList<>();
      if (grid != null) {
        grid.forEach((k, v) -> out.add(k + "=" + (v instanceof List<?> l
            ? l.stream().map(String::valueOf).collect(Collectors.joining(",")) : String.valueOf(v))));
      }
      return out;
    }
  }

  /** One {@code [[variant]]}: a name and the parameters it changes. */
  public record Variant(String name, Map<String, Object> params) {}

  private record Raw(Settings backtest, Map<String, Object> params, List<Variant> variant, SweepSettings sweep) {}

  private static final TomlMapper MAPPER = TomlMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  public static StrategyConfigFile read(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new DataFormatException(new LoadFailure(file.toString(), 0, "", "a TOML config file", "no such file",
          "check the path, e.g. config/strategy/qqq_long_short.toml"));
    } catch (IOException e) {
      throw new DataFormatException(new LoadFailure(file.toString(), 0, "", "a readable file", e.toString(), ""));
    }
    try {
      Raw raw = MAPPER.readValue(text, Raw.class);
      Settings settings = raw.backtest() != null ? raw.backtest()
          : new Settings(null, null, null, null, null, null, null, null, null, null, null);
      return new StrategyConfigFile(file, settings, raw.params() == null ? Map.of() : raw.params(),
          raw.variant() == null ? List.of() : raw.variant(), raw.sweep());
    } catch (UnrecognizedPropertyException e) {
      throw failure(file, text, e, "a known key (" + e.getKnownPropertyIds().stream().map(Object::toString).sorted()
          .collect(Collectors.joining(", ")) + ")", "'" + e.getPropertyName() + "'", "fix the key's spelling");
    } catch (JsonMappingException e) {
      throw failure(file, text, e, "a value of the right type", e.getOriginalMessage(),
          "see the commented example in config/strategy/qqq_long_short.toml");
    } catch (JsonProcessingException e) {
      throw failure(file, text, e, "valid TOML", e.getOriginalMessage(), "fix the syntax at that line");
    }
  }

  /** Parameters as the strategy registry takes them: {@code key → text}. */
  public static Map<String, String> asText(Map<String, Object> params) {
    Map<String, String> out = new LinkedHashMap<>();
    params.forEach((k, v) -> out.put(k, String.valueOf(v)));
    return out;
  }

  /** The config's {@code data} entries, relative paths resolved against the config file's folder. */
  public List<Path> dataPaths() {
    if (backtest.data() == null) {
      return List.of();
    }
    Path base = source.toAbsolutePath().getParent();
    return backtest.data().stream().map(d -> base.resolve(d).normalize()).toList();
  }

  private static DataFormatException failure(Path file, String text, JsonProcessingException e, String expected,
      String found, String fix) {
    JsonLocation loc = e.getLocation();
    long line = loc == null ? 0 : Math.max(0, loc.getLineNr());
    List<String> path = e instanceof JsonMappingException m ? m.getPath().stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : String.valueOf(r.getIndex())).toList() : List.of();
    if (line == 0 && !path.isEmpty()) {
      line = lineOf(text, path);
    }
    return new DataFormatException(new LoadFailure(file.toString(), line, String.join(".", path), expected, found,
        fix));
  }

  /**
   * The 1-based line that defines {@code path} (a table then a key): the TOML mapper binds a whole
   * document tree, so binding errors carry no location of their own. 0 when not found.
   */
  public static long lineOf(String text, List<String> path) {
    String key = path.get(path.size() - 1);
    String table = path.size() > 1 && !path.get(0).matches("\\d+") ? path.get(0) : "";
    Pattern keyLine = Pattern.compile("^\\s*\"?" + Pattern.quote(key) + "\"?\\s*=");
    Pattern inline = Pattern.compile("[{,]\\s*" + Pattern.quote(key) + "\\s*=");
    String current = "";
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String l = lines[i].strip();
      if (l.startsWith("[")) {
        current = l.replaceAll("^\\[+\\s*([^\\]]*?)\\s*\\]+.*$", "$1");
        continue;
      }
      boolean inTable = table.isEmpty() || current.equals(table) || current.startsWith(table + ".");
      if (inTable && (keyLine.matcher(l).find() || inline.matcher(l).find())) {
        return i + 1;
      }
    }
    return 0;
  }
}
