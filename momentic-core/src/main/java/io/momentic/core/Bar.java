package io.momentic.core;

import java.time.Instant;

/** One bar as a value, for edges (printing, tests). Hot paths read {@link BarSeries} columns instead. */
public record Bar(long timeMillis, double open, double high, double low, double close, double volume) {

  public Instant time() {
    return Instant.ofEpochMilli(timeMillis);
  }
}
