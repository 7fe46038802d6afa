package io.momentic.data.store;

import io.momentic.core.AssetClass;
import io.momentic.core.BarSeries;
import io.momentic.core.ConfigException;
import io.momentic.core.DataFormatException;
import io.momentic.core.Instrument;
import io.momentic.core.Interval;
import io.momentic.core.LoadFailure;
import io.momentic.core.Symbols;
import io.momentic.data.CanonicalCsv;
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
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;

/**
 * The embedded bar store: one SQLite file (default {@code data/store/momentic.db}) holding bars
 * keyed by venue, symbol, interval and open time, plus instruments and the last successful fetch
 * of every series.
 *
 * <p>Why "database is locked" cannot happen (docs/ARCHITECTURE.md): the file is in WAL mode, in
 * which readers read a snapshot and never block, nor are blocked by, the one writer; there is
 * exactly one writer because {@link #openWriter} holds an OS lock on {@code <db>.writer} for as long
 * as it is open (a second writer gets a clear {@link StoreBusyException}, it does not queue on
 * SQLite's lock); the writer starts every batch with {@code BEGIN IMMEDIATE}, so it never has to
 * upgrade a read lock; readers open the file read-only and never checkpoint. A batch is one
 * transaction: a writer killed mid-batch leaves the batch invisible, and every committed batch
 * survives a crash of the process (synchronous=NORMAL is durable against process death; only an
 * OS crash or power loss could roll back the last commits).
 */
public final class BarStore implements AutoCloseable {

  /** A stored series and its extent. */
  public record SeriesInfo(String venue, String symbol, Interval interval, long bars, long firstOpenTime,
      long lastOpenTime, long lastFetchMillis) {}

  /** A stored instrument with its listing window (epoch ms; 0 when unknown). */
  public record InstrumentInfo(String venue, String symbol, AssetClass assetClass, String base, String quote,
      long listedMillis, long delistedMillis) {}

  /** What one upsert batch did. */
  public record BatchResult(long batchId, int inserted, int updated) {
    public int written() {
      return inserted + updated;
    }
  }

  private static final String SCHEMA = """
      CREATE TABLE IF NOT EXISTS bars (
        venue TEXT NOT NULL, symbol TEXT NOT NULL, interval TEXT NOT NULL, open_time INTEGER NOT NULL,
        open REAL NOT NULL, high REAL NOT NULL, low REAL NOT NULL, close REAL NOT NULL, volume REAL NOT NULL,
        batch_id INTEGER NOT NULL,
        PRIMARY KEY (venue, symbol, interval, open_time)) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS instruments (
        venue TEXT NOT NULL, symbol TEXT NOT NULL, asset_class TEXT NOT NULL, base TEXT, quote TEXT,
        listed_ms INTEGER NOT NULL DEFAULT 0, delisted_ms INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (venue, symbol));
      CREATE TABLE IF NOT EXISTS fetches (
        venue TEXT NOT NULL, symbol TEXT NOT NULL, interval TEXT NOT NULL,
        last_success_ms INTEGER NOT NULL, bars_added INTEGER NOT NULL,
        PRIMARY KEY (venue, symbol, interval));
      CREATE TABLE IF NOT EXISTS batches (
        id INTEGER PRIMARY KEY, venue TEXT NOT NULL, symbol TEXT NOT NULL, interval TEXT NOT NULL,
        rows INTEGER NOT NULL, committed_ms INTEGER NOT NULL);
      """;

  private final Path file;
  private final Connection connection;
  private final boolean writable;
  private final FileChannel lockChannel;
  private final FileLock writerLock;

  private BarStore(Path file, Connection connection, boolean writable, FileChannel lockChannel, FileLock writerLock) {
    this.file = file;
    this.connection = connection;
    this.writable = writable;
    this.lockChannel = lockChannel;
    this.writerLock = writerLock;
  }

  /**
   * Opens (creating if needed) the store for writing. Only one writer may be open per file at a
   * time, across processes.
   *
   * @throws StoreBusyException when another process (or another open writer) holds the file
   */
  public static BarStore openWriter(Path file) {
    return openWriter(file, defaultBusyTimeoutMillis());
  }

