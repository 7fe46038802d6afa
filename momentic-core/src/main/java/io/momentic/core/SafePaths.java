package io.momentic.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Paths that must stay inside a folder. {@link #inside} is for names the program builds from data
 * (a symbol, a run id, a date) before it writes: lexical, after normalisation, so {@code ..} and
 * absolute names are refused whether or not the file exists yet. {@link #realInside} is for what a
 * server reads: symlinks resolved, so a link inside the folder to a file outside it is refused.
 */
public final class SafePaths {

  private SafePaths() {}

  /** {@code folder.resolve(name)}, refused unless it lies strictly inside {@code folder}. */
  public static Path inside(Path folder, String name) {
    Path base = folder.toAbsolutePath().normalize();
    Path target;
    try {
      target = base.resolve(name).normalize();
    } catch (InvalidPathException e) {
      throw new ConfigException("path", "expected a file name inside " + base + ", found " + Symbols.quoted(name)
          + ", which is not a valid path; fix: use letters, digits and . _ -");
    }
    if (!target.startsWith(base) || target.equals(base)) {
      throw new ConfigException("path", "expected a file inside " + base + ", found " + Symbols.quoted(name)
          + ", which would be written at " + target + "; fix: remove path separators and '..' from the name");
    }
    return target;
  }

  /**
   * The real path of {@code folder.resolve(relative)} when it exists and, symlinks resolved, lies
   * inside the real path of {@code folder}; empty otherwise (missing, outside, or not a valid path).
   */
  public static Optional<Path> realInside(Path folder, String relative) {
    try {
      Path base = folder.toRealPath();
      Path target = base.resolve(relative).normalize();
      if (!target.startsWith(base) || !Files.exists(target)) {
        return Optional.empty();
      }
      Path real = target.toRealPath();
      return real.startsWith(base) ? Optional.of(real) : Optional.empty();
    } catch (IOException | InvalidPathException e) {
      return Optional.empty();
    }
  }

  /** Whether {@code path} exists and its real path lies inside the real path of {@code folder}. */
  public static boolean isRealInside(Path folder, Path path) {
    try {
      return path.toRealPath().startsWith(folder.toRealPath());
    } catch (IOException e) {
      return false;
    }
  }
}
