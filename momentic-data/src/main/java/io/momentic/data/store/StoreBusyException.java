package io.momentic.data.store;

/** Another writer holds the store; the message says which lock file and what to do. */
public final class StoreBusyException extends StoreException {

  public StoreBusyException(String message) {
    super(message, null);
  }
}
