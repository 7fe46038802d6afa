package io.momentic.core;

/**
 * A run that cannot go on, for a reason outside the program — a store another program holds, a
 * result no number of which could be trusted — said in words with a fix. The CLI exits 1 with the
 * message (not as an internal error, and not as bad input, which is exit 2).
 */
public class RunFailure extends RuntimeException {

  public RunFailure(String message) {
    super(message);
  }

  public RunFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
