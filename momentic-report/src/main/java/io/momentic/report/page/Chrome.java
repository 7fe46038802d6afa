package io.momentic.report.page;

import io.momentic.core.BuildInfo;

/**
 * What the one layout needs of a page: its title, theme, whether it is served (then the navigation
 * bar links the dashboards) or a self-contained file, an optional refresh, and the version stamp.
 *
 * @param refreshSeconds 0 for none
 */
public record Chrome(String title, Theme theme, boolean served, int refreshSeconds, String version) {

  /** A self-contained file page (no navigation: its links would lead nowhere from a file). */
  public static Chrome file(String title, Theme theme) {
    return new Chrome(title, theme, false, 0, BuildInfo.version());
  }

  /** A page the web server renders, with the navigation bar. */
  public static Chrome served(String title) {
    return new Chrome(title, Theme.DEFAULT, true, 0, BuildInfo.version());
  }

  public Chrome withServed(boolean isServed) {
    return new Chrome(title, theme, isServed, refreshSeconds, version);
  }

  public Chrome withTheme(Theme newTheme) {
    return new Chrome(title, newTheme, served, refreshSeconds, version);
  }

  public Chrome withRefresh(int seconds) {
    return new Chrome(title, theme, served, seconds, version);
  }

  public String css() {
    return theme.css();
  }

  public boolean groovy() {
    return theme == Theme.GROOVY;
  }
}
