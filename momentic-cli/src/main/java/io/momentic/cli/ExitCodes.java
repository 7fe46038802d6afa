package io.momentic.cli;

/** What the process's exit code means. */
public final class ExitCodes {

  /** Done. */
  public static final int OK = 0;
  /** Something failed that is not the input's fault (a network error, an internal invariant). */
  public static final int FAILURE = 1;
  /** Bad input or bad configuration: one line on stderr names what and how to fix it. */
  public static final int BAD_INPUT = 2;

  private ExitCodes() {}
}
