package io.momentic.cli.regime;

import io.momentic.analytics.hmm.UnivariateHmm;
import io.momentic.analytics.regime.PassCriterion2022;
import io.momentic.analytics.regime.RegimeExperiment;
import io.momentic.analytics.regime.RegimeWalkForward;
import io.momentic.cli.ExitCodes;
import io.momentic.cli.LoadMixin;
import io.momentic.cli.Main;
import io.momentic.cli.MomenticCommand;
import io.momentic.core.BarSeries;
import io.momentic.core.ConfigException;
import io.momentic.report.Json;
import io.momentic.report.text.Tables;
import io.momentic.workflow.regime.RegimeRuns;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code momentic regime}: market regimes from a hidden Markov model of the drawdown (reference 004 §4). */
@Command(name = "regime", mixinStandardHelpOptions = true, subcommands = {RegimeCommand.Fit.class,
    RegimeCommand.Walk.class, RegimeCommand.Experiments.class, RegimeCommand.Feed.class},
    description = "HMM regimes: fit a model, walk an experiment of the ladder forward against labelled periods and "
        + "score it, list the experiments, or build the regime feed and page.")
public final class RegimeCommand implements Callable<Integer> {

  @ParentCommand
  MomenticCommand root;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return Main.EXIT_OK;
  }

  /** {@code momentic regime fit}. */
  @Command(name = "fit", mixinStandardHelpOptions = true,
      description = "Fit a K-state HMM to a drawdown (or return) series with Baum-Welch and seeded restarts; print the "
          + "states (named by ascending mean), transitions, likelihood, BIC and today's filtered posterior.")
  public static final class Fit implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "Daily bars of one instrument.")
    Path data;

    @Mixin
    LoadMixin load;

    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--feature", paramLabel = "NAME",
        description = "drawdown (running max, default), drawdown_200 (rolling 200-bar max, as in regime walk) or "
            + "return.")
    String feature = "drawdown";

    @Option(names = "--json", description = "Print the fit as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      RegimeRuns.FitRecord r = RegimeRuns.fit(new RegimeRuns.FitRequest(data, load.options(), feature,
          modelOptions.settings()));
      Map<String, Object> doc = r.document();
      UnivariateHmm.Fit fit = r.fit();
      UnivariateHmm.Model m = fit.model();
      UnivariateHmm.Family emission = m.family();
      int states = r.names().size();
      List<String> names = r.names();
      double[][] a = r.transitions();
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        out.println(Json.pretty(doc));
        return ExitCodes.OK;
      }
      out.printf(Locale.ROOT, "%d-state %s HMM of the %s, %d observations %s to %s: log-likelihood %.2f, BIC "
              + "%.2f, %d iterations%s%n", states, emission == UnivariateHmm.Family.GAUSSIAN ? "Gaussian" : "Student-t",
          feature, r.observations(), doc.get("first_date"), doc.get("last_date"),
          fit.logLikelihood(), fit.bic(), fit.iterations(), fit.converged() ? "" : " (not converged)");
      List<List<String>> rows = new ArrayList<>();
      for (int s = 0; s < states; s++) {
        rows.add(List.of(names.get(s), Tables.num(m.mean()[s], 4), Tables.num(m.sigma()[s], 4),
            m.nu() == null ? "-" : Tables.num(m.nu()[s], 2), Tables.num(a[s][s], 4),
            Tables.num(r.filteredLast()[s], 4)));
      }
      Tables.print(out, List.of("state", "mean", "sigma", "nu", "P(stay)", "P(now | past)"), rows);
      out.println("Viterbi state on the last day: " + r.viterbiLast());
      printPass2022(out, r.pass2022(), states);
      return Main.EXIT_OK;
    }
  }

  /** The notebooks' 2022 pass criterion (spec §4.7), or why there is none. */
  static void printPass2022(PrintWriter out, PassCriterion2022.Result p, int states) {
    if (p == null) {
      out.println("2022 pass criterion: not applicable, no observation lies in 2022.");
      return;
    }
    PassCriterion2022.Side t = p.studentT();
    PassCriterion2022.Side g = p.gaussian();
    out.printf(Locale.ROOT, "2022 pass criterion (Student-t against the Gaussian at K=%d, smoothed posteriors, "
        + "%d days of 2022):%n", states, p.days());
    out.printf(Locale.ROOT, "  crit1 median bear posterior %.4f >= %.1f: %s%n", t.medianBear(),
        PassCriterion2022.MEDIAN_BEAR_MIN, yesNo(p.crit1()));
    out.printf(Locale.ROOT, "  crit2 Viterbi changes %d <= %d: %s%n", t.viterbiChanges(),
        PassCriterion2022.VITERBI_CHANGES_MAX, yesNo(p.crit2()));
    out.printf(Locale.ROOT, "  crit3 gap %.4f >= %.2f or flip reduction %.4f >= %.2f (Gaussian: median %.4f, %d "
            + "changes): %s%n", p.gap(), PassCriterion2022.GAP_MIN, p.flipReduction(),
        PassCriterion2022.FLIP_REDUCTION_MIN, g.medianBear(), g.viterbiChanges(), yesNo(p.crit3()));
    out.printf(Locale.ROOT, "  argmax-of-posterior changes: Student-t %d, Gaussian %d; the Gaussian alone %s crit1 "
            + "and crit2%n", t.argmaxChanges(), g.argmaxChanges(),
        p.gaussianPassesCrit1AndCrit2() ? "passes" : "does not pass");
    out.println("  Verdict: " + p.verdict());
  }

  private static String yesNo(boolean held) {
    return held ? "yes" : "no";
  }

  /** The model options shared by {@code fit} and {@code feed}. */
  public static final class ModelOptions {

    @Option(names = "--states", paramLabel = "K", description = "Number of states, 2..4 (default 3).")
    int states = 3;

    @Option(names = "--family", paramLabel = "NAME", description = "Emission family: gaussian (default) or student_t.")
    String family = "gaussian";

    @Option(names = "--restarts", paramLabel = "N", description = "Restarts (default 5, 8 for K >= 4).")
    Integer restarts;

    @Option(names = "--seed", paramLabel = "S", description = "Restart seed (default 20260603).")
    long seed = 20_260_603L;

    /** The notebook settings (1000 iterations, tolerance 1e-5) with these options. */
    UnivariateHmm.Settings settings() {
      if (states < 2 || states > 4) {
        throw new ConfigException("states", "expected 2, 3 or 4, found " + states);
      }
      UnivariateHmm.Settings base = UnivariateHmm.Settings.notebook(family(family), states);
      return new UnivariateHmm.Settings(base.family(), states, restarts == null ? base.restarts() : restarts,
          base.maxIterations(), base.tolerance(), seed);
    }
  }

  public static UnivariateHmm.Family family(String text) {
    try {
      return UnivariateHmm.Family.parse(text);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("family", "expected gaussian or student_t, found '" + text + "'");
    }
  }

  public static List<LocalDate> dates(BarSeries series) {
    return RegimeRuns.dates(series);
  }

  /** {@code momentic regime walk}: the harness's causal walk-forward, scored against labelled periods. */
  @Command(name = "walk", mixinStandardHelpOptions = true,
      description = "Walk an experiment forward causally (refit every 30 days from day 200 on the days before, "
          + "filtered posteriors only), score it against consensus labels (regime_score = quality x reliability) and "
          + "append its row to the results TSV. --experiment names one of 'regime experiments' (e.g. "
          + "exp_004_diag_sigma: diagonal-covariance Gaussian on (return, 5-day volatility, 200-day drawdown) with "
          + "VIX-driven transitions) or of an --experiments file; without it, a univariate HMM of --family on "
          + "--observation.")
  public static final class Walk implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    public RegimeCommand parent;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "Daily bars of one instrument.")
    Path data;

    @Mixin
    LoadMixin load;

    @Option(names = "--labels", required = true, paramLabel = "FILE.tsv",
        description = "Consensus labels: start, end (inclusive), bear|ranging|bull, justification; tab-separated.")
    Path labels;

    @Option(names = "--vix", paramLabel = "FILE", description = "Daily VIX closes (date,open,high,low,close), the "
        + "covariate of the softmax (nh_*) transitions; carried over weekends and holidays.")
    Path vix;

    @Option(names = "--experiment", paramLabel = "ID", description = "An experiment of the ladder or of "
        + "--experiments (see 'momentic regime experiments'), or the TSV id of a univariate run (default "
        + "exp_001_baseline for the default settings).")
    String experiment;

    @Option(names = "--experiments", paramLabel = "FILE.toml", description = "More experiments, one [[experiment]] "
        + "table each (id, base, observation, states, emission, transitions, order_channel, pinned, restarts, "
        + "max_iterations, tolerance, warm_max_iterations, seed, comment).")
    Path experiments;

    @Option(names = "--family", paramLabel = "NAME", description = "Without --experiment: emission family gaussian "
        + "(default) or student_t.")
    String family = "gaussian";

    @Option(names = "--observation", paramLabel = "NAME", description = "Without --experiment: drawdown_200 "
        + "(rolling 200-day max, default) or drawdown (running max).")
    String observation = "drawdown_200";

    @Option(names = "--results", paramLabel = "FILE.tsv",
        description = "Results TSV to append to (default data/results/regime_sweep_results.tsv in the workspace).")
    Path results;

    @Option(names = "--comment", paramLabel = "TEXT", description = "Comment column (at most 120 characters; default "
        + "the experiment's own).")
    String comment = "";

    @Option(names = "--no-write", description = "Do not append to the results TSV.")
    boolean noWrite;

    @Option(names = "--json", description = "Print the score report as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      Path tsv = noWrite ? null : results != null ? results
          : parent.root.workspace().results().resolve("regime_sweep_results.tsv");
      long started = System.nanoTime();
      RegimeRuns.WalkRecord w;
      try (io.momentic.cli.Progress progress = io.momentic.cli.Progress.terminal()) {
        w = RegimeRuns.walk(new RegimeRuns.WalkRequest(data, load.options(), labels, family(family), observation,
            experiment, experiments, vix, tsv, comment), progress);
      }
      String id = w.id();
      RegimeExperiment.Outcome o = w.outcome();
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        out.println(Json.pretty(w.document()));
        return ExitCodes.OK;
      }
      out.printf(Locale.ROOT, "%s (%s, K=%d, %s, %s): %d labelled days %s to %s, %d refits (%d failed), scored from "
              + "day %d, %.1f s%n", id, o.spec().observation(), o.spec().states(), o.spec().emission(),
          o.spec().transitions(), o.dates().size(), o.dates().get(0), o.dates().get(o.dates().size() - 1),
          o.walk().refitRows().size(), o.walk().fails(), RegimeWalkForward.WARMUP_DAYS,
          (System.nanoTime() - started) / 1e9);
      RegimeExperiment.consoleLines(o.report()).forEach(out::println);
      if (!noWrite) {
        out.println("Appended to " + tsv);
      }
      out.println("Done.");
      return Main.EXIT_OK;
    }
  }

  /** {@code momentic regime experiments}: the ladder (and a file's experiments) with their settings. */
  @Command(name = "experiments", mixinStandardHelpOptions = true,
      description = "List the named experiments 'regime walk --experiment' runs: the reference's ladder, then those "
          + "of --experiments FILE.toml.")
  public static final class Experiments implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--experiments", paramLabel = "FILE.toml", description = "Also list this file's experiments.")
    Path experiments;

    @Option(names = "--json", description = "Print the list as JSON.")
    boolean json;

    @Override
    public Integer call() {
      List<RegimeExperiment.Spec> all = RegimeRuns.experiments(experiments);
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        List<Map<String, Object>> docs = new ArrayList<>();
        for (RegimeExperiment.Spec s : all) {
          Map<String, Object> d = new java.util.LinkedHashMap<>();
          d.put("experiment_id", s.id());
          d.put("observation", s.observation());
          d.put("K", s.states());
          d.put("emission", s.emission());
          d.put("transitions", s.transitions());
          d.put("order_channel", s.orderChannel());
          d.put("pinned", s.pinned());
          d.put("restarts", s.restarts());
          d.put("max_iterations", s.maxIterations());
          d.put("tolerance", s.tolerance());
          d.put("warm_max_iterations", s.warmMaxIterations());
          d.put("seed", s.seed());
          d.put("comment", s.comment());
          docs.add(d);
        }
        out.println(Json.pretty(docs));
        return ExitCodes.OK;
      }
      List<List<String>> rows = new ArrayList<>();
      for (RegimeExperiment.Spec s : all) {
        rows.add(List.of(s.id(), s.observation(), Integer.toString(s.states()), s.emission(), s.transitions(),
            (s.orderChannel() != 0 ? "sort by channel " + s.orderChannel() : "sort by channel 0")
                + (s.pinned() ? ", pinned" : ""),
            s.restarts() + " restarts, " + s.maxIterations() + " it, tol " + s.tolerance() + ", warm "
                + s.warmMaxIterations()));
      }
      Tables.print(out, List.of("id", "observation", "K", "emission", "transitions", "labels", "fit"), rows);
      out.println("Run one: momentic regime walk --experiment ID --data btcusdt_daily.csv --labels "
          + "consensus_labels.tsv --vix vix_daily.csv");
      return Main.EXIT_OK;
    }
  }

  /** {@code momentic regime feed}: feed.json (spec §4.12) and the regime page. */
  @Command(name = "feed", mixinStandardHelpOptions = true,
      description = "Fit the drawdown HMM to the whole file and write the dashboard feed (feed.json: states, "
          + "transitions, smoothed posteriors, Viterbi path, study windows) and the self-contained regime page.")
  public static final class Feed implements Callable<Integer> {


    @Spec
    CommandSpec spec;

    @ParentCommand
    public RegimeCommand parent;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "Daily bars of one instrument.")
    Path data;

    @Mixin
    LoadMixin load;

    @Option(names = "--asset", paramLabel = "NAME", description = "Asset name in the feed (default: the file's symbol).")
    String asset;

    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--out", paramLabel = "DIR",
        description = "Where to write feed.json and regime.html (default data/results/regime in the workspace).")
    Path outDir;

    @Option(names = "--generated-at", paramLabel = "DATE", description = "Build date written to the feed (default: "
        + "today, UTC); fix it to make the output byte-for-byte reproducible.")
    LocalDate generatedAt;

    @Override
    public Integer call() throws Exception {
      LocalDate on = generatedAt != null ? generatedAt : LocalDate.now(ZoneOffset.UTC);
      Path dir = outDir != null ? outDir : parent.root.workspace().results().resolve("regime");
      RegimeRuns.FeedRecord r = RegimeRuns.feed(new RegimeRuns.FeedRequest(data, load.options(), asset,
          modelOptions.settings(), on, dir));
      PrintWriter out = spec.commandLine().getOut();
      Map<?, ?> model = (Map<?, ?>) r.feed().get("model");
      List<?> viterbi = (List<?>) ((Map<?, ?>) r.feed().get("series")).get("viterbi");
      out.printf(Locale.ROOT, "%s on %s: log-likelihood %s, today's Viterbi state %s%n", model.get("label"),
          r.assetName(), model.get("log_likelihood"), viterbi.get(viterbi.size() - 1));
      Map<?, ?> pass = (Map<?, ?>) r.feed().get("pass_2022");
      out.println(pass == null ? "2022 pass criterion: not applicable, no day of 2022 in the file."
          : "2022 pass criterion (Student-t against the Gaussian): " + pass.get("verdict") + " (crit1 "
              + yesNo((Boolean) pass.get("crit1")) + ", crit2 " + yesNo((Boolean) pass.get("crit2")) + ", crit3 "
              + yesNo((Boolean) pass.get("crit3")) + ")");
      out.println("Wrote " + r.feedFile());
      out.println("Wrote " + r.page());
      return Main.EXIT_OK;
    }
  }
}
