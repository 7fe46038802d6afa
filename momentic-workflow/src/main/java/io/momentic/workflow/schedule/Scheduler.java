package io.momentic.workflow.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.momentic.core.AtomicFiles;
import io.momentic.core.Clock;
import io.momentic.core.ConfigException;
import io.momentic.workflow.config.ConfigFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Jobs on cron schedules in their own time zones (reference 000 §7: 02:30 Africa/Johannesburg,
 * Tuesday to Saturday). The last run of every job is persisted; at start a persistent job whose
 * latest scheduled time passed while nothing ran (the machine was off) runs once — like a systemd
 * timer with {@code Persistent=true} — however many runs were missed. Every run is appended to a
 * run log with its scheduled time, start, duration and outcome.
 */
public final class Scheduler {

  /** A job: a name, when, and the momentic arguments it runs. */
  public record Job(String name, CronSchedule schedule, List<String> command, boolean persistent) {}

  /** Runs a job's command and answers its exit code. */
  @FunctionalInterface
  public interface Runner {
    int run(Job job);
  }

  /** Waits until an instant (a test's clock just jumps there). */
  @FunctionalInterface
  public interface Waiter {
    void waitUntil(Instant when) throws InterruptedException;
  }

  /** One run as logged. */
  public record RunRecord(String job, Instant scheduledFor, Instant startedAt, long durationMillis, String outcome,
      int exitCode) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<Job> jobs;
  private final Path stateFile;
  private final Path runLog;
  private final Clock clock;
  private final Runner runner;
  private final Map<String, Instant> lastScheduled = new LinkedHashMap<>();

  public Scheduler(List<Job> jobs, Path stateDir, Clock clock, Runner runner) {
    this.jobs = List.copyOf(jobs);
    this.stateFile = stateDir.resolve("scheduler.json");
    this.runLog = stateDir.resolve("scheduler-runs.jsonl");
    this.clock = clock;
    this.runner = runner;
    load();
  }

  /** {@code config/schedule.toml} bound (see {@link ConfigFiles}): its {@code [[job]]} tables. */
  public record ScheduleFile(List<JobEntry> job) {}

  /** One {@code [[job]]}: name, cron (5 fields), zone (default UTC), command, persistent (default true). */
  public record JobEntry(String name, String cron, String zone, List<String> command, Boolean persistent) {

    public JobEntry {
      ConfigFiles.require(cron != null, "cron", "a cron expression of 5 fields", "none",
          "add cron = \"30 2 * * TUE-SAT\", say");
      ConfigFiles.require(command != null && !command.isEmpty(), "command", "the command as a list of words",
          command == null ? "none" : "an empty list", "add command = [\"pipeline\", \"run\"], say");
      zone = zone == null ? "UTC" : zone;
      try {
        ZoneId.of(zone);
      } catch (RuntimeException e) {
        String near = ConfigFiles.nearest(zone, ZoneId.getAvailableZoneIds());
        throw new ConfigException("zone", "expected a time zone like Africa/Johannesburg, found '" + zone + "'; fix: "
            + (near != null ? "did you mean '" + near + "'?" : "use a region/city name from the IANA time-zone list"));
      }
      CronSchedule.parse(cron, ZoneId.of(zone)); // a bad cron, or one that can never fire, fails here
      persistent = persistent == null || persistent;
    }
  }

