package io.momentic.web;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Failed token attempts per client address: after {@code maxFailures} within {@code windowMillis},
 * that address is refused (HTTP 429) until its oldest failure leaves the window — a guess a second
 * becomes a guess every 12 s, whatever the guesser does. Correct tokens are not counted.
 */
final class LoginThrottle {

  private final int maxFailures;
  private final long windowMillis;
  private final LongSupplier clockMillis;
  private final Map<String, Deque<Long>> failures = new ConcurrentHashMap<>();

  LoginThrottle(int maxFailures, long windowMillis, LongSupplier clockMillis) {
    this.maxFailures = maxFailures;
    this.windowMillis = windowMillis;
    this.clockMillis = clockMillis;
  }

  /** Seconds until {@code address} may try again; 0 when it may now. */
  long retryAfterSeconds(String address) {
    Deque<Long> times = failures.get(address);
    if (times == null) {
      return 0;
    }
    synchronized (times) {
      long now = clockMillis.getAsLong();
      while (!times.isEmpty() && times.peekFirst() <= now - windowMillis) {
        times.pollFirst();
      }
      if (times.size() < maxFailures) {
        return 0;
      }
      return Math.max(1, (times.peekFirst() + windowMillis - now + 999) / 1000);
    }
  }

  void failed(String address) {
    Deque<Long> times = failures.computeIfAbsent(address, a -> new ArrayDeque<>());
    synchronized (times) {
      times.addLast(clockMillis.getAsLong());
      while (times.size() > maxFailures) {
        times.pollFirst();
      }
    }
  }

  int maxFailures() {
    return maxFailures;
  }
}
