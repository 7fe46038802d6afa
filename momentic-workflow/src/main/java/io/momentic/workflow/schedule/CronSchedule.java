package io.momentic.workflow.schedule;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.BitSet;
import java.util.Locale;
import java.util.Map;

/**
 * A five-field cron expression ({@code minute hour day-of-month month day-of-week}) in a time
 * zone: {@code *}, lists, ranges, steps, month and weekday names; weekday 0 and 7 are Sunday. As in
 * Vixie cron, when both day fields are restricted a day matches either. Local times skipped by a
 * daylight-saving jump run at the shifted instant (02:30 on a spring-forward night runs at 03:30);
 * a repeated local hour runs once, at its first occurrence.
 */
public final class CronSchedule {

  private static final Map<String, Integer> MONTHS = Map.ofEntries(Map.entry("JAN", 1), Map.entry("FEB", 2),
      Map.entry("MAR", 3), Map.entry("APR", 4), Map.entry("MAY", 5), Map.entry("JUN", 6), Map.entry("JUL", 7),
      Map.entry("AUG", 8), Map.entry("SEP", 9), Map.entry("OCT", 10), Map.entry("NOV", 11), Map.entry("DEC", 12));
  private static final Map<String, Integer> DAYS = Map.of("SUN", 0, "MON", 1, "TUE", 2, "WED", 3, "THU", 4,
      "FRI", 5, "SAT", 6);
  /** How far to look for a matching day (Feb 29 on a given weekday recurs within 28 years). */
  private static final int MAX_DAYS = 366 * 28;

  private final String expression;
  private final ZoneId zone;
  private final BitSet minutes;
  private final BitSet hours;
  private final BitSet daysOfMonth;
  private final BitSet months;
  private final BitSet daysOfWeek;
  private final boolean domRestricted;
  private final boolean dowRestricted;

  private CronSchedule(String expression, ZoneId zone) {
    this.expression = expression;
    this.zone = zone;
    String[] f = expression.trim().split("\\s+");
    if (f.length != 5) {
      throw new io.momentic.core.ConfigException("cron", "cron '" + expression + "': expected 5 fields (minute hour day-of-month "
          + "month day-of-week), found " + f.length + "; fix: e.g. '30 2 * * TUE-SAT'");
    }
    minutes = field(f[0], 0, 59, Map.of(), "minute");
    hours = field(f[1], 0, 23, Map.of(), "hour");
    daysOfMonth = field(f[2], 1, 31, Map.of(), "day-of-month");
    months = field(f[3], 1, 12, MONTHS, "month");
    BitSet dow = field(f[4], 0, 7, DAYS, "day-of-week");
    if (dow.get(7)) {
      dow.set(0);
    }
    daysOfWeek = dow;
    domRestricted = !f[2].equals("*");
    dowRestricted = !f[4].equals("*");
    // With only the day of the month restricted, some chosen month must have some chosen day
    // (0 0 30 2 * never fires); with the weekday restricted too, either may match, so it fires.
    if (domRestricted && !dowRestricted && !anyDayInAnyMonth()) {
      throw new io.momentic.core.ConfigException("cron", "expected a cron that fires, found '" + expression
          + "', which never does: none of its months has day " + daysOfMonth.stream().boxed().toList()
          + "; fix: choose a day every chosen month has (at most 28 for February)");
    }
  }

  private boolean anyDayInAnyMonth() {
    for (int m = months.nextSetBit(1); m >= 0; m = months.nextSetBit(m + 1)) {
      int longest = java.time.Month.of(m).maxLength(); // 29 for February: leap years count
      if (daysOfMonth.nextSetBit(1) >= 1 && daysOfMonth.nextSetBit(1) <= longest) {
        return true;
      }
    }
    return false;
  }

  public static CronSchedule parse(String expression, ZoneId zone) {
    return new CronSchedule(expression, zone);
  }

  public ZoneId zone() {
    return zone;
  }

  @Override
  public String toString() {
    return expression + " " + zone;
  }

  /** The first scheduled instant strictly after {@code after}. */
  public Instant next(Instant after) {
    LocalDateTime from = LocalDateTime.ofInstant(after, zone);
    LocalDate day = from.toLocalDate();
    for (int d = 0; d < MAX_DAYS; d++, day = day.plusDays(1)) {
      if (!dayMatches(day)) {
        continue;
      }
      for (int h = hours.nextSetBit(0); h >= 0; h = hours.nextSetBit(h + 1)) {
        for (int m = minutes.nextSetBit(0); m >= 0; m = minutes.nextSetBit(m + 1)) {
          Instant at = resolve(day, h, m);
          if (at != null && at.isAfter(after)) {
            return at;
          }
        }
      }
    }
    throw new IllegalStateException("cron '" + expression + "' never fires");
  }

