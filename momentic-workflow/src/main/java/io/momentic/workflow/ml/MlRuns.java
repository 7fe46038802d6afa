package io.momentic.workflow.ml;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.momentic.core.AtomicFiles;
import io.momentic.core.BuildInfo;
import io.momentic.core.ConfigException;
import io.momentic.core.DataFormatException;
import io.momentic.core.LoadFailure;
import io.momentic.core.Csv;
import io.momentic.research.ml.IsotonicRegression;
import io.momentic.research.ml.MetaLabel;
import io.momentic.research.ml.Scores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code momentic ml}: the meta-label tools for any table — fit a classifier with honest
 * cross-validation and predict another table; fit an isotonic curve.
 */
public final class MlRuns {

  private MlRuns() {}

  /** A CSV table: its header and its rows as text, with each row's line number. */
  record Table(Path file, List<String> header, List<List<String>> rows, List<Long> lines) {

    int column(String name, String option) {
      int i = header.indexOf(name);
      if (i < 0) {
        throw new ConfigException(option, "expected a column of " + file + " (" + String.join(", ", header)
            + "), found '" + name + "'" + io.momentic.core.Spelling.nearest(name, header).map(n -> "; fix: did you mean '"
                + n + "'?").orElse(""));
      }
      return i;
    }

    double number(int row, int col) {
      String text = rows.get(row).get(col).strip();
      try {
        double v = Double.parseDouble(text);
        if (Double.isFinite(v)) {
          return v;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new DataFormatException(new LoadFailure(file.toString(), lines.get(row), header.get(col),
          "a finite number", "'" + text + "'", "fix the value or leave the column out of --features"));
    }

    boolean numeric(int col) {
      for (List<String> r : rows) {
        try {
          if (!Double.isFinite(Double.parseDouble(r.get(col).strip()))) {
            return false;
          }
        } catch (NumberFormatException e) {
          return false;
        }
      }
      return true;
    }
  }

  static Table read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new DataFormatException(new LoadFailure(file.toString(), 0, "", "a CSV file with a header", "no such file",
          "check the path"));
    }
    List<String> header = null;
    List<List<String>> rows = new ArrayList<>();
    List<Long> lines = new ArrayList<>();
    try (CsvReader<CsvRecord> r = CsvReader.builder().skipEmptyLines(true).detectBomHeader(true).ofCsvRecord(file)) {
      for (CsvRecord rec : r) {
        if (header == null) {
          header = rec.getFields().stream().map(String::strip).toList();
          continue;
        }
        if (rec.getFieldCount() != header.size()) {
          throw new DataFormatException(new LoadFailure(file.toString(), rec.getStartingLineNumber(), "",
              header.size() + " fields", rec.getFieldCount() + " fields", "check the delimiters on this line"));
        }
        rows.add(rec.getFields());
        lines.add(rec.getStartingLineNumber());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (header == null || rows.isEmpty()) {
      throw new DataFormatException(new LoadFailure(file.toString(), 1, "", "a header and rows", "no rows",
          "point to a table with data"));
    }
    return new Table(file, header, rows, lines);
  }

  /** {@code momentic ml fit}; {@code features} empty: every other numeric column. */
  public record FitRequest(Path data, String label, String weight, List<String> features, MetaLabel.Model model,
      Boolean calibrate, MetaLabel.CalibrationCv cv, String startCol, String endCol, long seed, Path predict, Path out) {}

  /** The fit, the features it used, its manifest and (with a prediction file) where the predictions went. */
  public record FitRecord(MetaLabel.Fit fit, List<String> features, Map<String, Object> document, Path predictions) {}

  public static FitRecord fit(FitRequest r) throws IOException {
    Table t = read(r.data());
    int labelCol = t.column(r.label(), "label");
    int weightCol = r.weight() == null ? -1 : t.column(r.weight(), "weight");
    int startCol = r.startCol() == null ? -1 : t.column(r.startCol(), "start-col");
    int endCol = r.endCol() == null ? -1 : t.column(r.endCol(), "end-col");
    List<String> features = new ArrayList<>();
    if (r.features() == null || r.features().isEmpty()) {
      for (int c = 0; c < t.header().size(); c++) {
        if (c != labelCol && c != weightCol && c != startCol && c != endCol && t.numeric(c)) {
          features.add(t.header().get(c));
        }
      }
    } else {
      features.addAll(r.features());
    }
    if (features.isEmpty()) {
      throw new ConfigException("features", "expected at least one numeric feature column in " + r.data()
          + ", found none; fix: name them with --features A,B");
    }
    int[] cols = features.stream().mapToInt(f -> t.column(f, "features")).toArray();
    List<MetaLabel.Sample> samples = new ArrayList<>();
    for (int i = 0; i < t.rows().size(); i++) {
      double lv = t.number(i, labelCol);
      if (lv != 0 && lv != 1) {
        throw new DataFormatException(new LoadFailure(r.data().toString(), t.lines().get(i), r.label(), "a label of 0 or 1",
            t.rows().get(i).get(labelCol), "encode the label as 0/1 (1 = the trade won)"));
      }
      double[] x = new double[cols.length];
      for (int j = 0; j < cols.length; j++) {
        x[j] = t.number(i, cols[j]);
      }
      int start = startCol < 0 ? i : (int) t.number(i, startCol);
      int end = endCol < 0 ? start : (int) t.number(i, endCol);
      samples.add(new MetaLabel.Sample(x, (int) lv, weightCol < 0 ? 1 : t.number(i, weightCol), start, end));
    }
    for (int i = 1; i < samples.size(); i++) {
      if (samples.get(i).start() < samples.get(i - 1).start()) {
        throw new DataFormatException(new LoadFailure(r.data().toString(), t.lines().get(i),
            r.startCol() == null ? "" : r.startCol(), "rows in time order (starts not decreasing)",
            "a start before the previous row's", "sort the table by time: purged validation depends on it"));
      }
    }
    MetaLabel.Fit fit = MetaLabel.fit(samples, new MetaLabel.Options(r.model(), r.calibrate(), r.cv(), r.seed()));
    Map<String, Object> doc = document(fit, features, r);
    Path written = null;
    if (r.predict() != null) {
      if (r.out() == null) {
        throw new ConfigException("out", "expected --out OUT.csv with --predict, found none");
      }
      Table p = read(r.predict());
      int[] pc = features.stream().mapToInt(f -> p.column(f, "predict")).toArray();
      List<List<String>> rows = new ArrayList<>();
      for (int i = 0; i < p.rows().size(); i++) {
        double[] x = new double[pc.length];
        for (int j = 0; j < pc.length; j++) {
          x[j] = p.number(i, pc[j]);
        }
        List<String> row = new ArrayList<>(p.rows().get(i));
        row.add(io.momentic.core.Decimals.shortest(fit.probability(x)));
        rows.add(row);
      }
      List<String> header = new ArrayList<>(p.header());
      header.add("p_win");
      written = AtomicFiles.writeString(r.out(), Csv.table(header, rows));
    }
    return new FitRecord(fit, features, doc, written);
  }

  private static Map<String, Object> document(MetaLabel.Fit fit, List<String> features, FitRequest r) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("model", fit.model());
    doc.put("description", fit.description());
    doc.put("reason", fit.reason());
    doc.put("weighted", fit.weighted());
    doc.put("calibrated", fit.calibrated());
    doc.put("calibration_folds", fit.calibrationFolds());
    doc.put("n", fit.n());
    doc.put("wins", fit.wins());
    doc.put("features", features);
    Map<String, Object> cv = new LinkedHashMap<>();
    cv.put("splits", fit.cv().splits());
    cv.put("predicted", fit.cv().predicted());
    cv.put("auc", fit.cv().auc());
    cv.put("brier_uncalibrated", fit.cv().brierRaw());
    cv.put("brier_calibrated", fit.cv().brierCalibrated());
    cv.put("reliability", fit.cv().reliability().stream().map(b -> Map.of("mean_predicted", b.meanPredicted(),
        "observed", b.observed(), "weight", b.weight())).toList());
    cv.put("note", fit.cv().note());
    doc.put("cv", cv);
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("data", r.data().toString());
    manifest.put("label", r.label());
    manifest.put("weight", r.weight());
    manifest.put("seed", r.seed());
    manifest.put("conventions", "scikit-learn 1.2: balanced class weights from class counts; forests are XGBoost's "
        + "(63.2 % row subsample, no weighted bootstrap); logistic C = 1 on standardised features");
    manifest.put("code_version", BuildInfo.version());
    doc.put("manifest", manifest);
    return doc;
  }

