package io.momentic.paper.venue;

/**
 * A venue could not be asked (a timeout, a 5xx, a 429): the question has no answer yet, which is
 * not the same as "no". {@code retryAfterMillis} is the venue's Retry-After when it gave one (else 0).
 */
public final class VenueUnavailableException extends RuntimeException {

  private final String code;
  private final long retryAfterMillis;

  public VenueUnavailableException(String code, String message, long retryAfterMillis) {
    super(message);
    this.code = code;
    this.retryAfterMillis = retryAfterMillis;
  }

  public String code() {
    return code;
  }

  public long retryAfterMillis() {
    return retryAfterMillis;
  }
}
