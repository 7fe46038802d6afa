package io.momentic.data.store;

/** A bar-store operation failed; the message names the file and the operation. */
public class StoreException extends RuntimeException {

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