  /**
   * As {@link #openWriter(Path)}, waiting at most {@code busyTimeoutMillis} for a lock held by a
   * program other than a Momentic writer (an sqlite3 shell in a transaction, say) before a write
   * fails with {@link StoreBusyException}.
   */
  public static BarStore openWriter(Path file, long busyTimeoutMillis) {
    Path absolute = file.toAbsolutePath().normalize();
    FileChannel channel = null;
    try {
      Files.createDirectories(absolute.getParent());
      // One name per store: the lock is taken on the file's real path (a symlink leads to the same
      // lock) and a file with several hard links is refused, since SQLite keys its WAL by name.
      absolute = identity(absolute);
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
        throw new StoreBusyException(absolute + " already has a writer (lock file " + lockFile
            + "); fix: let the running fetch or pipeline finish, or stop it — readers need no lock");
      }
      Properties props = new Properties();
      props.setProperty("synchronous", "NORMAL");
      props.setProperty("busy_timeout", Long.toString(busyTimeoutMillis));
      // BEGIN IMMEDIATE: take the write lock up front, never upgrade from a read lock.
      props.setProperty("transaction_mode", "IMMEDIATE");
      Connection c = DriverManager.getConnection("jdbc:sqlite:" + absolute, props);
      try (Statement s = c.createStatement()) {
        // Only a new store is written to here, so opening a store another program holds locked
        // does not wait: its batches wait (bounded), and fail symbol by symbol.
        if (!"wal".equalsIgnoreCase(pragma(s, "PRAGMA journal_mode"))) {
          String mode = pragma(s, "PRAGMA journal_mode=WAL");
          if (!"wal".equalsIgnoreCase(mode)) {
            c.close();
            throw new StoreException(absolute + ": journal mode is " + mode + ", expected wal; fix: the file "
                + "system must support shared memory (not a network share)", null);
          }
        }
        if (!hasSchema(s)) {
          for (String ddl : SCHEMA.split(";")) {
            if (!ddl.isBlank()) {
              s.executeUpdate(ddl);
            }
          }
        }
      }
      return new BarStore(absolute, c, true, channel, lock);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new StoreException("Cannot open store " + absolute + ": " + StoreException.describe(e), e);
    } catch (SQLException e) {
      closeQuietly(channel);
      throw StoreException.of("Cannot open store " + absolute, e);
    } catch (RuntimeException e) {
      closeQuietly(channel);
      throw e;
    }
  }

  /** How long a writer waits for another program's lock: 5 s, or {@code -Dmomentic.store.busyTimeoutMillis}. */
  static long defaultBusyTimeoutMillis() {
    return Long.getLong("momentic.store.busyTimeoutMillis", 5_000);
  }

  private static String pragma(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : "?";
    }
  }

  private static boolean hasSchema(Statement s) throws SQLException {
    try (ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_master WHERE type='table' AND name IN "
        + "('bars','instruments','fetches','batches')")) {
      return rs.next() && rs.getInt(1) == 4;
    }
  }

  /**
   * The store's one name: the real path when the file exists (symlinks resolved). A file with more
   * than one hard link is refused: SQLite finds its write-ahead log and lock by the name it was
   * opened with, so two names of one file would let two writers — or a reader and a writer — work
   * on the same pages without seeing each other's log, and corrupt it.
   */
  static Path identity(Path absolute) throws IOException {
    if (!Files.exists(absolute)) {
      return absolute;
    }
    Path real = absolute.toRealPath();
    Object links;
    try {
      links = Files.getAttribute(real, "unix:nlink");
    } catch (UnsupportedOperationException | IllegalArgumentException e) {
      return real; // no link count on this file system (Windows): nothing to compare
    }
    if (links instanceof Integer n && n > 1) {
      throw new ConfigException("store", "expected a bar store with one name, found " + real + " with " + n
          + " names (hard links); SQLite keeps a store's write-ahead log by name, so two names of one file can "
          + "corrupt it; fix: use one path for it, or copy it (cp, not ln) to make a separate store");
    }
    return real;
  }

  /**
   * Opens an existing store read-only; any number of readers may be open beside the writer.
   *
   * @throws DataFormatException when there is no store at {@code file} (bad input: exit 2 from the CLI)
   */
  public static BarStore openReader(Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    if (!Files.isRegularFile(absolute)) {
      throw new DataFormatException(new LoadFailure(absolute.toString(), 0, "", "a Momentic bar store",
          "no bar store here", "run `momentic fetch` or `momentic pipeline run` first, or pass --store"));
    }
    try {
      absolute = identity(absolute);
    } catch (IOException e) {
      throw new StoreException("Cannot open store " + absolute + ": " + StoreException.describe(e), e);
    }
    Properties props = new Properties();
    props.setProperty("open_mode", "1"); // SQLITE_OPEN_READONLY
    try {
      Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + absolute + "?mode=ro", props);
      return new BarStore(absolute, c, false, null, null);
    } catch (SQLException e) {
      throw StoreException.of("Cannot open store " + absolute + " for reading", e);
    }
  }

  public Path file() {
    return file;
  }

  /**
   * Writes a series as one batch (one transaction): new bars are inserted, bars already stored at
   * the same open time are replaced (idempotent: writing the same bars twice changes nothing).
   * The instrument row is created if missing.
   */
  public BatchResult upsert(BarSeries bars) {
    requireWritable();
    Instrument instrument = bars.instrument();
    String venue = instrument.venue();
    String symbol = instrument.symbol();
    String interval = bars.interval().code();
    try {
      begin();
      long batchId;
      try (PreparedStatement ps = connection.prepareStatement(
          "INSERT INTO batches(venue, symbol, interval, rows, committed_ms) VALUES (?,?,?,?,?)")) {
        ps.setString(1, venue);
        ps.setString(2, symbol);
        ps.setString(3, interval);
        ps.setInt(4, bars.size());
        ps.setLong(5, System.currentTimeMillis());
        ps.executeUpdate();
      }
      try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT last_insert_rowid()")) {
        rs.next();
        batchId = rs.getLong(1);
      }
      try (PreparedStatement ps = connection.prepareStatement(
          "INSERT OR IGNORE INTO instruments(venue, symbol, asset_class) VALUES (?,?,?)")) {
        ps.setString(1, venue);
        ps.setString(2, symbol);
        ps.setString(3, instrument.assetClass().name());
        ps.executeUpdate();
      }
      int before = countBars(venue, symbol, interval);
      try (PreparedStatement ps = connection.prepareStatement(
          "INSERT INTO bars(venue, symbol, interval, open_time, open, high, low, close, volume, batch_id)"
              + " VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT(venue, symbol, interval, open_time) DO UPDATE SET"
              + " open=excluded.open, high=excluded.high, low=excluded.low, close=excluded.close,"
              + " volume=excluded.volume, batch_id=excluded.batch_id")) {
        for (int i = 0; i < bars.size(); i++) {
          ps.setString(1, venue);
          ps.setString(2, symbol);
          ps.setString(3, interval);
          ps.setLong(4, bars.time(i));
          ps.setDouble(5, bars.open(i));
          ps.setDouble(6, bars.high(i));
          ps.setDouble(7, bars.low(i));
          ps.setDouble(8, bars.close(i));
          ps.setDouble(9, bars.volume(i));
          ps.setLong(10, batchId);
          ps.addBatch();
        }
        ps.executeBatch();
      }
      int inserted = countBars(venue, symbol, interval) - before;
      connection.commit();
      return new BatchResult(batchId, inserted, bars.size() - inserted);
    } catch (SQLException e) {
      rollbackQuietly();
      throw StoreException.of("Cannot write " + venue + ":" + symbol + " " + interval + " to " + file, e);
    } finally {
      autoCommit();
    }
  }

  /** Records or updates an instrument's metadata. */
  public void putInstrument(InstrumentInfo info) {
    requireWritable();
    try (PreparedStatement ps = connection.prepareStatement(
        "INSERT INTO instruments(venue, symbol, asset_class, base, quote, listed_ms, delisted_ms) VALUES (?,?,?,?,?,?,?)"
            + " ON CONFLICT(venue, symbol) DO UPDATE SET asset_class=excluded.asset_class, base=excluded.base,"
            + " quote=excluded.quote, listed_ms=excluded.listed_ms, delisted_ms=excluded.delisted_ms")) {
      ps.setString(1, info.venue());
      ps.setString(2, info.symbol());
      ps.setString(3, info.assetClass().name());
      ps.setString(4, info.base());
      ps.setString(5, info.quote());
      ps.setLong(6, info.listedMillis());
      ps.setLong(7, info.delistedMillis());
      ps.executeUpdate();
    } catch (SQLException e) {
      throw StoreException.of("Cannot write instrument " + info.venue() + ":" + info.symbol(), e);
    }
  }

  /** Records a successful fetch of a series at {@code atMillis} that added {@code barsAdded} bars. */
  public void recordFetch(String venue, String symbol, Interval interval, long atMillis, int barsAdded) {
    requireWritable();
    try (PreparedStatement ps = connection.prepareStatement(
        "INSERT INTO fetches(venue, symbol, interval, last_success_ms, bars_added) VALUES (?,?,?,?,?)"
            + " ON CONFLICT(venue, symbol, interval) DO UPDATE SET last_success_ms=excluded.last_success_ms,"
            + " bars_added=excluded.bars_added")) {
      ps.setString(1, venue);
      ps.setString(2, symbol);
      ps.setString(3, interval.code());
      ps.setLong(4, atMillis);
      ps.setInt(5, barsAdded);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw StoreException.of("Cannot record fetch of " + venue + ":" + symbol, e);
    }
  }

  /** The stored bars of one series, oldest first (empty when none). */
  public BarSeries read(String venue, String symbol, Interval interval) {
    return read(venue, symbol, interval, Long.MIN_VALUE, Long.MAX_VALUE);
  }

  /** The stored bars of one series with open time in [{@code fromMillis}, {@code toMillis}]. */
  public BarSeries read(String venue, String symbol, Interval interval, long fromMillis, long toMillis) {
    Instrument instrument = instrument(venue, symbol)
        .map(i -> Instrument.of(symbol, venue, i.assetClass()))
        .orElseGet(() -> Instrument.of(symbol, venue, AssetClass.EQUITY));
    BarSeries.Builder builder = BarSeries.builder(instrument, interval);
    try (PreparedStatement ps = connection.prepareStatement(
        "SELECT open_time, open, high, low, close, volume FROM bars WHERE venue=? AND symbol=? AND interval=?"
            + " AND open_time BETWEEN ? AND ? ORDER BY open_time")) {
      ps.setString(1, venue);
      ps.setString(2, symbol);
      ps.setString(3, interval.code());
      ps.setLong(4, fromMillis);
      ps.setLong(5, toMillis);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          builder.add(rs.getLong(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5),
              rs.getDouble(6));
        }
      }
      return builder.build();
    } catch (SQLException e) {
      throw StoreException.of("Cannot read " + venue + ":" + symbol + " " + interval.code() + " from " + file, e);
    }
  }

  /** Every stored series of {@code interval} (of one venue, or of all when {@code venue} is null). */
  public List<BarSeries> readAll(String venue, Interval interval) {
    List<BarSeries> out = new ArrayList<>();
    for (SeriesInfo info : series()) {
      if (info.interval() == interval && (venue == null || venue.equals(info.venue()))) {
        out.add(read(info.venue(), info.symbol(), interval));
      }
    }
    return out;
  }

  /** The open time of the newest stored bar of a series. */
  public OptionalLong lastOpenTime(String venue, String symbol, Interval interval) {
    try (PreparedStatement ps = connection.prepareStatement(
        "SELECT max(open_time) FROM bars WHERE venue=? AND symbol=? AND interval=?")) {
      ps.setString(1, venue);
      ps.setString(2, symbol);
      ps.setString(3, interval.code());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        long v = rs.getLong(1);
        return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(v);
      }
    } catch (SQLException e) {
      throw StoreException.of("Cannot read " + file, e);
    }
  }

  /** Every stored series with its extent and last successful fetch (0 when never fetched). */
  public List<SeriesInfo> series() {
    List<SeriesInfo> out = new ArrayList<>();
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT b.venue, b.symbol, b.interval, count(*), min(b.open_time),"
            + " max(b.open_time), coalesce(f.last_success_ms, 0) FROM bars b LEFT JOIN fetches f"
            + " ON f.venue=b.venue AND f.symbol=b.symbol AND f.interval=b.interval"
            + " GROUP BY b.venue, b.symbol, b.interval ORDER BY b.venue, b.interval, b.symbol")) {
      while (rs.next()) {
        out.add(new SeriesInfo(rs.getString(1), rs.getString(2), Interval.parse(rs.getString(3)), rs.getLong(4),
            rs.getLong(5), rs.getLong(6), rs.getLong(7)));
      }
      return out;
    } catch (SQLException e) {
      throw StoreException.of("Cannot list series in " + file, e);
    }
  }

  /** The stored instruments, by venue then symbol. */
  public List<InstrumentInfo> instruments() {
    List<InstrumentInfo> out = new ArrayList<>();
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT venue, symbol, asset_class, base, quote, listed_ms, delisted_ms"
            + " FROM instruments ORDER BY venue, symbol")) {
      while (rs.next()) {
        out.add(instrumentRow(rs));
      }
      return out;
    } catch (SQLException e) {
      throw StoreException.of("Cannot list instruments in " + file, e);
    }
  }

  public Optional<InstrumentInfo> instrument(String venue, String symbol) {
    try (PreparedStatement ps = connection.prepareStatement("SELECT venue, symbol, asset_class, base, quote,"
        + " listed_ms, delisted_ms FROM instruments WHERE venue=? AND symbol=?")) {
      ps.setString(1, venue);
      ps.setString(2, symbol);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(instrumentRow(rs)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw StoreException.of("Cannot read instrument " + venue + ":" + symbol, e);
    }
  }

  /** Committed batches as (id, rows written, rows still carrying that id), for integrity checks. */
  public List<long[]> batchIntegrity() {
    List<long[]> out = new ArrayList<>();
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT id, rows, (SELECT count(*) FROM bars WHERE bars.batch_id = batches.id)"
            + " FROM batches ORDER BY id")) {
      while (rs.next()) {
        out.add(new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)});
      }
      return out;
    } catch (SQLException e) {
      throw StoreException.of("Cannot read batches of " + file, e);
    }
  }

  /**
   * Writes every stored series of {@code venue} and {@code interval} as a canonical CSV
   * ({@code <dir>/<SYMBOL>.csv}, newest first); returns the files written.
   */
  public List<Path> exportCsv(String venue, Interval interval, Path dir) {
    List<Path> written = new ArrayList<>();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new StoreException("Cannot create " + dir + ": " + StoreException.describe(e), e);
    }
    for (BarSeries bars : readAll(venue, interval)) {
      Path out = Symbols.file(dir, bars.symbol(), ".csv");
      CanonicalCsv.write(bars, out);
      written.add(out);
    }
    return written;
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      throw StoreException.of("Cannot close " + file, e);
    } finally {
      if (writerLock != null) {
        try {
          writerLock.release();
        } catch (IOException ignored) {
          // The channel close below releases it anyway.
        }
      }
      closeQuietly(lockChannel);
    }
  }

  private InstrumentInfo instrumentRow(ResultSet rs) throws SQLException {
    return new InstrumentInfo(rs.getString(1), rs.getString(2), AssetClass.valueOf(rs.getString(3)), rs.getString(4),
        rs.getString(5), rs.getLong(6), rs.getLong(7));
  }

  /** How many bars a series has stored. */
  public long count(String venue, String symbol, Interval interval) {
    try {
      return countBars(venue, symbol, interval.code());
    } catch (SQLException e) {
      throw StoreException.of("Cannot read " + file, e);
    }
  }

  private int countBars(String venue, String symbol, String interval) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(
        "SELECT count(*) FROM bars WHERE venue=? AND symbol=? AND interval=?")) {
      ps.setString(1, venue);
      ps.setString(2, symbol);
      ps.setString(3, interval);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  /** Opens a batch; the connection's transaction mode makes it BEGIN IMMEDIATE. */
  private void begin() throws SQLException {
    connection.setAutoCommit(false);
  }

  private void autoCommit() {
    try {
      connection.setAutoCommit(true);
    } catch (SQLException ignored) {
      // The connection is unusable; the next call reports it.
    }
  }

  private void rollbackQuietly() {
    try {
      connection.rollback();
    } catch (SQLException ignored) {
      // Nothing was committed; SQLite discards the open transaction when the connection closes.
    }
  }

  private void requireWritable() {
    if (!writable) {
      throw new IllegalStateException(file + " is open read-only; use BarStore.openWriter to write");
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // Best effort.
      }
    }
  }
}
