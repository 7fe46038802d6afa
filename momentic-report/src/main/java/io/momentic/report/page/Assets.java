package io.momentic.report.page;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;

/** Stylesheets and scripts bundled in the jar, inlined into self-contained pages. */
public final class Assets {

  private static final ConcurrentHashMap<String, String> CACHE = new ConcurrentHashMap<>();

  private Assets() {}

  /** The text of {@code io/momentic/report/assets/NAME}. */
  public static String text(String name) {
    return CACHE.computeIfAbsent(name, n -> {
      try (InputStream in = Assets.class.getResourceAsStream("/io/momentic/report/assets/" + n)) {
        if (in == null) {
          throw new IllegalStateException("Expected the bundled asset " + n + " in the jar, but it is missing; rebuild");
        }
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  /** Script text safe inside {@code <script>}: no {@code </} can end it early. */
  public static String scriptSafe(String text) {
    return text.replace("</", "<\\/");
  }
}
