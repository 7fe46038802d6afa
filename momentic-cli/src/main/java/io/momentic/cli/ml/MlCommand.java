package io.momentic.cli.ml;

import io.momentic.cli.ExitCodes;
import io.momentic.cli.MomenticCommand;
import io.momentic.cli.Output;
import io.momentic.core.ConfigException;
import io.momentic.report.Json;
import io.momentic.research.ml.MetaLabel;
import io.momentic.workflow.ml.MlRuns;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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

/** {@code momentic ml}: meta-label tools usable on any table. */
@Command(name = "ml", mixinStandardHelpOptions = true, subcommands = {MlCommand.Fit.class, MlCommand.Isotonic.class},
    description = "Meta-label tools: 'momentic ml fit --help', 'momentic ml isotonic --help'.")
public final class MlCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @ParentCommand
  public MomenticCommand root;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return ExitCodes.OK;
  }

  /** {@code momentic ml fit}. */
  @Command(name = "fit", mixinStandardHelpOptions = true,
      description = "Fit a classifier on a table (label 0/1; features default to every other numeric column) with "
          + "the model reference 001 picks by sample count (or the one named), isotonic calibration from 60 rows, and "
          + "purged time-series cross-validation; with --predict, write the predicted table plus a p_win column.")
  public static final class Fit implements Callable<Integer> {

    @Mixin
    Output output;

    @Option(names = "--data", required = true, paramLabel = "FILE.csv", description = "Training rows, in time order.")
    Path data;

    @Option(names = "--label", required = true, paramLabel = "COL", description = "The 0/1 label column.")
    String label;

    @Option(names = "--weight", paramLabel = "COL", description = "Row weights (default: 1).")
    String weight;

    @Option(names = "--features", split = ",", paramLabel = "A,B", description = "Feature columns.")
    List<String> features = new ArrayList<>();

    @Option(names = "--model", defaultValue = "auto", paramLabel = "logistic|forest|boosting|auto",
        description = "Default ${DEFAULT-VALUE}: by sample count (heuristic < 20 ≤ logistic < 50 ≤ forest < 150 ≤ boosting).")
    String model;

    @Option(names = "--calibration", paramLabel = "isotonic|none", description = "Default: isotonic from 60 rows.")
    String calibration;

    @Option(names = "--cv", defaultValue = "purged", paramLabel = "purged|stratified",
        description = "Calibration folds: purged time-series (default) or scikit-learn's stratified k-fold (ignores time).")
    String cv;

    @Option(names = "--start-col", paramLabel = "C", description = "Where each row's label period starts (default: row index).")
    String startCol;

    @Option(names = "--end-col", paramLabel = "C", description = "Where it ends (default: its start).")
    String endCol;

    @Option(names = "--seed", defaultValue = "42", description = "Default ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--predict", paramLabel = "FILE.csv", description = "Rows to predict.")
    Path predict;

    @Option(names = "--out", paramLabel = "OUT.csv", description = "Where the predictions go.")
    Path out;

    @Override
    public Integer call() throws IOException {
      MetaLabel.Model m = switch (model.toLowerCase(Locale.ROOT)) {
        case "auto" -> MetaLabel.Model.AUTO;
        case "logistic" -> MetaLabel.Model.LOGISTIC;
        case "forest" -> MetaLabel.Model.FOREST;
        case "boosting" -> MetaLabel.Model.BOOSTING;
        default -> throw new ConfigException("model", "expected logistic, forest, boosting or auto, found '" + model + "'");
      };
      Boolean calibrate = calibration == null ? null : switch (calibration.toLowerCase(Locale.ROOT)) {
        case "isotonic" -> Boolean.TRUE;
        case "none" -> Boolean.FALSE;
        default -> throw new ConfigException("calibration", "expected isotonic or none, found '" + calibration + "'");
      };
      MetaLabel.CalibrationCv folds = switch (cv.toLowerCase(Locale.ROOT)) {
        case "purged" -> MetaLabel.CalibrationCv.PURGED;
        case "stratified" -> MetaLabel.CalibrationCv.STRATIFIED;
        default -> throw new ConfigException("cv", "expected purged or stratified, found '" + cv + "'");
      };
      MlRuns.FitRecord r = MlRuns.fit(new MlRuns.FitRequest(data, label, weight, features, m, calibrate, folds, startCol,
          endCol, seed, predict, out));
      PrintWriter o = output.out();
      if (output.json()) {
        Map<String, Object> doc = new LinkedHashMap<>(r.document());
        doc.put("predictions", r.predictions() == null ? null : r.predictions().toString());
        o.println(Json.pretty(doc));
      } else {
        o.println(MlRuns.summary(r.fit()));
        o.println("features: " + String.join(", ", r.features()));
        if (!r.fit().cv().reliability().isEmpty()) {
          o.println("reliability (cross-validated):");
          MlRuns.reliabilityRows(r.fit()).forEach(o::println);
        }
        if (r.predictions() != null) {
          o.println("predictions: " + r.predictions());
        }
      }
      return ExitCodes.OK;
    }
  }

  /** {@code momentic ml isotonic}. */
  @Command(name = "isotonic", mixinStandardHelpOptions = true,
      description = "The increasing isotonic fit of y on x (scikit-learn's IsotonicRegression, clipped): the kept "
          + "points, and with --json the fitted value of every row in input order.")
  public static final class Isotonic implements Callable<Integer> {

    @Mixin
    Output output;

    @Option(names = "--data", required = true, paramLabel = "FILE.csv")
    Path data;

    @Option(names = "--x", required = true, paramLabel = "COL")
    String x;

    @Option(names = "--y", required = true, paramLabel = "COL")
    String y;

    @Option(names = "--weight", paramLabel = "COL")
    String weight;

    @Override
    public Integer call() {
      MlRuns.IsotonicRecord r = MlRuns.isotonic(new MlRuns.IsotonicRequest(data, x, y, weight));
      PrintWriter o = output.out();
      if (output.json()) {
        List<List<Double>> points = new ArrayList<>();
        for (int i = 0; i < r.pointsX().length; i++) {
          points.add(List.of(r.pointsX()[i], r.pointsY()[i]));
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("points", points);
        doc.put("fitted", r.fitted());
        o.println(Json.pretty(doc));
      } else {
        o.println(r.pointsX().length + " kept points of " + r.fitted().length + " rows:");
        for (int i = 0; i < r.pointsX().length; i++) {
          o.printf(Locale.ROOT, "  %.6g -> %.6g%n", r.pointsX()[i], r.pointsY()[i]);
        }
      }
      return ExitCodes.OK;
    }
  }
}
