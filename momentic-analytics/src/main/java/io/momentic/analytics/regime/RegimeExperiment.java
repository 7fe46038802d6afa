package io.momentic.analytics.regime;

import io.momentic.analytics.hmm.RegimeFeatures;
import io.momentic.analytics.hmm.UnivariateHmm;
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
 * consensus labels (days outside the labels are dropped), a univariate feature, the causal
 * walk-forward, the score, and the row it appends to the results TSV.
 */
public final class RegimeExperiment {

  /** The results TSV's columns (spec §4.10). */
  public static final List<String> TSV_COLUMNS = List.of("experiment_id", "observation", "K", "emission",
      "transitions", "regime_score", "score_2018_bear", "score_2020q1_covid", "score_bull_2020_2021",
      "score_2022_bear", "score_2024_etf_bull", "ll_mean", "argmax_acc", "flip_count", "comment");

  /** What to run: an id, the observation ({@code drawdown_200} or {@code drawdown}) and the fit settings. */
  public record Spec(String id, String observation, RegimeWalkForward.Settings settings) {

    /** exp_001_baseline: Gaussian K = 3 on the rolling-200 drawdown, homogeneous transitions. */
    public static Spec baseline() {
      return new Spec("exp_001_baseline", "drawdown_200", RegimeWalkForward.Settings.baseline(UnivariateHmm.Family.GAUSSIAN));
    }
  }

  /** The joined frame's dates, the walk-forward, and the score of the scored days (rows 200 on). */
  public record Outcome(Spec spec, List<LocalDate> dates, double[] observation, RegimeWalkForward.Result walk,
      RegimeScore.Report report) {}

  private RegimeExperiment() {}

  public static Outcome run(List<LocalDate> dates, double[] close, ConsensusLabels labels, Spec spec) {
    if (dates.size() != close.length) {
      throw new IllegalArgumentException("Expected one close per date, but found " + close.length + " closes for "
          + dates.size() + " dates");
    }
    if (spec.settings().cold().states() != 3) {
      throw new IllegalArgumentException("Expected K = 3 (bear, ranging, bull) for the regime score, but found K = "
          + spec.settings().cold().states());
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
    double[] x = switch (spec.observation()) {
      case "drawdown_200" -> RegimeFeatures.rollingMaxDrawdown(frameClose, RegimeFeatures.DRAWDOWN_WINDOW);
      case "drawdown" -> RegimeFeatures.runningMaxDrawdown(frameClose);
      default -> throw new io.momentic.core.ConfigException("observation", "Expected observation drawdown_200 or drawdown, but found '"
          + spec.observation() + "'");
    };
    RegimeWalkForward.Result walk = RegimeWalkForward.run(x, spec.settings());
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
    cells.add(Integer.toString(o.spec().settings().cold().states()));
    cells.add(o.spec().settings().cold().family().code());
    cells.add("homogeneous");
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
