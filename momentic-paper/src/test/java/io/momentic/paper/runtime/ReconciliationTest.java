package io.momentic.paper.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.momentic.core.Clock;
import io.momentic.core.Panel;
import io.momentic.core.RunFailure;
import io.momentic.engine.BacktestConfig;
import io.momentic.engine.order.Order;
import io.momentic.engine.order.Side;
import io.momentic.engine.order.Sizing;
import io.momentic.paper.journal.Journal;
import io.momentic.paper.venue.BrokerClient;
import io.momentic.paper.venue.PaperVenue;
import io.momentic.paper.venue.VenueFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** State integrity: the venue and the journal are compared, and every mismatch is an incident. */
class ReconciliationTest {

  @TempDir
  Path dir;

  static final PaperParityTest.Case SMA = PaperParityTest.cases().get(0);

  Webhook.Sink alerts = Webhook.Sink.NONE;

  PaperRuntime runtime(VenueFiles files) {
    BacktestConfig config = TestStrategies.costly(SMA.panel());
    PaperVenue venue = files.load(SMA.id()).map(s -> PaperVenue.restore(s, config.execution()))
        .orElseGet(() -> new PaperVenue(SMA.id(), SMA.panel().symbols(), config.initialCash(), config.execution()));
    Map<SlotSpec, BrokerClient> accounts = new LinkedHashMap<>();
    accounts.put(new SlotSpec(SMA.id(), SMA.strategy(), config, SMA.panel().symbols(), "sma"), venue);
    return new PaperRuntime(Journal.openWriter(dir.resolve("journal.db")),
        Clock.frozen(Instant.parse("2026-12-02T00:00:00Z")), accounts, (id, s) -> files.save(s)).withStateDir(dir)
        .withAlerts(alerts);
  }

