package io.meshdojo.sandbox.embedded;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A failure answered as a Kubernetes {@code Status}, so kubectl prints its usual message (for
 * example {@code Error from server (NotFound): pods "x" not found}).
 */
public class KubeException extends RuntimeException {

  private final int code;
  private final String reason;
  private final String name;
  private final ResourceType type;
  private java.util.List<String> causes = java.util.List.of();

  public KubeException(int code, String reason, String message) {
    this(code, reason, message, null, null);
  }

  public KubeException(int code, String reason, String message, ResourceType type, String name) {
    super(message);
    this.code = code;
    this.reason = reason;
    this.type = type;
    this.name = name;
  }

  public int code() {
    return code;
  }

  public static KubeException notFound(ResourceType type, String name) {
    return new KubeException(
        404, "NotFound", type.qualifiedName() + " \"" + name + "\" not found", type, name);
  }

  public static KubeException alreadyExists(ResourceType type, String name) {
    return new KubeException(
        409,
        "AlreadyExists",
        type.qualifiedName() + " \"" + name + "\" already exists",
        type,
        name);
  }

  public static KubeException conflict(ResourceType type, String name) {
    return new KubeException(
        409,
        "Conflict",
        "Operation cannot be fulfilled on "
            + type.qualifiedName()
            + " \""
            + name
            + "\": the object has been modified; please apply your changes to the latest version"
            + " and try again",
        type,
        name);
  }

  public static KubeException badRequest(String message) {
    return new KubeException(400, "BadRequest", message);
  }

  public static KubeException invalid(ResourceType type, String name, String message) {
    return new KubeException(
        422,
        "Invalid",
        (type.group().isEmpty() ? type.kind() : type.kind() + "." + type.group())
            + " \""
            + name
            + "\" is invalid: "
            + message,
        type,
        name);
  }

  /**
   * 422 with one cause per problem ({@code field: message}), as kubectl prints them: several are
   * listed in brackets, as the API server's aggregate error does.
   */
  public static KubeException invalid(
      ResourceType type, String name, java.util.List<String> problems) {
    String all = String.join(", ", problems);
    KubeException e = invalid(type, name, problems.size() > 1 ? "[" + all + "]" : all);
    e.causes = java.util.List.copyOf(problems);
    return e;
  }

  public static KubeException forbidden(ResourceType type, String name, String message) {
    return new KubeException(
        403,
        "Forbidden",
        type.qualifiedName() + " \"" + name + "\" is forbidden: " + message,
        type,
        name);
  }

  public static KubeException unauthorized(String message) {
    return new KubeException(401, "Unauthorized", message);
  }

  public ObjectNode toStatus() {
    ObjectNode status = JsonNodeFactory.instance.objectNode();
    status.put("kind", "Status");
    status.put("apiVersion", "v1");
    status.putObject("metadata");
    status.put("status", "Failure");
    status.put("message", getMessage());
    status.put("reason", reason);
    if (type != null) {
      ObjectNode details = status.putObject("details");
      if (name != null) {
        details.put("name", name);
      }
      details.put("group", type.group());
      details.put("kind", code == 422 ? type.kind() : type.resource());
      if (!causes.isEmpty()) {
        var list = details.putArray("causes");
        for (String cause : causes) {
          int colon = cause.indexOf(": ");
          ObjectNode c = list.addObject();
          c.put("reason", "FieldValueInvalid");
          c.put("message", colon > 0 ? cause.substring(colon + 2) : cause);
          if (colon > 0) {
            c.put("field", cause.substring(0, colon));
          }
        }
      }
    }
    status.put("code", code);
    return status;
  }
}
