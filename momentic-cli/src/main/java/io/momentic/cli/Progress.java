package io.momentic.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on the terminal for long work (sweeps, walk-forward), fed with the number of
 * finished steps from any thread. Off when the output is not a terminal (CI logs, pipes, tests),
 * so machine-readable output stays clean.
 */
public final class Progress implements io.momentic.workflow.Progress, AutoCloseable {

  private ProgressBar bar;

  /** A bar that draws when the first {@link #start} comes (and stdout is a terminal). */
  public static Progress terminal() {
    return new Progress();
  }

  @Override
  public void start(String task, long steps) {
    if (System.console() == null || System.getenv("MOMENTIC_NO_PROGRESS") != null) {
      return;
    }
    close();
    bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(steps).setStyle(ProgressBarStyle.ASCII)
        .setUpdateIntervalMillis(250).continuousUpdate().build();
  }

  @Override
  public void accept(int finished) {
    ProgressBar b = bar;
    if (b != null) {
      synchronized (b) {
        if (finished > b.getCurrent()) {
          b.stepTo(finished);
        }
      }
    }
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }
}
