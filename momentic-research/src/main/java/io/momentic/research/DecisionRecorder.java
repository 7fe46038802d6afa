package io.momentic.research;

import io.momentic.core.Panel;
import io.momentic.engine.BarContext;
import io.momentic.engine.Feature;
import io.momentic.engine.order.Order;
import io.momentic.engine.PrepareContext;
import io.momentic.engine.Strategy;
import io.momentic.research.LookaheadAudit.Decision;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Wraps a strategy to record what it does: the feature arrays it registers in {@code prepare} and
 * every decision it makes per bar (orders submitted, cancelled or replaced; target weights). The
 * wrapped strategy sees the same contexts, passed through.
 */
final class DecisionRecorder implements Strategy {

  private final Strategy strategy;
  private final Map<String, double[][]> features = new LinkedHashMap<>();
  private final List<Decision> decisions = new ArrayList<>();
  private final Recording context = new Recording();

  DecisionRecorder(Strategy strategy) {
    this.strategy = strategy;
  }

  Map<String, double[][]> features() {
    return features;
  }

  List<Decision> decisions() {
    return decisions;
  }

  @Override
  public void prepare(PrepareContext c) {
    strategy.prepare(new PrepareContext() {
      @Override
      public Panel data() {
        return c.data();
      }

      @Override
      public Feature feature(String name, double[][] valuesBySymbol) {
        double[][] copy = new double[valuesBySymbol.length][];
        for (int s = 0; s < copy.length; s++) {
          copy[s] = valuesBySymbol[s].clone();
        }
        features.put(name, copy);
        return c.feature(name, valuesBySymbol);
      }
    });
  }

  @Override
  public void onBar(BarContext c) {
    context.inner = c;
    strategy.onBar(context);
  }

  @Override
  public void onOrderEvent(BarContext c, io.momentic.engine.order.OrderEvent event) {
    context.inner = c;
    strategy.onOrderEvent(context, event);
  }

  private final class Recording implements BarContext {
    BarContext inner;

    private void log(String what) {
      decisions.add(new Decision(inner.bar(), what));
    }

    @Override
    public int bar() {
      return inner.bar();
    }

    @Override
    public long time() {
      return inner.time();
    }

    @Override
    public int symbolCount() {
      return inner.symbolCount();
    }

    @Override
    public String symbol(int s) {
      return inner.symbol(s);
    }

    @Override
    public boolean hasBar(int s) {
      return inner.hasBar(s);
    }

    @Override
    public double open(int s) {
      return inner.open(s);
    }

    @Override
    public double high(int s) {
      return inner.high(s);
    }

    @Override
    public double low(int s) {
      return inner.low(s);
    }

    @Override
    public double close(int s) {
      return inner.close(s);
    }

    @Override
    public double volume(int s) {
      return inner.volume(s);
    }

    @Override
    public double close(int s, int lag) {
      return inner.close(s, lag);
    }

    @Override
    public double get(Feature feature, int s) {
      return inner.get(feature, s);
    }

    @Override
    public double get(Feature feature, int s, int lag) {
      return inner.get(feature, s, lag);
    }

    @Override
    public double cash() {
      return inner.cash();
    }

    @Override
    public double position(int s) {
      return inner.position(s);
    }

    @Override
    public double equity() {
      return inner.equity();
    }

    @Override
    public double averagePrice(int s) {
      return inner.averagePrice(s);
    }

    @Override
    public boolean modify(long orderId, double newStopPrice, double newLimitPrice) {
      log("modify " + orderId + " stop " + newStopPrice + " limit " + newLimitPrice);
      return inner.modify(orderId, newStopPrice, newLimitPrice);
    }

    @Override
    public long submit(Order order) {
      log("submit " + order);
      return inner.submit(order);
    }

    @Override
    public boolean cancel(long orderId) {
      log("cancel " + orderId);
      return inner.cancel(orderId);
    }

    @Override
    public long replace(long orderId, Order replacement) {
      log("replace " + orderId + " with " + replacement);
      return inner.replace(orderId, replacement);
    }

    @Override
    public void cancelAll(int s) {
      log("cancel all of " + inner.symbol(s));
      inner.cancelAll(s);
    }

    @Override
    public void targetWeight(int s, double weight) {
      log(String.format(Locale.ROOT, "target weight %s %s", inner.symbol(s), Double.toString(weight)));
      inner.targetWeight(s, weight);
    }

    @Override
    public void closeDelisted(int s) {
      log("close delisted " + inner.symbol(s));
      inner.closeDelisted(s);
    }
  }
}
