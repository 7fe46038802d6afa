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
    return resource("/io/momentic/report/assets/" + name, "asset");
  }

  /** A class-path resource's text, read once; {@code what} names it in the error when the jar lacks it. */
  private static String resource(String path, String what) {
    return CACHE.computeIfAbsent(path, n -> {
      try (InputStream in = Assets.class.getResourceAsStream(n)) {
        if (in == null) {
          throw new IllegalStateException("Expected the bundled " + what + " " + n + " in the jar, but it is missing; "
              + "rebuild");
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

  /** Where the build puts TradingView Lightweight Charts (momentic-report's pom) on the class path. */
  public static final String LIGHTWEIGHT_CHARTS = "/web/lightweight-charts/lightweight-charts.standalone.production.js";

  /**
   * The Lightweight Charts library's text, safe inside a page's {@code <script>} element: made once
   * (≈ 200 KB), not at every report.
   */
  public static String lightweightChartsScript() {
    String key = "script:" + LIGHTWEIGHT_CHARTS;
    String safe = CACHE.get(key);
    if (safe == null) { // not computeIfAbsent: reading the resource updates the same map
      safe = scriptSafe(resource(LIGHTWEIGHT_CHARTS, "chart library"));
      CACHE.putIfAbsent(key, safe);
    }
    return safe;
  }

  /** Script text safe inside {@code <script>}: no {@code </} can end it early. */
  public static String scriptSafe(String text) {
    return text.replace("</", "<\\/");
  }
}
