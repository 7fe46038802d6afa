package io.momentic.workflow.regime;

import static io.momentic.workflow.config.ConfigFiles.require;

import io.momentic.analytics.regime.RegimeExperiment;
import io.momentic.analytics.regime.RegimeLadder;
import io.momentic.workflow.config.ConfigFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Regime experiments defined in TOML, without code: one {@code [[experiment]]} table each, every
 * key but {@code id} optional. {@code base} names an experiment of the ladder (or an earlier one
 * in the file) whose settings the table starts from; otherwise the defaults are those of the
 * family the emission and transitions select (the baseline's for a univariate emission with
 * homogeneous transitions, else the proposal family's).
 *
 * <pre>
 * [[experiment]]
 * id = "exp_011_bivar_diag"
 * base = "exp_004_diag_sigma"
 * observation = "bivar_r_dd200"
 * comment = "exp_004 without the volatility channel"
 * </pre>
 */
public record ExperimentFile(List<Experiment> experiment) {

  public static final String EXAMPLE = "config/regime_experiments.toml";

  /** One {@code [[experiment]]}. */
  public record Experiment(String id, String base, String observation, Integer states, String emission,
      String transitions, Integer orderChannel, Boolean pinned, Integer restarts, Integer maxIterations,
      Double tolerance, Integer warmMaxIterations, Long seed, String comment) {

    public Experiment {
      require(id != null, "id", "an experiment id", "none", "add id = \"exp_011_my_idea\", say");
    }

    /** The spec, starting from {@code base} (looked up among {@code known}) or the family's defaults. */
    RegimeExperiment.Spec spec(List<RegimeExperiment.Spec> known) {
      RegimeExperiment.Spec from = null;
      if (base != null) {
        from = known.stream().filter(s -> s.id().equals(base)).findFirst().orElse(null);
        require(from != null, "base", "an experiment of the ladder or an earlier table ("
            + String.join(", ", known.stream().map(RegimeExperiment.Spec::id).toList()) + ")", base,
            "run 'momentic regime experiments' for the list");
      }
      String obs = observation != null ? observation : from != null ? from.observation() : "drawdown_200";
      String em = emission != null ? emission : from != null ? from.emission() : "gaussian";
      String tr = transitions != null ? transitions : from != null ? from.transitions() : "homogeneous";
      RegimeExperiment.Spec defaults = from != null ? from
          : (em.equals("gaussian") || em.equals("student_t")) && tr.equals("homogeneous")
              ? RegimeExperiment.Spec.univariate(id, obs, em, "")
              : RegimeExperiment.Spec.proposal(id, obs, 3, em, tr, "");
      return new RegimeExperiment.Spec(id, obs, states != null ? states : defaults.states(), em, tr,
          orderChannel != null ? orderChannel : defaults.orderChannel(), pinned != null ? pinned : defaults.pinned(),
          restarts != null ? restarts : defaults.restarts(),
          maxIterations != null ? maxIterations : defaults.maxIterations(),
          tolerance != null ? tolerance : defaults.tolerance(),
          warmMaxIterations != null ? warmMaxIterations : defaults.warmMaxIterations(),
          seed != null ? seed : defaults.seed(), comment != null ? comment : "");
    }
  }

  /** The settings an experiment may change, as TOML keys (the seed is not one: it picks noise, not a model). */
  public static final List<String> SETTINGS = List.of("observation", "states", "emission", "transitions",
      "order_channel", "pinned", "restarts", "max_iterations", "tolerance", "warm_max_iterations");

  /** A spec's {@link #SETTINGS} as text. */
  public static Map<String, String> settings(RegimeExperiment.Spec s) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("observation", s.observation());
    m.put("states", Integer.toString(s.states()));
    m.put("emission", s.emission());
    m.put("transitions", s.transitions());
    m.put("order_channel", Integer.toString(s.orderChannel()));
    m.put("pinned", Boolean.toString(s.pinned()));
    m.put("restarts", Integer.toString(s.restarts()));
    m.put("max_iterations", Integer.toString(s.maxIterations()));
    m.put("tolerance", Double.toString(s.tolerance()));
    m.put("warm_max_iterations", Integer.toString(s.warmMaxIterations()));
    return m;
  }

  /**
   * {@code base} with some of its {@link #SETTINGS} replaced (text values), under a new id; an
   * impossible combination is the spec's {@link io.momentic.core.ConfigException}.
   */
  public static RegimeExperiment.Spec derive(RegimeExperiment.Spec base, String id, Map<String, String> settings,
      String comment) {
    for (String key : settings.keySet()) {
      require(SETTINGS.contains(key), key, "one of " + SETTINGS, key, "remove it");
    }
    Experiment e = new Experiment(id, base.id(), settings.get("observation"), whole(settings, "states"),
        settings.get("emission"), settings.get("transitions"), whole(settings, "order_channel"),
        flag(settings, "pinned"), whole(settings, "restarts"), whole(settings, "max_iterations"),
        number(settings, "tolerance"), whole(settings, "warm_max_iterations"), null, comment);
    return e.spec(List.of(base));
  }

  private static Integer whole(Map<String, String> m, String key) {
    String v = m.get(key);
    try {
      return v == null ? null : Integer.parseInt(v.strip());
    } catch (NumberFormatException e) {
      throw new io.momentic.core.ConfigException(key, "expected a whole number, found '" + v + "'");
    }
  }

  private static Double number(Map<String, String> m, String key) {
    String v = m.get(key);
    try {
      return v == null ? null : Double.parseDouble(v.strip());
    } catch (NumberFormatException e) {
      throw new io.momentic.core.ConfigException(key, "expected a number, found '" + v + "'");
    }
  }

  private static Boolean flag(Map<String, String> m, String key) {
    String v = m.get(key);
    if (v == null) {
      return null;
    }
    return switch (v.strip()) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new io.momentic.core.ConfigException(key, "expected true or false, found '" + v + "'");
    };
  }

  public ExperimentFile {
    experiment = experiment == null ? List.of() : List.copyOf(experiment);
  }

  /** The file's experiments as specs; an id that repeats one of the ladder or of the file is an error. */
  public static List<RegimeExperiment.Spec> read(Path file) {
    ExperimentFile parsed = ConfigFiles.read(file, ExperimentFile.class, EXAMPLE);
    List<RegimeExperiment.Spec> known = new ArrayList<>(RegimeLadder.EXPERIMENTS);
    List<RegimeExperiment.Spec> out = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    known.forEach(s -> ids.add(s.id()));
    String text = ConfigFiles.text(file, EXAMPLE);
    for (int i = 0; i < parsed.experiment().size(); i++) {
      Experiment e = parsed.experiment().get(i);
      try {
        require(ids.add(e.id()), "id", "an id not used by the ladder or an earlier table", e.id(),
            "give it a new name");
        RegimeExperiment.Spec spec = e.spec(known);
        known.add(spec);
        out.add(spec);
      } catch (io.momentic.core.ConfigException ce) {
        ConfigFiles.failWithMessage(file, text, List.of("experiment", Integer.toString(i), ce.key()),
            ce.getMessage().replaceFirst("^'[^']*': ", ""), "see " + EXAMPLE);
      }
    }
    return List.copyOf(out);
  }
}
