package io.meshdojo.sandbox.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.meshdojo.sandbox.embedded.FieldValidation;
import io.meshdojo.sandbox.embedded.ObjectStore;
import io.meshdojo.sandbox.embedded.PatchKind;
import java.util.List;
import java.util.Map;

/**
 * {@code kubectl patch TYPE NAME -p PATCH [--type strategic|merge|json]}: the patch (JSON or YAML,
 * as kubectl reads it) goes to the {@link ObjectStore} as the API's PATCH does, so the store's
 * rules hold (strategic merge only for built-in kinds, as on a real API server).
 */
final class KubectlPatch {

  /** kubectl's {@code --type} values and the media type each sends. */
  static final Map<String, PatchKind> TYPES =
      Map.of("strategic", PatchKind.STRATEGIC, "merge", PatchKind.MERGE, "json", PatchKind.JSON);

  private static final YAMLMapper YAML = new YAMLMapper();

  private final ObjectStore store;

  KubectlPatch(ObjectStore store) {
    this.store = store;
  }

  ConsoleReply run(ConsoleScope scope, KubectlCommand command) {
    List<Target> targets = Target.of(command.args());
    if (targets.size() != 1 || targets.get(0).name() == null) {
      throw new CommandError("error: resource(s) were provided, but no name was specified");
    }
    Target t = targets.get(0);
    String text = command.option("patch");
    JsonNode patch;
    try {
      patch = YAML.readTree(text);
    } catch (JsonProcessingException e) {
      throw new CommandError("error: unable to parse \"" + text + "\": " + e.getOriginalMessage());
    }
    if (patch == null || !(patch.isObject() || patch.isArray())) {
      throw new CommandError("error: unable to parse \"" + text + "\": not an object or a list");
    }
    PatchKind kind =
        TYPES.get(command.option("type") == null ? "strategic" : command.option("type"));
    String version = scope.version(t.type());
    String ns = t.type().namespaced() ? scope.namespace() : null;
    String before =
        store
            .get(scope.sandbox(), t.type(), version, ns, t.name())
            .path("metadata")
            .path("resourceVersion")
            .asText();
    ObjectStore.Write written =
        store.patch(
            scope.sandbox(),
            t.type(),
            version,
            ns,
            t.name(),
            kind,
            patch,
            FieldValidation.STRICT,
            false);
    String after = written.object().path("metadata").path("resourceVersion").asText();
    StringBuilder out = new StringBuilder();
    written.warnings().forEach(w -> out.append("Warning: ").append(w).append('\n'));
    out.append(TypeNames.objectName(t.type(), t.name()))
        .append(before.equals(after) ? " patched (no change)\n" : " patched\n");
    return ConsoleReply.ok(out.toString());
  }
}
