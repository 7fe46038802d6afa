package io.momentic.core;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The build's version, as every manifest, page and {@code --version} states it. */
public final class BuildInfo {

  private static final String VERSION = read();

  private BuildInfo() {}

  /** The version of this build ({@code dev} when run from classes without the filtered resource). */
  public static String version() {
    return VERSION;
  }

  private static String read() {
    try (InputStream in = BuildInfo.class.getResourceAsStream("/momentic-version.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      String v = p.getProperty("version", "dev");
      return v.startsWith("${") ? "dev" : v;
    } catch (IOException e) {
      return "dev";
    }
  }
}
