package io.momentic.workflow.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.momentic.core.Clock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cron times are worked out by hand from the calendar (2026-11-21 is a Saturday; SAST is UTC+2, no DST). */
class SchedulerTest {

  @TempDir Path dir;

  static final ZoneId JNB = ZoneId.of("Africa/Johannesburg");
  static final ZoneId NY = ZoneId.of("America/New_York");

  /** A clock the test moves. */
  static final class MovableClock implements Clock {
    Instant now;

    MovableClock(String iso) {
      now = Instant.parse(iso);
    }

    @Override
    public Instant now() {
      return now;
    }
  }

  @Test
  void tuesdayToSaturdayAt0230InJohannesburg() {
    CronSchedule cron = CronSchedule.parse("30 2 * * TUE-SAT", JNB);
    // Saturday 02:30 SAST = 00:30 UTC; then Sunday and Monday are skipped.
    assertThat(cron.next(Instant.parse("2026-11-21T00:00:00Z"))).isEqualTo("2026-11-21T00:30:00Z");
    assertThat(cron.next(Instant.parse("2026-11-21T00:30:00Z"))).isEqualTo("2026-11-24T00:30:00Z");
    assertThat(cron.previous(Instant.parse("2026-11-23T12:00:00Z"))).isEqualTo("2026-11-21T00:30:00Z");
    assertThat(cron.previous(Instant.parse("2026-11-21T00:30:00Z"))).isEqualTo("2026-11-21T00:30:00Z");
  }

  @Test
  void daylightSavingJumpsRunOnce() {
    // 2026-03-08, New York springs forward 02:00 → 03:00: 02:30 does not exist and runs at 03:30 EDT.
    CronSchedule daily0230 = CronSchedule.parse("30 2 * * *", NY);
    assertThat(daily0230.next(Instant.parse("2026-03-08T05:00:00Z"))).isEqualTo("2026-03-08T07:30:00Z");
    // 2026-11-01, 01:00-02:00 happens twice: 01:30 runs once, at the first (EDT, UTC-4).
    CronSchedule daily0130 = CronSchedule.parse("30 1 * * *", NY);
    Instant first = daily0130.next(Instant.parse("2026-11-01T04:00:00Z"));
    assertThat(first).isEqualTo("2026-11-01T05:30:00Z");
    assertThat(daily0130.next(first)).isEqualTo("2026-11-02T06:30:00Z");
    // Every 30 minutes across the gap: 01:30 EST, then 03:00 EDT (02:00 and 02:30 shift onto 03:00/03:30).
    CronSchedule halfHourly = CronSchedule.parse("*/30 * * * *", NY);
    assertThat(halfHourly.next(Instant.parse("2026-03-08T06:30:00Z"))).isEqualTo("2026-03-08T07:00:00Z");
    assertThat(halfHourly.next(Instant.parse("2026-03-08T07:00:00Z"))).isEqualTo("2026-03-08T07:30:00Z");
  }

  @Test
  void fieldsListsStepsAndTheDayRule() {
    CronSchedule c = CronSchedule.parse("0,15 9-10 * JAN,JUL MON", ZoneId.of("UTC"));
    // 2026-01-05 is a Monday.
    assertThat(c.next(Instant.parse("2026-01-01T00:00:00Z"))).isEqualTo("2026-01-05T09:00:00Z");
    assertThat(c.next(Instant.parse("2026-01-05T09:00:00Z"))).isEqualTo("2026-01-05T09:15:00Z");
    assertThat(c.next(Instant.parse("2026-01-05T10:15:00Z"))).isEqualTo("2026-01-12T09:00:00Z");
    // Both day fields restricted: the 1st of the month OR any Sunday (0 and 7 are Sunday).
    CronSchedule either = CronSchedule.parse("0 0 1 * 7", ZoneId.of("UTC"));
    assertThat(either.next(Instant.parse("2026-11-21T00:00:00Z"))).isEqualTo("2026-11-22T00:00:00Z");
    assertThat(either.next(Instant.parse("2026-11-29T00:00:00Z"))).isEqualTo("2026-12-01T00:00:00Z");
    assertThatThrownBy(() -> CronSchedule.parse("61 * * * *", JNB)).hasMessageContaining("minute field")
        .hasMessageContaining("expected a number in 0-59").hasMessageContaining("'61'");
    assertThatThrownBy(() -> CronSchedule.parse("30 2 * *", JNB)).hasMessageContaining("expected 5 fields");
  }

