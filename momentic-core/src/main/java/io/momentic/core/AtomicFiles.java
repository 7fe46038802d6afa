package io.momentic.core;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file atomically: into a temporary sibling, then renamed over the target. A reader (the
 * web server, a browser, a research run) sees the old file or the new one, never half of one and
 * never waits; a crash mid-write leaves the old file in place.
 */
public final class AtomicFiles {

  /** The body of a write. */
  @FunctionalInterface
  public interface Body {
    void writeTo(Writer w) throws IOException;
  }

  private AtomicFiles() {}

  public static Path writeString(Path target, String content) throws IOException {
    return write(target, w -> w.write(content));
  }

  public static Path write(Path target, Body body) throws IOException {
    return replace(target, tmp -> {
      try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        body.writeTo(w);
      }
    });
  }

  /** Writes bytes (an image) atomically. */
  public static Path write(Path target, byte[] bytes) throws IOException {
    return replace(target, tmp -> Files.write(tmp, bytes));
  }

  private interface Filler {
    void fill(Path tmp) throws IOException;
  }

  private static Path replace(Path target, Filler filler) throws IOException {
    Path absolute = target.toAbsolutePath();
    Files.createDirectories(absolute.getParent());
    Path tmp = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".tmp");
    try {
      filler.fill(tmp);
      try {
        Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
    return absolute;
  }
}
