package io.momentic.core;

import java.time.Instant;

/**
 * The source of "now". Research code never calls {@code Instant.now()} directly: a frozen clock
 * lets a run pretend to be in the past and ignore data it could not have seen (reference 002 §6.3).
 */
public interface Clock {

  Instant now();

  /** Milliseconds since the epoch, UTC. */
  default long nowMillis() {
    return now().toEpochMilli();
  }

  /** The system's wall clock. */
  static Clock system() {
    return SystemClock.INSTANCE;
  }

  /** A clock stopped at {@code frozenNow}. */
  static Clock frozen(Instant frozenNow) {
    return new FrozenClock(Checks.notNull(frozenNow, "frozenNow"));
  }

  /** The system clock. */
  enum SystemClock implements Clock {
    INSTANCE;

    @Override
    public Instant now() {
      return Instant.now();
    }

    @Override
    public String toString() {
      return "Clock.system()";
    }
  }

  /** A clock that always answers the same instant. */
  record FrozenClock(Instant now) implements Clock {
    @Override
    public String toString() {
      return "Clock.frozen(" + now + ")";
    }
  }
}
