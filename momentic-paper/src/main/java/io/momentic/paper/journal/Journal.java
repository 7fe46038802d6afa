package io.momentic.paper.journal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The paper runtime's write-ahead journal: an SQLite file (WAL, {@code synchronous=FULL}, so an
 * entry that was written survives a crash or a power cut). Every order intent is written before it
 * is sent and every venue event after it arrives; the runtime's books, orders, lifecycle states and
 * counters are whatever replaying it gives — start-up and crash recovery are the same code path.
 *
 * <p>An entry is keyed by (slot, kind, ref) and written with {@code INSERT OR IGNORE}: a venue
 * trade is recorded once per trade id however often it is read, and an intent once per client
 * order id however often a restarted runtime decides the same bar again. {@link #append} says
 * whether the entry is new. One runtime writes a journal at a time (a lock file beside it);
 * readers — {@code paper status}, the web pages — open it read-only and never block it.
 */
public final class Journal implements AutoCloseable {

  /** What an entry records. */
  public enum Kind {
    /** An order intent, before it is sent (ref: client order id). */
    INTENT,
    /** A local check refused an intent; it was never sent (ref: client order id). */
    DENIED,
    /** What the venue said to a command (ref: client order id). */
    SENT,
    /** A fill at the venue (ref: the venue's trade id). */
    TRADE,
    /** An order update from the venue (ref: the venue's update sequence). */
    UPDATE,
    /** A strategy's lifecycle transition (ref: a sequence per slot). */
    STATE,
    /** A bar without an order, and why (ref: the bar time). */
    SKIP,
    /** A bar fully processed, with the books' mark (ref: the bar time). */
    BAR,
    /** An incident (ref: its id). */
    INCIDENT,
    /** Where a live feed's trading starts: earlier bars are history (ref: "start"). */
    START
  }

  /** One row. {@code barTime} is the decision bar's open time (epoch ms); {@code payload} JSON. */
  public record Entry(long seq, long recordedMillis, String slot, Kind kind, String ref, long barTime,
      String payload) {}

  private static final String SCHEMA = """
      CREATE TABLE IF NOT EXISTS journal (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        recorded_ms INTEGER NOT NULL,
        slot TEXT NOT NULL,
        kind TEXT NOT NULL,
        ref TEXT NOT NULL,
        bar_time INTEGER NOT NULL,
        payload TEXT NOT NULL,
        UNIQUE (slot, kind, ref)
      )""";

  private final Path file;
  private final Connection connection;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final PreparedStatement insert;

  private Journal(Path file, Connection connection, FileChannel lockChannel, FileLock lock) throws SQLException {
    this.file = file;
    this.connection = connection;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.insert = lock == null ? null : connection.prepareStatement(
        "INSERT OR IGNORE INTO journal (recorded_ms, slot, kind, ref, bar_time, payload) VALUES (?, ?, ?, ?, ?, ?)");
  }

  /** Opens (or creates) the journal for writing; a second writer is refused with the fix. */
  public static Journal openWriter(Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    FileChannel channel = null;
    try {
      Files.createDirectories(absolute.getParent());
      Path lockFile = absolute.resolveSibling(absolute.getFileName() + ".writer");
      channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        channel.close();
        throw new JournalException(absolute + " is in use by another paper runtime (lock file " + lockFile
            + "); fix: stop that runtime first, or give this one its own state folder", null);
      }
      Properties props = new Properties();
      // FULL: a committed entry is on disk before the command it precedes is sent.
      props.setProperty("synchronous", "FULL");
      props.setProperty("journal_mode", "WAL");
      props.setProperty("busy_timeout", "5000");
      Connection c = DriverManager.getConnection("jdbc:sqlite:" + absolute, props);
      try (Statement s = c.createStatement()) {
        s.executeUpdate(SCHEMA);
      }
      return new Journal(absolute, c, channel, lock);
    } catch (IOException | SQLException e) {
      closeQuietly(channel);
      throw new JournalException("Cannot open the journal " + absolute + ": " + e.getMessage()
          + "; fix: check the folder exists and is writable", e);
    }
  }

  /** Whether a runtime holds the journal for writing now (its lock file is locked). */
  public static boolean heldByAnother(Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    Path lockFile = absolute.resolveSibling(absolute.getFileName() + ".writer");
    if (!Files.exists(lockFile)) {
      return false;
    }
    try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
      FileLock lock = channel.tryLock();
      if (lock == null) {
        return true;
      }
      lock.release();
      return false;
    } catch (OverlappingFileLockException e) {
      return true; // this process holds it
    } catch (IOException e) {
      return false;
    }
  }

  /** Opens an existing journal read-only (status pages, reports): never blocks the writer. */
  public static Journal openReader(Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    if (!Files.isRegularFile(absolute)) {
      throw new io.momentic.core.ConfigException("state", "expected a paper journal at " + absolute
          + ", found no such file; fix: start one with momentic paper run --config FILE, or pass --state to the "
          + "folder it wrote");
    }
    try {
      Properties props = new Properties();
      props.setProperty("open_mode", "1"); // SQLITE_OPEN_READONLY
      Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + absolute + "?mode=ro", props);
      return new Journal(absolute, c, null, null);
    } catch (SQLException e) {
      throw new JournalException("Cannot read the journal " + absolute + ": " + e.getMessage(), e);
    }
  }

  public Path file() {
    return file;
  }

  /** Writes one entry (durably); returns false when an entry with the same (slot, kind, ref) exists. */
  public boolean append(long recordedMillis, String slot, Kind kind, String ref, long barTime, String payload) {
    if (insert == null) {
      throw new IllegalStateException("Expected a journal opened for writing, but " + file + " is read-only");
    }
    try {
      insert.setLong(1, recordedMillis);
      insert.setString(2, slot);
      insert.setString(3, kind.name());
      insert.setString(4, ref);
      insert.setLong(5, barTime);
      insert.setString(6, payload);
      return insert.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new JournalException("Cannot write to the journal " + file + ": " + e.getMessage()
          + "; fix: free disk space or check the file's permissions; the runtime stops rather than trade "
          + "unjournaled", e);
    }
  }

  /** Every entry of a slot (all slots when null), in the order written. */
  public List<Entry> entries(String slot) {
    String sql = "SELECT seq, recorded_ms, slot, kind, ref, bar_time, payload FROM journal"
        + (slot == null ? "" : " WHERE slot = ?") + " ORDER BY seq";
    try (PreparedStatement q = connection.prepareStatement(sql)) {
      if (slot != null) {
        q.setString(1, slot);
      }
      List<Entry> out = new ArrayList<>();
      try (ResultSet r = q.executeQuery()) {
        while (r.next()) {
          out.add(new Entry(r.getLong(1), r.getLong(2), r.getString(3), Kind.valueOf(r.getString(4)), r.getString(5),
              r.getLong(6), r.getString(7)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new JournalException("Cannot read the journal " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      if (insert != null) {
        insert.close();
      }
      connection.close();
    } catch (SQLException e) {
      throw new JournalException("Cannot close the journal " + file + ": " + e.getMessage(), e);
    } finally {
      try {
        if (lock != null) {
          lock.release();
        }
      } catch (IOException ignored) {
        // the lock goes with the channel
      }
      closeQuietly(lockChannel);
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // nothing more to release
      }
    }
  }

  /** The journal cannot be opened, read or written; the message says why and the fix. */
  public static final class JournalException extends RuntimeException {
    public JournalException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
