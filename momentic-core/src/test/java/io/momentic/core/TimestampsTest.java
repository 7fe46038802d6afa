package io.momentic.core;


import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class TimestampsTest {

  @Test
  void parse_acceptedSpellings() {
    long jan15 = Instant.parse("2024-01-15T00:00:00Z").toEpochMilli();
    assertThat(Timestamps.parseOrInvalid("2024-01-15")).isEqualTo(jan15);
    assertThat(Timestamps.parseOrInvalid("2024-01-15 09:30:00")).isEqualTo(jan15 + 34_200_000L);
    assertThat(Timestamps.parseOrInvalid("2024-01-15T09:30:00Z")).isEqualTo(jan15 + 34_200_000L);
    assertThat(Timestamps.parseOrInvalid("2024-01-15 00:00:00+00:00")).isEqualTo(jan15);
    assertThat(Timestamps.parseOrInvalid("2024-01-15T02:00:00+02:00")).isEqualTo(jan15);
    assertThat(Timestamps.parseOrInvalid("2024-01-15T00:00:00.250Z")).isEqualTo(jan15 + 250);
    assertThat(Timestamps.parseOrInvalid("1705276800000")).isEqualTo(jan15);
    assertThat(Timestamps.parseOrInvalid("1705276800")).isEqualTo(jan15);
  }

  @Test
  void parse_rejectsNonsense() {
    for (String bad : new String[] {"", "2024-13-01", "2024-02-30", "15/01/2024", "2024-01-15 25:00", "abc", "12"}) {
      assertThat(Timestamps.parseOrInvalid(bad)).as(bad).isEqualTo(Timestamps.INVALID);
    }
  }

  @Property(tries = 1000)
  void formatThenParse_isIdentity(@ForAll @LongRange(min = 0, max = 4_102_444_800L) long seconds) {
    long millis = seconds * 1000;
    assertThat(Timestamps.parseOrInvalid(Timestamps.format(millis))).isEqualTo(millis);
  }

  @Test
  void format_matchesTheIsoFormatter_overCenturiesAndTimesOfDay() {
    java.time.format.DateTimeFormatter iso = java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'")
        .withZone(java.time.ZoneOffset.UTC);
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(3);
    for (int i = 0; i < 100_000; i++) {
      long ms = rnd.nextLong(-62_000_000_000_000L, 260_000_000_000_000L); // about year 0 to 10200
      assertThat(Timestamps.format(ms)).as("%d", ms).isEqualTo(iso.format(Instant.ofEpochMilli(ms)));
    }
    assertThat(Timestamps.format(0)).isEqualTo("1970-01-01T00:00:00Z");
    assertThat(Timestamps.format(-1)).isEqualTo("1969-12-31T23:59:59Z");
  }
}
