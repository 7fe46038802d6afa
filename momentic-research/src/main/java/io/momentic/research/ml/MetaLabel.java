package io.momentic.research.ml;

import java.util.ArrayList;
import java.util.List;

/**
 * A meta-label model: from samples (features at the decision, a 0/1 label — the trade won — a weight,
 * and the bars its label spans), the model reference 001 picks by sample count, calibrated when
 * there are enough samples, with cross-validated scores that respect time.
 *
 * <p>By n: under {@value #MIN_LOGISTIC} a deterministic heuristic — the weighted share of wins
 * shrunk toward ½ by {@value #HEURISTIC_PRIOR} pseudo-samples, the same for every row; under
 * {@value #MIN_FOREST} logistic regression; under {@value #MIN_BOOSTING} a random forest; else
 * gradient boosting. Isotonic calibration from {@value #MIN_CALIBRATION} samples, on three purged,
 * time-ordered folds by default (scikit-learn's stratified folds ignore time and leak it; they are
 * kept as an option and labelled so). A weighted fit that fails is retried unweighted, then falls
 * back to the heuristic — and the result says which ran and why.
 *
 * <p>Reported scores come from purged time-series cross-validation (min(5, n / 15) splits, 1 %
 * embargo), weighted as the fit is: AUC, the Brier score of the model before and after calibration,
 * and the reliability curve.
 */
public final class MetaLabel {

  public static final int MIN_LOGISTIC = 20;
  public static final int MIN_FOREST = 50;
  public static final int MIN_BOOSTING = 150;
  public static final int MIN_CALIBRATION = 60;
  public static final double HEURISTIC_PRIOR = 5;
  public static final double EMBARGO_PCT = 0.01;

  /** One sample, in time order with the others. */
  public record Sample(double[] features, int label, double weight, int start, int end) {}

  /** Which model to fit. */
  public enum Model { AUTO, HEURISTIC, LOGISTIC, FOREST, BOOSTING }

  /** How the calibration folds are cut. */
  public enum CalibrationCv { PURGED, STRATIFIED }

  /** What to fit and how. */
  public record Options(Model model, Boolean calibrate, CalibrationCv calibrationCv, long seed, boolean scoreCv) {

    public static final Options DEFAULTS = new Options(Model.AUTO, null, CalibrationCv.PURGED, 42);

    /** With cross-validated scores. */
    public Options(Model model, Boolean calibrate, CalibrationCv calibrationCv, long seed) {
      this(model, calibrate, calibrationCv, seed, true);
    }
  }

  /** The cross-validated scores. */
  public record CvScores(int splits, int predicted, double auc, double brierRaw, double brierCalibrated,
      List<Scores.Bin> reliability, String note) {}

  /**
   * The fitted meta-label: which model ran (and why, including any fallback), whether it is
   * weighted and calibrated (and how), its cross-validated scores, and the classifier itself.
   */
  public record Fit(String model, String description, String reason, boolean weighted, boolean calibrated,
      String calibrationFolds, int n, int wins, CvScores cv, Classifier classifier) {

    public double probability(double[] x) {
      return classifier.probability(x);
    }
  }

  private MetaLabel() {}

