package io.momentic.core;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Fast, allocation-free parsing of the timestamp spellings found in bar files, to epoch
 * milliseconds UTC. Accepted: {@code 2024-01-15}, {@code 2024-01-15 09:30:00},
 * {@code 2024-01-15T09:30:00}, optional fraction {@code .123}, optional zone {@code Z} or
 * {@code ±HH:MM}; epoch milliseconds (11+ digits) and epoch seconds (9–10 digits).
 * Dates without a zone are UTC.
 */
public final class Timestamps {

  /** Returned by {@link #parseOrInvalid} when the text is not a timestamp. */
  public static final long INVALID = Long.MIN_VALUE;

  private static final DateTimeFormatter ISO_SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private Timestamps() {}

  /** Epoch milliseconds, or {@link #INVALID}. */
  public static long parseOrInvalid(String s) {
    int n = s.length();
    if (n == 0) {
      return INVALID;
    }
    if (allDigits(s)) {
      if (n >= 11 && n <= 14) {
        return Long.parseLong(s);
      }
      if (n >= 9 && n <= 10) {
        return Long.parseLong(s) * 1000L;
      }
      return INVALID;
    }
    if (n < 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
      return INVALID;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31) {
      return INVALID;
    }
    long epochDay;
    try {
      epochDay = LocalDate.of(year, month, day).toEpochDay();
    } catch (RuntimeException e) {
      return INVALID;
    }
    long millis = epochDay * 86_400_000L;
    if (n == 10) {
      return millis;
    }
    char sep = s.charAt(10);
    if ((sep != ' ' && sep != 'T') || n < 16 || s.charAt(13) != ':') {
      return INVALID;
    }
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59) {
      return INVALID;
    }
    int i = 16;
    int second = 0;
    if (i < n && s.charAt(i) == ':') {
      if (n < 19) {
        return INVALID;
      }
      second = digits(s, 17, 2);
      if (second < 0 || second > 59) {
        return INVALID;
      }
      i = 19;
    }
    int fractionMillis = 0;
    if (i < n && s.charAt(i) == '.') {
      i++;
      int start = i;
      int scale = 100;
      while (i < n && Character.isDigit(s.charAt(i))) {
        if (i - start < 3) {
          fractionMillis += (s.charAt(i) - '0') * scale;
          scale /= 10;
        }
        i++;
      }
      if (i == start) {
        return INVALID;
      }
    }
    long offsetMillis = 0;
    if (i < n) {
      char z = s.charAt(i);
      if (z == 'Z' && i == n - 1) {
        offsetMillis = 0;
      } else if ((z == '+' || z == '-') && n - i == 6 && s.charAt(i + 3) == ':') {
        int oh = digits(s, i + 1, 2);
        int om = digits(s, i + 4, 2);
        if (oh < 0 || om < 0) {
          return INVALID;
        }
        offsetMillis = (oh * 60L + om) * 60_000L * (z == '+' ? 1 : -1);
      } else {
        return INVALID;
      }
    }
    return millis + ((hour * 60L + minute) * 60L + second) * 1000L + fractionMillis - offsetMillis;
  }

  private static boolean allDigits(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static int digits(String s, int from, int count) {
    int v = 0;
    for (int i = from; i < from + count; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  /** The canonical spelling: ISO-8601 in UTC to the second, e.g. {@code 2024-01-15T00:00:00Z}. */
  public static String format(long epochMillis) {
    return append(new StringBuilder(20), epochMillis).toString();
  }

  /**
   * {@link #format} appended to {@code out} without a formatter (a million-row equity file writes a
   * million of them); years outside 0–9999 go through the formatter, which signs them.
   */
  public static StringBuilder append(StringBuilder out, long epochMillis) {
    int ymd = yearMonthDay(Math.floorDiv(epochMillis, 86_400_000L));
    int year = ymd / 10_000;
    if (ymd < 0 || year > 9999) {
      return out.append(ISO_SECONDS.format(Instant.ofEpochMilli(epochMillis)));
    }
    int secondOfDay = (int) (Math.floorMod(epochMillis, 86_400_000L) / 1000);
    pad(out, year, 4).append('-');
    pad(out, ymd / 100 % 100, 2).append('-');
    pad(out, ymd % 100, 2).append('T');
    pad(out, secondOfDay / 3600, 2).append(':');
    pad(out, secondOfDay / 60 % 60, 2).append(':');
    return pad(out, secondOfDay % 60, 2).append('Z');
  }

  private static StringBuilder pad(StringBuilder out, int value, int width) {
    for (int scale = width == 4 ? 1000 : 10; scale > 0; scale /= 10) {
      out.append((char) ('0' + value / scale % 10));
    }
    return out;
  }

  /**
   * The UTC calendar date of an epoch day as {@code year × 10000 + month × 100 + day} (negative
   * before year 0), without allocating: H. Hinnant's civil-from-days, for per-bar loops.
   */
  public static int yearMonthDay(long epochDay) {
    long z = epochDay + 719_468;
    long era = Math.floorDiv(z, 146_097);
    long dayOfEra = z - era * 146_097;
    long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
    long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    long mp = (5 * dayOfYear + 2) / 153;
    long day = dayOfYear - (153 * mp + 2) / 5 + 1;
    long month = mp < 10 ? mp + 3 : mp - 9;
    long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
    return (int) (year * 10_000 + (year < 0 ? -1 : 1) * (month * 100 + day));
  }

  /** {@code 2024-01-15} (UTC date of the instant). */
  public static String formatDate(long epochMillis) {
    return LocalDate.ofEpochDay(Math.floorDiv(epochMillis, 86_400_000L)).toString();
  }
}
