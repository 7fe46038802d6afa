package io.momentic.research;

import io.momentic.engine.BarContext;
import io.momentic.engine.ForwardingBarContext;
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
    strategy.prepare(new io.momentic.engine.WatchedPrepareContext(c, (name, valuesBySymbol) -> {
      double[][] copy = new double[valuesBySymbol.length][];
      for (int s = 0; s < copy.length; s++) {
        copy[s] = valuesBySymbol[s].clone();
      }
      features.put(name, copy);
    }));
  }

  @Override
  public void onBar(BarContext c) {
    context.wrap(c);
    strategy.onBar(context);
  }

  @Override
  public void onOrderEvent(BarContext c, io.momentic.engine.order.OrderEvent event) {
    context.wrap(c);
    strategy.onOrderEvent(context, event);
  }

  private final class Recording extends ForwardingBarContext {

    private void log(String what) {
      decisions.add(new Decision(inner.bar(), what));
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
