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

  /**
   * {@code @font-face} rules for the given fonts (family, weight, file under
   * {@code io/momentic/report/fonts/}), each a {@code data:font/woff2} URI: a self-contained page
   * carries the fonts it names. The files are bundled at build time (see momentic-report's pom).
   */
  public static String fontFaces(String[][] fonts) {
    return CACHE.computeIfAbsent("fonts:" + java.util.Arrays.deepToString(fonts), k -> {
      StringBuilder css = new StringBuilder();
      for (String[] f : fonts) {
        try (InputStream in = Assets.class.getResourceAsStream("/io/momentic/report/fonts/" + f[2])) {
          if (in == null) {
            throw new IllegalStateException("Expected the bundled font " + f[2] + " in the jar, but it is missing; "
                + "rebuild");
          }
          css.append("@font-face{font-family:'").append(f[0]).append("';font-style:normal;font-weight:").append(f[1])
              .append(";font-display:swap;src:url(data:font/woff2;base64,")
              .append(java.util.Base64.getEncoder().encodeToString(in.readAllBytes())).append(") format('woff2')}\n");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return css.toString();
    });
  }

  /** Script text safe inside {@code <script>}: no {@code </} can end it early. */
  public static String scriptSafe(String text) {
    return text.replace("</", "<\\/");
  }
}
