package io.momentic.cli.research;

import io.momentic.cli.LoadMixin;
import io.momentic.cli.Main;
import io.momentic.core.BarSeries;
import io.momentic.core.Clock;
import io.momentic.core.ConfigException;
import io.momentic.core.Interval;
import io.momentic.core.Panel;
import io.momentic.core.Resampler;
import io.momentic.core.Timestamps;
import io.momentic.data.BarFiles;
import io.momentic.data.LoadedBars;
import io.momentic.data.SyntheticMarket;
import io.momentic.engine.BacktestConfig;
import io.momentic.engine.Strategy;
import io.momentic.engine.exec.FeeModel;
import io.momentic.indicators.BarIndicator;
import io.momentic.indicators.Indicators;
import io.momentic.report.Json;
import io.momentic.report.text.Tables;
import io.momentic.research.LeakSamples;
import io.momentic.research.LookaheadAudit;
import io.momentic.strategies.RegimeGate;
import io.momentic.strategies.StrategyRegistry;
import io.momentic.strategies.gem.GemAudit;
import io.momentic.strategies.gem.GemBacktest;
import io.momentic.strategies.gem.GemFit;
import io.momentic.strategies.gem.GemParams;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code momentic audit}: checks that prove properties of research code. */
@Command(name = "audit", mixinStandardHelpOptions = true, subcommands = AuditCommand.Lookahead.class,
    description = "Audits of research code. See 'momentic audit lookahead --help'.")