  /** {@code momentic ml isotonic}. */
  public record IsotonicRequest(Path data, String x, String y, String weight) {}

  /** The kept points and the fitted value of every input row, in input order. */
  public record IsotonicRecord(double[] pointsX, double[] pointsY, double[] fitted) {}

  public static IsotonicRecord isotonic(IsotonicRequest r) {
    Table t = read(r.data());
    int xc = t.column(r.x(), "x");
    int yc = t.column(r.y(), "y");
    int wc = r.weight() == null ? -1 : t.column(r.weight(), "weight");
    int n = t.rows().size();
    double[] x = new double[n];
    double[] y = new double[n];
    double[] w = wc < 0 ? null : new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = t.number(i, xc);
      y[i] = t.number(i, yc);
      if (w != null) {
        w[i] = t.number(i, wc);
        if (w[i] < 0) {
          throw new DataFormatException(new LoadFailure(r.data().toString(), t.lines().get(i), r.weight(),
              "a weight >= 0", Double.toString(w[i]), "fix the weight"));
        }
      }
    }
    IsotonicRegression iso = IsotonicRegression.fit(x, y, w);
    double[] fitted = new double[n];
    for (int i = 0; i < n; i++) {
      fitted[i] = iso.predict(x[i]);
    }
    return new IsotonicRecord(iso.thresholdsX(), iso.thresholdsY(), fitted);
  }

  static String fmt(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }

  /** Scores of a set of predictions, for the text output. */
  public static String summary(MetaLabel.Fit f) {
    MetaLabel.CvScores cv = f.cv();
    return f.model() + " on " + f.n() + " samples (" + f.wins() + " wins): " + f.description() + "\nwhy: " + f.reason()
        + "\ncross-validated (" + cv.note() + ", " + cv.splits() + " splits, " + cv.predicted() + " predictions): AUC "
        + fmt(cv.auc()) + ", Brier " + fmt(cv.brierRaw()) + (f.calibrated() ? " uncalibrated, " + fmt(cv.brierCalibrated())
            + " calibrated" : "");
  }

  /** The reliability curve as text rows. */
  public static List<String> reliabilityRows(MetaLabel.Fit f) {
    List<String> out = new ArrayList<>();
    for (Scores.Bin b : f.cv().reliability()) {
      out.add(String.format(Locale.ROOT, "  predicted %.2f  observed %.2f  (weight %.1f)", b.meanPredicted(),
          b.observed(), b.weight()));
    }
    return out;
  }
}
