package io.momentic.strategies.breakout;

import io.momentic.core.Interval;
import java.util.List;
import java.util.Map;

/**
 * A breakout candle: which bar, which way, its reference prices (entry at its close, the fixed
 * 1.5 % stop, the 2 R target), its score, every feature of the bar and the regime score with the
 * inputs that fed it and those missing.
 *
 * @param score 0–100: body (40), volume multiple (30) and ADX (30), each capped — ADX scores, it never filters
 */
public record Signal(String symbol, Interval interval, int bar, long timeMillis, Direction direction, double entry,
    double stop, double target, double score, double bodyPct, double volMult, double adx, double regimeScore,
    List<String> regimeInputsUsed, List<String> regimeInputsMissing, Map<String, Double> features) {}
