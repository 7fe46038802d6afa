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

  /** The stylesheet's text (bundled in the jar). */
  public String css() {
    return Assets.text(stylesheet);
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
