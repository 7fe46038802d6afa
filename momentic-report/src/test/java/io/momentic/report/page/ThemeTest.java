package io.momentic.report.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ThemeTest {

  /**
   * Every family the groovy stylesheet asks for first is embedded as a real WOFF2 file (its
   * signature {@code wOF2}), so a self-contained page shows it without a network; the default
   * theme embeds none; reduced motion stops the spiral.
   */
  @Test
  void groovy_embedsEveryFontItNames_asWoff2() {
    String css = Theme.GROOVY.css();
    Matcher face = Pattern.compile("@font-face\\{font-family:'([^']+)';font-style:normal;font-weight:(\\d+);"
        + "font-display:swap;src:url\\(data:font/woff2;base64,([A-Za-z0-9+/=]+)\\) format\\('woff2'\\)\\}").matcher(css);
    Set<String> embedded = new LinkedHashSet<>();
    List<String> weights = new ArrayList<>();
    while (face.find()) {
      byte[] font = Base64.getDecoder().decode(face.group(3));
      assertThat(new String(font, 0, 4, StandardCharsets.US_ASCII)).as(face.group(1)).isEqualTo("wOF2");
      assertThat(font.length).as(face.group(1)).isGreaterThan(5_000);
      embedded.add(face.group(1));
      weights.add(face.group(1) + " " + face.group(2));
    }
    assertThat(embedded).containsExactly("Bagel Fat One", "Nunito", "Fredoka", "Pacifico", "Space Mono");
    assertThat(weights).contains("Nunito 800", "Space Mono 700");
    Matcher family = Pattern.compile("font-family:'([^']+)'").matcher(Assets.text("groovy.css"));
    while (family.find()) {
      assertThat(embedded).as("the first choice of a font-family rule").contains(family.group(1));
    }
    assertThat(css).contains("@media (prefers-reduced-motion: reduce){.spiral{animation:none}");
    assertThat(Theme.DEFAULT.css()).doesNotContain("@font-face");
  }
}
