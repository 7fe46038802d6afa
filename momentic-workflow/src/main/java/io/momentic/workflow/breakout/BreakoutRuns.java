package io.momentic.workflow.breakout;

import io.momentic.core.AtomicFiles;
import io.momentic.core.BarSeries;
import io.momentic.core.BuildInfo;
import io.momentic.core.ConfigException;
import io.momentic.core.DataFormatException;
import io.momentic.core.Interval;
import io.momentic.core.LoadFailure;
import io.momentic.core.SafePaths;
import io.momentic.core.Symbols;
import io.momentic.core.Timestamps;
import io.momentic.data.Workspace;
import io.momentic.data.store.BarStore;
import io.momentic.engine.Feature;
import io.momentic.engine.exec.ExecutionConfig;
import io.momentic.engine.exec.FeeModel;
import io.momentic.core.Csv;
import io.momentic.report.Json;
import io.momentic.research.ml.MetaLabel;
import io.momentic.strategies.breakout.BreakoutFeatures;
import io.momentic.strategies.breakout.BreakoutScanner;
import io.momentic.strategies.breakout.Direction;
import io.momentic.strategies.breakout.MethodPlans;
import io.momentic.strategies.breakout.MethodStats;
import io.momentic.strategies.breakout.MiniWalkForward;
import io.momentic.strategies.breakout.RegimeInputs;
import io.momentic.strategies.breakout.SetupGrade;
import io.momentic.strategies.breakout.Signal;
import io.momentic.strategies.breakout.Step1Backtest;
import io.momentic.strategies.breakout.Step2MetaLabel;
import io.momentic.strategies.breakout.TradeMethod;
import io.momentic.workflow.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The breakout pipeline's actions (reference 001): the scan over the stored universe, and Step 1
 * of one signal — a scanned one or any bar (manual mode) — written as an analysis folder.
 */
public final class BreakoutRuns {

  /** The intervals the scanner runs on (reference 001's, plus 2h, 6h and 12h). */
  public static final Set<Interval> INTERVALS = Set.of(Interval.H1, Interval.H2, Interval.H4, Interval.H6,
      Interval.H12, Interval.D1, Interval.W1);
  /** Bars per analysis: Binance's kline cap, the reference's depth. */
  public static final int DEFAULT_DEPTH = 1000;
  /** Binance spot's base taker fee, per side. */
  public static final double DEFAULT_FEE_RATE = 0.001;
  public static final double DEFAULT_MIN_QUOTE_VOLUME = 10_000_000;

  private BreakoutRuns() {}

  /**
   * {@code momentic scan breakout}: {@code venue} null reads every venue; {@code symbols} empty scans
   * every stored USDT pair whose last 24 h quote volume (close × volume over the day's bars) is at
   * least {@code minQuoteVolume}.
   */
  public record ScanRequest(Workspace workspace, Path store, String venue, Interval interval, List<String> symbols,
      double minQuoteVolume, int depth, BreakoutScanner.Settings settings) {}

  /** A symbol that could not be scanned, and why. */
  public record Failure(String symbol, String error) {}

  /** The signals (best score first), the symbols scanned and those that failed. */
  public record ScanRecord(Interval interval, List<Signal> signals, int scanned, int belowVolume, List<Failure> failed) {}

  public static ScanRecord scan(ScanRequest r, Progress progress) {
    checkInterval(r.interval());
    List<Signal> signals = new ArrayList<>();
    List<Failure> failed = new ArrayList<>();
    int belowVolume = 0;
    try (BarStore store = BarStore.openReader(storeOf(r.workspace(), r.store()))) {
      List<BarStore.SeriesInfo> universe = universe(store, r.venue(), r.interval(), r.symbols());
      progress.start("scan breakout " + r.interval().code(), universe.size());
      int done = 0;
      int scanned = 0;
      for (BarStore.SeriesInfo info : universe) {
        try {
          BarSeries bars = lastBars(store.read(info.venue(), info.symbol(), r.interval()), r.depth());
          if (r.symbols().isEmpty() && quoteVolume24h(bars) < r.minQuoteVolume()) {
            belowVolume++;
          } else {
            scanned++;
            signals.addAll(BreakoutScanner.scan(info.symbol(), bars, r.settings(), RegimeInputs.NONE));
          }
        } catch (RuntimeException e) { // a failing symbol fails alone
          failed.add(new Failure(info.symbol(), e.getMessage()));
        }
        progress.accept(++done);
      }
      signals.sort(Comparator.comparingDouble(Signal::score).reversed().thenComparing(Signal::symbol));
      return new ScanRecord(r.interval(), List.copyOf(signals), scanned, belowVolume, List.copyOf(failed));
    }
  }

