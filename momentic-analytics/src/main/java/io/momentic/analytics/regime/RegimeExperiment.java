package io.momentic.analytics.regime;

import io.momentic.analytics.hmm.MultivariateHmm;
import io.momentic.analytics.hmm.RegimeFeatures;
import io.momentic.analytics.hmm.UnivariateHmm;
import io.momentic.core.Checks;
import io.momentic.core.ConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One experiment of the regime harness (spec §4.8–4.10): the daily closes joined with the
 * consensus labels (days outside the labels are dropped) and the VIX, the observation, the causal
 * walk-forward, the score, and the row it appends to the results TSV.
 */
public final class RegimeExperiment {

  /** The results TSV's columns (spec §4.10). */
  public static final List<String> TSV_COLUMNS = List.of("experiment_id", "observation", "K", "emission",
      "transitions", "regime_score", "score_2018_bear", "score_2020q1_covid", "score_bull_2020_2021",
      "score_2022_bear", "score_2024_etf_bull", "ll_mean", "argmax_acc", "flip_count", "comment");

  /** The univariate emission families, which with homogeneous transitions take the baseline's path. */
  static final List<String> UNIVARIATE_EMISSIONS = List.of("gaussian", "student_t");

  /**
   * What to run, as the results TSV describes it (spec §4.8 ladder): an id, the observation
   * ({@link #channels}), K, the emission ({@code gaussian}, {@code student_t}, {@code mvn_full},
   * {@code mvn_diag}, {@code mvt_full}), the transitions ({@code homogeneous},
   * {@code nh_softmax_vix}, {@code nh_softmax_relu_vix}), the channel whose mean orders the
   * states, whether the cold start's state mapping is pinned, the cold start's restarts,
   * iteration cap and tolerance, the warm refits' cap, the restart seed and a comment.
   *
   * <p>A univariate emission with homogeneous transitions takes the baseline's path (the raw
   * feature, {@link RegimeWalkForward}); everything else takes the proposal family's
   * (standardised channels, {@link MultivariateWalkForward}) — so exp_004_nh_only's univariate
   * Gaussian runs through the multivariate code with D = 1, as in the reference.
   */
  public record Spec(String id, String observation, int states, String emission, String transitions,
      int orderChannel, boolean pinned, int restarts, int maxIterations, double tolerance, int warmMaxIterations,
      long seed, String comment) {

    public static final long SEED = 20_260_603L;

    public Spec {
      Checks.notNull(id, "id");
      if (!id.matches("[A-Za-z0-9_.-]+")) {
        throw new ConfigException("id", "expected letters, digits, '_', '-' or '.', found '" + id + "'");
      }
      channels(observation);
      if (!UNIVARIATE_EMISSIONS.contains(emission)) {
        try {
          MultivariateHmm.Emission.parse(emission);
        } catch (IllegalArgumentException e) {
          throw new ConfigException("emission", "expected gaussian, student_t, mvn_full, mvn_diag or mvt_full, found '"
              + emission + "'");
        }
      }
      try {
        MultivariateWalkForward.Covariate.parse(transitions);
      } catch (IllegalArgumentException e) {
        throw new ConfigException("transitions", "expected homogeneous, nh_softmax_vix or nh_softmax_relu_vix, found '"
            + transitions + "'");
      }
      boolean univariatePath = UNIVARIATE_EMISSIONS.contains(emission) && transitions.equals("homogeneous");
      int d = channels(observation).size();
      if (UNIVARIATE_EMISSIONS.contains(emission) && d != 1) {
        throw new ConfigException("emission", "expected a multivariate emission (mvn_full, mvn_diag, mvt_full) for the "
            + d + "-channel observation " + observation + ", found " + emission);
      }
      if (emission.equals("student_t") && !univariatePath) {
        throw new ConfigException("emission", "expected mvt_full for Student-t with softmax transitions, found "
            + "student_t");
      }
      if (univariatePath ? states != 3 : states < 3) {
        throw new ConfigException("states", "expected K " + (univariatePath ? "= 3" : ">= 3")
            + " (bear, ranging, bull), found " + states);
      }
      if (orderChannel < 0 || orderChannel >= d) {
        throw new ConfigException("order_channel", "expected a channel between 0 and " + (d - 1) + " of "
            + observation + ", found " + orderChannel);
      }
      if (univariatePath && (orderChannel != 0 || pinned)) {
        throw new ConfigException("pinned", "expected the baseline path (univariate, homogeneous) to sort states by "
            + "their mean at every refit, found order_channel/pinned set");
      }
      Checks.positive(restarts, "restarts");
      Checks.positive(maxIterations, "maxIterations");
      Checks.positive(warmMaxIterations, "warmMaxIterations");
      if (!(tolerance > 0)) {
        throw new ConfigException("tolerance", "expected a positive number, found " + tolerance);
      }
      comment = comment == null ? "" : comment;
    }

    /** exp_001_baseline: Gaussian K = 3 on the rolling-200 drawdown, homogeneous transitions. */
    public static Spec baseline() {
      return univariate("exp_001_baseline", "drawdown_200", "gaussian",
          "Baseline: K=3 Gaussian on rolling-200 drawdown, mu-sort labelling. From regime_drawdown_2022.org.");
    }

    /** The baseline's path and settings (5 restarts, 200 iterations, tolerance 1e-5, warm refits of 200). */
    public static Spec univariate(String id, String observation, String emission, String comment) {
      return new Spec(id, observation, 3, emission, "homogeneous", 0, false, 5, 200, 1e-5, 200, SEED, comment);
    }

    /** The proposal family's settings (3 restarts, 120 iterations, tolerance 1e-4, warm refits of 40), return-sort. */
    public static Spec proposal(String id, String observation, int states, String emission, String transitions,
        String comment) {
      return new Spec(id, observation, states, emission, transitions, 0, false, 3, 120, 1e-4, 40, SEED, comment);
    }

    public Spec withOrderChannel(int channel) {
      return new Spec(id, observation, states, emission, transitions, channel, pinned, restarts, maxIterations,
          tolerance, warmMaxIterations, seed, comment);
    }

    public Spec withPinned(boolean pin) {
      return new Spec(id, observation, states, emission, transitions, orderChannel, pin, restarts, maxIterations,
          tolerance, warmMaxIterations, seed, comment);
    }

    /** Whether the walk reads the VIX covariate. */
    public boolean needsCovariate() {
      return !transitions.equals("homogeneous");
    }

    public boolean univariatePath() {
      return UNIVARIATE_EMISSIONS.contains(emission) && transitions.equals("homogeneous");
    }
  }

