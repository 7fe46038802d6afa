package io.momentic.paper.venue;

import java.util.Map;

/** Cash and signed positions by instrument, as a venue reports them. */
public record AccountSnapshot(double cash, Map<String, Double> positions) {

  public AccountSnapshot {
    positions = Map.copyOf(positions);
  }

  public double position(String instrument) {
    return positions.getOrDefault(instrument, 0.0);
  }
}
