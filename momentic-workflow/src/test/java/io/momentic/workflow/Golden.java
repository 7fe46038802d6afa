package io.momentic.workflow;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Golden files: canonical text in {@code src/test/resources/golden/}, compared line by line;
 * {@code -Dgolden.update=true} rewrites them (then review the diff before committing).
 */
public final class Golden {

  private Golden() {}

  public static void assertMatches(String name, String actual) throws IOException {
    Path file = Path.of("src/test/resources/golden").resolve(name);
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, actual, StandardCharsets.UTF_8);
      return;
    }
    if (!Files.isRegularFile(file)) {
      fail("Expected the golden file " + file.toAbsolutePath() + ", but there is none; run the test with "
          + "-Dgolden.update=true to create it, then review it");
    }
    difference(name, actual).ifPresent(d -> fail(d
        + "\n(if the change is intended, rerun with -Dgolden.update=true and review the diff)"));
  }

  /** The first line where {@code actual} differs from golden file {@code name}, if any; never writes. */
  public static Optional<String> difference(String name, String actual) throws IOException {
    List<String> expected = Files.readAllLines(Path.of("src/test/resources/golden").resolve(name),
        StandardCharsets.UTF_8);
    List<String> got = actual.lines().toList();
    for (int i = 0; i < Math.max(expected.size(), got.size()); i++) {
      String e = i < expected.size() ? expected.get(i) : "<end of file>";
      String g = i < got.size() ? got.get(i) : "<end of output>";
      if (!e.equals(g)) {
        return Optional.of("Expected output identical to golden/" + name + ", but line " + (i + 1) + " differs:\n"
            + "  golden: " + e + "\n  actual: " + g);
      }
    }
    return Optional.empty();
  }
}
