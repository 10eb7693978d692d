package io.meshdojo.sandbox.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshdojo.sandbox.Manifests;
import io.meshdojo.sandbox.embedded.FieldValidation;
import io.meshdojo.sandbox.embedded.ObjectStore;
import io.meshdojo.sandbox.embedded.PatchKind;
import io.meshdojo.sandbox.embedded.ResourceType;
import io.meshdojo.web.AppMessages;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The terminal's kubectl verbs that act on workloads and metadata: {@code exec} and {@code logs}
 * (the pod found here, the rest asked of {@link PodAccess}), {@code rollout restart|status}, {@code
 * scale}, {@code label}, {@code annotate}, {@code edit}, {@code create} and {@code patch}. Every
 * write goes through the {@link ObjectStore}, the path the sandbox's API takes, so whatever reacts
 * to API writes reacts to these.
 */
@ApplicationScoped
class KubectlWorkloads {

  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final Set<String> SCALABLE = Set.of("Deployment", "ReplicaSet", "StatefulSet");
  private static final Pattern DURATION = Pattern.compile("([0-9]+)(ns|us|ms|s|m|h)");

  private final ObjectStore store;
  private final PodAccess pods;
  private final ConsoleWatch watches;

  KubectlWorkloads(ObjectStore store, PodAccess pods, ConsoleWatch watches) {
    this.store = store;
    this.pods = pods;
    this.watches = watches;
  }

  ConsoleReply run(ConsoleScope scope, KubectlCommand command, AppMessages msg) {
    return switch (command.verb()) {
      case EXEC -> exec(scope, command);
      case LOGS -> logs(scope, command);
      case ROLLOUT -> rollout(scope, command);
      case SCALE -> scale(scope, command);
      case LABEL -> metadata(scope, command, "labels", "labeled");
      case ANNOTATE -> metadata(scope, command, "annotations", "annotated");
      case EDIT -> edit(scope, command, msg);
      case CREATE -> create(scope, command);
      case PATCH -> new KubectlPatch(store).run(scope, command);
      default -> throw new IllegalStateException("not a workload verb: " + command.verb());
    };
  }

  /** The pod and container a command means, and what kubectl says on stderr on the way. */
  private record PodRef(String pod, String container, String notice) {}

  private ConsoleReply exec(ConsoleScope scope, KubectlCommand command) {
    PodRef ref = pod(scope, command.args().get(0), command.option("container"), false);
    PodAccess.Output o =
        pods.exec(
            scope.sandbox(), scope.namespace(), ref.pod(), ref.container(), command.command());
    return reply(ref.notice() + o.stdout() + o.stderr(), o.exitCode());
  }

  private ConsoleReply logs(ConsoleScope scope, KubectlCommand command) {
    String container =
        command.args().size() > 1 ? command.args().get(1) : command.option("container");
    PodRef ref = pod(scope, command.args().get(0), container, true);
    String tail = command.option("tail");
    String since = command.option("since");
    PodAccess.LogRequest request =
        new PodAccess.LogRequest(
            tail == null ? -1 : Long.parseLong(tail),
            since == null ? -1 : seconds(since),
            command.has("follow"));
    PodAccess.Output o =
        pods.logs(scope.sandbox(), scope.namespace(), ref.pod(), ref.container(), request);
    ConsoleReply read = reply(ref.notice() + o.stdout() + o.stderr(), o.exitCode());
    if (!request.follow() || o.exitCode() != 0) {
      return read;
    }
    ConsoleWatch.Follow follow =
        watches.followLog(
            scope.sandbox(),
            line ->
                pods.follow(scope.sandbox(), scope.namespace(), ref.pod(), ref.container(), line));
    return new ConsoleReply(read.text(), 0, false, null, follow);
  }

  private static ConsoleReply reply(String text, int exitCode) {
    return new ConsoleReply(
        text.isEmpty() || text.endsWith("\n") ? text : text + "\n", exitCode, false);
  }

