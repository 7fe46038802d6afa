package io.momentic.core;

import java.util.List;

/**
 * Bad input data: a file that cannot be read as bars. Carries every failure that was found
 * (the loader collects them, then throws once). The CLI maps it to exit code 2.
 */
public final class DataFormatException extends RuntimeException {

  /** How many failures the message lists; the rest are counted. */
  public static final int MAX_LISTED = 20;

  private final transient List<LoadFailure> failures;

  public DataFormatException(List<LoadFailure> failures) {
    super(summarise(failures));
    this.failures = List.copyOf(failures);
  }

  public DataFormatException(LoadFailure failure) {
    this(List.of(failure));
  }

  /** All failures, in input order. */
  public List<LoadFailure> failures() {
    return failures;
  }

  /** The first failure as one line, followed by the count of the others. */
  public String firstLine() {
    String first = failures.get(0).message();
    return failures.size() == 1 ? first : first + " (and " + (failures.size() - 1) + " more problems)";
  }

  /** Up to {@link #MAX_LISTED} failures, one per line. */
  public String listing() {
    StringBuilder sb = new StringBuilder();
    int shown = Math.min(MAX_LISTED, failures.size());
    for (int i = 0; i < shown; i++) {
      sb.append(failures.get(i).message()).append('\n');
    }
    if (failures.size() > shown) {
      sb.append("... and ").append(failures.size() - shown).append(" more\n");
    }
    return sb.toString();
  }

  private static String summarise(List<LoadFailure> failures) {
    if (failures.isEmpty()) {
      throw new IllegalArgumentException("Expected at least one failure");
    }
    LoadFailure first = failures.get(0);
    return failures.size() == 1
        ? first.message()
        : failures.size() + " problems; first: " + first.message();
  }
}
