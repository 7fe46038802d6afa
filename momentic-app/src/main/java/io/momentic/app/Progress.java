package io.momentic.app;

import java.util.function.IntConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on the terminal for long work (sweeps, walk-forward), fed with the number of
 * finished steps from any thread. Off when the output is not a terminal (CI logs, pipes, tests),
 * so machine-readable output stays clean.
 */
final class Progress implements IntConsumer, AutoCloseable {

  private final ProgressBar bar;

  private Progress(ProgressBar bar) {
    this.bar = bar;
  }

  static Progress of(String task, long steps) {
    if (System.console() == null || System.getenv("MOMENTIC_NO_PROGRESS") != null) {
      return new Progress(null);
    }
    return new Progress(new ProgressBarBuilder().setTaskName(task).setInitialMax(steps)
        .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).continuousUpdate().build());
  }

  @Override
  public void accept(int finished) {
    if (bar != null) {
      synchronized (bar) {
        if (finished > bar.getCurrent()) {
          bar.stepTo(finished);
        }
      }
    }
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }
}
