package io.momentic.cli;

import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Feedback on long work (sweeps, walk-forward, audits, fetches, scenarios), fed with the number of
 * finished steps from any thread, on stderr so machine-readable output stays clean. Three modes
 * ({@code --progress}, or {@code MOMENTIC_PROGRESS}): {@code auto} (the default) draws a bar on a
 * terminal and stays silent otherwise (CI logs, pipes, tests); {@code plain} writes one line every
 * {@link #PLAIN_EVERY_MILLIS} — steps done, share, elapsed time, an estimate of what is left — for
 * logs and cron mail; {@code none} is silent. A bar or plain progress ends with a line saying how
 * long the work took.
 */
public final class Progress implements io.momentic.workflow.Progress, AutoCloseable {

  /** How progress is shown. */
  public enum Mode { AUTO, PLAIN, NONE }

  static final long PLAIN_EVERY_MILLIS = 5_000;

  private static volatile Mode mode = fromEnvironment();
  private static volatile java.io.PrintWriter lines = new java.io.PrintWriter(System.err, true);

  private final java.io.PrintWriter err = lines;
  private ProgressBar bar;
  private String task;
  private long steps;
  private long startedNanos;
  private long lastLineNanos;
  private boolean plain;
  private long finished;

  /** Progress as the mode says (a bar when the first {@link #start} comes and stdout is a terminal). */
  public static Progress terminal() {
    return new Progress();
  }

  /** {@code --progress auto|plain|none}. */
  public static void mode(String text) {
    mode = parse(text);
  }

  /** At the start of each command line: the mode from the environment, lines to that run's stderr. */
  static void reset(java.io.PrintWriter stderr) {
    mode = fromEnvironment();
    lines = stderr;
  }

  static Mode parse(String text) {
    try {
      return Mode.valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new io.momentic.core.ConfigException("progress", "expected auto, plain or none, found '" + text + "'");
    }
  }

  private static Mode fromEnvironment() {
    if (System.getenv("MOMENTIC_NO_PROGRESS") != null) {
      return Mode.NONE;
    }
    String env = System.getenv("MOMENTIC_PROGRESS");
    try {
      return env == null ? Mode.AUTO : Mode.valueOf(env.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return Mode.AUTO;
    }
  }

  @Override
  public synchronized void start(String newTask, long newSteps) {
    close();
    task = newTask;
    steps = newSteps;
    finished = 0;
    startedNanos = System.nanoTime();
    lastLineNanos = startedNanos;
    Mode m = mode;
    plain = m == Mode.PLAIN;
    if (m == Mode.AUTO && System.console() != null) {
      bar = new ProgressBarBuilder().setTaskName(newTask).setInitialMax(newSteps).setStyle(ProgressBarStyle.ASCII)
          .setUpdateIntervalMillis(250).continuousUpdate().build();
    }
  }

  @Override
  public void accept(int done) {
    ProgressBar b = bar;
    if (b != null) {
      synchronized (b) {
        if (done > b.getCurrent()) {
          b.stepTo(done);
        }
      }
      finished = Math.max(finished, done);
      return;
    }
    if (plain) {
      synchronized (this) {
        finished = Math.max(finished, done);
        long now = System.nanoTime();
        if ((now - lastLineNanos) / 1_000_000 >= PLAIN_EVERY_MILLIS && finished < steps) {
          lastLineNanos = now;
          err.println(line(now));
          err.flush();
        }
      }
    }
  }

  /** "sweep: 12,345 / 48,276 (25.6 %), 8.1 s, about 24 s left". */
  String line(long nowNanos) {
    double elapsed = (nowNanos - startedNanos) / 1e9;
    double share = steps == 0 ? 1 : finished / (double) steps;
    String left = finished == 0 || steps == 0 ? "" : String.format(Locale.ROOT, ", about %.0f s left",
        elapsed / share - elapsed);
    return String.format(Locale.ROOT, "%s: %,d / %,d (%.1f %%), %.1f s%s", task, finished, steps, 100 * share,
        elapsed, left);
  }

  @Override
  public synchronized void close() {
    if (task == null) {
      return;
    }
    boolean shown = bar != null || plain;
    if (bar != null) {
      bar.close();
      bar = null;
    }
    if (shown) {
      err.printf(Locale.ROOT, "%s: %,d step(s) in %.1f s%n", task, finished, (System.nanoTime() - startedNanos) / 1e9);
      err.flush();
    }
    task = null;
    plain = false;
  }
}
