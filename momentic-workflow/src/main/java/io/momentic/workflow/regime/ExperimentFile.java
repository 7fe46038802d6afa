package io.momentic.workflow.regime;

import static io.momentic.workflow.config.ConfigFiles.require;

import io.momentic.analytics.regime.RegimeExperiment;
import io.momentic.analytics.regime.RegimeLadder;
import io.momentic.workflow.config.ConfigFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
