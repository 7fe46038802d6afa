package io.momentic.workflow;

import java.util.function.IntConsumer;

/**
 * How long work reports how far it is: {@link #start} once with the number of steps, then the
 * number of finished steps from any thread. The CLI draws a bar; tests and the pipeline pass
 * {@link #NONE}.
 */
public interface Progress extends IntConsumer {

  void start(String task, long steps);

  Progress NONE = new Progress() {
    @Override
    public void start(String task, long steps) {}

    @Override
    public void accept(int finished) {}
  };
}