  /** The last scheduled instant at or before {@code atOrBefore}, or null when none in the search span. */
  public Instant previous(Instant atOrBefore) {
    LocalDate day = LocalDateTime.ofInstant(atOrBefore, zone).toLocalDate().plusDays(1);
    for (int d = 0; d < MAX_DAYS; d++, day = day.minusDays(1)) {
      if (!dayMatches(day)) {
        continue;
      }
      for (int h = hours.previousSetBit(23); h >= 0; h = hours.previousSetBit(h - 1)) {
        for (int m = minutes.previousSetBit(59); m >= 0; m = minutes.previousSetBit(m - 1)) {
          Instant at = resolve(day, h, m);
          if (at != null && !at.isAfter(atOrBefore)) {
            return at;
          }
        }
      }
    }
    return null;
  }

  /**
   * The instant of a local time; a time in a spring-forward gap is shifted forward, and the
   * shifted instant counts only if no real local time of the schedule maps to it (so a run is
   * never doubled); a repeated hour takes its earlier offset.
   */
  private Instant resolve(LocalDate day, int hour, int minute) {
    LocalDateTime local = LocalDateTime.of(day, LocalTime.of(hour, minute));
    if (zone.getRules().getValidOffsets(local).isEmpty()) {
      ZonedDateTime shifted = ZonedDateTime.of(local, zone);
      LocalDateTime landed = shifted.toLocalDateTime();
      if (landed.toLocalDate().equals(day) && hours.get(landed.getHour()) && minutes.get(landed.getMinute())) {
        return null; // the shifted time is itself scheduled: run once
      }
      return shifted.toInstant();
    }
    return ZonedDateTime.ofLocal(local, zone, null).withEarlierOffsetAtOverlap().toInstant();
  }

  private boolean dayMatches(LocalDate day) {
    if (!months.get(day.getMonthValue())) {
      return false;
    }
    boolean dom = daysOfMonth.get(day.getDayOfMonth());
    boolean dow = daysOfWeek.get(day.getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : day.getDayOfWeek().getValue());
    if (domRestricted && dowRestricted) {
      return dom || dow;
    }
    return dom && dow;
  }

  private BitSet field(String text, int min, int max, Map<String, Integer> names, String what) {
    BitSet bits = new BitSet(max + 1);
    for (String part : text.split(",")) {
      int step = 1;
      String range = part;
      int slash = part.indexOf('/');
      if (slash >= 0) {
        step = number(part.substring(slash + 1), min, max, Map.of(), what);
        range = part.substring(0, slash);
        if (step <= 0) {
          throw bad(what, part, "a step > 0");
        }
      }
      int lo;
      int hi;
      if (range.equals("*")) {
        lo = min;
        hi = what.equals("day-of-week") ? 6 : max;
      } else if (range.contains("-")) {
        String[] ends = range.split("-", 2);
        lo = number(ends[0], min, max, names, what);
        hi = number(ends[1], min, max, names, what);
        if (hi < lo) {
          throw bad(what, part, "a range low-high with low <= high");
        }
      } else {
        lo = number(range, min, max, names, what);
        hi = slash >= 0 ? max : lo;
      }
      for (int v = lo; v <= hi; v += step) {
        bits.set(v);
      }
    }
    return bits;
  }

  private int number(String text, int min, int max, Map<String, Integer> names, String what) {
    Integer named = names.get(text.toUpperCase(Locale.ROOT));
    if (named != null) {
      return named;
    }
    try {
      int v = Integer.parseInt(text);
      if (v < min || v > max) {
        throw bad(what, text, "a number in " + min + "-" + max);
      }
      return v;
    } catch (NumberFormatException e) {
      throw bad(what, text, "a number in " + min + "-" + max + (names.isEmpty() ? "" : " or a name like "
          + names.keySet().iterator().next()));
    }
  }

  private io.momentic.core.ConfigException bad(String what, String found, String expected) {
    return new io.momentic.core.ConfigException("cron", "cron '" + expression + "': " + what + " field: expected " + expected
        + ", found '" + found + "'");
  }
}
