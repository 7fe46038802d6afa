package io.momentic.workflow.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
      Boolean anchored, Double validateFraction) {

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

  public static StrategyConfigFile read(Path file) {
    Raw raw = ConfigFiles.read(file, Raw.class, "config/strategy/qqq_long_short.toml");
    Settings settings = raw.backtest() != null ? raw.backtest()
        : new Settings(null, null, null, null, null, null, null, null, null, null, null);
    return new StrategyConfigFile(file, settings, raw.params() == null ? Map.of() : raw.params(),
        raw.variant() == null ? List.of() : raw.variant(), raw.sweep());
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
}