public final class AuditCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return Main.EXIT_OK;
  }

  /** {@code momentic audit lookahead}. */
  @Command(name = "lookahead", mixinStandardHelpOptions = true,
      description = "Recompute indicators and strategies on histories cut at many points (seeded random ones and "
          + "every bar near the end) and compare with the full history: any value or decision before the cut that "
          + "changes is look-ahead. Also reports how many bars recursive indicators need to converge. Exit 1 when a "
          + "leak is found.")
  public static final class Lookahead implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "FILE",
        description = "Bar file to audit on (default: a seeded synthetic series of --bars bars).")
    Path data;

    @Mixin
    LoadMixin load;

    @Option(names = "--bars", defaultValue = "2000", description = "Synthetic history length (default ${DEFAULT-VALUE}).")
    int bars;

    @Option(names = "--seed", defaultValue = "2026", description = "Seed of the synthetic data and cuts (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--indicators", defaultValue = "all", paramLabel = "all|none|NAME,…",
        description = "Built-in indicators to audit, by name (e.g. sma(20)); default all.")
    String indicators;

    @Option(names = "--strategies", defaultValue = "all", paramLabel = "all|none|NAME,…",
        description = "Built-in strategies to audit, with their default parameters, or with name[key=value;…] "
            + "(gem takes preset, fit, timing and its parameters, e.g. gem[preset=bear;timing=next-open]); default all.")
    String strategies;

    @Option(names = "--class", paramLabel = "FQCN",
        description = "A user indicator (implements BarIndicator) or strategy (implements Strategy), with a public "
            + "no-argument constructor, loaded from the class path (repeatable).")
    List<String> classes = new ArrayList<>();

    @Option(names = "--classpath", paramLabel = "DIR|JAR", description = "Extra class path entries for --class.")
    List<Path> classpath = new ArrayList<>();

    @Option(names = "--with-leak-samples",
        description = "Also audit the deliberately leaking samples (they must all be flagged; exit is then 1).")
    boolean withLeakSamples;

    @Option(names = "--random-cuts", defaultValue = "25", description = "Random cut points (default ${DEFAULT-VALUE}).")
    int randomCuts;

    @Option(names = "--tail-cuts", defaultValue = "20",
        description = "Cut at every one of the last N bars (default ${DEFAULT-VALUE}).")
    int tailCuts;

    @Option(names = "--tolerance", defaultValue = "0",
        description = "Accepted relative difference before the cut (default ${DEFAULT-VALUE}: exact).")
    double tolerance;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Override
    public Integer call() throws IOException {
      if (bars < 100) {
        throw new ConfigException("bars", "expected at least 100 bars to audit on, found " + bars);
      }
      LookaheadAudit.Options options = new LookaheadAudit.Options(randomCuts, tailCuts,
          Math.max(2, Math.min(50, bars / 10)), seed, tolerance, 1e-9);
      LoadedBars loaded = data == null ? null : BarFiles.read(data, load.options());
      BarSeries series = loaded == null
          ? SyntheticMarket.generate(SyntheticMarket.Spec.gbmUniverse(1, bars, seed)).get(0)
          : loaded.series().get(0);
      // Every target is resolved before any audit runs, so bad input fails at once.
      List<BarIndicator> indicatorTargets = pickIndicators();
      List<String> strategyTargets = pickStrategies();
      Map<String, GemTarget> gemTargets = new LinkedHashMap<>();
      for (String label : strategyTargets) {
        if (strategyName(label).equals(GEM)) {
          gemTargets.put(label, GemTarget.parse(label));
        }
      }
      ClassLoader loader = classLoader();
      List<Object> userTargets = new ArrayList<>();
      for (String fqcn : classes) {
        Object target = instantiate(loader, fqcn);
        if (!(target instanceof BarIndicator) && !(target instanceof Strategy)) {
          throw new ConfigException("class", "expected " + fqcn + " to implement io.momentic.indicators.BarIndicator "
              + "or io.momentic.engine.Strategy, found " + target.getClass().getName());
        }
        userTargets.add(target);
      }
      long started = System.nanoTime();
      List<LookaheadAudit.Result> results = new ArrayList<>();
      List<String> skipped = new ArrayList<>();

      for (BarIndicator ind : indicatorTargets) {
        results.add(LookaheadAudit.auditIndicator(ind, series, options));
      }
      BacktestConfig config = BacktestConfig.of(100_000).withFees(FeeModel.bps(5));
      for (String label : strategyTargets) {
        String name = strategyName(label);
        if (gemTargets.containsKey(label)) {
          GemTarget gem = gemTargets.get(label);
          results.add(GemAudit.audit(label, gemBasket(loaded), gem.params(), gem.fit(), gem.timing(), options));
          continue;
        }
        Map<String, String> params = strategyParams(label);
        List<String> universe = StrategyRegistry.universe(name, params);
        Optional<Interval> weeks = StrategyRegistry.barInterval(name);
        Panel panel = loaded != null ? loaded.toPanel()
            : weeks.isPresent() ? Panel.align(SyntheticMarket.generate(SyntheticMarket.Spec.gbmUniverse(12, bars, seed)))
            : syntheticPanel(universe, bars, seed);
        if (weeks.isPresent() && panel.interval().millis() < weeks.get().millis()) {
          // A strategy that counts weeks is audited on the weekly bars it runs on (all weeks closed).
          panel = Resampler.resample(panel, weeks.get(), Clock.frozen(java.time.Instant.ofEpochMilli(Long.MAX_VALUE / 2)));
        }
        Panel audited = panel;
        List<String> missing = universe.stream().filter(s -> audited.findSymbolIndex(s).isEmpty()).toList();
        if (!missing.isEmpty()) {
          skipped.add(label + " (needs " + String.join(", ", missing) + " in the data)");
          continue;
        }
        results.add(LookaheadAudit.auditStrategy(label, () -> StrategyRegistry.create(name, params), audited, config,
            options));
      }
      for (int i = 0; i < classes.size(); i++) {
        String fqcn = classes.get(i);
        if (userTargets.get(i) instanceof BarIndicator ind) {
          results.add(LookaheadAudit.auditIndicator(ind, series, options));
        } else {
          Supplier<Strategy> factory = () -> (Strategy) instantiate(loader, fqcn);
          Panel panel = loaded == null ? Panel.align(List.of(series)) : loaded.toPanel();
          results.add(LookaheadAudit.auditStrategy(fqcn, factory, panel, config, options));
        }
      }
      if (withLeakSamples) {
        for (BarIndicator leak : LeakSamples.indicators()) {
          results.add(LookaheadAudit.auditIndicator(leak, series, options));
        }
        results.add(LookaheadAudit.auditStrategy("leak: strategy trading on tomorrow's close",
            LeakSamples::peekingStrategy, Panel.align(List.of(series)), config, options));
        results.add(GemAudit.auditLeakSample(gemBasket(loaded), options));
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      long leaking = results.stream().filter(r -> !r.clean()).count();
      print(results, skipped, series, seconds, leaking);
      return leaking > 0 ? Main.EXIT_FAILURE : Main.EXIT_OK;
    }

    private void print(List<LookaheadAudit.Result> results, List<String> skipped, BarSeries series, double seconds,
        long leaking) throws IOException {
      PrintWriter o = spec.commandLine().getOut();
      if (json) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("data", data == null ? "synthetic " + series.size() + " bars, seed " + seed : data.toString());
        doc.put("bars", series.size());
        doc.put("targets", results.size());
        doc.put("leaking", leaking);
        doc.put("seconds", Math.round(seconds * 1000) / 1000.0);
        List<Map<String, Object>> rs = new ArrayList<>();
        for (LookaheadAudit.Result r : results) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("target", r.target());
          m.put("type", r.type());
          m.put("clean", r.clean());
          m.put("cuts", r.cutsChecked());
          List<Map<String, Object>> fs = new ArrayList<>();
          for (LookaheadAudit.Finding f : r.findings()) {
            Map<String, Object> fm = new LinkedHashMap<>();
            fm.put("kind", f.kind());
            fm.put("name", f.name());
            fm.put("first_bar", f.firstBar());
            fm.put("first_time", Timestamps.format(f.firstTimeMillis()));
            fm.put("cut", f.cut());
            fm.put("difference", Double.isNaN(f.difference()) ? null : f.difference());
            fm.put("detail", f.detail());
            fs.add(fm);
          }
          m.put("findings", fs);
          List<Map<String, Object>> cs = new ArrayList<>();
          for (LookaheadAudit.Convergence c : r.convergence()) {
            Map<String, Object> cm = new LinkedHashMap<>();
            cm.put("output", c.output());
            cm.put("recursive", c.recursive());
            cm.put("warmup", c.warmup());
            cm.put("bars_to_converge", c.converged() ? c.barsToConverge() : null);
            cm.put("tolerance", c.tolerance());
            cs.add(cm);
          }
          m.put("convergence", cs);
          rs.add(m);
        }
        doc.put("results", rs);
        doc.put("skipped", skipped);
        o.println(Json.pretty(doc));
        return;
      }
      List<List<String>> rows = new ArrayList<>();
      for (LookaheadAudit.Result r : results) {
        String converge = r.convergence().stream()
            .map(c -> c.converged() ? Integer.toString(c.barsToConverge()) : "no").distinct()
            .reduce((a, b) -> a + "/" + b).orElse("");
        if (r.clean()) {
          rows.add(List.of(r.target(), r.type(), Integer.toString(r.cutsChecked()), "clean", "", "", converge));
        } else {
          for (LookaheadAudit.Finding f : r.findings()) {
            rows.add(List.of(r.target(), r.type(), Integer.toString(r.cutsChecked()),
                f.name().equals(r.target()) ? "LEAK" : "LEAK " + f.kind() + " " + f.name(), f.firstBar() + " (" + Timestamps.formatDate(f.firstTimeMillis())
                + ", cut " + f.cut() + ")", f.kind().equals("decision") ? "other decision"
                : Double.isNaN(f.difference()) ? "value vs none" : String.format(Locale.ROOT, "%.6g", f.difference()),
                converge));
          }
        }
      }
      o.println("look-ahead audit on " + (data == null ? "a synthetic " + series.size() + "-bar series (seed " + seed + ")"
          : data + " (" + series.size() + " bars)") + "; comparison " + (tolerance == 0 ? "exact" : "within "
          + tolerance) + "; convergence to 1e-9 relative");
      o.println();
      Tables.print(o, List.of("target", "type", "cuts", "result", "first bar", "difference", "converges after"), rows);
      for (String s : skipped) {
        o.println("skipped: " + s);
      }
      o.println();
      o.printf(Locale.ROOT, "%d targets, %d clean, %d leaking, %.1f s%n", results.size(), results.size() - leaking,
          leaking, seconds);
    }

    private List<BarIndicator> pickIndicators() {
      List<BarIndicator> all = new ArrayList<>(Indicators.builtIns());
      all.add(RegimeGate.filteredPosterior());
      if (indicators.equals("all")) {
        return all;
      }
      if (indicators.equals("none")) {
        return List.of();
      }
      List<BarIndicator> out = new ArrayList<>();
      for (String name : indicators.split(",")) {
        out.add(all.stream().filter(i -> i.name().equals(name.strip())).findFirst().orElseThrow(() ->
            new ConfigException("indicators", "expected one of " + all.stream().map(BarIndicator::name).toList()
                + ", found '" + name.strip() + "'")));
      }
      return out;
    }

    /** Built-ins audited with parameters as well: each regime gate around a strategy, GEM in both timings. */
    static final List<String> GATED = List.of("sma-cross[regime-gate=hmm]",
        "buy-and-hold[regime-gate=breadth;regime-breadth-ma=50]", "gem[timing=same-close]", "gem[timing=next-open]");

    /** GEM runs its own walk, not the engine: audited through its whole walk (see GemAudit). */
    static final String GEM = "gem";

    /** Tokens in GEM's synthetic basket when no --data is given. */
    static final int GEM_SYNTHETIC_TOKENS = 6;

    /** The loaded bars, or a seeded synthetic basket of --bars days. */
    private Panel gemBasket(LoadedBars loaded) {
      return loaded != null ? loaded.toPanel()
          : Panel.align(SyntheticMarket.generate(SyntheticMarket.Spec.gbmUniverse(GEM_SYNTHETIC_TOKENS, bars, seed)));
    }

    /**
     * A GEM target: {@code gem[preset=…;fit=…;timing=…;name=value…]}, any GEM parameter by name,
     * on top of the preset (default: the sweep's final defaults, exponential fit, same-close timing).
     */
    record GemTarget(GemParams params, GemFit.Model fit, GemBacktest.Timing timing) {

      static GemTarget parse(String label) {
        Map<String, String> given = new LinkedHashMap<>(strategyParams(label));
        GemParams params = GemParams.preset(Optional.ofNullable(given.remove("preset")).orElse("default"));
        GemFit.Model fit = GemFit.Model.parse(Optional.ofNullable(given.remove("fit")).orElse("exponential"));
        GemBacktest.Timing timing = GemBacktest.Timing.parse(
            Optional.ofNullable(given.remove("timing")).orElse("same-close"));
        for (Map.Entry<String, String> p : given.entrySet()) {
          params = params.with(p.getKey(), p.getValue());
        }
        return new GemTarget(params, fit, timing);
      }
    }

    /** Strategy names, optionally with parameters: {@code name[k=v;k=v]}. */
    private List<String> pickStrategies() {
      if (strategies.equals("all")) {
        List<String> all = new ArrayList<>(StrategyRegistry.names());
        all.addAll(GATED);
        return all;
      }
      if (strategies.equals("none")) {
        return List.of();
      }
      List<String> out = new ArrayList<>();
      for (String label : strategies.split(",")) {
        String name = strategyName(label.strip());
        if (!StrategyRegistry.names().contains(name) && !name.equals(GEM)) {
          throw new ConfigException("strategies", "expected one of " + StrategyRegistry.names() + " or gem (optionally with "
              + "[key=value;...]), found '" + label.strip() + "'");
        }
        strategyParams(label.strip());
        out.add(label.strip());
      }
      return out;
    }

    static String strategyName(String label) {
      int open = label.indexOf('[');
      return (open < 0 ? label : label.substring(0, open)).strip();
    }

    static Map<String, String> strategyParams(String label) {
      int open = label.indexOf('[');
      if (open < 0) {
        return Map.of();
      }
      if (!label.endsWith("]")) {
        throw new ConfigException("strategies", "expected name[key=value;...] with a closing ], found '" + label + "'");
      }
      Map<String, String> params = new java.util.LinkedHashMap<>();
      for (String kv : label.substring(open + 1, label.length() - 1).split(";")) {
        int eq = kv.indexOf('=');
        if (eq <= 0) {
          throw new ConfigException("strategies", "expected key=value inside [...], found '" + kv + "'");
        }
        params.put(kv.substring(0, eq).strip(), kv.substring(eq + 1).strip());
      }
      return params;
    }

    private ClassLoader classLoader() {
      if (classpath.isEmpty()) {
        return getClass().getClassLoader();
      }
      URL[] urls = new URL[classpath.size()];
      for (int i = 0; i < urls.length; i++) {
        try {
          urls[i] = classpath.get(i).toUri().toURL();
        } catch (MalformedURLException e) {
          throw new ConfigException("classpath", "expected a folder or jar, found '" + classpath.get(i) + "'");
        }
      }
      return new URLClassLoader(urls, getClass().getClassLoader());
    }

    private static Object instantiate(ClassLoader loader, String fqcn) {
      try {
        return Class.forName(fqcn, true, loader).getDeclaredConstructor().newInstance();
      } catch (ClassNotFoundException e) {
        throw new ConfigException("class", "expected a class on the class path, found no '" + fqcn
            + "'; add its folder or jar with --classpath");
      } catch (ReflectiveOperationException e) {
        throw new ConfigException("class", "expected " + fqcn + " to have a public no-argument constructor, found "
            + e);
      }
    }

    /** The strategy's universe as synthetic data: an index, then alternating 3x and -3x daily funds on it. */
    static Panel syntheticPanel(List<String> universe, int bars, long seed) {
      if (universe.isEmpty()) {
        return Panel.align(List.of(SyntheticMarket.generate(SyntheticMarket.Spec.gbmUniverse(1, bars, seed)).get(0)));
      }
      BarSeries index = SyntheticMarket.generate(SyntheticMarket.Spec.gbmUniverse(1, bars, seed)
          .withSymbols(List.of(universe.get(0)))).get(0);
      return Panel.align(SyntheticMarket.leveragedFamily(index, universe.subList(1, universe.size()), 0.0095, 252,
          40));
    }
  }
}
