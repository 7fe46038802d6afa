package io.momentic.data.provider;

/** A source failed after its bounded retries; the message names the request and the last failure. */
public class FetchException extends RuntimeException {

  public FetchException(String message, Throwable cause) {
    super(message, cause);
  }
}