  /**
   * {@code momentic breakout analyse}: Step 1 of {@code symbol} at {@code barTime} (null: the newest
   * scanner signal among the last closed candles, else the last closed candle), on the last
   * {@code depth} bars up to it.
   */
  public record AnalyseRequest(Workspace workspace, Path store, String venue, String symbol, Interval interval,
      String barTime, int depth, double feeRate, long seed, Path out) {}

  /**
   * How far the analysis goes: Step 1 (the backtest), Step 2 (the meta-label and the grade) or Step 3
   * (the AI verdict); the AI endpoint and the pulse sources Step 3 uses.
   */
  public record Steps(int step, AiVerdict.Endpoint endpoint, PulseIntel pulse, MetaLabel.Options ml) {

    public static final Steps ONE = new Steps(1, null, PulseIntel.none(), MetaLabel.Options.DEFAULTS);

    public Steps {
      if (step < 1 || step > 3) {
        throw new ConfigException("step", "expected 1, 2 or 3, found " + step);
      }
    }
  }

  /** The analysis and where it was written; {@code step2} and {@code verdict} null when not run. */
  public record Analysis(Signal signal, boolean flagged, Step1Backtest.Result step1, MiniWalkForward.Result walkForward,
      TradeMethod walkForwardMethod, Step2MetaLabel.Result step2, SetupGrade.Grade grade, AiVerdict.Verdict verdict,
      PulseIntel.Composite pulse, Map<String, Object> document, Path dir) {}

  /** The signal an analysis is about, before Step 1: the candle, whether the scanner flags it, its features. */
  public record Located(Signal signal, boolean flagged, BreakoutFeatures.Set features, BarSeries bars, String venue) {}

  /** Finds the bar {@link #analyse} would analyse (see {@link AnalyseRequest}) and its features. */
  public static Located locate(AnalyseRequest r) {
    checkInterval(r.interval());
    Symbols.require("symbol", r.symbol());
    BarSeries all;
    String venue;
    try (BarStore store = BarStore.openReader(storeOf(r.workspace(), r.store()))) {
      venue = r.venue() != null ? r.venue() : venueOf(store, r.symbol(), r.interval());
      all = store.read(venue, r.symbol(), r.interval());
    }
    if (all.size() < BreakoutFeatures.warmup() + 20) {
      throw new ConfigException("symbol", "expected at least " + (BreakoutFeatures.warmup() + 20) + " stored "
          + r.interval().code() + " bars of " + r.symbol() + ", found " + all.size() + "; fix: fetch more history");
    }
    int end = all.size(); // exclusive: the bars up to the analysed one
    if (r.barTime() != null && !r.barTime().isBlank()) {
      long t = parseTime(r.barTime());
      int at = indexOf(all, t);
      if (at < 0) {
        throw new ConfigException("bar", "expected the open time of a stored " + r.interval().code() + " bar of "
            + r.symbol() + " (from " + Timestamps.format(all.firstTime()) + " to " + Timestamps.format(all.lastTime())
            + "), found " + r.barTime() + "; fix: give a bar's open time, e.g. " + Timestamps.format(all.lastTime()));
      }
      end = at + 1;
    }
    BarSeries bars = all.subSeries(Math.max(0, end - r.depth()), end);
    int bar = bars.size() - 1;
    boolean flagged = false;
    if (r.barTime() == null || r.barTime().isBlank()) {
      // The newest flagged candle among the last three, else the last one (manual).
      for (int b = bars.size() - 1; b >= Math.max(0, bars.size() - BreakoutScanner.Settings.DEFAULTS.candles()); b--) {
        Direction d = Direction.ofCandle(bars.open(b), bars.close(b));
        if (d != null && BreakoutScanner.score(r.symbol(), BreakoutFeatures.compute(bars, d, RegimeInputs.NONE), b,
            BreakoutScanner.Settings.DEFAULTS).isPresent()) {
          bar = b;
          flagged = true;
          break;
        }
      }
    }
    Direction direction = Direction.ofCandle(bars.open(bar), bars.close(bar));
    if (direction == null) {
      throw new ConfigException("bar", "expected a candle with a body (close above or below its open), found a doji "
          + "at " + Timestamps.format(bars.time(bar)) + "; fix: pick another bar");
    }
    if (bar < BreakoutFeatures.warmup() + 1) {
      throw new ConfigException("bar", "expected a bar with at least " + BreakoutFeatures.warmup() + " bars before "
          + "it, found " + bar + "; fix: pick a later bar or fetch more history");
    }
    BreakoutFeatures.Set f = BreakoutFeatures.compute(bars, direction, RegimeInputs.NONE);
    Signal signal = BreakoutScanner.signal(r.symbol(), f, bar);
    if (!flagged) {
      flagged = BreakoutScanner.score(r.symbol(), f, bar, BreakoutScanner.Settings.DEFAULTS).isPresent();
    }
    return new Located(signal, flagged, f, bars, venue);
  }

