package io.meshdojo.sandbox.console;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The terminal's messages, JSON text frames both ways (see docs/sandbox.md, "The terminal"). From
 * the browser: {@code command} (restricted console: a line, and the editor's text as {@code stdin}
 * for {@code -f -}), {@code input} (shell: keystrokes), {@code resize} and {@code interrupt}
 * (restricted console: Ctrl-C stops a {@code get -w} or {@code logs -f} that is still printing). To
 * the browser: {@code hello}, {@code output}, {@code edit} (an object's YAML for the page's editor,
 * from {@code kubectl edit}), {@code exit}, {@code clear} and {@code error}; the shell's output
 * goes as binary frames of raw terminal bytes.
 */
public final class ConsoleProtocol {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Restricted console: commands parsed by the service. */
  public static final String RESTRICTED = "restricted";

  /** A shell in the kind sandbox's toolbox pod. */
  public static final String SHELL = "shell";

  /** One message from the browser; fields a type does not use are null. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Incoming(
      String type, String line, String stdin, String data, Integer cols, Integer rows) {}

  private ConsoleProtocol() {}

  /** The message, or empty when it is not JSON or has no known type. */
  public static Optional<Incoming> read(String text) {
    try {
      Incoming in = JSON.readValue(text, Incoming.class);
      if (in == null || in.type() == null) {
        return Optional.empty();
      }
      boolean complete =
          switch (in.type()) {
            case "command" -> in.line() != null;
            case "interrupt" -> true;
            case "input" -> in.data() != null;
            case "resize" ->
                in.cols() != null
                    && in.rows() != null
                    && in.cols() > 0
                    && in.rows() > 0
                    && in.cols() <= 1000
                    && in.rows() <= 1000;
            default -> false;
          };
      return complete ? Optional.of(in) : Optional.empty();
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }

  public static String hello(String mode, String text) {
    return write(Map.of("type", "hello", "mode", mode, "text", text));
  }

  public static String output(String text) {
    return write(Map.of("type", "output", "text", text));
  }

  /** {@code kubectl edit}: the page opens the object's YAML in its editor tab. */
  public static String edit(String yaml) {
    return write(Map.of("type", "edit", "text", yaml));
  }

  public static String exit(int code) {
    return write(Map.of("type", "exit", "code", code));
  }

  public static String clear() {
    return write(Map.of("type", "clear"));
  }

  public static String error(String text) {
    return write(Map.of("type", "error", "text", text));
  }

  private static String write(Map<String, Object> fields) {
    try {
      // "type" first, so the frames read well in the browser's developer tools.
      Map<String, Object> ordered = new LinkedHashMap<>();
      ordered.put("type", fields.get("type"));
      ordered.putAll(fields);
      return JSON.writeValueAsString(ordered);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