  /**
   * The channels of an observation code (spec §4.2): {@code drawdown_200} (rolling-200 drawdown),
   * {@code drawdown} (running-max drawdown), {@code trivar_r_vol5_dd200}, and any subset written
   * the same way — {@code uni_}, {@code bivar_} or {@code trivar_} followed by channels among
   * {@code r} (daily log return), {@code vol5} (5-day realised volatility) and {@code dd200}.
   */
  public static List<String> channels(String observation) {
    if (observation == null) {
      throw new ConfigException("observation", "expected an observation such as trivar_r_vol5_dd200, found none");
    }
    switch (observation) {
      case "drawdown_200":
        return List.of("dd200");
      case "drawdown":
        return List.of("dd");
      default:
        break;
    }
    String[] parts = observation.split("_");
    int expected = switch (parts[0]) {
      case "uni" -> 1;
      case "bivar" -> 2;
      case "trivar" -> 3;
      default -> -1;
    };
    List<String> out = new ArrayList<>();
    for (int i = 1; i < parts.length; i++) {
      if (!CHANNELS.contains(parts[i]) || out.contains(parts[i])) {
        expected = -1;
        break;
      }
      out.add(parts[i]);
    }
    if (expected != out.size()) {
      throw new ConfigException("observation", "expected drawdown_200, drawdown, or uni_/bivar_/trivar_ followed by "
          + "that many distinct channels among r, vol5, dd200 (e.g. trivar_r_vol5_dd200), found '" + observation + "'");
    }
    return List.copyOf(out);
  }

  private static final List<String> CHANNELS = List.of("r", "vol5", "dd200");

  /** The observation's channels per row (NaN where a channel is not yet defined), each causal. */
  public static double[][] features(String observation, double[] close) {
    List<String> channels = channels(observation);
    double[][] columns = new double[channels.size()][];
    for (int c = 0; c < columns.length; c++) {
      columns[c] = switch (channels.get(c)) {
        case "r" -> RegimeFeatures.logReturns(close);
        case "vol5" -> RegimeFeatures.realisedVolatility(close, RegimeFeatures.VOL_WINDOW);
        case "dd200" -> RegimeFeatures.rollingMaxDrawdown(close, RegimeFeatures.DRAWDOWN_WINDOW);
        case "dd" -> RegimeFeatures.runningMaxDrawdown(close);
        default -> throw new IllegalStateException(channels.get(c));
      };
    }
    double[][] rows = new double[close.length][columns.length];
    for (int t = 0; t < close.length; t++) {
      for (int c = 0; c < columns.length; c++) {
        rows[t][c] = columns[c][t];
      }
    }
    return rows;
  }

