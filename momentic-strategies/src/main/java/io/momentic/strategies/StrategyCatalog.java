package io.momentic.strategies;

import io.momentic.core.ConfigException;
import io.momentic.core.Interval;
import io.momentic.core.Spelling;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The built-in strategies by name, each with its declared parameters (type, default, range,
 * description). {@link #resolve} parses and checks a run's {@code key=value} parameters once —
 * unknown keys are refused with the nearest known one — and fills in the defaults, so a run's
 * manifest records every value it ran with. Any strategy also takes the regime-gate parameters
 * ({@link #GATE}), which wrap it in a {@link RegimeGate}.
 */
public final class StrategyCatalog {

  /** Parameters any strategy takes: a regime gate around it (see {@link RegimeGate}). */
  public static final List<ParamSpec> GATE = List.of(
      ParamSpec.choice("regime-gate", "none", List.of("none", "hmm", "breadth"),
          "gate the strategy: by the drawdown HMM's causal bear posterior, or by the breadth of the universe"),
      ParamSpec.symbol("regime-symbol", "", "hmm gate: the symbol whose drawdown the HMM reads (default: the first)"),
      ParamSpec.number("regime-bear-max", 0.5, "(0, 1]", "hmm gate: open while P(bear) is at most this"),
      ParamSpec.integer("regime-breadth-ma", 200, ">= 1", "breadth gate: the moving average each name is compared with"),
      ParamSpec.number("regime-breadth-min", 0.5, "[0, 1]", "breadth gate: open while at least this share is above it"));

  /**
   * Parameters any strategy takes: a meta-label filter around it (see {@link MetaLabeledStrategy}). A
   * threshold of 0 is no filter; in a sweep, each threshold is a trial like any other parameter.
   */
  public static final List<ParamSpec> META = List.of(
      ParamSpec.number("meta-threshold", 0.0, "[0, 1)",
          "meta-label filter: skip an entry whose calibrated P(win) is below this (0: no filter)"),
      ParamSpec.integer("meta-min-trades", 20, ">= 10",
          "meta-label filter: earlier trades needed before it judges an entry"));

  private static final List<StrategyDefinition> BUILT_IN = List.of(
      new StrategyDefinition("buy-and-hold",
          "buys every symbol with an equal share of the cash at the first opportunity and holds", List.of(),
          Optional.empty(), p -> new BuyAndHold(), p -> List.of()),
      new StrategyDefinition("sma-cross",
          "SMA crossover on the first symbol: long on a cross up, short on a cross down unless long-only",
          List.of(ParamSpec.integer("fast", 10, ">= 1, < slow", "fast moving average, in bars"),
              ParamSpec.integer("slow", 30, "> fast", "slow moving average, in bars"),
              ParamSpec.bool("long-only", false, "never go short: a cross down only closes the long (default: short)")),
          Optional.empty(),
          p -> new SmaCross(p.integer("fast"), p.integer("slow"), p.bool("long-only")), p -> List.of()),
      qqq(),
      new StrategyDefinition("xsec-momentum",
          "cross-sectional momentum on weekly bars: the top N by lookback return skipping the last weeks, "
              + "equal weight, above a liquidity floor, optionally gated by breadth",
          List.of(ParamSpec.integer("lookback", XsecMomentum.Params.DEFAULTS.lookback(), ">= 1", "momentum window, in weeks"),
              ParamSpec.integer("skip", XsecMomentum.Params.DEFAULTS.skip(), ">= 0", "most recent weeks left out of the window"),
              ParamSpec.integer("top-n", XsecMomentum.Params.DEFAULTS.topN(), ">= 1", "names held"),
              ParamSpec.number("gate", XsecMomentum.Params.DEFAULTS.gate(), "[0, 1]",
                  "breadth threshold: hold only while this share of names is above its average (0 = off)"),
              ParamSpec.integer("gate-ma", XsecMomentum.Params.DEFAULTS.gateMa(), ">= 1", "breadth average, in weeks"),
              ParamSpec.number("min-addv", XsecMomentum.Params.DEFAULTS.minAddv(), ">= 0",
                  "liquidity floor: average daily dollar volume over 13 weeks")),
          Optional.of(Interval.W1), p -> new XsecMomentum(momentum(p)), p -> List.of()));

  private StrategyCatalog() {}

  private static StrategyDefinition qqq() {
    QqqLongShort.Params d = QqqLongShort.Params.DEFAULTS;
    return new StrategyDefinition("qqq-long-short",
        "QQQ trend regimes (MA spreads, velocity, acceleration) into TQQQ / SQQQ / cash (or a UVXY hedge)",
        List.of(ParamSpec.symbol("signal", d.signal(), "the index whose trend picks the regime"),
            ParamSpec.symbol("long", d.longSymbol(), "held long in STRONG_UP and TIRING_UP"),
            ParamSpec.symbol("short", d.shortSymbol(), "held long in DOWN (an inverse fund)"),
            ParamSpec.symbol("hedge", d.hedgeSymbol(), "held in MIXED when mixed-hedge-weight > 0"),
            ParamSpec.integer("ma-fast", d.maFast(), ">= 1, < ma-mid", "fast moving average, in bars"),
            ParamSpec.integer("ma-mid", d.maMid(), "< ma-slow", "middle moving average, in bars"),
            ParamSpec.integer("ma-slow", d.maSlow(), "> ma-mid", "slow moving average, in bars"),
            ParamSpec.integer("velocity-window", d.velocityWindow(), ">= 2", "bars of the OLS slope of ln close"),
            ParamSpec.integer("acceleration-window", d.accelerationWindow(), ">= 2", "bars of the OLS slope of velocity"),
            ParamSpec.number("spread-threshold", d.spreadThreshold(), ">= 0", "MA spread over the close that counts"),
            ParamSpec.number("velocity-threshold", d.velocityThreshold(), ">= 0", "velocity that counts as rising"),
            ParamSpec.number("acceleration-threshold", d.accelerationThreshold(), ">= 0",
                "acceleration that counts as rising"),
            ParamSpec.number("strong-up-weight", d.strongUpWeight(), ">= 0", "weight of the long fund in STRONG_UP"),
            ParamSpec.number("tiring-up-weight", d.tiringUpWeight(), ">= 0", "weight of the long fund in TIRING_UP"),
            ParamSpec.number("down-weight", d.downWeight(), ">= 0", "weight of the short fund in DOWN"),
            ParamSpec.number("mixed-hedge-weight", d.mixedHedgeWeight(), ">= 0", "weight of the hedge in MIXED (0 = cash)"),
            ParamSpec.number("max-gross", d.maxGross(), "> 0", "cap on the sum of the weights"),
            ParamSpec.number("target-vol", d.targetVol(), ">= 0",
                "annualised volatility each leg is sized to: weight x min(1, target / realised); 0 = off"),
            ParamSpec.integer("vol-window", d.volWindow(), ">= 2", "bars of the realised volatility")),
        Optional.empty(), p -> new QqqLongShort(qqqParams(p)), p -> qqqParams(p).symbols());
  }

  static QqqLongShort.Params qqqParams(StrategyParams p) {
    return new QqqLongShort.Params(p.text("signal"), p.text("long"), p.text("short"), p.text("hedge"),
        p.integer("ma-fast"), p.integer("ma-mid"), p.integer("ma-slow"), p.integer("velocity-window"),
        p.integer("acceleration-window"), p.number("spread-threshold"), p.number("velocity-threshold"),
        p.number("acceleration-threshold"), p.number("strong-up-weight"), p.number("tiring-up-weight"),
        p.number("down-weight"), p.number("mixed-hedge-weight"), p.number("max-gross"), p.number("target-vol"),
        p.integer("vol-window"));
  }

  static XsecMomentum.Params momentum(StrategyParams p) {
    return new XsecMomentum.Params(p.integer("lookback"), p.integer("skip"), p.integer("top-n"), p.number("gate"),
        p.integer("gate-ma"), p.number("min-addv"));
  }

  /** The built-ins, then those of every {@link StrategyProvider} on the class path (in class-path order). */
  private static final List<StrategyDefinition> DEFINITIONS = withProviders(BUILT_IN);

  private static List<StrategyDefinition> withProviders(List<StrategyDefinition> builtIn) {
    List<StrategyDefinition> all = new java.util.ArrayList<>(builtIn);
    for (StrategyProvider provider : java.util.ServiceLoader.load(StrategyProvider.class)) {
      for (StrategyDefinition d : provider.strategies()) {
        if (all.stream().anyMatch(x -> x.name().equals(d.name()))) {
          throw new IllegalStateException("Expected strategy names to be unique, but " + provider.getClass().getName()
              + " provides '" + d.name() + "', which is already taken; fix: rename it in that provider");
        }
        all.add(d);
      }
    }
    return List.copyOf(all);
  }

  /** Every strategy, built-ins first, in the order they are listed. */
  public static List<StrategyDefinition> definitions() {
    return DEFINITIONS;
  }

  public static List<String> names() {
    return DEFINITIONS.stream().map(StrategyDefinition::name).toList();
  }

  public static Optional<StrategyDefinition> find(String name) {
    String n = name.strip().toLowerCase(Locale.ROOT);
    return DEFINITIONS.stream().filter(d -> d.name().equals(n)).findFirst();
  }

  /** The strategy of that name; an unknown name is a {@link ConfigException} naming the nearest. */
  public static StrategyDefinition get(String name) {
    return find(name).orElseThrow(() -> new ConfigException("strategy", "expected one of " + names() + ", found '"
        + name + "'" + didYouMean(name, names())));
  }

  /**
   * Parses and checks a run's parameters against the strategy's declarations and fills in the
   * defaults. Keys are case-insensitive and accept snake_case as well as kebab-case.
   */
  public static ResolvedStrategy resolve(String name, Map<String, String> raw) {
    StrategyDefinition def = get(name);
    Map<String, String> given = normalized(raw);
    Map<String, Object> values = new LinkedHashMap<>();
    Map<String, Object> gate = new LinkedHashMap<>();
    List<String> known = new ArrayList<>();
    def.params().forEach(p -> known.add(p.name()));
    GATE.forEach(p -> known.add(p.name()));
    META.forEach(p -> known.add(p.name()));
    for (String key : given.keySet()) {
      if (!known.contains(key)) {
        throw new ConfigException(key, "unknown parameter for " + def.name() + "; expected one of "
            + new TreeSet<>(known) + didYouMean(key, known));
      }
    }
    for (ParamSpec p : def.params()) {
      String v = given.get(p.name());
      values.put(p.name(), v == null ? p.defaultValue() : p.parse(v));
    }
    for (ParamSpec p : GATE) {
      String v = given.get(p.name());
      gate.put(p.name(), v == null ? p.defaultValue() : p.parse(v));
    }
    boolean gated = !"none".equals(gate.get("regime-gate"));
    if (!gated) {
      for (String key : given.keySet()) {
        if (key.startsWith("regime-") && !key.equals("regime-gate")) {
          throw new ConfigException(key, "is a regime-gate setting, but no gate is set; add regime-gate=hmm or "
              + "regime-gate=breadth");
        }
      }
      values.put("regime-gate", "none");
    } else {
      values.putAll(gate);
    }
    Map<String, Object> meta = new LinkedHashMap<>();
    for (ParamSpec p : META) {
      String v = given.get(p.name());
      meta.put(p.name(), v == null ? p.defaultValue() : p.parse(v));
    }
    double threshold = ((Number) meta.get("meta-threshold")).doubleValue();
    if (!(threshold >= 0 && threshold < 1)) {
      throw new ConfigException("meta-threshold", "must be in [0, 1): a probability of a win (0: no filter); got "
          + threshold);
    }
    if (((Number) meta.get("meta-min-trades")).intValue() < 10) {
      throw new ConfigException("meta-min-trades", "must be >= 10: fewer trades cannot calibrate a model; got "
          + meta.get("meta-min-trades"));
    }
    boolean filtered = threshold > 0;
    if (filtered) {
      values.putAll(meta); // recorded only when the filter is on, as the gate's settings are
    } else if (given.containsKey("meta-min-trades")) {
      throw new ConfigException("meta-min-trades", "is a meta-label setting, but no filter is set; add "
          + "meta-threshold=0.55, say");
    }
    ResolvedStrategy resolved = new ResolvedStrategy(def, new StrategyParams(values), gated);
    resolved.createUnfiltered(); // the parameters records check ranges and relations now, not at trial 1,000
    return resolved;
  }

  /** Keys are case-insensitive and accept {@code snake_case} (TOML) as well as {@code kebab-case}. */
  static Map<String, String> normalized(Map<String, String> params) {
    Map<String, String> out = new LinkedHashMap<>();
    params.forEach((k, v) -> out.put(k.strip().toLowerCase(Locale.ROOT).replace('_', '-'), v));
    return out;
  }

  /** {@code " (did you mean 'fast'?)"} for the nearest of {@code known} (see {@link Spelling}), else empty. */
  public static String didYouMean(String found, List<String> known) {
    return Spelling.nearest(found.strip().replace('_', '-'), known).map(k -> " (did you mean '" + k + "'?)")
        .orElse("");
  }
}
