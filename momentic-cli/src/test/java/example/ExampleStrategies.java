package example;

import io.momentic.strategies.ParamSpec;
import io.momentic.strategies.StrategyDefinition;
import io.momentic.strategies.StrategyProvider;
import java.util.List;
import java.util.Optional;

/** Registers {@link ChannelBreakout} as "channel-breakout" (listed in META-INF/services). */
public final class ExampleStrategies implements StrategyProvider {

  @Override
  public List<StrategyDefinition> strategies() {
    return List.of(new StrategyDefinition("channel-breakout",
        "Donchian channel breakout on the first symbol with a 3 x ATR trailing stop",
        List.of(ParamSpec.integer("entry", 20, ">= 1", "bars of the channel an entry must break"),
            ParamSpec.integer("exit", 10, ">= 1", "bars of the channel an exit breaks")),
        Optional.empty(),
        p -> new ChannelBreakout(p.integer("entry"), p.integer("exit")),
        p -> List.of()));
  }
}
