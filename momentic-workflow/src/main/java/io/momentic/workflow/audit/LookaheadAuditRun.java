package io.momentic.workflow.audit;

import io.momentic.core.BarSeries;
import io.momentic.core.Clock;
import io.momentic.core.ConfigException;
import io.momentic.core.Interval;
import io.momentic.core.Panel;
import io.momentic.core.Resampler;
import io.momentic.data.BarFiles;
import io.momentic.data.LoadOptions;
import io.momentic.data.LoadedBars;
import io.momentic.data.SyntheticMarket;
import io.momentic.engine.BacktestConfig;
import io.momentic.engine.Strategy;
import io.momentic.engine.exec.FeeModel;
import io.momentic.indicators.BarIndicator;
import io.momentic.indicators.Indicators;
import io.momentic.research.LeakSamples;
import io.momentic.research.LookaheadAudit;
import io.momentic.strategies.RegimeGate;
import io.momentic.strategies.StrategyRegistry;
import io.momentic.strategies.breakout.BreakoutFeatures;
import io.momentic.strategies.breakout.Direction;
import io.momentic.strategies.gem.GemAudit;
import io.momentic.strategies.gem.GemBacktest;
import io.momentic.strategies.gem.GemFit;
import io.momentic.strategies.gem.GemParams;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code momentic audit lookahead}: proves the absence of look-ahead for the chosen indicators,
 * strategies (GEM through its whole walk) and user classes, on the given bars or a seeded synthetic
 * history. Every target is resolved before any audit runs, so bad input fails at once.
 */
public final class LookaheadAuditRun {

  /** What to audit and how (see {@code momentic audit lookahead --help}); {@code data} null: synthetic bars. */
  public record AuditRequest(Path data, LoadOptions load, int bars, long seed, String indicators, String strategies,
      List<String> classes, List<Path> classpath, boolean withLeakSamples, int randomCuts, int tailCuts,
      double tolerance, io.momentic.workflow.Progress progress) {

    public AuditRequest(Path data, LoadOptions load, int bars, long seed, String indicators, String strategies,
        List<String> classes, List<Path> classpath, boolean withLeakSamples, int randomCuts, int tailCuts,
        double tolerance) {
      this(data, load, bars, seed, indicators, strategies, classes, classpath, withLeakSamples, randomCuts, tailCuts,
          tolerance, io.momentic.workflow.Progress.NONE);
    }
  }

  /** The results (one per target), the targets skipped and why, the series audited on, the time taken. */
  public record AuditRecord(List<LookaheadAudit.Result> results, List<String> skipped, BarSeries series,
      double seconds) {

    public long leaking() {
      return results.stream().filter(x -> !x.clean()).count();
    }
  }

  private LookaheadAuditRun() {}

