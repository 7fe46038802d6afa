package io.momentic.data.provider;

/**
 * A vendor's API key, from a system property (how tests and embedding programs pass one) or the
 * first environment variable set. Keys are sent in headers only, never in URLs or messages.
 */
public final class ApiKeys {

  private ApiKeys() {}

  /** The key, or null when neither the property nor any of the variables is set (or all are blank). */
  public static String find(String property, String... environmentVariables) {
    String v = System.getProperty(property);
    if (v != null && !v.isBlank()) {
      return v.strip();
    }
    for (String name : environmentVariables) {
      String e = System.getenv(name);
      if (e != null && !e.isBlank()) {
        return e.strip();
      }
    }
    return null;
  }

  /** As {@link #find}, but a missing key is a configuration error that says where to put one. */
  public static String require(String vendor, String property, String... environmentVariables) {
    String key = find(property, environmentVariables);
    if (key == null) {
      throw new io.momentic.core.ConfigException(environmentVariables[0], vendor + " needs an API key; fix: export "
          + environmentVariables[0] + "=… (or -D" + property + "=…)");
    }
    return key;
  }
}
