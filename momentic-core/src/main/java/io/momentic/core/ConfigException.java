package io.momentic.core;

/** A bad configuration or parameter value. The CLI maps it to exit code 2. */
public final class ConfigException extends RuntimeException {

  private final String key;

  public ConfigException(String key, String message) {
    super(key == null || key.isEmpty() ? message : "'" + key + "': " + message);
    this.key = key;
  }

  /** The configuration key or parameter name at fault. */
  public String key() {
    return key;
  }
}