  /** The joined frame's dates, the walk-forward, and the score of the scored days (rows 200 on). */
  public record Outcome(Spec spec, List<LocalDate> dates, double[][] observation, RegimeWalkForward.Result walk,
      RegimeScore.Report report) {}

  /** A daily covariate series (the VIX close): its dates (ascending) and values. */
  public record Covariate(List<LocalDate> dates, double[] values) {

    public Covariate {
      if (dates.size() != values.length || dates.isEmpty()) {
        throw new IllegalArgumentException("Expected one value per covariate date, but found " + values.length
            + " values for " + dates.size() + " dates");
      }
    }
  }

  private RegimeExperiment() {}

  /** Runs an experiment that needs no covariate (homogeneous transitions). */
  public static Outcome run(List<LocalDate> dates, double[] close, ConsensusLabels labels, Spec spec) {
    return run(dates, close, null, labels, spec);
  }

  /**
   * Runs an experiment: the closes inner-joined with the labels (spec §4.8's frame), the
   * covariate reindexed to every calendar day of its span, forward-filled and left-joined onto
   * the frame (then forward- and back-filled), the walk-forward and the score.
   */
  public static Outcome run(List<LocalDate> dates, double[] close, Covariate vix, ConsensusLabels labels, Spec spec) {
    return run(dates, close, vix, labels, spec, done -> {});
  }

  /** As above, telling {@code refitsDone} how many of the walk's refit attempts are made. */
  public static Outcome run(List<LocalDate> dates, double[] close, Covariate vix, ConsensusLabels labels, Spec spec,
      java.util.function.IntConsumer refitsDone) {
    if (dates.size() != close.length) {
      throw new IllegalArgumentException("Expected one close per date, but found " + close.length + " closes for "
          + dates.size() + " dates");
    }
    if (spec.needsCovariate() && vix == null) {
      throw new ConfigException("vix", "expected a VIX series for the " + spec.transitions() + " transitions of "
          + spec.id() + ", found none (give --vix FILE)");
    }
    List<LocalDate> frameDates = new ArrayList<>();
    List<ConsensusLabels.Period> frameLabels = new ArrayList<>();
    double[] frameClose = new double[close.length];
    for (int i = 0; i < close.length; i++) {
      ConsensusLabels.Period p = labels.on(dates.get(i));
      if (p != null) {
        frameClose[frameDates.size()] = close[i];
        frameDates.add(dates.get(i));
        frameLabels.add(p);
      }
    }
    int n = frameDates.size();
    frameClose = java.util.Arrays.copyOf(frameClose, n);
    if (n <= RegimeWalkForward.WARMUP_DAYS) {
      throw new IllegalArgumentException("Expected more than " + RegimeWalkForward.WARMUP_DAYS
          + " labelled days to walk forward, but the data and labels share " + n);
    }
    double[][] x = features(spec.observation(), frameClose);
    RegimeWalkForward.Result walk;
    if (spec.univariatePath()) {
      double[] feature = new double[n];
      for (int t = 0; t < n; t++) {
        feature[t] = x[t][0];
      }
      walk = RegimeWalkForward.run(feature, new RegimeWalkForward.Settings(new UnivariateHmm.Settings(
          UnivariateHmm.Family.parse(spec.emission()), 3, spec.restarts(), spec.maxIterations(), spec.tolerance(),
          spec.seed()), spec.warmMaxIterations()), refitsDone);
    } else {
      MultivariateWalkForward.Covariate kind = MultivariateWalkForward.Covariate.parse(spec.transitions());
      MultivariateHmm.Emission emission = UNIVARIATE_EMISSIONS.contains(spec.emission())
          ? MultivariateHmm.Emission.MVN_FULL : MultivariateHmm.Emission.parse(spec.emission());
      MultivariateHmm.Settings cold = new MultivariateHmm.Settings(emission, spec.states(),
          kind != MultivariateWalkForward.Covariate.NONE, spec.restarts(), spec.maxIterations(), spec.tolerance(),
          spec.seed(), 0.25, 3);
      walk = MultivariateWalkForward.run(x, vix == null ? null : aligned(frameDates, vix),
          new MultivariateWalkForward.Settings(cold, spec.warmMaxIterations(), kind, spec.orderChannel(),
              spec.pinned()), refitsDone);
    }
    int scored = n - RegimeWalkForward.WARMUP_DAYS;
    double[][] posterior = new double[scored][];
    int[] label = new int[scored];
    String[] period = new String[scored];
    for (int d = 0; d < scored; d++) {
      int row = d + RegimeWalkForward.WARMUP_DAYS;
      posterior[d] = walk.posterior()[row];
      ConsensusLabels.Period p = frameLabels.get(row);
      label[d] = p.label();
      period[d] = p.consensus() ? p.id() : null;
    }
    RegimeScore.Report report = RegimeScore.score(posterior, label, period, labels.consensusIds(), walk.fits(),
        walk.fails());
    return new Outcome(spec, List.copyOf(frameDates), x, walk, report);
  }

