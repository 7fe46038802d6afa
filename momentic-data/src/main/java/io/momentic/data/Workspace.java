package io.momentic.data;

import io.momentic.core.Symbols;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A Momentic workspace folder (DESIGN.md §3): {@code data/raw/} canonical bars,
 * {@code data/processed/} features, {@code data/results/<run-id>/} run outputs,
 * {@code config/strategy/} strategy configs, {@code state/} persistent state.
 */
public record Workspace(Path root) {

  public Workspace {
    root = root.toAbsolutePath().normalize();
  }

  public static Workspace at(Path root) {
    return new Workspace(root);
  }

  public Path raw() {
    return root.resolve("data").resolve("raw");
  }

  public Path processed() {
    return root.resolve("data").resolve("processed");
  }

  public Path results() {
    return root.resolve("data").resolve("results");
  }

  public Path strategyConfigs() {
    return root.resolve("config").resolve("strategy");
  }

  /** Universe files ({@code <NAME>.csv}: symbol, exchange, name). */
  public Path universes() {
    return root.resolve("config").resolve("universe");
  }

  /** The cached symbol → exchange map behind chart links (reference 000 §9). */
  public Path exchangeMap() {
    return state().resolve("tv_exchange_map.json");
  }

  /** The embedded bar store file (SQLite, WAL mode). */
  public Path store() {
    return root.resolve("data").resolve("store").resolve("momentic.db");
  }

  /** Dated JSON snapshots of the daily pipeline ({@code YYYY-MM-DD.json}). */
  public Path archive() {
    return results().resolve("archive");
  }

  /** The pages the daily pipeline publishes and {@code momentic serve} shows. */
  public Path pages() {
    return results().resolve("pages");
  }

  public Path state() {
    return root.resolve("state");
  }

  /** The canonical raw file of a symbol. */
  public Path rawFile(String symbol) {
    return Symbols.file(raw(), symbol, ".csv");
  }

  /** Creates the folder layout if missing; returns this. */
  public Workspace create() {
    try {
      Files.createDirectories(raw());
      Files.createDirectories(processed());
      Files.createDirectories(results());
      Files.createDirectories(strategyConfigs());
      Files.createDirectories(state());
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create workspace " + root + ": " + e.getMessage(), e);
    }
  }
}
