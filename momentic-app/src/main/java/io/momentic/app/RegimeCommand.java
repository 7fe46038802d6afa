package io.momentic.app;

import io.momentic.analytics.hmm.RegimeFeatures;
import io.momentic.analytics.hmm.UnivariateHmm;
import io.momentic.core.BarSeries;
import io.momentic.core.ConfigException;
import io.momentic.data.BarFiles;
import io.momentic.data.Timestamps;
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
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code momentic regime}: market regimes from a hidden Markov model of the drawdown (reference 004 §4). */
@Command(name = "regime", mixinStandardHelpOptions = true, subcommands = RegimeCommand.Fit.class,
    description = "Drawdown HMM regimes: 'momentic regime fit --help'.")
final class RegimeCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return Main.EXIT_OK;
  }

  /** State names by ascending mean (spec §4.6). */
  static List<String> stateNames(int k) {
    return switch (k) {
      case 2 -> List.of("bear", "bull");
      case 3 -> List.of("bear", "ranging", "bull");
      case 4 -> List.of("bear", "ranging_deep", "ranging_shallow", "bull");
      default -> {
        List<String> names = new ArrayList<>();
        for (int s = 0; s < k; s++) {
          names.add("state_" + s);
        }
        yield names;
      }
    };
  }

  /**
   * The observation series of spec §4.2 from a close series: {@code drawdown} = ln p − running max
   * of ln p, first row dropped; {@code drawdown200} = ln p − max over the last 200 rows (from row
   * 199); {@code return} = daily log return (from row 1). Returns {observation index → bar index, values}.
   */
  static double[][] observations(double[] close, String feature) {
    int n = close.length;
    double[] values = switch (feature) {
      case "drawdown" -> RegimeFeatures.runningMaxDrawdown(close);
      case "return" -> RegimeFeatures.logReturns(close);
      case "drawdown200" -> RegimeFeatures.rollingMaxDrawdown(close, RegimeFeatures.DRAWDOWN_WINDOW);
      default -> throw new ConfigException("feature", "expected drawdown, drawdown200 or return, found '" + feature
          + "'");
    };
    // The running-max drawdown is defined on row 0 but the reference drops that row with the return's.
    int first = feature.equals("drawdown200") ? RegimeFeatures.DRAWDOWN_WINDOW - 1 : 1;
    int count = Math.max(0, n - first);
    double[][] out = new double[2][count];
    for (int t = first; t < n; t++) {
      out[0][t - first] = t;
      out[1][t - first] = values[t];
    }
    return out;
  }

  /** {@code momentic regime fit}. */
  @Command(name = "fit", mixinStandardHelpOptions = true,
      description = "Fit a K-state HMM to a drawdown (or return) series with Baum-Welch and seeded restarts; print the "
          + "states (named by ascending mean), transitions, likelihood, BIC and today's filtered posterior.")
  static final class Fit implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "Daily bars of one instrument.")
    Path data;

    @Mixin
    LoadMixin load;

    @Option(names = "--states", paramLabel = "K", description = "Number of states, 2..4 (default 3).")
    int states = 3;

    @Option(names = "--family", paramLabel = "NAME", description = "Emission family: gaussian (default) or student_t.")
    String family = "gaussian";

    @Option(names = "--feature", paramLabel = "NAME",
        description = "drawdown (running max, default), drawdown200 (rolling 200-bar max) or return.")
    String feature = "drawdown";

    @Option(names = "--restarts", paramLabel = "N", description = "Restarts (default 5, 8 for K >= 4).")
    Integer restarts;

    @Option(names = "--seed", paramLabel = "S", description = "Restart seed (default 20260603).")
    long seed = 20_260_603L;

    @Option(names = "--json", description = "Print the fit as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      if (states < 2 || states > 4) {
        throw new ConfigException("states", "expected 2, 3 or 4, found " + states);
      }
      UnivariateHmm.Family emission;
      try {
        emission = UnivariateHmm.Family.parse(family);
      } catch (IllegalArgumentException e) {
        throw new ConfigException("family", "expected gaussian or student_t, found '" + family + "'");
      }
      BarSeries series = BarFiles.read(data, load.options()).single();
      double[][] obs = observations(series.closes(), feature.toLowerCase(Locale.ROOT));
      double[] x = obs[1];
      UnivariateHmm.Settings base = UnivariateHmm.Settings.notebook(emission, states);
      UnivariateHmm.Settings settings = new UnivariateHmm.Settings(emission, states, restarts == null ? base.restarts() : restarts,
          base.maxIterations(), base.tolerance(), seed);
      UnivariateHmm.Fit fit = UnivariateHmm.fit(x, settings);
      UnivariateHmm.Model m = fit.model();
      List<String> names = stateNames(states);
      double[][] filtered = UnivariateHmm.filtered(m, x);
      int[] path = UnivariateHmm.viterbi(m, x);
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("family", emission.code());
      doc.put("feature", feature);
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
      doc.put("seed", seed);
      Map<String, Object> now = new LinkedHashMap<>();
      for (int s = 0; s < states; s++) {
        now.put(names.get(s), filtered[x.length - 1][s]);
      }
      doc.put("filtered_posterior_last", now);
      doc.put("viterbi_last", names.get(path[x.length - 1]));
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        out.println(ScreenCommand.JSON.writeValueAsString(doc));
        return Main.EXIT_OK;
      }
      out.printf(Locale.ROOT, "%d-state %s HMM of the %s, %d observations %s to %s: log-likelihood %.2f, BIC "
              + "%.2f, %d iterations%s%n", states, emission == UnivariateHmm.Family.GAUSSIAN ? "Gaussian" : "Student-t",
          feature, x.length, doc.get("first_date"), doc.get("last_date"),
          fit.logLikelihood(), fit.bic(), fit.iterations(), fit.converged() ? "" : " (not converged)");
      List<List<String>> rows = new ArrayList<>();
      for (int s = 0; s < states; s++) {
        rows.add(List.of(names.get(s), Tables.num(m.mean()[s], 4), Tables.num(m.sigma()[s], 4),
            m.nu() == null ? "-" : Tables.num(m.nu()[s], 2), Tables.num(a[s][s], 4),
            Tables.num(filtered[x.length - 1][s], 4)));
      }
      Tables.print(out, List.of("state", "mean", "sigma", "nu", "P(stay)", "P(now | past)"), rows);
      out.println("Viterbi state on the last day: " + names.get(path[x.length - 1]));
      return Main.EXIT_OK;
    }
  }
}