  /**
   * The covariate on each frame date (spec §4.8 {@code load_joined}): the last value on or before
   * the date within the covariate's span, none outside it; then forward- and back-filled.
   */
  static double[] aligned(List<LocalDate> frameDates, Covariate vix) {
    int n = frameDates.size();
    double[] out = new double[n];
    LocalDate first = vix.dates().get(0);
    LocalDate last = vix.dates().get(vix.dates().size() - 1);
    int j = -1;
    for (int t = 0; t < n; t++) {
      LocalDate day = frameDates.get(t);
      while (j + 1 < vix.values().length && !vix.dates().get(j + 1).isAfter(day)) {
        j++;
      }
      out[t] = day.isBefore(first) || day.isAfter(last) || j < 0 ? Double.NaN : vix.values()[j];
    }
    double carry = Double.NaN;
    for (int t = 0; t < n; t++) {
      carry = Double.isNaN(out[t]) ? carry : out[t];
      out[t] = carry;
    }
    carry = Double.NaN;
    for (int t = n - 1; t >= 0; t--) {
      carry = Double.isNaN(out[t]) ? carry : out[t];
      out[t] = carry;
    }
    if (n > 0 && Double.isNaN(out[0])) {
      throw new ConfigException("vix", "expected the VIX series to overlap the data's labelled days "
          + frameDates.get(0) + " to " + frameDates.get(n - 1) + ", found " + first + " to " + last);
    }
    return out;
  }

  /** The console lines of the harness: {@code Score: …}, {@code Per-period s_P: …}. */
  public static List<String> consoleLines(RegimeScore.Report r) {
    StringBuilder periods = new StringBuilder("Per-period s_P:");
    r.perPeriod().forEach((id, s) -> periods.append(' ').append(id).append('=').append(fmt4(s)));
    return List.of(String.format(Locale.ROOT, "Score: regime_score=%s (quality=%s x reliability=%s)  argmax_acc=%s  "
        + "flips=%d", fmt4(r.regimeScore()), fmt4(r.quality()), fmt4(r.reliability()), fmt4(r.argmaxAccuracy()),
        r.flipCount()), periods.toString());
  }

  /** One TSV row (spec §4.10): 6-decimal floats, nan / inf / -inf, integers for K and flips. */
  public static String tsvRow(Outcome o, String comment) {
    RegimeScore.Report r = o.report();
    List<String> cells = new ArrayList<>();
    cells.add(o.spec().id());
    cells.add(o.spec().observation());
    cells.add(Integer.toString(o.spec().states()));
    cells.add(o.spec().emission());
    cells.add(o.spec().transitions());
    cells.add(fmt6(r.regimeScore()));
    for (String id : ConsensusLabels.CONSENSUS_IDS) {
      Double s = r.perPeriod().get(id);
      cells.add(fmt6(s == null ? Double.NaN : s));
    }
    cells.add(fmt6(Double.NaN)); // ll_mean: the harness supplies no held-out likelihood (spec §4.9)
    cells.add(fmt6(r.argmaxAccuracy()));
    cells.add(Integer.toString(r.flipCount()));
    String clean = comment == null ? "" : comment.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    cells.add(clean);
    return String.join("\t", cells);
  }

  /** Appends the row, writing the header first when the file is new. */
  public static void appendTsv(Path file, Outcome o, String comment) {
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      StringBuilder sb = new StringBuilder();
      if (!Files.exists(file) || Files.size(file) == 0) {
        sb.append(String.join("\t", TSV_COLUMNS)).append('\n');
      }
      sb.append(tsvRow(o, comment)).append('\n');
      Files.writeString(file, sb, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot append to " + file + ": " + e.getMessage(), e);
    }
  }

  static String fmt6(double v) {
    if (Double.isNaN(v)) {
      return "nan";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    return String.format(Locale.ROOT, "%.6f", v);
  }

  private static String fmt4(double v) {
    return Double.isNaN(v) ? "nan" : String.format(Locale.ROOT, "%.4f", v);
  }
}