  public static AuditRecord run(AuditRequest r) {
    if (r.bars() < 100) {
      throw new ConfigException("bars", "expected at least 100 bars to audit on, found " + r.bars());
    }
    LookaheadAudit.Options options = new LookaheadAudit.Options(r.randomCuts(), r.tailCuts(),
        Math.max(2, Math.min(50, r.bars() / 10)), r.seed(), r.tolerance(), 1e-9);
    LoadedBars loaded = r.data() == null ? null : BarFiles.read(r.data(), r.load());
    BarSeries series = loaded == null
        ? SyntheticMarket.generate(SyntheticMarket.Spec.gbmUniverse(1, r.bars(), r.seed())).get(0)
        : loaded.series().get(0);
    // Every target is resolved before any audit runs, so bad input fails at once.
    List<BarIndicator> indicatorTargets = pickIndicators(r);
    List<String> strategyTargets = pickStrategies(r);
    Map<String, GemTarget> gemTargets = new LinkedHashMap<>();
    for (String label : strategyTargets) {
      if (strategyName(label).equals(GEM)) {
        gemTargets.put(label, GemTarget.parse(label));
      }
    }
    ClassLoader loader = classLoader(r);
    List<Object> userTargets = new ArrayList<>();
    for (String fqcn : r.classes()) {
      Object target = instantiate(loader, fqcn);
      if (!(target instanceof BarIndicator) && !(target instanceof Strategy)) {
        throw new ConfigException("class", "expected " + fqcn + " to implement io.momentic.indicators.BarIndicator "
            + "or io.momentic.engine.Strategy, found " + target.getClass().getName());
      }
      userTargets.add(target);
    }
    long started = System.nanoTime();
    // Every target is one task; the tasks run on all cores and the results keep the targets' order.
    // A task returns its result, or null with a reason in its skipped slot.
    List<Supplier<LookaheadAudit.Result>> tasks = new ArrayList<>();
    List<String> skipReasons = new ArrayList<>();

    for (BarIndicator ind : indicatorTargets) {
      add(tasks, skipReasons, () -> LookaheadAudit.auditIndicator(ind, series, options), null);
    }
    BacktestConfig config = BacktestConfig.of(100_000).withFees(FeeModel.bps(5));
    for (String label : strategyTargets) {
      String name = strategyName(label);
      if (gemTargets.containsKey(label)) {
        GemTarget gem = gemTargets.get(label);
        add(tasks, skipReasons, () -> GemAudit.audit(label, gemBasket(r, loaded), gem.params(), gem.fit(), gem.timing(),
            options), null);
        continue;
      }
      Map<String, String> params = strategyParams(label);
      List<String> universe = StrategyRegistry.universe(name, params);
      Optional<Interval> weeks = StrategyRegistry.barInterval(name);
      Panel panel = loaded != null ? loaded.toPanel()
          : weeks.isPresent() ? Panel.align(SyntheticMarket.generate(SyntheticMarket.Spec.gbmUniverse(12, r.bars(), r.seed())))
          : syntheticPanel(universe, r.bars(), r.seed());
      if (weeks.isPresent() && panel.interval().millis() < weeks.get().millis()) {
        // A strategy that counts weeks is audited on the weekly bars it runs on (all weeks closed).
        panel = Resampler.resample(panel, weeks.get(), Clock.frozen(Instant.ofEpochMilli(Long.MAX_VALUE / 2)));
      }
      Panel audited = panel;
      List<String> missing = universe.stream().filter(s -> audited.findSymbolIndex(s).isEmpty()).toList();
      if (!missing.isEmpty()) {
        add(tasks, skipReasons, null, label + " (needs " + String.join(", ", missing) + " in the data)");
        continue;
      }
      add(tasks, skipReasons, () -> LookaheadAudit.auditStrategy(label, () -> StrategyRegistry.create(name, params),
          audited, config, options), null);
    }
    for (int i = 0; i < r.classes().size(); i++) {
      String fqcn = r.classes().get(i);
      if (userTargets.get(i) instanceof BarIndicator ind) {
        add(tasks, skipReasons, () -> LookaheadAudit.auditIndicator(ind, series, options), null);
      } else {
        Supplier<Strategy> factory = () -> (Strategy) instantiate(loader, fqcn);
        Panel panel = loaded == null ? Panel.align(List.of(series)) : loaded.toPanel();
        add(tasks, skipReasons, () -> LookaheadAudit.auditStrategy(fqcn, factory, panel, config, options), null);
      }
    }
    if (r.withLeakSamples()) {
      for (BarIndicator leak : LeakSamples.indicators()) {
        add(tasks, skipReasons, () -> LookaheadAudit.auditIndicator(leak, series, options), null);
      }
      add(tasks, skipReasons, () -> LookaheadAudit.auditStrategy("leak: strategy trading on tomorrow's close",
          LeakSamples::peekingStrategy, Panel.align(List.of(series)), config, options), null);
      add(tasks, skipReasons, () -> GemAudit.auditLeakSample(gemBasket(r, loaded), options), null);
    }
    LookaheadAudit.Result[] done = runAll(tasks, r.progress());
    List<LookaheadAudit.Result> results = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (int i = 0; i < done.length; i++) {
      if (done[i] != null) {
        results.add(done[i]);
      } else {
        skipped.add(skipReasons.get(i));
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    return new AuditRecord(results, skipped, series, seconds);
  }

  private static void add(List<Supplier<LookaheadAudit.Result>> tasks, List<String> skipReasons,
      Supplier<LookaheadAudit.Result> task, String skipReason) {
    tasks.add(task);
    skipReasons.add(skipReason);
  }

  /** Runs the tasks on every core (a null task is a skipped target), reporting each finished one. */
  private static LookaheadAudit.Result[] runAll(List<Supplier<LookaheadAudit.Result>> tasks,
      io.momentic.workflow.Progress progress) {
    LookaheadAudit.Result[] done = new LookaheadAudit.Result[tasks.size()];
    progress.start("look-ahead audit", tasks.size());
    java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicInteger finished = new java.util.concurrent.atomic.AtomicInteger();
    Runnable worker = () -> {
      for (int i = next.getAndIncrement(); i < done.length; i = next.getAndIncrement()) {
        done[i] = tasks.get(i) == null ? null : tasks.get(i).get();
        progress.accept(finished.incrementAndGet());
      }
    };
    // A failing task (a bad user class, say) fails the audit with its own error, as run one by one.
    io.momentic.core.Parallel.run(io.momentic.core.Parallel.threadsFor(tasks.size()), "audit", worker);
    return done;
  }

  private static List<BarIndicator> pickIndicators(AuditRequest r) {
    List<BarIndicator> all = new ArrayList<>(Indicators.builtIns());
    all.add(RegimeGate.filteredPosterior());
    // The 22 breakout features (reference 001), in each direction.
    all.add(BreakoutFeatures.asIndicator(Direction.LONG));
    all.add(BreakoutFeatures.asIndicator(Direction.SHORT));
    if (r.indicators().equals("all")) {
      return all;
    }
    if (r.indicators().equals("none")) {
      return List.of();
    }
    List<BarIndicator> out = new ArrayList<>();
    for (String name : r.indicators().split(",")) {
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
  private static Panel gemBasket(AuditRequest r, LoadedBars loaded) {
    return loaded != null ? loaded.toPanel()
        : Panel.align(SyntheticMarket.generate(SyntheticMarket.Spec.gbmUniverse(GEM_SYNTHETIC_TOKENS, r.bars(), r.seed())));
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
  private static List<String> pickStrategies(AuditRequest r) {
    if (r.strategies().equals("all")) {
      List<String> all = new ArrayList<>(StrategyRegistry.names());
      all.addAll(GATED);
      return all;
    }
    if (r.strategies().equals("none")) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (String label : r.strategies().split(",")) {
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
    Map<String, String> params = new LinkedHashMap<>();
    for (String kv : label.substring(open + 1, label.length() - 1).split(";")) {
      int eq = kv.indexOf('=');
      if (eq <= 0) {
        throw new ConfigException("strategies", "expected key=value inside [...], found '" + kv + "'");
      }
      params.put(kv.substring(0, eq).strip(), kv.substring(eq + 1).strip());
    }
    return params;
  }

  private static ClassLoader classLoader(AuditRequest r) {
    if (r.classpath().isEmpty()) {
      return LookaheadAuditRun.class.getClassLoader();
    }
    URL[] urls = new URL[r.classpath().size()];
    for (int i = 0; i < urls.length; i++) {
      try {
        urls[i] = r.classpath().get(i).toUri().toURL();
      } catch (MalformedURLException e) {
        throw new ConfigException("classpath", "expected a folder or jar, found '" + r.classpath().get(i) + "'");
      }
    }
    return new URLClassLoader(urls, LookaheadAuditRun.class.getClassLoader());
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
