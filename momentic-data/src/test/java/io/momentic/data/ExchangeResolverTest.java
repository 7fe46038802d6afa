package io.momentic.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.momentic.core.DataFormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExchangeResolverTest {

  @TempDir
  Path dir;

  @Test
  void theUniverseFile_isTheOfflineResolver() throws Exception {
    Path f = dir.resolve("u.csv");
    Files.writeString(f, "symbol,name,exchange\nAAPL,Apple,nasdaq\nBW,Babcock,NYSE\nXYZ,No exchange,\n");
    UniverseFile u = UniverseFile.read(f);
    assertThat(u.symbols()).containsExactly("AAPL", "BW", "XYZ");
    assertThat(u.exchanges().resolve("AAPL")).contains("NASDAQ");
    assertThat(u.exchanges().resolve("BW")).contains("NYSE");
    assertThat(u.exchanges().resolve("XYZ")).isEmpty();
    assertThat(u.exchanges().resolve("NOPE")).isEmpty();
  }

  @Test
  void aBadUniverseFile_namesLineColumnAndFix() throws Exception {
    Path noHeader = dir.resolve("a.csv");
    Files.writeString(noHeader, "ticker_name,exchange\nAAPL,NASDAQ\n");
    assertThatThrownBy(() -> UniverseFile.read(noHeader)).isInstanceOf(DataFormatException.class)
        .hasMessageContaining("a.csv").hasMessageContaining("'symbol' column");
    Path dup = dir.resolve("b.csv");
    Files.writeString(dup, "symbol\nAAPL\n\nMSFT\nAAPL\n");
    assertThatThrownBy(() -> UniverseFile.read(dup)).isInstanceOf(DataFormatException.class)
        .hasMessageContaining("b.csv:5").hasMessageContaining("'AAPL' again");
  }

  @Test
  void theMap_answersKnownNames_andLearnsOnlyGoodAnswers() throws Exception {
    Path map = dir.resolve("state/tv_exchange_map.json");
    List<String> asked = new ArrayList<>();
    ExchangeResolver network = symbol -> {
      asked.add(symbol);
      return switch (symbol) {
        case "CELC" -> Optional.of("nasdaq");
        case "DOWN" -> throw new IllegalStateException("connection refused");
        case "JUNK" -> Optional.of("<html>");
        default -> Optional.empty();
      };
    };
    CachedExchangeResolver cache = CachedExchangeResolver.open(map, network);
    assertThat(cache.resolve("CELC")).contains("NASDAQ");
    assertThat(cache.resolve("CELC")).contains("NASDAQ");
    assertThat(asked).containsExactly("CELC"); // the second answer came from the map
    assertThat(cache.resolve("DOWN")).isEmpty();
    assertThat(cache.resolve("JUNK")).isEmpty();
    assertThat(cache.resolve("GONE")).isEmpty();
    assertThat(cache.entries()).isEqualTo(Map.of("CELC", "NASDAQ"));
    assertThat(cache.save()).isTrue();
    assertThat(cache.save()).isFalse(); // nothing new

    // A new run reads the map and never asks the network for a known name; failures are asked again.
    asked.clear();
    CachedExchangeResolver reopened = CachedExchangeResolver.open(map, network);
    assertThat(reopened.resolve("CELC")).contains("NASDAQ");
    assertThat(reopened.resolve("DOWN")).isEmpty();
    assertThat(asked).containsExactly("DOWN");
  }

  @Test
  void aCorruptMap_isAnErrorNamingTheFile() throws Exception {
    Path map = dir.resolve("tv_exchange_map.json");
    Files.writeString(map, "{\"AAPL\": \"NASDAQ\",");
    assertThatThrownBy(() -> CachedExchangeResolver.open(map, ExchangeResolver.none()))
        .isInstanceOf(DataFormatException.class).hasMessageContaining("tv_exchange_map.json")
        .hasMessageContaining("delete it");
  }
}