  public static Fit fit(List<Sample> samples, Options o) {
    int n = samples.size();
    double[][] x = new double[n][];
    int[] y = new int[n];
    double[] w = new double[n];
    int[] start = new int[n];
    int[] end = new int[n];
    int wins = 0;
    for (int i = 0; i < n; i++) {
      Sample s = samples.get(i);
      x[i] = s.features();
      y[i] = s.label();
      w[i] = s.weight();
      start[i] = s.start();
      end[i] = s.end();
      wins += s.label();
    }
    Model chosen = o.model() == Model.AUTO ? byCount(n) : o.model();
    String reason = o.model() == Model.AUTO ? "n = " + n + ": " + ruleFor(n) : "chosen by the user";
    if (chosen != Model.HEURISTIC && (wins == 0 || wins == n)) {
      chosen = Model.HEURISTIC;
      reason = "only one class among the " + n + " samples: no classifier can be trained";
    }
    boolean calibrate = chosen != Model.HEURISTIC && (o.calibrate() != null ? o.calibrate() : n >= MIN_CALIBRATION);
    String calFolds = !calibrate ? "none" : o.calibrationCv() == CalibrationCv.STRATIFIED
        ? "stratified k-fold (3, unshuffled) — ignores time, as scikit-learn's cv=3" : "purged time-series (3 folds, 1 % embargo)";
    Attempt a = attempt(chosen, x, y, w, start, end, calibrate, o);
    if (a.classifier == null) {
      reason = reason + "; " + a.failure + " — the heuristic ran instead";
      chosen = Model.HEURISTIC;
      calibrate = false;
      calFolds = "none";
      a = new Attempt(heuristic(y, w), true, null);
    }
    CvScores cv = o.scoreCv() ? crossValidate(chosen, x, y, a.weighted ? w : null, start, end, calibrate, o) : null;
    String description = describe(chosen, o.seed()) + (a.weighted ? ", weighted" : ", unweighted")
        + (calibrate ? ", isotonic calibration on " + calFolds : "");
    if (!a.weighted && chosen != Model.HEURISTIC) {
      reason = reason + "; the weighted fit failed (" + a.failure + "), so this model is unweighted";
    }
    return new Fit(chosen.name().toLowerCase(java.util.Locale.ROOT), description, reason, a.weighted, calibrate, calFolds,
        n, wins, cv, a.classifier);
  }

  /** The model reference 001 uses for n samples. */
  public static Model byCount(int n) {
    return n < MIN_LOGISTIC ? Model.HEURISTIC : n < MIN_FOREST ? Model.LOGISTIC : n < MIN_BOOSTING ? Model.FOREST
        : Model.BOOSTING;
  }

  private static String ruleFor(int n) {
    return n < MIN_LOGISTIC ? "under 20 samples: the heuristic (no training)" : n < MIN_FOREST
        ? "20–49 samples: logistic regression" : n < MIN_BOOSTING ? "50–149 samples: a random forest"
        : "150 or more samples: gradient boosting";
  }

  private record Attempt(Classifier classifier, boolean weighted, String failure) {}

  private static Attempt attempt(Model m, double[][] x, int[] y, double[] w, int[] start, int[] end, boolean calibrate,
      Options o) {
    if (m == Model.HEURISTIC) {
      return new Attempt(heuristic(y, w), true, null);
    }
    String failure;
    try {
      return new Attempt(train(m, x, y, w, start, end, calibrate, o), true, null);
    } catch (RuntimeException e) {
      failure = "weighted fit: " + e.getMessage();
    }
    try {
      return new Attempt(train(m, x, y, null, start, end, calibrate, o), false, failure);
    } catch (RuntimeException e) {
      return new Attempt(null, false, failure + "; unweighted fit: " + e.getMessage());
    }
  }

  static Classifier train(Model m, double[][] x, int[] y, double[] w, int[] start, int[] end, boolean calibrate,
      Options o) {
    if (w != null) {
      for (double wi : w) {
        if (!(wi >= 0 && wi < Double.POSITIVE_INFINITY)) {
          throw new IllegalArgumentException("sample weights must be finite and >= 0, found " + wi);
        }
      }
    }
    Classifier.Trainer t = trainer(m, o.seed());
    if (!calibrate) {
      return t.fit(x, y, w);
    }
    List<Folds.Fold> folds = o.calibrationCv() == CalibrationCv.STRATIFIED ? Folds.stratified(y, 3)
        : Folds.purgedTimeSeries(start, end, 3, EMBARGO_PCT);
    for (Folds.Fold f : folds) {
      int ones = 0;
      for (int i : f.train()) {
        ones += y[i];
      }
      if (ones == 0 || ones == f.train().length) {
        throw new IllegalStateException("a calibration fold trains on one class only");
      }
    }
    return CalibratedClassifier.fit(t, x, y, w, folds);
  }

  static Classifier.Trainer trainer(Model m, long seed) {
    return switch (m) {
      case LOGISTIC -> new Logistic();
      case FOREST -> Ensembles.forest(seed);
      case BOOSTING -> Ensembles.boosting(seed);
      default -> throw new IllegalArgumentException("no trainer for " + m);
    };
  }

