package io.momentic.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.momentic.core.DataFormatException;
import io.momentic.core.Membership;
import io.momentic.core.testing.TestBars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UniverseMembershipTest {

  @TempDir
  Path dir;

  @Test
  void listedAndDelistedDates_severalPeriodsPerSymbol() throws IOException {
    Path f = Files.writeString(dir.resolve("u.csv"), "symbol,exchange,listed,delisted,reason\n"
        + "AAA,NYSE,2020-01-01,,\nBBB,NYSE,2020-01-01,2021-06-30,acquired\nCCC,NASDAQ,2021-01-04,,IPO\n"
        + "DDD,NYSE,2020-01-01,2020-12-31,dropped\nDDD,NYSE,2022-01-03,,re-added\nEEE,AMEX,2020-01-01,,\n");
    UniverseFile u = UniverseFile.read(f);
    Membership m = u.membership();
    assertThat(u.symbols()).containsExactly("AAA", "BBB", "CCC", "DDD", "EEE");
    assertThat(m.hasHistory()).isTrue();
    assertThat(m.memberAt("BBB", TestBars.day("2021-06-29"))).isTrue();
    assertThat(m.memberAt("BBB", TestBars.day("2021-06-30"))).isFalse(); // delisted: not a member from that day
    assertThat(m.memberAt("CCC", TestBars.day("2020-06-01"))).isFalse(); // before its listing
    assertThat(m.memberAt("CCC", TestBars.day("2025-06-01"))).isTrue();
    assertThat(m.memberAt("DDD", TestBars.day("2021-06-01"))).isFalse(); // between its two periods
    assertThat(m.memberAt("DDD", TestBars.day("2022-06-01"))).isTrue();
    assertThat(m.memberAt("ZZZ", TestBars.day("2022-06-01"))).isFalse();
  }

  @Test
  void datedSnapshots_eachValidUntilTheNext() throws IOException {
    Path f = Files.writeString(dir.resolve("s.csv"), "date,symbol\n2020-01-01,AAA\n2020-01-01,BBB\n"
        + "2021-01-01,AAA\n2021-01-01,CCC\n");
    Membership m = UniverseFile.read(f).membership();
    assertThat(m.memberAt("BBB", TestBars.day("2020-12-31"))).isTrue();
    assertThat(m.memberAt("BBB", TestBars.day("2021-01-01"))).isFalse();
    assertThat(m.memberAt("CCC", TestBars.day("2020-12-31"))).isFalse();
    assertThat(m.memberAt("CCC", TestBars.day("2030-01-01"))).isTrue(); // the last snapshot stands
    assertThat(m.source()).contains("2 dated snapshots");
  }

  @Test
  void withoutDates_survivorOnly_andBadDatesAreOneClearError() throws IOException {
    Membership plain = UniverseFile.read(Files.writeString(dir.resolve("p.csv"), "symbol\nAAA\nBBB\n")).membership();
    assertThat(plain.hasHistory()).isFalse();
    assertThat(plain.memberAt("AAA", 0)).isTrue();
    Path bad = Files.writeString(dir.resolve("b.csv"), "symbol,listed,delisted\nAAA,2020-13-01,\n"
        + "BBB,2021-01-01,2020-01-01\n");
    assertThatThrownBy(() -> UniverseFile.read(bad)).isInstanceOf(DataFormatException.class)
        .hasMessageContaining("b.csv:2").hasMessageContaining("'listed'").hasMessageContaining("2020-13-01");
    assertThatThrownBy(() -> UniverseFile.read(bad)).satisfies(e -> assertThat(((DataFormatException) e).failures())
        .hasSize(2).anySatisfy(x -> assertThat(x.message()).contains("b.csv:3").contains("after listed")));
  }
}
