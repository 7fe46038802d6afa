package io.momentic.paper.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.momentic.core.Panel;
import io.momentic.paper.venue.VenueFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash window the SIGKILL test only sometimes hits: the runtime journaled a bar's orders and
 * the venue's answers, then died before the bar was finished and before the paper venue saved it.
 * The venue restarts from the bar before and has never heard of those orders; the journal says
 * they were sent. After the restart the runtime must ask the venue, learn they are unknown, and
 * send them again — the run then equals the backtest to the bit, as an uninterrupted one does.
 */
class LostOrderRecoveryTest {

  static Map<String, Panel> prefix(Map<String, Panel> bars, int n) {
    Map<String, Panel> out = new LinkedHashMap<>();
    bars.forEach((id, p) -> out.put(id, p.upTo(n)));
    return out;
  }

  @Test
  void ordersTheVenueLostWithAnUnfinishedBar_areSentAgain(@TempDir Path dir) throws Exception {
    Path journal = dir.resolve("journal.db");
    Path venue = dir.resolve("venue");
    Map<String, Panel> all = PaperParityTest.bars();
    int bar = 42; // the bracket trader enters again at bar 42's close (it fills at 43's open)
    try (PaperRuntime r = PaperParityTest.runtime(journal, new LinkedHashMap<>(), new VenueFiles(venue))) {
      r.replay(prefix(all, bar), 0, null);
    }
    Path saved = Files.createDirectories(dir.resolve("venue-before"));
    try (Stream<Path> files = Files.list(venue)) {
      for (Path f : files.toList()) {
        Files.copy(f, saved.resolve(f.getFileName()));
      }
    }
    assertThat(saved.resolve("bracket.json")).exists();
    try (PaperRuntime r = PaperParityTest.runtime(journal, new LinkedHashMap<>(), new VenueFiles(venue))) {
      r.replay(prefix(all, bar + 1), 0, null);
    }
    // The crash: the venue's accounts as they were before the bar; the journal keeps the bar's intents
    // and the venue's answers to them, and nothing else of the bar.
    try (Stream<Path> files = Files.list(venue)) {
      for (Path f : files.toList()) {
        Path before = saved.resolve(f.getFileName());
        if (Files.exists(before)) {
          Files.copy(before, f, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } else {
          Files.delete(f); // an account the venue had not opened before the bar
        }
      }
    }
    long barTime = all.get("bracket").time(bar);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + journal)) {
      try (PreparedStatement q = c.prepareStatement(
          "SELECT COUNT(*) FROM journal WHERE slot = 'bracket' AND kind = 'SENT' AND bar_time = ?")) {
        q.setLong(1, barTime);
        try (ResultSet rs = q.executeQuery()) {
          assertThat(rs.getInt(1)).as("orders the bracket trader sent at bar " + bar).isPositive();
        }
      }
      try (PreparedStatement d = c.prepareStatement(
          "DELETE FROM journal WHERE bar_time >= ? AND kind NOT IN ('INTENT', 'SENT')")) {
        d.setLong(1, barTime);
        d.executeUpdate();
      }
    }
    try (PaperRuntime r = PaperParityTest.runtime(journal, new LinkedHashMap<>(), new VenueFiles(venue))) {
      r.replay(all, 0, null);
      for (PaperParityTest.Case c : PaperParityTest.cases()) {
        PaperParityTest.assertMatchesBacktest(c, r.slots().get(c.id()).books(), r.journal());
      }
    }
  }
}