  private static String describe(Model m, long seed) {
    return m == Model.HEURISTIC ? "heuristic: the weighted win share shrunk toward 0.5 by " + (int) HEURISTIC_PRIOR
        + " pseudo-samples" : trainer(m, seed).describe();
  }

  /** The weighted win share shrunk toward ½: (Σ w·y + ½ k) / (Σ w + k), the same for every row. */
  static Classifier heuristic(int[] y, double[] w) {
    double sw = 0;
    double swy = 0;
    for (int i = 0; i < y.length; i++) {
      double wi = w == null ? 1 : w[i];
      sw += wi;
      swy += wi * y[i];
    }
    double p = (swy + 0.5 * HEURISTIC_PRIOR) / (sw + HEURISTIC_PRIOR);
    return new Classifier() {
      @Override
      public double score(double[] x) {
        return p;
      }

      @Override
      public double probability(double[] x) {
        return p;
      }
    };
  }

  /** Out-of-fold predictions on purged time-series splits, scored. */
  static CvScores crossValidate(Model m, double[][] x, int[] y, double[] w, int[] start, int[] end, boolean calibrate,
      Options o) {
    int n = x.length;
    int k = Math.min(5, n / 15);
    if (k < 2 || m == Model.HEURISTIC) {
      return new CvScores(0, 0, Double.NaN, Double.NaN, Double.NaN, List.of(), m == Model.HEURISTIC
          ? "the heuristic is not trained: nothing to validate" : "too few samples for 2 purged splits (" + n + ")");
    }
    List<Double> raw = new ArrayList<>();
    List<Double> cal = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    List<Double> weights = new ArrayList<>();
    int skipped = 0;
    for (Folds.Fold f : Folds.purgedTimeSeries(start, end, k, EMBARGO_PCT)) {
      double[][] tx = Folds.rows(x, f.train());
      int[] ty = Folds.pick(y, f.train());
      int ones = 0;
      for (int v : ty) {
        ones += v;
      }
      if (ones == 0 || ones == ty.length || ty.length < 5) {
        skipped++;
        continue;
      }
      double[] tw = Folds.pick(w, f.train());
      Classifier base;
      Classifier calibrated = null;
      try {
        base = trainer(m, o.seed()).fit(tx, ty, tw);
        if (calibrate && ty.length >= 15) {
          int[] s = pickInts(start, f.train());
          int[] e = pickInts(end, f.train());
          calibrated = CalibratedClassifier.fit(trainer(m, o.seed()), tx, ty, tw, Folds.purgedTimeSeries(s, e, 3,
              EMBARGO_PCT));
        }
      } catch (RuntimeException ex) {
        skipped++;
        continue;
      }
      for (int i : f.test()) {
        raw.add(base.probability(x[i]));
        cal.add(calibrated != null ? calibrated.probability(x[i]) : base.probability(x[i]));
        labels.add(y[i]);
        weights.add(w == null ? 1 : w[i]);
      }
    }
    double[] pr = raw.stream().mapToDouble(Double::doubleValue).toArray();
    double[] pc = cal.stream().mapToDouble(Double::doubleValue).toArray();
    int[] ly = labels.stream().mapToInt(Integer::intValue).toArray();
    double[] lw = weights.stream().mapToDouble(Double::doubleValue).toArray();
    if (pr.length == 0) {
      return new CvScores(k, 0, Double.NaN, Double.NaN, Double.NaN, List.of(), "no split could be trained ("
          + skipped + " had one class only)");
    }
    return new CvScores(k, pr.length, Scores.auc(pc, ly, lw), Scores.brier(pr, ly, lw), Scores.brier(pc, ly, lw),
        Scores.reliability(pc, ly, lw, 10), skipped == 0 ? "purged time-series splits, 1 % embargo"
            : skipped + " of " + k + " splits skipped (one class only)");
  }

  private static int[] pickInts(int[] a, int[] idx) {
    int[] out = new int[idx.length];
    for (int i = 0; i < idx.length; i++) {
      out[i] = a[idx[i]];
    }
    return out;
  }
}