  private static long seconds(String duration) {
    Duration total = Duration.ZERO;
    Matcher m = DURATION.matcher(duration);
    while (m.find()) {
      long n = Long.parseLong(m.group(1));
      total =
          total.plus(
              switch (m.group(2)) {
                case "h" -> Duration.ofHours(n);
                case "m" -> Duration.ofMinutes(n);
                case "s" -> Duration.ofSeconds(n);
                case "ms" -> Duration.ofMillis(n);
                case "us" -> Duration.ofNanos(n * 1000);
                default -> Duration.ofNanos(n);
              });
    }
    return total.toSeconds();
  }

  /**
   * {@code POD}, {@code pod/POD} or {@code TYPE/NAME} of a workload (its first pod by name, as
   * kubectl picks one), and the container: {@code -c}, the default-container annotation, or the
   * first one, with kubectl's notices for a choice it made.
   */
  private PodRef pod(ConsoleScope scope, String arg, String container, boolean logs) {
    ResourceType podType = Target.single("pods");
    String notice = "";
    ObjectNode pod;
    int slash = arg.indexOf('/');
    ResourceType type = slash < 0 ? podType : Target.single(arg.substring(0, slash));
    String name = slash < 0 ? arg : arg.substring(slash + 1);
    if (type.equals(podType)) {
      pod = store.get(scope.sandbox(), podType, "v1", scope.namespace(), name);
    } else {
      ObjectNode owner =
          store.get(scope.sandbox(), type, scope.version(type), scope.namespace(), name);
      JsonNode labels = owner.path("spec").path("selector").path("matchLabels");
      if (!labels.isObject() || labels.isEmpty()) {
        throw new CommandError(
            "error: cannot attach to " + TypeNames.kindName(type) + ": selector is empty");
      }
      List<ObjectNode> matching =
          store
              .list(scope.sandbox(), podType, "v1", scope.namespace(), o -> hasLabels(o, labels))
              .items()
              .stream()
              .sorted(Comparator.comparing(o -> o.path("metadata").path("name").asText()))
              .toList();
      if (matching.isEmpty()) {
        throw new CommandError("error: no pods found for " + TypeNames.objectName(type, name));
      }
      pod = matching.get(0);
      if (logs && matching.size() > 1) {
        notice =
            "Found "
                + matching.size()
                + " pods, using pod/"
                + pod.path("metadata").path("name").asText()
                + "\n";
      }
    }
    String podName = pod.path("metadata").path("name").asText();
    List<String> containers = new ArrayList<>();
    pod.path("spec").path("containers").forEach(c -> containers.add(c.path("name").asText()));
    if (container != null) {
      if (!containers.contains(container)) {
        throw new CommandError(
            "error: container " + container + " is not valid for pod " + podName);
      }
      return new PodRef(podName, container, notice);
    }
    String chosen =
        pod.path("metadata")
            .path("annotations")
            .path("kubectl.kubernetes.io/default-container")
            .asText(containers.isEmpty() ? "" : containers.get(0));
    if (containers.size() > 1) {
      notice +=
          "Defaulted container \"" + chosen + "\" out of: " + String.join(", ", containers) + "\n";
    }
    return new PodRef(podName, chosen, notice);
  }

  /** Whether the object carries every label of {@code wanted} ({@code matchLabels}). */
  static boolean hasLabels(JsonNode object, JsonNode wanted) {
    JsonNode labels = object.path("metadata").path("labels");
    for (var e : wanted.properties()) {
      if (!labels.path(e.getKey()).asText("\0").equals(e.getValue().asText())) {
        return false;
      }
    }
    return true;
  }

