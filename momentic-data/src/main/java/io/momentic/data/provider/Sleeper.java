package io.momentic.data.provider;

/** Waits between retries; tests substitute one that records the waits instead of sleeping. */
@FunctionalInterface
public interface Sleeper {

  void sleep(long millis) throws InterruptedException;

  Sleeper SYSTEM = Thread::sleep;
}
