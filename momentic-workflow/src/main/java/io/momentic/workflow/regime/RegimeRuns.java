package io.momentic.workflow.regime;

import io.momentic.analytics.hmm.UnivariateHmm;
import io.momentic.analytics.hmm.RegimeFeatures;
import io.momentic.analytics.regime.ConsensusLabels;
import io.momentic.analytics.regime.RegimeExperiment;
import io.momentic.analytics.regime.PassCriterion2022;
import io.momentic.analytics.regime.RegimeFeed;
import io.momentic.analytics.regime.RegimeLadder;
import io.momentic.analytics.regime.RegimeWalkForward;
import io.momentic.workflow.config.ConfigFiles;
import io.momentic.core.ConfigException;
import java.util.LinkedHashMap;
import java.util.Locale;
import io.momentic.core.AtomicFiles;
import io.momentic.core.BarSeries;
import io.momentic.core.Timestamps;
import io.momentic.data.BarFiles;
import io.momentic.data.LoadOptions;
import io.momentic.report.Json;
import io.momentic.report.page.Pages;
import io.momentic.report.page.RegimeView;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The regime workflows: the dashboard feed of a drawdown HMM and its page (reference {@code 004} §4.12). */
public final class RegimeRuns {

  private RegimeRuns() {}

  /** {@code momentic regime feed}: daily bars of one instrument, the model, the asset name and the build date. */
  public record FeedRequest(Path data, LoadOptions load, String asset, UnivariateHmm.Settings settings,
      LocalDate generatedAt, Path outDir) {}

  /** The feed document and the two files written. */
  public record FeedRecord(Map<String, Object> feed, String assetName, Path feedFile, Path page) {}

  public static FeedRecord feed(FeedRequest r) throws IOException {
    BarSeries series = BarFiles.read(r.data(), r.load()).single();
    String name = r.asset() != null ? r.asset() : series.instrument().symbol();
    Map<String, Object> feed = RegimeFeed.build(name, dates(series), series.closes(), r.settings(), r.generatedAt());
    String json = Json.compactInOrder(feed); // the feed's key order is the dashboard contract's
    Path feedFile = AtomicFiles.writeString(r.outDir().resolve("feed.json"), json);
    Path page = AtomicFiles.writeString(r.outDir().resolve("regime.html"), Pages.regime(RegimeView.of(feed, json)));
    return new FeedRecord(feed, name, feedFile, page);
  }

  /** The calendar dates of a daily series. */
  public static List<LocalDate> dates(BarSeries series) {
    List<LocalDate> dates = new ArrayList<>(series.size());
    for (int i = 0; i < series.size(); i++) {
      dates.add(LocalDate.parse(Timestamps.formatDate(series.time(i))));
    }
    return dates;
  }

  /**
   * The observation series of spec §4.2 from a close series: {@code drawdown} = ln p − running max
   * of ln p, first row dropped; {@code drawdown_200} = ln p − max over the last 200 rows (from row
   * 199; the spec's spelling, also accepted as {@code drawdown200}); {@code return} = daily log
   * return (from row 1). Returns {observation index → bar index, values}.
   */
  public static double[][] observations(double[] close, String feature) {
    int n = close.length;
    boolean rolling = feature.equals("drawdown_200") || feature.equals("drawdown200");
    double[] values = switch (feature) {
      case "drawdown" -> RegimeFeatures.runningMaxDrawdown(close);
      case "return" -> RegimeFeatures.logReturns(close);
      case "drawdown_200", "drawdown200" -> RegimeFeatures.rollingMaxDrawdown(close, RegimeFeatures.DRAWDOWN_WINDOW);
      default -> throw new ConfigException("feature", "expected drawdown, drawdown_200 or return, found '" + feature
          + "'");
    };
    // The running-max drawdown is defined on row 0 but the reference drops that row with the return's.
    int first = rolling ? RegimeFeatures.DRAWDOWN_WINDOW - 1 : 1;
    int count = Math.max(0, n - first);
    double[][] out = new double[2][count];
    for (int t = first; t < n; t++) {
      out[0][t - first] = t;
      out[1][t - first] = values[t];
    }
    return out;
  }

  /** {@code momentic regime fit}: one series, its observation, the model settings. */
  public record FitRequest(Path data, LoadOptions load, String feature, UnivariateHmm.Settings settings) {}

  /** The fit, what the terminal shows of it, and the document {@code --json} prints. */
  public record FitRecord(Map<String, Object> document, UnivariateHmm.Fit fit, List<String> names,
      double[][] transitions, double[] filteredLast, String viterbiLast, int observations,
      PassCriterion2022.Result pass2022) {}

