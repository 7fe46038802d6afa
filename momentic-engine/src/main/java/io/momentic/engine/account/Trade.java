package io.momentic.engine.account;

/**
 * A round trip (or the part of a position closed at once). {@code pnl} is net of the entry fees
 * allocated to this quantity and of the exit fee. {@code returnPct} = pnl / (entry price ×
 * quantity) × 100. MAE/MFE are the worst and best excursions, in percent of the entry price,
 * seen from the entry bar to the exit bar (from bar highs and lows). An open trade has NaN exit.
 * {@code slippageCost} is what slippage cost this quantity, entry share and exit together (already
 * inside the fill prices, so inside {@code pnl}; shown so the cost of execution is visible).
 */
public record Trade(int symbol, String instrument, int direction, double quantity, int entryBar, long entryTime,
    double entryPrice, int exitBar, long exitTime, double exitPrice, double pnl, double returnPct, double fees,
    int barsHeld, double maePct, double mfePct, boolean open,
    // Absent from states saved before it was kept: read as 0.
    @com.fasterxml.jackson.annotation.JsonSetter(nulls = com.fasterxml.jackson.annotation.Nulls.AS_EMPTY)
    double slippageCost) {}
