package io.momentic.data.store;

import io.momentic.core.RunFailure;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.sql.SQLException;
import java.util.Locale;

/**
 * A bar-store operation failed; the message names the file and the operation, says what went
 * wrong in words (never a driver's class name or error-code prefix) and how to fix it.
 */
public class StoreException extends RunFailure {

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  /** {@code what}: the reason; a lock held by another program becomes a {@link StoreBusyException}. */
  static StoreException of(String what, SQLException e) {
    String text = String.valueOf(e.getMessage());
    if (text.contains("SQLITE_BUSY") || text.contains("database is locked")) {
      return new StoreBusyException(what + ": another program holds the store locked and did not let go within "
          + "the wait; fix: close the other program (an sqlite3 shell in a transaction, say) and run again — "
          + "Momentic's own readers never lock it");
    }
    return new StoreException(what + ": " + describe(text), e);
  }

  /** An SQLite message in words, without its {@code [SQLITE_…]} prefix, with a fix where one is known. */
  static String describe(String sqliteMessage) {
    String m = sqliteMessage.replaceAll("\\[SQLITE_[A-Z_]+\\]\\s*", "").strip();
    String lower = m.toLowerCase(Locale.ROOT);
    if (lower.contains("malformed") || lower.contains("corrupt")) {
      return m + "; fix: the file is damaged — restore it from a copy, or move it away and fetch again";
    }
    if (lower.contains("not a database") || lower.contains("file is encrypted")) {
      return m + "; fix: this is not a bar store — pass --store with a store's path, or move the file away";
    }
    if (lower.contains("full")) {
      return m + "; fix: free disk space and run again (committed batches are kept)";
    }
    if (lower.contains("readonly") || lower.contains("read-only")) {
      return m + "; fix: make the file and its folder writable";
    }
    return m;
  }

  /** A file-system failure in words: what failed on which path, not the exception's class. */
  static String describe(IOException e) {
    if (e instanceof AccessDeniedException a) {
      return "permission denied on " + a.getFile() + "; fix: make it readable and writable";
    }
    if (e instanceof NoSuchFileException n) {
      return "no such file or folder " + n.getFile();
    }
    if (e instanceof FileSystemException f) {
      return (f.getReason() != null ? f.getReason() : "cannot use") + " on " + f.getFile();
    }
    return String.valueOf(e.getMessage());
  }
}
