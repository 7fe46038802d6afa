package io.momentic.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SymbolsTest {

  @TempDir
  Path dir;

  @Test
  void tickersOfEveryVenueAreSymbols() {
    for (String s : new String[] {"AAPL", "BRK.B", "BRK-B", "^VIX", "EURUSD=X", "BTC_USDT", "BTCUSDT", "M&T", "ES+F"}) {
      assertThat(Symbols.problem(s)).as(s).isEmpty();
    }
  }

  @Test
  void pathsControlsAndDotsAreNot() {
    assertThat(Symbols.problem("../x")).hasValue("the character '/' (a path separator) at position 3");
    assertThat(Symbols.problem("a\\b")).hasValue("the character '\\' (a path separator) at position 2");
    assertThat(Symbols.problem("..")).hasValue("a symbol starting with a dot");
    assertThat(Symbols.problem("A\nB")).hasValue("the character U+000A (a control character) at position 2");
    assertThat(Symbols.problem("")).hasValue("an empty symbol");
    assertThat(Symbols.problem("X".repeat(41))).hasValue("a symbol of 41 characters");
    assertThat(Symbols.quoted("A\u0007B")).isEqualTo("'AU+0007 (a control character)B'");
    assertThatThrownBy(() -> Symbols.require("symbol", "../../etc/passwd")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("'../../etc/passwd'").hasMessageContaining("fix:");
  }

  @Test
  void aFileStemBecomesASymbol() {
    assertThat(Symbols.fromName("GOOG (1)")).isEqualTo("GOOG__1_");
    assertThat(Symbols.fromName("..hidden")).isEqualTo("hidden");
    assertThat(Symbols.fromName("...")).isEqualTo("_");
    assertThat(Symbols.fromName("btcusdt_daily_2017_2026")).isEqualTo("btcusdt_daily_2017_2026");
    assertThat(Symbols.fromName("Z".repeat(50))).hasSize(Symbols.MAX_LENGTH);
  }

  @Test
  void filesStayInTheirFolder() {
    Path raw = dir.resolve("ws/data/raw");
    assertThat(Symbols.file(raw, "BRK.B", ".csv")).isEqualTo(raw.toAbsolutePath().resolve("BRK.B.csv"));
    assertThatThrownBy(() -> Symbols.file(raw, "../../../../x", ".csv")).isInstanceOf(ConfigException.class);
    for (String name : new String[] {"../x.csv", "a/../../x.csv", "/etc/passwd", "..", "."}) {
      assertThatThrownBy(() -> SafePaths.inside(raw, name)).as(name).isInstanceOf(ConfigException.class)
          .hasMessageContaining("inside");
    }
    assertThat(SafePaths.inside(raw, "sub/../ok.csv")).isEqualTo(raw.toAbsolutePath().resolve("ok.csv"));
  }

  @Test
  void aSymlinkToOutsideIsNotInside() throws IOException {
    Path served = Files.createDirectories(dir.resolve("served"));
    Path outside = Files.writeString(dir.resolve("outside.txt"), "secret");
    Files.writeString(served.resolve("ok.txt"), "fine");
    Files.createSymbolicLink(served.resolve("leak"), outside);
    Files.createSymbolicLink(served.resolve("rel"), Path.of("../outside.txt"));
    Files.createSymbolicLink(served.resolve("inner"), served.resolve("ok.txt"));
    assertThat(SafePaths.realInside(served, "ok.txt")).isPresent();
    assertThat(SafePaths.realInside(served, "inner")).isPresent();
    assertThat(SafePaths.realInside(served, "leak")).isEmpty();
    assertThat(SafePaths.realInside(served, "rel")).isEmpty();
    assertThat(SafePaths.realInside(served, "../outside.txt")).isEmpty();
    assertThat(SafePaths.realInside(served, "missing")).isEmpty();
    assertThat(SafePaths.isRealInside(served, served.resolve("leak"))).isFalse();
  }
}