  public static Analysis analyse(AnalyseRequest r) throws IOException {
    return analyse(r, Steps.ONE);
  }

  public static Analysis analyse(AnalyseRequest r, Steps steps) throws IOException {
    Located located = locate(r);
    Signal signal = located.signal();
    boolean flagged = located.flagged();
    BreakoutFeatures.Set f = located.features();
    BarSeries bars = located.bars();
    ExecutionConfig config = ExecutionConfig.defaults().withFees(FeeModel.fixedPlusRate(0, feeRate(r.feeRate())));
    Step1Backtest.Result step1 = Step1Backtest.run(signal, f, config);
    Step1Backtest.Candidate c = step1.candidateWeighted() != null ? step1.candidateWeighted()
        : step1.candidateNewest();
    TradeMethod wfMethod = c != null ? c.stats().method() : TradeMethod.ALL.get(0);
    MiniWalkForward.Result wf = MiniWalkForward.run(signal, f, wfMethod, config, BreakoutScanner.Settings.DEFAULTS,
        r.seed());
    Map<String, Object> doc = document(signal, flagged, step1, wf, r, bars);
    Step2MetaLabel.Result step2 = null;
    if (steps.step() >= 2) {
      step2 = Step2MetaLabel.run(signal, f, step1, config, steps.ml());
      doc.put("step2", step2Map(step2));
    }
    SetupGrade.Grade grade = grade(step1, step2, wf);
    doc.put("grade", Map.of("grade", grade.grade(), "rule", grade.rule()));
    AiVerdict.Verdict verdict = null;
    PulseIntel.Composite pulse = null;
    if (steps.step() >= 3) {
      pulse = steps.pulse().of(signal.symbol());
      doc.put("pulse", pulseMap(pulse));
      AiVerdict.CandidateInput a = input("A", step1.candidateNewest(), step2);
      AiVerdict.CandidateInput b = step2 != null && step2.sameCandidate() ? null : input("B",
          step1.candidateWeighted(), step2);
      String prompt = AiVerdict.prompt(signalSummary(signal), a, b, wf.verdict() + " — " + MiniWalkForward.toMap(wf)
          .get("oos_n") + " OOS trades, OOS PF " + wf.oosPf(), grade.grade() + " (" + grade.rule() + ")"
          + "\nPULSE " + pulse.label() + " " + String.format(Locale.ROOT, "%+.1f", pulse.total()));
      verdict = a == null ? new AiVerdict.Verdict(false, "no candidate to judge", null, null, "NONE", null,
          steps.endpoint().model(), prompt)
          : AiVerdict.ask(steps.endpoint(), prompt, a, b, b == null);
      doc.put("step3", verdictMap(verdict));
    }
    Path dir = r.out() != null ? r.out() : SafePaths.inside(r.workspace().results().resolve("breakout"),
        r.symbol() + "-" + r.interval().code() + "-" + Timestamps.format(signal.timeMillis()).replace(":", ""));
    write(dir, doc, step1);
    return new Analysis(signal, flagged, step1, wf, wfMethod, step2, grade, verdict, pulse, doc, dir);
  }

