package io.momentic.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.momentic.core.DataFormatException;
import io.momentic.core.LoadFailure;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a reader says when a text file is not what it should be: where a file stops being UTF-8,
 * that a failing last line has no line end (a truncated download), a JSON parser's complaint in
 * words, an I/O failure without the exception's class. Also the CSV splitting of a header line
 * (RFC 4180: quoted fields, doubled quotes).
 */
final class TextFiles {

  private TextFiles() {}

  /** The failure for a file that is not UTF-8: line and byte offset of the first bad sequence. */
  static DataFormatException notUtf8(Path file) {
    long offset = -1;
    long line = 1;
    int bad = -1;
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    try (InputStream in = Files.newInputStream(file)) {
      byte[] chunk = new byte[1 << 16];
      ByteBuffer bytes = ByteBuffer.allocate(chunk.length + 8);
      CharBuffer chars = CharBuffer.allocate(chunk.length + 8);
      long consumed = 0;
      int n;
      while (offset < 0 && (n = in.read(chunk)) >= 0) {
        bytes.put(chunk, 0, n).flip();
        while (true) {
          int before = bytes.position();
          CoderResult r = decoder.decode(bytes, chars, false);
          for (int i = before; i < bytes.position(); i++) {
            if (bytes.get(i) == '\n') {
              line++;
            }
          }
          if (r.isError()) {
            offset = consumed + bytes.position();
            bad = bytes.get(bytes.position()) & 0xff;
            break;
          }
          chars.clear();
          if (r.isUnderflow()) {
            break;
          }
        }
        consumed += bytes.position();
        bytes.compact();
      }
    } catch (IOException e) {
      // Fall through with what is known.
    }
    String where = offset >= 0 ? " at byte offset " + offset + String.format(" (byte 0x%02X)", bad) : "";
    return new DataFormatException(new LoadFailure(file.toString(), offset >= 0 ? line : 0, "", "UTF-8 text",
        "a byte sequence that is not UTF-8" + where, "save the file as UTF-8 (e.g. iconv -f latin1 -t utf-8 FILE)"));
  }

  /**
   * {@code e}, its failure on the last line amended when that line has no line end: the file was
   * most likely cut off (an interrupted download or copy) rather than wrong on that row.
   */
  static DataFormatException markTruncation(Path file, DataFormatException e) {
    long lastLine;
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
      if (f.length() == 0) {
        return e;
      }
      f.seek(f.length() - 1);
      if (f.read() == '\n') {
        return e;
      }
    } catch (IOException io) {
      return e;
    }
    try (InputStream in = Files.newInputStream(file)) {
      lastLine = 1;
      byte[] chunk = new byte[1 << 16];
      int n;
      while ((n = in.read(chunk)) >= 0) {
        for (int i = 0; i < n; i++) {
          if (chunk[i] == '\n') {
            lastLine++;
          }
        }
      }
    } catch (IOException io) {
      return e;
    }
    List<LoadFailure> amended = new ArrayList<>();
    boolean changed = false;
    for (LoadFailure f : e.failures()) {
      if (f.line() == lastLine) {
        amended.add(new LoadFailure(f.source(), f.line(), f.column(), f.expected(), f.found(), "the last line has "
            + "no line end: the file looks truncated (an interrupted download or copy); fetch or export it again"));
        changed = true;
      } else {
        amended.add(f);
      }
    }
    return changed ? new DataFormatException(amended) : e;
  }

  /** A JSON parser's complaint without its internals (source descriptions, class names, feature names). */
  static String jsonProblem(JsonProcessingException e) {
    String m = String.valueOf(e.getOriginalMessage());
    if (m.startsWith("Trailing token")) {
      return "more data after the JSON array (two responses back to back?)";
    }
    if (m.startsWith("Unexpected end-of-input")) {
      return "the end of the file inside the JSON (it is cut off)";
    }
    m = m.replaceAll("\\s*\\(start marker at \\[Source:.*?]\\)", "")
        .replaceAll("\\s*at \\[Source:.*", "")
        .replaceAll("`[a-z]+(\\.[a-zA-Z$]+)+`", "a value")
        .replaceAll("\\(class [^)]*\\)", "");
    return m.lines().findFirst().orElse("invalid JSON").strip();
  }

  /** An I/O failure in words: what failed on which file, not the exception's class. */
  static String describe(Throwable e) {
    if (e instanceof AccessDeniedException a) {
      return "permission denied on " + a.getFile();
    }
    if (e instanceof NoSuchFileException n) {
      return "no such file " + n.getFile();
    }
    if (e instanceof FileSystemException f) {
      return (f.getReason() != null ? f.getReason() : "cannot read") + " on " + f.getFile();
    }
    if (e instanceof CharacterCodingException) {
      return "bytes that are not UTF-8";
    }
    return e == null ? "an unreadable file" : String.valueOf(e.getMessage());
  }

  /** The fields of one CSV line, RFC 4180: a field may be quoted, a doubled quote inside is one quote. */
  static List<String> csvFields(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"' && field.toString().isBlank()) {
        field.setLength(0);
        quoted = true;
      } else if (c == ',') {
        out.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    out.add(field.toString());
    return out;
  }
}