  /** Jobs from {@code config/schedule.toml}: {@code [[job]]} with name, cron, zone, command, persistent. */
  public static List<Job> readJobs(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new ConfigException("schedule", file + ": expected a schedule file, found none; fix: create it with "
          + "[[job]] tables (name, cron, zone, command) — see README");
    }
    ScheduleFile bound = ConfigFiles.read(file, ScheduleFile.class, "config/schedule.toml in the repository");
    List<Job> jobs = new ArrayList<>();
    int index = 0;
    for (JobEntry j : bound.job() == null ? List.<JobEntry>of() : bound.job()) {
      index++;
      String name = j.name() != null ? j.name() : "job" + index;
      jobs.add(new Job(name, CronSchedule.parse(j.cron(), ZoneId.of(j.zone())), List.copyOf(j.command()),
          j.persistent()));
    }
    if (jobs.isEmpty()) {
      throw new ConfigException("schedule", file + ": expected at least one [[job]], found none");
    }
    return jobs;
  }

  public List<Job> jobs() {
    return jobs;
  }

  /** When each job last ran, by its scheduled time (absent: never). */
  public Map<String, Instant> lastScheduled() {
    return Map.copyOf(lastScheduled);
  }

  /**
   * The start-up pass: a persistent job whose latest scheduled time is after its last run runs
   * once now; a job never run before only gets its baseline recorded. Returns the runs made.
   */
  public List<RunRecord> catchUp() {
    List<RunRecord> runs = new ArrayList<>();
    Instant now = clock.now();
    for (Job job : jobs) {
      Instant latest = job.schedule().previous(now);
      Instant last = lastScheduled.get(job.name());
      if (last == null) {
        lastScheduled.put(job.name(), latest != null ? latest : now);
        save();
      } else if (job.persistent() && latest != null && latest.isAfter(last)) {
        runs.add(run(job, latest));
      }
    }
    return runs;
  }

  /** The next (job, instant) to fire after the last runs; null when there are no jobs. */
  public Map.Entry<Job, Instant> nextDue() {
    Map.Entry<Job, Instant> best = null;
    Instant now = clock.now();
    for (Job job : jobs) {
      Instant after = lastScheduled.getOrDefault(job.name(), now);
      Instant next = job.schedule().next(after.isBefore(now) ? now : after);
      if (best == null || next.isBefore(best.getValue())) {
        best = Map.entry(job, next);
      }
    }
    return best;
  }

  /** Runs forever (or {@code maxRuns} scheduled runs): catch up, then wait for and run each due job. */
  public List<RunRecord> loop(Waiter waiter, int maxRuns) throws InterruptedException {
    List<RunRecord> runs = new ArrayList<>(catchUp());
    while (runs.size() < maxRuns && !Thread.currentThread().isInterrupted()) {
      Map.Entry<Job, Instant> due = nextDue();
      if (due == null) {
        break;
      }
      waiter.waitUntil(due.getValue());
      runs.add(run(due.getKey(), due.getValue()));
    }
    return runs;
  }

  private RunRecord run(Job job, Instant scheduledFor) {
    Instant started = clock.now();
    long t0 = System.nanoTime();
    int code;
    String outcome;
    try {
      code = runner.run(job);
      outcome = code == 0 ? "ok" : "failed";
    } catch (RuntimeException e) {
      code = 1;
      outcome = "failed: " + e.getMessage();
    }
    RunRecord record = new RunRecord(job.name(), scheduledFor, started, (System.nanoTime() - t0) / 1_000_000,
        outcome, code);
    lastScheduled.put(job.name(), scheduledFor);
    save();
    append(record);
    return record;
  }

  private void load() {
    if (!Files.isRegularFile(stateFile)) {
      return;
    }
    try {
      JsonNode root = JSON.readTree(stateFile.toFile());
      root.properties().forEach(e -> lastScheduled.put(e.getKey(), Instant.parse(e.getValue().path("last_scheduled")
          .asText())));
    } catch (IOException | RuntimeException e) {
      throw new ConfigException("schedule", stateFile + ": expected the scheduler's saved state, found an unreadable "
          + "file (" + e.getMessage() + "); fix: delete it (the next start records a new baseline)");
    }
  }

  private void save() {
    ObjectNode root = JSON.createObjectNode();
    lastScheduled.forEach((name, at) -> root.putObject(name).put("last_scheduled", at.toString()));
    try {
      AtomicFiles.writeString(stateFile, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot save " + stateFile + ": " + e.getMessage(), e);
    }
  }

  private void append(RunRecord r) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("job", r.job());
    line.put("scheduled_for", r.scheduledFor().toString());
    line.put("started_at", r.startedAt().toString());
    line.put("duration_ms", r.durationMillis());
    line.put("outcome", r.outcome());
    line.put("exit_code", r.exitCode());
    try {
      Files.createDirectories(runLog.getParent());
      Files.writeString(runLog, JSON.writeValueAsString(line) + "\n", StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot append to " + runLog + ": " + e.getMessage(), e);
    }
  }
}
