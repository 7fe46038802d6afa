package io.momentic.data.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.momentic.core.ConfigException;
import io.momentic.core.Interval;
import io.momentic.data.SyntheticMarket;
import io.momentic.data.provider.SyntheticProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One writer per store file however it is reached; a lock held by another program fails symbol by symbol. */
class StoreIdentityTest {

  @TempDir Path dir;

  private static final SyntheticProvider MARKET = new SyntheticProvider(SyntheticMarket.Spec.gbmUniverse(2, 300, 5));

  private Path store() {
    Path db = dir.resolve("ws/data/store/momentic.db");
    try (BarStore s = BarStore.openWriter(db)) {
      Ingest.run(s, MARKET, List.of(MARKET.symbols().get(0)), Interval.D1, 0, Long.MAX_VALUE / 2, n -> { });
    }
    return db;
  }

  @Test
  void aStoreWithASecondHardLink_isRefusedUnderEitherName_forWritersAndReaders() throws Exception {
    Path db = store();
    Path hard = Files.createDirectories(dir.resolve("other")).resolve("hard.db");
    Files.createLink(hard, db);
    for (Path name : List.of(db, hard)) {
      assertThatThrownBy(() -> BarStore.openWriter(name)).isInstanceOf(ConfigException.class)
          .hasMessageContaining("2 names (hard links)").hasMessageContaining("fix:").hasMessageNotContaining("java.");
      assertThatThrownBy(() -> BarStore.openReader(name)).isInstanceOf(ConfigException.class);
    }
    Files.delete(hard); // one name again: usable
    try (BarStore reader = BarStore.openReader(db)) {
      assertThat(reader.series()).hasSize(1);
    }
  }

  @Test
  void aSymlinkLeadsToTheSameWriterLock() throws Exception {
    Path db = store();
    Path link = Files.createSymbolicLink(dir.resolve("link.db"), db);
    try (BarStore writer = BarStore.openWriter(db)) {
      assertThatThrownBy(() -> BarStore.openWriter(link)).isInstanceOf(StoreBusyException.class)
          .hasMessageContaining("already has a writer");
      assertThat(writer.file()).isEqualTo(db.toRealPath());
    }
  }

  @Test
  void aLockHeldByAnotherProgram_waitsBoundedThenFailsEachSymbolAlone_inWords() throws Exception {
    Path db = store();
    try (Connection outside = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = outside.createStatement()) {
      s.execute("BEGIN IMMEDIATE"); // what an sqlite3 shell in a write transaction holds
      try (BarStore writer = BarStore.openWriter(db, 200)) {
        long started = System.nanoTime();
        List<Ingest.Outcome> outcomes = Ingest.run(writer, MARKET, MARKET.symbols(), Interval.D1, 0,
            Long.MAX_VALUE / 2, n -> { });
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
        assertThat(outcomes).hasSize(2).allSatisfy(o -> {
          assertThat(o.failed()).isTrue();
          assertThat(o.error()).contains("another program holds the store locked").contains("fix:")
              .doesNotContain("SQLITE").doesNotContain("Exception").doesNotContain("org.");
        });
        assertThat(elapsedMillis).as("each symbol waited for the lock").isGreaterThanOrEqualTo(2 * 200);
      }
      s.execute("ROLLBACK");
    }
    try (BarStore writer = BarStore.openWriter(db, 200)) {
      List<Ingest.Outcome> outcomes = Ingest.run(writer, MARKET, MARKET.symbols(), Interval.D1, 0, Long.MAX_VALUE / 2,
          n -> { });
      assertThat(outcomes).noneMatch(Ingest.Outcome::failed);
      assertThat(writer.series()).hasSize(2);
    }
  }

  @Test
  void aFileThatIsNotAStore_isSaidInWords() throws Exception {
    Path notDb = Files.writeString(dir.resolve("notes.db"), "these are my notes, not a database ".repeat(200));
    assertThatThrownBy(() -> {
      try (BarStore r = BarStore.openReader(notDb)) {
        r.series();
      }
    }).isInstanceOf(StoreException.class).hasMessageContaining("not a bar store").hasMessageNotContaining("SQLITE_");
  }
}