  /** The grade from the better candidate, with the ML probabilities when Step 2 ran. */
  static SetupGrade.Grade grade(Step1Backtest.Result s1, Step2MetaLabel.Result s2, MiniWalkForward.Result wf) {
    double evwA = s1.candidateNewest() == null ? Double.NaN : s1.candidateNewest().stats().evWeighted();
    double evwB = s1.candidateWeighted() == null ? Double.NaN : s1.candidateWeighted().stats().evWeighted();
    double mlA = Double.NaN;
    double mlB = Double.NaN;
    if (s2 != null) {
      Step2MetaLabel.CandidateModel a = s2.of("A");
      Step2MetaLabel.CandidateModel b = s2.sameCandidate() ? a : s2.of("B");
      mlA = a == null ? Double.NaN : a.pWin();
      mlB = b == null ? Double.NaN : b.pWin();
    }
    return SetupGrade.of(evwA, mlA, evwB, mlB, wf.verdict());
  }

  private static AiVerdict.CandidateInput input(String name, Step1Backtest.Candidate c, Step2MetaLabel.Result s2) {
    if (c == null) {
      return null;
    }
    Step2MetaLabel.CandidateModel m = s2 == null ? null : s2.of(name);
    return new AiVerdict.CandidateInput(name, c.stats().method().label(), c.prices(), c.stats().evWeighted(),
        m == null ? Double.NaN : m.pWin());
  }

  private static String signalSummary(Signal s) {
    return s.symbol() + " " + s.interval().code() + " " + s.direction() + " candle at " + Timestamps.format(s.timeMillis())
        + String.format(Locale.ROOT, ": body %.2f of the range, volume %.2fx the 7-bar average, ADX %.1f, regime %.1f",
            s.bodyPct(), s.volMult(), s.adx(), s.regimeScore());
  }

  static Map<String, Object> step2Map(Step2MetaLabel.Result r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("same_candidate", r.sameCandidate());
    List<Map<String, Object>> models = new ArrayList<>();
    for (Step2MetaLabel.CandidateModel c : r.models()) {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("candidate", c.candidate());
      x.put("method", c.method().label());
      x.put("p_win", c.pWin());
      x.put("model", c.fit().model());
      x.put("description", c.fit().description());
      x.put("reason", c.fit().reason());
      x.put("weighted", c.fit().weighted());
      x.put("calibrated", c.fit().calibrated());
      x.put("calibration_folds", c.fit().calibrationFolds());
      x.put("samples", c.fit().n());
      x.put("wins", c.fit().wins());
      x.put("trades", c.trades());
      x.put("neutral_excluded", c.neutralsExcluded());
      x.put("ratchet_ratio", c.ratchet().used().ratio());
      x.put("ratchet_badge", c.ratchet().badge().name());
      Map<String, Object> cv = new LinkedHashMap<>();
      cv.put("splits", c.fit().cv().splits());
      cv.put("auc", c.fit().cv().auc());
      cv.put("brier_uncalibrated", c.fit().cv().brierRaw());
      cv.put("brier_calibrated", c.fit().cv().brierCalibrated());
      cv.put("reliability", c.fit().cv().reliability().stream().map(b -> List.of(b.meanPredicted(), b.observed(),
          b.weight())).toList());
      cv.put("note", c.fit().cv().note());
      x.put("cv", cv);
      models.add(x);
    }
    m.put("models", models);
    return m;
  }

