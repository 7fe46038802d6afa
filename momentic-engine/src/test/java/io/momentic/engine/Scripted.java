package io.momentic.engine;

import io.momentic.core.BarSeries;
import io.momentic.core.Instrument;
import io.momentic.core.Interval;
import io.momentic.core.testing.TestBars;
import io.momentic.engine.order.OrderEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/** Test helpers: bars from explicit OHLC rows and a strategy scripted per bar. */
final class Scripted implements Strategy {

  private final Consumer<BarContext> script;

  private Scripted(Consumer<BarContext> script) {
    this.script = script;
  }

  static Strategy of(Consumer<BarContext> script) {
    return new Scripted(script);
  }

  @Override
  public void onBar(BarContext context) {
    script.accept(context);
  }

  /** Rows of {open, high, low, close}, one day apart from 2024-01-01, whole-unit equity. */
  static BarSeries bars(double[]... ohlc) {
    BarSeries.Builder b = BarSeries.builder(Instrument.equity("X"), Interval.D1);
    long t = TestBars.day("2024-01-01");
    for (int i = 0; i < ohlc.length; i++) {
      b.add(t + i * 86_400_000L, ohlc[i][0], ohlc[i][1], ohlc[i][2], ohlc[i][3], 1000);
    }
    return b.build();
  }

  static double[] bar(double open, double high, double low, double close) {
    return new double[] {open, high, low, close};
  }

  /** A scripted strategy that also records its order events (and may react to them). */
  /** A scripted strategy that records its order events. */
  static Listening listening(Consumer<BarContext> script) {
    return new Listening(script, (c, e) -> { });
  }

  static final class Listening implements Strategy {
    final List<OrderEvent> events = new ArrayList<>();
    final Consumer<BarContext> script;
    final BiConsumer<BarContext, OrderEvent> onEvent;

    Listening(Consumer<BarContext> script, BiConsumer<BarContext, OrderEvent> onEvent) {
      this.script = script;
      this.onEvent = onEvent;
    }

    @Override
    public void onBar(BarContext c) {
      script.accept(c);
    }

    @Override
    public void onOrderEvent(BarContext c, OrderEvent e) {
      events.add(e);
      onEvent.accept(c, e);
    }
  }
}