  private Scheduler scheduler(MovableClock clock, List<String> ran, boolean persistent) {
    Scheduler.Job job = new Scheduler.Job("daily", CronSchedule.parse("30 2 * * TUE-SAT", JNB),
        List.of("pipeline", "run"), persistent);
    return new Scheduler(List.of(job), dir.resolve("state"), clock, j -> {
      ran.add(j.name() + "@" + clock.now());
      return 0;
    });
  }

  @Test
  void aMissedRunIsCaughtUpOnceAtStart() throws IOException {
    List<String> ran = new ArrayList<>();
    // First start, Thursday 2026-11-19 01:00 UTC: a baseline, no run.
    MovableClock clock = new MovableClock("2026-11-19T01:00:00Z");
    assertThat(scheduler(clock, ran, true).catchUp()).isEmpty();
    assertThat(scheduler(clock, ran, true).lastScheduled()).containsEntry("daily", Instant.parse("2026-11-19T00:30:00Z"));
    // The machine is off on Friday and Saturday mornings; it starts again Saturday 08:00 UTC.
    clock.now = Instant.parse("2026-11-21T08:00:00Z");
    List<Scheduler.RunRecord> runs = scheduler(clock, ran, true).catchUp();
    assertThat(runs).singleElement().satisfies(r -> {
      assertThat(r.scheduledFor()).isEqualTo("2026-11-21T00:30:00Z");
      assertThat(r.outcome()).isEqualTo("ok");
    });
    // Starting again the same morning runs nothing more.
    assertThat(scheduler(clock, ran, true).catchUp()).isEmpty();
    assertThat(ran).containsExactly("daily@2026-11-21T08:00:00Z");
    List<String> log = Files.readAllLines(dir.resolve("state/scheduler-runs.jsonl"));
    assertThat(log).singleElement().asString().contains("\"scheduled_for\":\"2026-11-21T00:30:00Z\"")
        .contains("\"duration_ms\":").contains("\"outcome\":\"ok\"");
  }

  @Test
  void aJobThatIsNotPersistentIsNotCaughtUp() {
    List<String> ran = new ArrayList<>();
    MovableClock clock = new MovableClock("2026-11-19T01:00:00Z");
    scheduler(clock, ran, false).catchUp();
    clock.now = Instant.parse("2026-11-21T08:00:00Z");
    assertThat(scheduler(clock, ran, false).catchUp()).isEmpty();
    assertThat(ran).isEmpty();
  }

  @Test
  void theLoopRunsEachJobAtItsTimeAndLogsFailures() throws InterruptedException {
    List<String> ran = new ArrayList<>();
    MovableClock clock = new MovableClock("2026-11-20T12:00:00Z");
    Scheduler.Job daily = new Scheduler.Job("daily", CronSchedule.parse("30 2 * * TUE-SAT", JNB), List.of("x"), true);
    Scheduler.Job weekly = new Scheduler.Job("weekly", CronSchedule.parse("0 18 * * SUN", JNB), List.of("y"), true);
    Scheduler s = new Scheduler(List.of(daily, weekly), dir.resolve("state2"), clock, j -> {
      ran.add(j.name() + "@" + clock.now());
      return j.name().equals("weekly") ? 3 : 0;
    });
    List<Scheduler.RunRecord> runs = s.loop(when -> clock.now = when, 3);
    // Sat 02:30 SAST, Sun 18:00 SAST (16:00 UTC), Tue 02:30 SAST.
    assertThat(ran).containsExactly("daily@2026-11-21T00:30:00Z", "weekly@2026-11-22T16:00:00Z",
        "daily@2026-11-24T00:30:00Z");
    assertThat(runs.get(1).outcome()).isEqualTo("failed");
    assertThat(runs.get(1).exitCode()).isEqualTo(3);
  }
}
