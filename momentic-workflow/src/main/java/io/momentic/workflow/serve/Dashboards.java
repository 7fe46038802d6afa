package io.momentic.workflow.serve;

import io.momentic.data.Workspace;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ServiceLoader;

/**
 * The port to the dashboards server ({@code momentic serve}): the web module implements it and is
 * found at run time, so the command line starts a server without depending on the web module.
 */
public interface Dashboards {

  /** The environment variable a token may come from. */
  String TOKEN_ENV = "MOMENTIC_TOKEN";

  /** A running server. */
  interface Running extends AutoCloseable {
    int port();

    @Override
    void close();
  }

  /**
   * How to serve: {@code host:port} (0 picks a free port); {@code token} null for none (loopback
   * only); {@code trustProxy}: a reverse proxy in front sets {@code X-Forwarded-For} (the client
   * address failed logins are counted by) and {@code X-Forwarded-Proto} (https makes the cookie
   * {@code Secure}) — without it those headers are ignored.
   */
  record Settings(String host, int port, String token, boolean trustProxy) {

    public static Settings of(String host, int port, String token) {
      return new Settings(host, port, token, false);
    }
  }

  /** Serves {@code workspace}; a non-loopback host needs a token. */
  Running start(Workspace workspace, Settings settings);

  /** The implementation on the class path. */
  static Dashboards load() {
    return ServiceLoader.load(Dashboards.class).findFirst().orElseThrow(() -> new IllegalStateException(
        "Expected the web module (momentic-web) on the class path to serve dashboards, but it is not there; rebuild"));
  }

  /** Whether every address of {@code host} is a loopback address. */
  static boolean isLoopback(String host) {
    try {
      for (InetAddress a : InetAddress.getAllByName(host)) {
        if (!a.isLoopbackAddress()) {
          return false;
        }
      }
      return true;
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** Why a host needs a token. */
  static String tokenRequired(String host) {
    return "refusing to serve on " + host + " without a token; fix: pass --token or set " + TOKEN_ENV
        + ", or bind 127.0.0.1";
  }
}
