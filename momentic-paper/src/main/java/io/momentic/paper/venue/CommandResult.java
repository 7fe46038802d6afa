package io.momentic.paper.venue;

/**
 * What a command to a venue came back as. {@code code} is the venue's error code when it gave one
 * (e.g. Binance's -2010), {@code reason} its words, {@code retryAfterMillis} the wait a rate limit
 * asked for (its Retry-After; 0 when none).
 */
public record CommandResult(Outcome outcome, String code, String reason, long retryAfterMillis) {

  public CommandResult(Outcome outcome, String code, String reason) {
    this(outcome, code, reason, 0);
  }

  /**
   * ACCEPTED: the venue took it. REJECTED: the venue refused it (counts toward quarantine).
   * UNKNOWN: no answer that can be trusted (a timeout, a lost reply, a 5xx) — resolved by
   * querying the order by its client id, and never counted as a failure of execution.
   */
  public enum Outcome { ACCEPTED, REJECTED, UNKNOWN }

  public static CommandResult accepted() {
    return new CommandResult(Outcome.ACCEPTED, "", "");
  }

  public static CommandResult rejected(String code, String reason) {
    return new CommandResult(Outcome.REJECTED, code, reason);
  }

  /** Refused for now (a rate limit): the request was not executed; try again after the wait. */
  public static CommandResult rateLimited(String code, String reason, long retryAfterMillis) {
    return new CommandResult(Outcome.REJECTED, code, reason, retryAfterMillis);
  }

  public static CommandResult unknown(String reason) {
    return new CommandResult(Outcome.UNKNOWN, "", reason);
  }
}
