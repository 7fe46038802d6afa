package io.momentic.engine;

/** When a market order decided at bar t fills. */
public enum FillTiming {
  /** The default: decide at the close of t, fill at the open of t+1. */
  NEXT_OPEN,
  /** Labelled option: fill at the close of t, the bar the decision was made on (optimistic). */
  SAME_CLOSE
}