  private ConsoleReply rollout(ConsoleScope scope, KubectlCommand command) {
    String sub = command.args().get(0);
    List<Target> targets = Target.of(command.args().subList(1, command.args().size()));
    if (sub.equals("restart") && targets.size() == 1 && targets.get(0).name() == null) {
      // kubectl rollout restart deployment: every Deployment of the namespace.
      targets = everyOne(scope, targets.get(0).type());
    }
    StringBuilder out = new StringBuilder();
    for (Target t : targets) {
      if (t.name() == null) {
        throw new CommandError("error: resource name may not be empty");
      }
      if (!t.type().kind().equals("Deployment")) {
        throw new CommandError(
            "error: no "
                + sub
                + " implemented for "
                + TypeNames.kindName(t.type())
                + " in this terminal");
      }
      if (sub.equals("restart")) {
        ObjectNode patch = F.objectNode();
        patch
            .putObject("spec")
            .putObject("template")
            .putObject("metadata")
            .putObject("annotations")
            .put(
                "kubectl.kubernetes.io/restartedAt",
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        patch(scope, t, patch);
        out.append(TypeNames.objectName(t.type(), t.name())).append(" restarted\n");
      } else {
        out.append(status(get(scope, t)));
      }
    }
    return ConsoleReply.ok(out.toString());
  }

  /** Each object of a restartable type in the namespace, by name; kubectl's error for none. */
  private List<Target> everyOne(ConsoleScope scope, ResourceType type) {
    if (!type.kind().equals("Deployment")) {
      return List.of(new Target(type, null));
    }
    List<Target> all =
        store
            .list(scope.sandbox(), type, scope.version(type), scope.namespace(), o -> true)
            .items()
            .stream()
            .map(o -> o.path("metadata").path("name").asText())
            .sorted()
            .map(name -> new Target(type, name))
            .toList();
    if (all.isEmpty()) {
      throw new CommandError("error: no objects passed to restart");
    }
    return all;
  }

  /** kubectl's rollout status line for a Deployment, read from its status as it stands. */
  private static String status(ObjectNode deployment) {
    String name = deployment.path("metadata").path("name").asText();
    JsonNode status = deployment.path("status");
    int wanted = deployment.path("spec").path("replicas").asInt(1);
    int updated = status.path("updatedReplicas").asInt(0);
    int available = status.path("availableReplicas").asInt(0);
    if (updated < wanted) {
      return "Waiting for deployment \""
          + name
          + "\" rollout to finish: "
          + updated
          + " out of "
          + wanted
          + " new replicas have been updated...\n";
    }
    if (available < updated) {
      return "Waiting for deployment \""
          + name
          + "\" rollout to finish: "
          + available
          + " of "
          + updated
          + " updated replicas are available...\n";
    }
    return "deployment \"" + name + "\" successfully rolled out\n";
  }

  private ConsoleReply scale(ConsoleScope scope, KubectlCommand command) {
    StringBuilder out = new StringBuilder();
    for (Target t : Target.of(command.args())) {
      if (!SCALABLE.contains(t.type().kind())) {
        throw new CommandError(
            "error: no scaler has been implemented for {"
                + t.type().group()
                + " "
                + t.type().kind()
                + "}");
      }
      if (t.name() == null) {
        throw new CommandError("error: resource(s) were provided, but no name was specified");
      }
      ObjectNode patch = F.objectNode();
      patch.putObject("spec").put("replicas", Integer.parseInt(command.option("replicas")));
      patch(scope, t, patch);
      out.append(TypeNames.objectName(t.type(), t.name())).append(" scaled\n");
    }
    return ConsoleReply.ok(out.toString());
  }

  /** {@code label} and {@code annotate}: {@code key=value} sets, {@code key-} removes. */
  private ConsoleReply metadata(
      ConsoleScope scope, KubectlCommand command, String field, String done) {
    List<String> changes = command.args().stream().filter(KubectlArguments::isChange).toList();
    List<String> names =
        command.args().stream().filter(a -> !KubectlArguments.isChange(a)).toList();
    StringBuilder out = new StringBuilder();
    for (Target t : Target.of(names)) {
      if (t.name() == null) {
        throw new CommandError("error: resource(s) were provided, but no name was specified");
      }
      JsonNode current = get(scope, t).path("metadata").path(field);
      ObjectNode values = F.objectNode();
      for (String change : changes) {
        int eq = change.indexOf('=');
        if (eq < 0) {
          values.putNull(change.substring(0, change.length() - 1));
          continue;
        }
        String key = change.substring(0, eq);
        String value = change.substring(eq + 1);
        if (current.has(key)
            && !current.path(key).asText().equals(value)
            && !command.has("overwrite")) {
          throw new CommandError(
              "error: '"
                  + key
                  + "' already has a value ("
                  + current.path(key).asText()
                  + "), and --overwrite is false");
        }
        values.put(key, value);
      }
      boolean changed = false;
      for (var e : values.properties()) {
        changed |=
            e.getValue().isNull()
                ? current.has(e.getKey())
                : !current.path(e.getKey()).asText("\0").equals(e.getValue().asText());
      }
      String label = TypeNames.objectName(t.type(), t.name());
      if (!changed) {
        out.append(label).append(" not ").append(done).append('\n');
        continue;
      }
      ObjectNode patch = F.objectNode();
      patch.putObject("metadata").set(field, values);
      patch(scope, t, patch);
      out.append(label).append(' ').append(done).append('\n');
    }
    return ConsoleReply.ok(out.toString());
  }

  /** Hands the object's YAML to the page's editor, where Apply saves it. */
  private ConsoleReply edit(ConsoleScope scope, KubectlCommand command, AppMessages msg) {
    List<Target> targets = Target.of(command.args());
    if (targets.size() != 1 || targets.get(0).name() == null) {
      throw new CommandError(
          "error: the terminal edits one object at a time: TYPE NAME or TYPE/NAME");
    }
    Target t = targets.get(0);
    ObjectNode object = get(scope, t);
    ObjectNode metadata = (ObjectNode) object.path("metadata");
    // What the server owns is left out, as an editor of the desired state would.
    metadata.remove(
        List.of("managedFields", "resourceVersion", "uid", "creationTimestamp", "generation"));
    object.remove("status");
    String name = TypeNames.objectName(t.type(), t.name());
    return new ConsoleReply(
        msg.console_edit_opened(name) + "\n", 0, false, Manifests.toYaml(object), null);
  }

  private ConsoleReply create(ConsoleScope scope, KubectlCommand command) {
    String kind = command.args().get(0);
    String name = command.args().get(1);
    ObjectNode object = F.objectNode();
    ResourceType type;
    if (kind.startsWith("deploy")) {
      type = Target.single("deployments");
      object.put("apiVersion", "apps/v1").put("kind", "Deployment");
      object.putObject("metadata").put("name", name).putObject("labels").put("app", name);
      ObjectNode spec = object.putObject("spec");
      String replicas = command.option("replicas");
      spec.put("replicas", replicas == null ? 1 : Integer.parseInt(replicas));
      spec.putObject("selector").putObject("matchLabels").put("app", name);
      ObjectNode template = spec.putObject("template");
      template.putObject("metadata").putObject("labels").put("app", name);
      String image = command.option("image");
      template
          .putObject("spec")
          .putArray("containers")
          .addObject()
          .put("name", containerName(image))
          .put("image", image);
    } else {
      type = Target.single("namespaces");
      object.put("apiVersion", "v1").put("kind", "Namespace");
      object.putObject("metadata").put("name", name);
    }
    store.create(
        scope.sandbox(),
        type,
        scope.version(type),
        type.namespaced() ? scope.namespace() : null,
        object,
        FieldValidation.STRICT);
    return ConsoleReply.ok(TypeNames.objectName(type, name) + " created\n");
  }

  /** kubectl names the container after the image: {@code docker.io/curlimages/curl:8} → curl. */
  static String containerName(String image) {
    String base = image.substring(image.lastIndexOf('/') + 1);
    base = base.split("[:@]", 2)[0];
    String cleaned = base.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
    return cleaned.isEmpty() ? "container" : cleaned;
  }

  private ObjectNode get(ConsoleScope scope, Target t) {
    return store.get(
        scope.sandbox(), t.type(), scope.version(t.type()), ns(scope, t.type()), t.name());
  }

  private void patch(ConsoleScope scope, Target t, ObjectNode patch) {
    store.patch(
        scope.sandbox(),
        t.type(),
        scope.version(t.type()),
        ns(scope, t.type()),
        t.name(),
        PatchKind.MERGE,
        patch,
        FieldValidation.STRICT,
        false);
  }

  private static String ns(ConsoleScope scope, ResourceType type) {
    return type.namespaced() ? scope.namespace() : null;
  }
}
