package io.momentic.workflow;

import io.momentic.core.ConfigException;
import io.momentic.core.Timestamps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** How every workflow reads dates and fingerprints its inputs. */
public final class Inputs {

  private Inputs() {}

  /** A date like 2015-01-02 (or a full timestamp) as epoch ms; a {@link ConfigException} naming {@code key} if not. */
  public static long parseDate(String key, String text) {
    long t = Timestamps.parseOrInvalid(text.strip());
    if (t == Timestamps.INVALID) {
      throw new ConfigException(key, "expected a date like 2015-01-02, found '" + text + "'");
    }
    return t;
  }

  /** The instant the given day ends (00:00 UTC of the next day): "now" for a clock frozen at that date. */
  public static long endOfDay(String key, String text) {
    long day = 86_400_000L;
    return Math.floorDiv(parseDate(key, text), day) * day + day;
  }

  public static String sha256(Path file) {
    // Streamed: a 100 MB bar file is hashed through a small buffer, not held whole.
    try (java.io.InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
        digest.update(buffer, 0, read);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
