package io.momentic.data.provider;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** US-equity vendors stamp a daily bar at midnight New York time; Momentic stamps it 00:00 UTC of that date. */
final class UsSessions {

  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final long DAY_MILLIS = 86_400_000L;

  private UsSessions() {}

  /** The session date of a vendor's daily-bar stamp, as Momentic's daily open time (00:00 UTC of it). */
  static long dailyOpenMillis(long vendorMillis) {
    return LocalDate.ofInstant(Instant.ofEpochMilli(vendorMillis), NEW_YORK).toEpochDay() * DAY_MILLIS;
  }

  /** {@code YYYY-MM-DD} of an epoch-millis time (UTC date). */
  static String date(long millis) {
    return LocalDate.ofEpochDay(Math.floorDiv(millis, DAY_MILLIS)).toString();
  }
}