  @Test
  void aVenueRestoredFromAnOldBackup_refusesToStart_withAnIncident() throws Exception {
    VenueFiles files = new VenueFiles(dir.resolve("venue"));
    Panel early = SMA.panel().upTo(100);
    try (PaperRuntime r = runtime(files)) {
      r.replay(Map.of(SMA.id(), early), 0, null);
    }
    Path backup = dir.resolve("backup.json");
    Files.copy(files.file(SMA.id()), backup);
    try (PaperRuntime r = runtime(files)) {
      r.replay(Map.of(SMA.id(), SMA.panel().upTo(200)), 0, null);
    }
    // Someone restores the venue account from the backup taken at bar 100.
    Files.copy(backup, files.file(SMA.id()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    try (PaperRuntime r = runtime(files)) {
      assertThatThrownBy(() -> r.replay(Map.of(SMA.id(), SMA.panel()), 0, null))
          .isInstanceOf(RunFailure.class)
          .hasMessageContaining("INC-0001")
          .hasMessageContaining("the venue account's last bar is " + io.momentic.core.Timestamps.format(early.time(99)));
      // Nothing was traded: the journal still ends at bar 199.
      assertThat(r.slots().get(SMA.id()).books().lastBarDone()).isEqualTo(SMA.panel().time(199));
    }
    List<String> csv = Files.readAllLines(dir.resolve("incidents.csv"));
    assertThat(csv.get(0)).isEqualTo("id,opened,severity,class,strategies,impact,detecting_rule,remediation,closed");
    assertThat(csv.get(1)).startsWith("INC-0001,2026-12-02T00:00:00Z,P1,reconciliation,sma,");
    assertThat(csv).hasSize(2);
  }

  @Test
  void aFillForAnOrderTheRuntimeNeverSent_isAnIncident_andQuarantinesTheStrategy() throws Exception {
    WebhookTest.Receiver receiver = new WebhookTest.Receiver();
    alerts = Webhook.to(receiver.url());
    VenueFiles files = new VenueFiles(dir.resolve("venue"));
    try (PaperRuntime r = runtime(files)) {
      r.replay(Map.of(SMA.id(), SMA.panel().upTo(120)), 0, null);
    }
    // A manual trade on the account between two runs: the venue takes and fills it, the journal never
    // sent it. The start reconciles (the venue's extra fill explains its position), and the first bar
    // finds the fill.
    BacktestConfig config = TestStrategies.costly(SMA.panel());
    PaperVenue venue = PaperVenue.restore(files.load(SMA.id()).orElseThrow(), config.execution());
    venue.attach(SMA.panel());
    // One unit against the position (reducing it, so no margin rule refuses it).
    double held = venue.account().position(SMA.panel().symbol(0));
    Side side = held > 0 ? Side.SELL : Side.BUY;
    assertThat(venue.place("manual-1", Order.market(0, side, Sizing.units(1))).outcome())
        .isEqualTo(io.momentic.paper.venue.CommandResult.Outcome.ACCEPTED);
    venue.settleCommand();
    // The venue trades its next bar on its own (the runtime is down): the manual order fills.
    venue.openBar(SMA.panel().upTo(121), io.momentic.engine.exec.FeatureValues.NONE);
    venue.closeBar(io.momentic.engine.exec.FeatureValues.NONE);
    files.save(venue.state());
    try (PaperRuntime r = runtime(files)) {
      r.replay(Map.of(SMA.id(), SMA.panel()), 0, null);
      SlotBooks b = r.slots().get(SMA.id()).books();
      assertThat(b.state()).isEqualTo(StrategyState.QUARANTINED);
      assertThat(b.stateReason()).startsWith("unknown order INC-0001");
    }
    List<String> csv = Files.readAllLines(dir.resolve("incidents.csv"));
    assertThat(csv.get(1)).contains(",P1,unknown-order,sma,", "manual-1");
    // The incident reached the webhook.
    receiver.close();
    assertThat(receiver.bodies).singleElement().satisfies(b -> assertThat(b).contains(
        "P1 INC-0001 unknown-order (sma)", "manual-1"));
  }

  @Test
  void operatorActions_followTheAllowedTransitions_andTheKillSwitchDeniesNewOrders() throws Exception {
    VenueFiles files = new VenueFiles(dir.resolve("venue"));
    try (PaperRuntime r = runtime(files)) {
      r.start();
      assertThatThrownBy(() -> r.operator(SMA.id(), Operations.Action.RESUME, "not paused"))
          .hasMessageContaining("expected sma paused to resume it, found it running");
      r.operator(Incidents.PORTFOLIO, Operations.Action.HALT, "drill");
      r.replay(Map.of(SMA.id(), SMA.panel()), 0, null);
      SlotBooks b = r.slots().get(SMA.id()).books();
      assertThat(b.ordersSent()).isZero();
      assertThat(b.denied()).isPositive();
      assertThat(r.book()).isEqualTo(BookState.HALTED);
    }
    // The kill switch is in the journal: a restart is still halted.
    try (PaperRuntime r = runtime(files)) {
      assertThat(r.book()).isEqualTo(BookState.HALTED);
    }
  }

  @Test
  void aWorkingOrderTheJournalNeverSent_refusesToStart() throws Exception {
    VenueFiles files = new VenueFiles(dir.resolve("venue"));
    try (PaperRuntime r = runtime(files)) {
      r.replay(Map.of(SMA.id(), SMA.panel().upTo(120)), 0, null);
    }
    // A limit order left working on the account between runs, by someone else.
    BacktestConfig config = TestStrategies.costly(SMA.panel());
    PaperVenue venue = PaperVenue.restore(files.load(SMA.id()).orElseThrow(), config.execution());
    venue.attach(SMA.panel());
    venue.place("manual-7", Order.limit(0, Side.BUY, Sizing.units(1), SMA.panel().close(0, 119) * 0.5));
    venue.settleCommand();
    files.save(venue.state());
    try (PaperRuntime r = runtime(files)) {
      assertThatThrownBy(() -> r.replay(Map.of(SMA.id(), SMA.panel()), 0, null))
          .isInstanceOf(RunFailure.class)
          .hasMessageContaining("working orders the journal never sent: [manual-7]");
    }
  }
}