  public static FitRecord fit(FitRequest r) {
    UnivariateHmm.Settings settings = r.settings();
    int states = settings.states();
    BarSeries series = BarFiles.read(r.data(), r.load()).single();
    double[][] obs = observations(series.closes(), r.feature().toLowerCase(Locale.ROOT));
    double[] x = obs[1];
    UnivariateHmm.Fit fit = UnivariateHmm.fit(x, settings);
    UnivariateHmm.Model m = fit.model();
    List<String> names = RegimeFeed.stateNames(states);
    double[][] filtered = UnivariateHmm.filtered(m, x);
    int[] path = UnivariateHmm.viterbi(m, x);
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("family", settings.family().code());
    doc.put("feature", r.feature());
    doc.put("states", states);
    doc.put("observations", x.length);
    doc.put("first_date", Timestamps.formatDate(series.time((int) obs[0][0])));
    doc.put("last_date", Timestamps.formatDate(series.time((int) obs[0][x.length - 1])));
    List<Map<String, Object>> st = new ArrayList<>();
    for (int s = 0; s < states; s++) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("name", names.get(s));
      e.put("mean", m.mean()[s]);
      e.put("sigma", m.sigma()[s]);
      if (m.nu() != null) {
        e.put("nu", m.nu()[s]);
      }
      e.put("initial_probability", Math.exp(m.logPi()[s]));
      e.put("stay_probability", Math.exp(m.logA()[s][s]));
      st.add(e);
    }
    doc.put("state_params", st);
    double[][] a = new double[states][states];
    for (int i = 0; i < states; i++) {
      for (int j = 0; j < states; j++) {
        a[i][j] = Math.exp(m.logA()[i][j]);
      }
    }
    doc.put("transition_matrix", a);
    doc.put("log_likelihood", fit.logLikelihood());
    doc.put("bic", fit.bic());
    doc.put("iterations", fit.iterations());
    doc.put("converged", fit.converged());
    doc.put("restarts", settings.restarts());
    doc.put("seed", settings.seed());
    Map<String, Object> now = new LinkedHashMap<>();
    for (int s = 0; s < states; s++) {
      now.put(names.get(s), filtered[x.length - 1][s]);
    }
    doc.put("filtered_posterior_last", now);
    doc.put("viterbi_last", names.get(path[x.length - 1]));
    List<LocalDate> observationDates = new ArrayList<>(x.length);
    for (int t = 0; t < x.length; t++) {
      observationDates.add(LocalDate.parse(Timestamps.formatDate(series.time((int) obs[0][t]))));
    }
    PassCriterion2022.Result pass2022 = PassCriterion2022.evaluate(x, observationDates, settings, fit);
    doc.put("pass_2022", pass2022 == null ? null : PassCriterion2022.document(pass2022));
    return new FitRecord(doc, fit, names, a, filtered[x.length - 1], names.get(path[x.length - 1]), x.length,
        pass2022);
  }

  /**
   * {@code momentic regime walk}: the harness's causal walk-forward scored against consensus
   * labels. {@code experiment} names one of the ladder or of {@code experiments} (a TOML file);
   * otherwise a univariate experiment of {@code family} on {@code observation}. {@code vix} is the
   * covariate file (date, …, close) for softmax transitions; {@code resultsTsv} null writes no row.
   */
  public record WalkRequest(Path data, LoadOptions load, Path labels, UnivariateHmm.Family family, String observation,
      String experiment, Path experiments, Path vix, Path resultsTsv, String comment) {}

  /** The experiment's outcome, its id and the document {@code --json} prints. */
  public record WalkRecord(String id, RegimeExperiment.Outcome outcome, Map<String, Object> document) {}

  /** The ladder's experiments, then those of {@code file} (null: none). */
  public static List<RegimeExperiment.Spec> experiments(Path file) {
    List<RegimeExperiment.Spec> all = new ArrayList<>(RegimeLadder.EXPERIMENTS);
    if (file != null) {
      all.addAll(ExperimentFile.read(file));
    }
    return List.copyOf(all);
  }

  /** The spec a walk request names. */
  public static RegimeExperiment.Spec spec(WalkRequest r) {
    if (r.comment() != null && r.comment().length() > 120) {
      throw new ConfigException("comment", "expected at most 120 characters, found " + r.comment().length());
    }
    if (r.experiment() != null) {
      for (RegimeExperiment.Spec s : experiments(r.experiments())) {
        if (s.id().equals(r.experiment())) {
          return r.comment() == null || r.comment().isEmpty() ? s : withComment(s, r.comment());
        }
      }
      // An unknown id names a new univariate run, unless it is a misspelling of a known experiment.
      List<String> ids = experiments(r.experiments()).stream().map(RegimeExperiment.Spec::id).toList();
      String near = ConfigFiles.nearest(r.experiment(), ids);
      if (near != null) {
        throw new ConfigException("experiment", "expected one of " + String.join(", ", ids) + ", found '"
            + r.experiment() + "'; fix: did you mean '" + near + "'?");
      }
    }
    UnivariateHmm.Family emission = r.family();
    String id = r.experiment() != null ? r.experiment()
        : emission == UnivariateHmm.Family.GAUSSIAN && r.observation().equals("drawdown_200") ? "exp_001_baseline"
        : "exp_" + emission.code() + "_" + r.observation();
    return RegimeExperiment.Spec.univariate(id, r.observation(), emission.code(),
        r.comment() == null ? "" : r.comment());
  }

  private static RegimeExperiment.Spec withComment(RegimeExperiment.Spec s, String comment) {
    return new RegimeExperiment.Spec(s.id(), s.observation(), s.states(), s.emission(), s.transitions(),
        s.orderChannel(), s.pinned(), s.restarts(), s.maxIterations(), s.tolerance(), s.warmMaxIterations(), s.seed(),
        comment);
  }

  /** A daily covariate file (date and close columns, any layout the loader detects). */
  public static RegimeExperiment.Covariate covariate(Path file) {
    BarSeries series = BarFiles.read(file, LoadOptions.DEFAULT).single();
    return new RegimeExperiment.Covariate(dates(series), series.closes());
  }

  public static WalkRecord walk(WalkRequest r) throws IOException {
    return walk(r, io.momentic.workflow.Progress.NONE);
  }

  /** As above, with the walk's refit attempts reported to {@code progress}. */
  public static WalkRecord walk(WalkRequest r, io.momentic.workflow.Progress progress) throws IOException {
    RegimeExperiment.Spec spec = spec(r);
    ConsensusLabels consensus = ConsensusLabels.read(r.labels());
    BarSeries series = BarFiles.read(r.data(), r.load()).single();
    if (spec.needsCovariate() && r.vix() == null) {
      throw new ConfigException("vix", "expected a VIX file for the " + spec.transitions() + " transitions of "
          + spec.id() + ", found none; fix: add --vix vix_daily.csv (date,open,high,low,close)");
    }
    RegimeExperiment.Covariate vix = spec.needsCovariate() ? covariate(r.vix()) : null;
    List<LocalDate> days = dates(series);
    int labelled = (int) days.stream().filter(d -> consensus.on(d) != null).count();
    progress.start(spec.id() + " walk-forward refits", RegimeWalkForward.refitAttempts(labelled));
    RegimeExperiment.Outcome o = RegimeExperiment.run(days, series.closes(), vix, consensus, spec, progress);
    if (r.resultsTsv() != null) {
      RegimeExperiment.appendTsv(r.resultsTsv(), o, spec.comment());
    }
    return new WalkRecord(spec.id(), o, document(o, r.resultsTsv()));
  }

  /** The {@code --json} document of a walk: the TSV's columns and the score report's fields. */
  public static Map<String, Object> document(RegimeExperiment.Outcome o, Path resultsTsv) {
    RegimeExperiment.Spec spec = o.spec();
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("experiment_id", spec.id());
    doc.put("observation", spec.observation());
    doc.put("K", spec.states());
    doc.put("emission", spec.emission());
    doc.put("transitions", spec.transitions());
    doc.put("order_channel", spec.orderChannel());
    doc.put("pinned", spec.pinned());
    doc.put("regime_score", o.report().regimeScore());
    doc.put("quality", o.report().quality());
    doc.put("reliability", o.report().reliability());
    doc.put("per_period", o.report().perPeriod());
    doc.put("argmax_acc", o.report().argmaxAccuracy());
    doc.put("n_valid", o.report().nValid());
    doc.put("n_nan_uniform", o.report().nNanUniform());
    doc.put("nonconvergence_rate", o.report().nonconvergenceRate());
    doc.put("flip_count", o.report().flipCount());
    doc.put("refits", o.walk().refitRows().size());
    doc.put("fits", o.walk().fits());
    doc.put("fails", o.walk().fails());
    doc.put("first_date", o.dates().get(0).toString());
    doc.put("last_date", o.dates().get(o.dates().size() - 1).toString());
    doc.put("results_tsv", resultsTsv == null ? null : resultsTsv.toString());
    return doc;
  }
}
