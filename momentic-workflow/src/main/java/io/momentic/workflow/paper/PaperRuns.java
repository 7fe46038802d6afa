package io.momentic.workflow.paper;

import io.momentic.core.Clock;
import io.momentic.core.Panel;
import io.momentic.core.Timestamps;
import io.momentic.data.LoadOptions;
import io.momentic.engine.BacktestConfig;
import io.momentic.paper.journal.Journal;
import io.momentic.paper.runtime.JournalSummary;
import io.momentic.paper.runtime.PaperRuntime;
import io.momentic.paper.runtime.SlotSpec;
import io.momentic.paper.venue.BrokerClient;
import io.momentic.paper.venue.PaperVenue;
import io.momentic.paper.venue.VenueFiles;
import io.momentic.strategies.ResolvedStrategy;
import io.momentic.strategies.StrategyCatalog;
import io.momentic.workflow.Progress;
import io.momentic.workflow.backtest.BacktestRun;
import io.momentic.workflow.config.StrategyConfigFile;
import io.momentic.report.Numbers;
import io.momentic.report.text.Tables;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.stream.Collectors;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code momentic paper …}: paper trading from a config. Each {@code [[strategy]]} becomes the run
 * request its backtest would be (the same loader, costs and start), traded through a paper venue
 * account in the state folder; {@link #status} reads that folder's journal alone.
 */
public final class PaperRuns {

  private PaperRuns() {}

  /** A paper run: the config, the workspace relative paths resolve in, a replay speed override (null: the config's). */
  public record RunRequest(Path config, Path workspace, Double speed, Progress progress) {}

  /** One strategy as it will trade: what it runs on and from when. */
  public record Prepared(SlotSpec spec, Panel bars, BacktestRun.RunRequest request) {}

  /** A finished (or caught-up) run: where its state is and each strategy's summary. */
  public record RunRecord(Path state, Path journal, Map<String, JournalSummary.Slot> strategies,
      Map<String, String> descriptions) {}

  public static RunRecord run(RunRequest request) throws InterruptedException {
    PaperConfig config = PaperConfig.read(request.config());
    Path state = request.workspace().resolve(config.paper().state()).normalize();
    List<Prepared> prepared = prepare(config, request.config());
    VenueFiles files = new VenueFiles(state.resolve("venue"));
    Map<SlotSpec, BrokerClient> accounts = new LinkedHashMap<>();
    Map<String, Panel> bars = new LinkedHashMap<>();
    Map<String, String> descriptions = new LinkedHashMap<>();
    long steps = 0;
    for (Prepared p : prepared) {
      BacktestConfig c = p.spec().config();
      PaperVenue venue = files.load(p.spec().id()).map(s -> PaperVenue.restore(s, c.execution()))
          .orElseGet(() -> new PaperVenue(p.spec().id(), p.spec().symbols(), c.initialCash(), c.execution()));
      accounts.put(p.spec(), venue);
      bars.put(p.spec().id(), p.bars());
      descriptions.put(p.spec().id(), p.spec().description());
      steps += p.bars().size();
    }
    Path journalFile = state.resolve("journal.db");
    Progress progress = request.progress() == null ? Progress.NONE : request.progress();
    double speed = request.speed() != null ? request.speed() : config.paper().speed();
    try (PaperRuntime runtime = new PaperRuntime(Journal.openWriter(journalFile), Clock.system(), accounts,
        (id, s) -> files.save(s))) {
      progress.start("paper replay", steps);
      int[] done = {0};
      runtime.replay(bars, speed, time -> {
        for (Panel p : bars.values()) {
          int i = p.indexAtOrBefore(time);
          if (i >= 0 && p.time(i) == time) {
            done[0]++;
          }
        }
        progress.accept(done[0]);
      });
      return new RunRecord(state, journalFile, JournalSummary.of(runtime.journal().entries(null)), descriptions);
    }
  }

  /** Each {@code [[strategy]]} as its backtest would run: loaded, costed, started where the backtest starts. */
  public static List<Prepared> prepare(PaperConfig config, Path configFile) {
    Path base = configFile.toAbsolutePath().getParent();
    return config.strategy().stream().map(s -> {
      StrategyConfigFile file = s.config() == null ? null : StrategyConfigFile.read(base.resolve(s.config()));
      BacktestRun.Overrides cli = new BacktestRun.Overrides(s.strategy(), StrategyConfigFile.asText(s.params()),
          s.data().stream().map(d -> base.resolve(d).normalize()).toList(), s.symbols(), s.cash(), s.commission(),
          s.slippageBps(), s.fill(), false, null, s.start(), s.end(), null, null, null);
      BacktestRun.RunRequest spec = BacktestRun.request(file, cli);
      BacktestRun.RunData data = BacktestRun.load(spec, LoadOptions.DEFAULT);
      BacktestConfig backtest = BacktestRun.measuredConfig(spec, data);
      ResolvedStrategy strategy = StrategyCatalog.resolve(spec.strategy(), spec.params());
      String description = s.description() != null ? s.description()
          : spec.strategy() + " " + spec.params() + " on " + data.panel().symbols() + ", cash " + spec.cash()
              + ", from " + Timestamps.format(backtest.startTimeMillis());
      return new Prepared(new SlotSpec(s.id(), strategy::create, backtest, data.panel().symbols(), description),
          data.panel(), spec);
    }).toList();
  }

  /** {@code momentic paper status}: every strategy's summary from the journal in {@code state}. */
  public static Map<String, JournalSummary.Slot> status(Path state) {
    try (Journal journal = Journal.openReader(state.resolve("journal.db"))) {
      return JournalSummary.of(journal.entries(null));
    }
  }

  /** Each strategy's summary as JSON fields. */
  public static List<Map<String, Object>> document(Map<String, JournalSummary.Slot> slots) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (JournalSummary.Slot s : slots.values()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", s.id());
      m.put("state", s.state());
      m.put("reason", s.reason());
      m.put("since", s.stateSince() == Long.MIN_VALUE ? null : Timestamps.format(s.stateSince()));
      m.put("bars", s.bars());
      m.put("last_bar", s.lastBar() == Long.MIN_VALUE ? null : Timestamps.format(s.lastBar()));
      m.put("equity", s.equity());
      m.put("cash", s.cash());
      m.put("positions", s.positions());
      m.put("fills", s.fills());
      m.put("orders_sent", s.ordersSent());
      m.put("denied", s.denied());
      m.put("rejected", s.rejected());
      m.put("unknown_outcomes", s.unknownOutcomes());
      m.put("skips", s.skips());
      out.add(m);
    }
    return out;
  }

  /** Each strategy's summary as a table, and why any is not running. */
  public static void printSummary(PrintWriter out, Map<String, JournalSummary.Slot> slots) {
    List<List<String>> rows = new ArrayList<>();
    for (JournalSummary.Slot s : slots.values()) {
      rows.add(List.of(s.id(), s.state(), s.lastBar() == Long.MIN_VALUE ? "-" : Timestamps.format(s.lastBar()),
          Numbers.fmt(s.equity(), Numbers.Kind.MONEY),
          s.positions().isEmpty() ? "flat" : s.positions().entrySet().stream()
              .map(e -> e.getKey() + " " + Numbers.fmt(e.getValue(), Numbers.Kind.QTY)).collect(Collectors.joining(", ")),
          Integer.toString(s.fills()),
          s.ordersSent() + " / " + s.denied() + " / " + s.rejected() + " / " + s.unknownOutcomes(),
          s.skips().entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "))));
    }
    Tables.print(out, List.of("strategy", "state", "last bar", "equity", "positions", "fills",
        "sent / denied / rejected / unknown", "bars skipped"), rows);
    for (JournalSummary.Slot s : slots.values()) {
      if (!"running".equals(s.state())) {
        out.println(s.id() + ": " + s.state() + " — " + s.reason());
      }
    }
  }
}
