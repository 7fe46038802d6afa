package io.momentic.workflow.research;

import static io.momentic.workflow.config.ConfigFiles.require;

import io.momentic.core.ConfigException;
import io.momentic.workflow.config.ConfigFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An autoresearch program ({@code momentic research loop --program FILE.toml}): what to search
 * (the GEM bear specialist or the regime detector), on which data, the priority list of
 * parameters with their candidates, and the budget. Relative paths are relative to the file.
 *
 * <pre>
 * [program]
 * tag = "bear-w30"          # names the report and the locked defaults
 * target = "gem"            # gem | regime
 * max_trials = 40           # budget: evaluations, the baseline included
 * max_seconds = 600         # budget: wall time, checked before each trial
 * rounds = 2                # passes over the priority list
 * zoom = true               # a numeric winner adds its midpoints to the next pass
 *
 * [gem]
 * data = "bear_portfolio_candles.csv"
 *
 * [start]                   # optional: values that differ from the preset / base experiment
 * fit_window = 30
 *
 * [[parameter]]
 * name = "top_n"
 * values = [1, 3, 5, 10]
 * </pre>
 */
public record LoopProgram(Program program, Gem gem, Regime regime, Map<String, Object> start,
    List<Parameter> parameter) {

  public static final String EXAMPLE = "config/research_loop_gem.toml or config/research_loop_regime.toml";

  /** {@code [program]}. */
  public record Program(String tag, String target, Integer maxTrials, Double maxSeconds, Integer rounds,
      Boolean zoom, String results) {

    public Program {
      require(tag != null && tag.matches("[A-Za-z0-9_.-]+"), "tag", "a name of letters, digits, '_', '-' or '.'",
          tag == null ? "no tag" : tag, "add tag = \"bear-w30\", say");
      require("gem".equals(target) || "regime".equals(target), "target", "gem or regime",
          target == null ? "no target" : target, "target = \"gem\" searches GemParams, \"regime\" the "
              + "experiment settings");
      maxTrials = maxTrials == null ? 50 : maxTrials;
      maxSeconds = maxSeconds == null ? 600.0 : maxSeconds;
      rounds = rounds == null ? 1 : rounds;
      zoom = zoom != null && zoom;
      require(maxTrials >= 1, "max_trials", "at least 1", maxTrials, "the baseline is the first trial");
      require(maxSeconds > 0, "max_seconds", "a positive number of seconds", maxSeconds, "max_seconds = 600");
      require(rounds >= 1 && rounds <= 10, "rounds", "1 to 10 passes", rounds, "rounds = 2 re-sweeps once");
    }
  }

  /** {@code [gem]}: the basket and the model body (spec §1). */
  public record Gem(String data, String preset, String fit, String timing) {

    public Gem {
      require(data != null, "data", "the basket's candle file", "none",
          "data = \"bear_portfolio_candles.csv\" (token,timestamp,OHLCV)");
      preset = preset == null ? "default" : preset;
      fit = fit == null ? "exponential" : fit;
      timing = timing == null ? "same-close" : timing;
    }
  }

  /** {@code [regime]}: the series, labels, covariate and the experiment the search starts from. */
  public record Regime(String data, String labels, String vix, String base, String experiments) {

    public Regime {
      require(data != null, "data", "daily bars of one instrument", "none", "data = \"btcusdt_daily.csv\"");
      require(labels != null, "labels", "the consensus labels file", "none", "labels = \"consensus_labels.tsv\"");
      base = base == null ? "exp_001_baseline" : base;
    }
  }

  /** {@code [[parameter]]}: one entry of the priority list. */
  public record Parameter(String name, List<Object> values) {

    public Parameter {
      require(name != null, "name", "a parameter name", "none", "name = \"top_n\"");
      require(values != null && !values.isEmpty(), "values", "a list of candidates", "none", "values = [1, 3, 5]");
    }

    List<String> texts() {
      return values.stream().map(LoopProgram::text).toList();
    }
  }

  public LoopProgram {
    parameter = parameter == null ? List.of() : List.copyOf(parameter);
    start = start == null ? Map.of() : new LinkedHashMap<>(start);
  }

  /** The GEM fields the scoring contract pins (spec §2): the loop may not touch them. */
  static final List<String> GEM_PINNED = List.of("fee_rate", "initial_capital");

  /** Reads and checks a program; errors name the file and line. */
  public static LoopProgram read(Path file) {
    LoopProgram p = ConfigFiles.read(file, LoopProgram.class, EXAMPLE);
    String text = ConfigFiles.text(file, EXAMPLE);
    if (p.program() == null) {
      ConfigFiles.failWithMessage(file, text, List.of("program"), "expected a [program] table with tag and target, "
          + "found none; fix: start the file with [program]", EXAMPLE);
    }
    boolean gem = p.program().target().equals("gem");
    if (gem ? p.gem() == null : p.regime() == null) {
      ConfigFiles.failWithMessage(file, text, List.of("program", "target"), "expected a [" + p.program().target()
          + "] table for target " + p.program().target() + ", found none; fix: add it with its data", EXAMPLE);
    }
    if (p.parameter().isEmpty()) {
      ConfigFiles.failWithMessage(file, text, List.of("program"), "expected at least one [[parameter]] with name and "
          + "values, found none; fix: list the parameters in priority order", EXAMPLE);
    }
    List<String> seen = new ArrayList<>();
    for (int i = 0; i < p.parameter().size(); i++) {
      String name = p.parameter().get(i).name();
      List<String> at = List.of("parameter", Integer.toString(i), "name");
      if (gem && GEM_PINNED.contains(name)) {
        ConfigFiles.failWithMessage(file, text, at, "expected a GemParams field the loop may set, found '" + name
            + "'; fix: the fee and capital are the scoring contract's (spec §2: 0.3 % and 1.5x stress on 10,000), "
            + "not a parameter", EXAMPLE);
      }
      if (!gem && name.equals("seed")) {
        ConfigFiles.failWithMessage(file, text, at, "expected an experiment setting, found 'seed'; fix: a seed picks "
            + "noise, not a model; leave it fixed", EXAMPLE);
      }
      if (seen.contains(name)) {
        ConfigFiles.failWithMessage(file, text, at, "expected each parameter once in the priority list, found '" + name
            + "' again; fix: merge its values into the first entry (rounds = 2 sweeps the list twice)", EXAMPLE);
      }
      seen.add(name);
    }
    return p;
  }

  /** The {@code [start]} values as text. */
  Map<String, String> startTexts() {
    Map<String, String> m = new LinkedHashMap<>();
    start.forEach((k, v) -> m.put(k, text(v)));
    return m;
  }

  List<AutoresearchLoop.Parameter> priority() {
    return parameter.stream().map(p -> new AutoresearchLoop.Parameter(p.name(), p.texts())).toList();
  }

  static String text(Object v) {
    if (v instanceof Double d) {
      return Double.toString(d);
    }
    if (v instanceof Number || v instanceof Boolean || v instanceof String) {
      return v.toString();
    }
    throw new ConfigException("values", "expected numbers, true/false or text, found " + v);
  }
}