  static Map<String, Object> verdictMap(AiVerdict.Verdict v) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ok", v.ok());
    m.put("reason", v.reason());
    m.put("model", v.model());
    m.put("winner", v.winner());
    m.put("winner_rationale", v.winnerRationale());
    for (String side : new String[] {"a", "b"}) {
      AiVerdict.Analysis a = side.equals("a") ? v.candidateA() : v.candidateB();
      m.put("candidate_" + side, a == null ? null : Map.of("decision", a.decision(), "confidence", a.confidence(),
          "rationale", a.rationale()));
    }
    m.put("prompt", v.prompt());
    return m;
  }

  static Map<String, Object> pulseMap(PulseIntel.Composite p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("total", p.total());
    m.put("token", p.token());
    m.put("macro", p.macro());
    m.put("label", p.label());
    m.put("inputs", p.inputs());
    m.put("missing", p.missing());
    return m;
  }

  private static double feeRate(double rate) {
    if (!(rate >= 0 && rate < 0.1)) {
      throw new ConfigException("fee-rate", "expected a fee per side as a fraction from 0 to 0.1 (0.001 = 10 bps), "
          + "found " + rate);
    }
    return rate;
  }

  private static void checkInterval(Interval interval) {
    if (!INTERVALS.contains(interval)) {
      throw new ConfigException("interval", "expected one of 1h, 2h, 4h, 6h, 12h, 1d, 1w for the breakout scanner, "
          + "found " + interval.code());
    }
  }

  private static Path storeOf(Workspace ws, Path store) {
    return store != null ? store : ws.store();
  }

  /** The stored series of the interval to scan: the named symbols, or every USDT pair. */
  private static List<BarStore.SeriesInfo> universe(BarStore store, String venue, Interval interval,
      List<String> symbols) {
    List<BarStore.SeriesInfo> out = new ArrayList<>();
    Map<String, BarStore.SeriesInfo> bySymbol = new LinkedHashMap<>();
    for (BarStore.SeriesInfo s : store.series()) {
      if (s.interval() != interval || (venue != null && !venue.equals(s.venue()))) {
        continue;
      }
      boolean wanted = symbols.isEmpty() ? s.symbol().endsWith("USDT") : symbols.contains(s.symbol());
      if (wanted) {
        // One series per symbol: Binance's when both venues hold it.
        bySymbol.merge(s.symbol(), s, (a, b) -> a.venue().equals("binance") ? a : b);
      }
    }
    out.addAll(bySymbol.values());
    if (!symbols.isEmpty()) {
      for (String s : symbols) {
        if (!bySymbol.containsKey(s)) {
          throw new ConfigException("symbols", "expected stored " + interval.code() + " bars of " + s + ", found none; "
              + "fix: momentic fetch --symbols " + s + " --interval " + interval.code());
        }
      }
    }
    out.sort(Comparator.comparing(BarStore.SeriesInfo::symbol));
    return out;
  }

  private static String venueOf(BarStore store, String symbol, Interval interval) {
    String found = null;
    for (BarStore.SeriesInfo s : store.series()) {
      if (s.symbol().equals(symbol) && s.interval() == interval && (found == null || s.venue().equals("binance"))) {
        found = s.venue();
      }
    }
    if (found == null) {
      throw new ConfigException("symbol", "expected stored " + interval.code() + " bars of " + symbol + ", found none; "
          + "fix: momentic fetch --symbols " + symbol + " --interval " + interval.code());
    }
    return found;
  }

  static BarSeries lastBars(BarSeries s, int depth) {
    return s.size() <= depth ? s : s.subSeries(s.size() - depth, s.size());
  }

  /** Σ close × volume over the bars of the last 24 hours of the series. */
  static double quoteVolume24h(BarSeries s) {
    if (s.isEmpty()) {
      return 0;
    }
    long from = s.lastTime() + s.interval().millis() - 86_400_000L;
    double sum = 0;
    for (int i = s.size() - 1; i >= 0 && s.time(i) >= from; i--) {
      double v = s.volume(i);
      sum += Double.isNaN(v) ? 0 : v * s.close(i);
    }
    if (s.interval().millis() > 86_400_000L) { // a weekly bar: its volume over the days it spans
      sum = s.volume(s.size() - 1) * s.close(s.size() - 1) * 86_400_000.0 / s.interval().millis();
    }
    return sum;
  }

  private static long parseTime(String text) {
    long t = Timestamps.parseOrInvalid(text.strip());
    if (t == Timestamps.INVALID) {
      throw new ConfigException("bar", "expected a bar's open time like 2024-03-01T08:00:00Z or 2024-03-01, found '"
          + text + "'");
    }
    return t;
  }

  private static int indexOf(BarSeries s, long t) {
    int lo = 0;
    int hi = s.size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      long m = s.time(mid);
      if (m == t) {
        return mid;
      } else if (m < t) {
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return -1;
  }

  //---------------------------------------------------------------------------
  // The analysis document

  /** A signal as the analysis document and the pages read it. */
  public static Map<String, Object> signalMap(Signal s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("symbol", s.symbol());
    m.put("interval", s.interval().code());
    m.put("bar_time", Timestamps.format(s.timeMillis()));
    m.put("direction", s.direction().name());
    m.put("entry", s.entry());
    m.put("stop", s.stop());
    m.put("target", s.target());
    m.put("score", s.score());
    m.put("body_pct", s.bodyPct());
    m.put("vol_mult", s.volMult());
    m.put("adx", s.adx());
    m.put("regime_score", s.regimeScore());
    m.put("regime_inputs_used", s.regimeInputsUsed());
    m.put("regime_inputs_missing", s.regimeInputsMissing());
    m.put("features", s.features());
    m.put("ml_features", BreakoutFeatures.ML_FEATURES.stream().map(BreakoutFeatures.Feature::column).toList());
    return m;
  }

  static Map<String, Object> statsMap(MethodStats s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("method", s.method().label());
    m.put("key", s.method().key());
    m.put("n", s.n());
    m.put("wins", s.wins());
    m.put("losses", s.losses());
    m.put("neutrals", s.neutrals());
    m.put("win_rate", s.winRate());
    m.put("ev", s.ev());
    m.put("ev_weighted", s.evWeighted());
    m.put("wr_weighted", s.wrWeighted());
    m.put("pf", s.profitFactor());
    m.put("honest_pf", s.honestProfitFactor());
    m.put("n_qualifying", s.qualifying());
    m.put("n_filled", s.filled());
    m.put("n_expired", s.expired());
    m.put("n_invalid", s.invalid());
    m.put("n_unresolved", s.unresolved());
    m.put("fill_rate", s.fillRate());
    m.put("survivor_bias_warning", s.survivorBiasWarning());
    List<Map<String, Object>> buckets = new ArrayList<>();
    for (MethodStats.Bucket b : s.buckets()) {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("weight", b.weight());
      x.put("n", b.n());
      x.put("win_rate", b.winRate());
      x.put("ev", b.ev());
      buckets.add(x);
    }
    m.put("decay_buckets", buckets);
    return m;
  }

  static Map<String, Object> candidateMap(Step1Backtest.Candidate c) {
    if (c == null) {
      return null;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rule", c.rule());
    m.put("method", c.stats().method().label());
    m.put("key", c.stats().method().key());
    m.put("entry", c.prices().entry());
    m.put("stop", c.prices().stop());
    m.put("tp1", c.prices().oneR());
    m.put("tp2", c.prices().target());
    m.put("entry_type", c.prices().marketEntry() ? "market at the next open" : "limit for "
        + io.momentic.strategies.breakout.MethodPlans.ENTRY_WINDOW_BARS + " bars");
    m.put("n", c.stats().n());
    m.put("ev_weighted", c.stats().evWeighted());
    m.put("newest_ev", c.stats().newestEv());
    m.put("win_rate", c.stats().winRate());
    m.put("pf", c.stats().profitFactor());
    m.put("fill_rate", c.stats().fillRate());
    return m;
  }

  private static Map<String, Object> document(Signal signal, boolean flagged, Step1Backtest.Result step1,
      MiniWalkForward.Result wf, AnalyseRequest r, BarSeries bars) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("signal", signalMap(signal));
    doc.put("flagged_by_scanner", flagged);
    Map<String, Object> ratchet = new LinkedHashMap<>();
    ratchet.put("badge", step1.ratchet().badge().name());
    ratchet.put("ratio", step1.ratchet().used().ratio());
    ratchet.put("min_body", step1.ratchet().used().minBody());
    ratchet.put("min_vol_mult", step1.ratchet().used().minVolume());
    ratchet.put("analogs", step1.ratchet().used().analogs());
    ratchet.put("target_reached", step1.ratchet().targetReached());
    ratchet.put("levels", step1.ratchet().levels().stream().map(l -> Map.of("ratio", l.ratio(), "analogs",
        l.analogs())).toList());
    doc.put("ratchet", ratchet);
    doc.put("invalid_zones", step1.invalidZones());
    doc.put("candidate_a", candidateMap(step1.candidateNewest()));
    doc.put("candidate_b", candidateMap(step1.candidateWeighted()));
    doc.put("methods", step1.methods().stream().map(BreakoutRuns::statsMap).toList());
    doc.put("walk_forward", MiniWalkForward.toMap(wf));
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("symbol", r.symbol());
    manifest.put("interval", r.interval().code());
    manifest.put("bars", bars.size());
    manifest.put("first_bar", Timestamps.format(bars.firstTime()));
    manifest.put("last_bar", Timestamps.format(bars.lastTime()));
    manifest.put("fee_rate_per_side", feeRate(r.feeRate()));
    manifest.put("seed", r.seed());
    manifest.put("code_version", BuildInfo.version());
    manifest.put("generated_at", Instant.now().toString());
    doc.put("manifest", manifest);
    return doc;
  }

  private static void write(Path dir, Map<String, Object> doc, Step1Backtest.Result step1) throws IOException {
    Files.createDirectories(dir);
    AtomicFiles.writeString(dir.resolve("analysis.json"), Json.pretty(doc));
    AtomicFiles.writeString(dir.resolve("signal.json"), Json.pretty(doc.get("signal")));
    Map<String, Object> candidates = new LinkedHashMap<>();
    candidates.put("candidate_a", doc.get("candidate_a"));
    candidates.put("candidate_b", doc.get("candidate_b"));
    candidates.put("invalid_zones", doc.get("invalid_zones"));
    AtomicFiles.writeString(dir.resolve("candidates.json"), Json.pretty(candidates));
    AtomicFiles.writeString(dir.resolve("walkforward.json"), Json.pretty(doc.get("walk_forward")));
    AtomicFiles.writeString(dir.resolve("manifest.json"), Json.pretty(doc.get("manifest")));
    List<List<String>> rows = new ArrayList<>();
    for (MethodStats s : step1.methods()) {
      rows.add(List.of(s.method().key(), s.method().label(), Integer.toString(s.n()), num(s.winRate()), num(s.ev()),
          num(s.evWeighted()), num(s.wrWeighted()), num(s.profitFactor()), num(s.honestProfitFactor()),
          Integer.toString(s.qualifying()), Integer.toString(s.filled()), Integer.toString(s.expired()),
          num(s.fillRate()), Boolean.toString(s.survivorBiasWarning())));
    }
    AtomicFiles.writeString(dir.resolve("methods.csv"), Csv.table(List.of("key", "method", "n", "win_rate", "ev",
        "ev_weighted", "wr_weighted", "pf", "honest_pf", "n_qualifying", "n_filled", "n_expired", "fill_rate",
        "survivor_bias_warning"), rows));
  }

  private static String num(double v) {
    return Double.isNaN(v) ? "" : Double.isInfinite(v) ? (v > 0 ? "inf" : "-inf")
        : String.format(Locale.ROOT, "%.6f", v);
  }

  /** Rejects a file that cannot be read as one clear error (used by adapters reading an analysis back). */
  public static Map<String, Object> readAnalysis(Path dir) throws IOException {
    Path f = dir.resolve("analysis.json");
    if (!Files.isRegularFile(f)) {
      throw new DataFormatException(new io.momentic.core.LoadFailure(f.toString(), 0, "", "an analysis folder",
          "no analysis.json", "run momentic breakout analyse first"));
    }
    return Json.toMap(Json.parse(Files.readString(f)));
  }
}
