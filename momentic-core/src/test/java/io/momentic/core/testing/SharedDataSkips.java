package io.momentic.core.testing;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Counts the tests skipped because the real market data is absent and prints one line about them
 * when a module's tests end, so a fresh clone's build says how many were skipped and why
 * (registered for every module that uses the core test fixtures, through the service file).
 */
public final class SharedDataSkips implements TestExecutionListener {

  private final AtomicInteger skipped = new AtomicInteger();
  private volatile TestPlan plan;

  @Override
  public void testPlanExecutionStarted(TestPlan testPlan) {
    plan = testPlan;
  }

  @Override
  public void executionFinished(TestIdentifier test, TestExecutionResult result) {
    if (result.getStatus() != TestExecutionResult.Status.ABORTED
        || !result.getThrowable().map(t -> String.valueOf(t.getMessage()).contains(TestBars.SKIP_REASON)).orElse(false)) {
      return;
    }
    // A class skipped in @BeforeAll skips all its tests at once.
    skipped.addAndGet(test.isTest() ? 1
        : (int) Math.max(1, plan.getDescendants(test).stream().filter(TestIdentifier::isTest).count()));
  }

  @Override
  public void testPlanExecutionFinished(TestPlan plan) {
    int n = skipped.get();
    if (n > 0) {
      System.out.println("[momentic] " + n + " test(s) skipped: " + TestBars.SKIP_REASON + " beside the repository; "
          + "CI runs them with -Dmomentic.sharedData=required");
    }
  }
}
