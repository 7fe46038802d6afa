package io.momentic.report.page;

import io.momentic.core.ConfigException;
import java.util.Locale;

/** A page theme is a stylesheet: the same templates, another look. */
public enum Theme {
  /** The report style of every Momentic page. */
  DEFAULT("default.css"),
  /** "Groovy Baby" (reference 000 §8): plum and cream, spiral, waves and daisies; reduced motion honoured. */
  GROOVY("groovy.css");

  private final String stylesheet;

  Theme(String stylesheet) {
    this.stylesheet = stylesheet;
  }

  /** The groovy theme's fonts (reference 000 §8): family, weight, bundled file. */
  static final String[][] GROOVY_FONTS = {
      {"Bagel Fat One", "400", "bagel-fat-one-latin-400-normal.woff2"},
      {"Nunito", "400", "nunito-latin-400-normal.woff2"},
      {"Nunito", "800", "nunito-latin-800-normal.woff2"},
      {"Fredoka", "400", "fredoka-latin-400-normal.woff2"},
      {"Fredoka", "700", "fredoka-latin-700-normal.woff2"},
      {"Pacifico", "400", "pacifico-latin-400-normal.woff2"},
      {"Space Mono", "400", "space-mono-latin-400-normal.woff2"},
      {"Space Mono", "700", "space-mono-latin-700-normal.woff2"}};

  /** The stylesheet's text (bundled in the jar), with the fonts it names embedded. */
  public String css() {
    return this == GROOVY ? Assets.fontFaces(GROOVY_FONTS) + Assets.text(stylesheet) : Assets.text(stylesheet);
  }

  /** The name as the CLI and config files spell it. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** {@code default} or {@code groovy} (null: default). */
  public static Theme parse(String name) {
    String t = name == null ? "default" : name.strip().toLowerCase(Locale.ROOT);
    for (Theme theme : values()) {
      if (theme.code().equals(t)) {
        return theme;
      }
    }
    throw new ConfigException("theme", "expected one of [default, groovy], found '" + name + "'");
  }
}
