package io.momentic.paper.venue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.momentic.core.AtomicFiles;
import io.momentic.core.DataFormatException;
import io.momentic.core.LoadFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the paper venue keeps its accounts between bars: one JSON file per account
 * ({@code venue/<account>.json}), replaced atomically after each bar, so a crash leaves the state of
 * the last bar the venue closed — never half of one.
 */
public final class VenueFiles {

  private static final ObjectMapper JSON = JsonMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  private final Path folder;

  public VenueFiles(Path folder) {
    this.folder = folder;
  }

  public Path file(String account) {
    return folder.resolve(account + ".json");
  }

  public void save(PaperVenue.State state) {
    try {
      AtomicFiles.writeString(file(state.account()), JSON.writeValueAsString(state) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot save the paper venue account " + state.account() + " to "
          + file(state.account()) + "; fix: free disk space or check the folder's permissions", e);
    }
  }

  /** The account's saved state, or empty when the venue has not closed a bar for it yet. */
  public Optional<PaperVenue.State> load(String account) {
    Path f = file(account);
    if (!Files.isRegularFile(f)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(Files.readString(f), PaperVenue.State.class));
    } catch (JsonProcessingException e) {
      long line = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getLineNr());
      throw new DataFormatException(new LoadFailure(f.toString(), line, "", "a paper venue account written by "
          + "Momentic", e.getOriginalMessage(), "restore it from a backup, or delete the state folder to start over"));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + f, e);
    }
  }
}
