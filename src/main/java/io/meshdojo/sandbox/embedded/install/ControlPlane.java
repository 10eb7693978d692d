package io.meshdojo.sandbox.embedded.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a sandbox's objects say about its Istio control planes: the revisions istiod serves (with
 * their version), the revision tags (their webhooks), and which namespaces and proxies use what.
 * Every answer is read from the objects, so it follows whatever wrote them (an install, kubectl).
 */
public final class ControlPlane {

  public static final String SYSTEM = "istio-system";
  public static final String REV = "istio.io/rev";
  public static final String TAG = "istio.io/tag";

  private final List<ObjectNode> objects;

  public ControlPlane(List<ObjectNode> objects) {
    this.objects = List.copyOf(objects);
  }

  /** Revision ("default" for the unrevisioned one) → the version its istiod runs. */
  public Map<String, String> revisions() {
    Map<String, String> out = new TreeMap<>();
    for (ObjectNode d : of("Deployment")) {
      JsonNode meta = d.path("metadata");
      if (meta.path("namespace").asText().equals(SYSTEM)
          && meta.path("labels").path("app").asText().equals("istiod")) {
        out.put(meta.path("labels").path(REV).asText("default"), version(image(d)));
      }
    }
    return out;
  }

  /** Tag → the revision its webhook injects with. */
  public Map<String, String> tags() {
    Map<String, String> out = new TreeMap<>();
    for (ObjectNode w : of("MutatingWebhookConfiguration")) {
      JsonNode labels = w.path("metadata").path("labels");
      if (labels.has(TAG)) {
        out.put(labels.path(TAG).asText(), labels.path(REV).asText("default"));
      }
    }
    return out;
  }

  /** The revision a name (a revision or a tag) resolves to, as the webhooks do. */
  public Optional<String> resolve(String revisionOrTag) {
    Map<String, String> revisions = revisions();
    if (revisions.containsKey(revisionOrTag)) {
      return Optional.of(revisionOrTag);
    }
    return Optional.ofNullable(tags().get(revisionOrTag)).filter(revisions::containsKey);
  }

  /** Namespaces whose labels ask for this revision or tag ("default": istio-injection=enabled). */
  public List<String> namespacesUsing(String revisionOrTag) {
    return of("Namespace").stream()
        .filter(
            n -> {
              JsonNode labels = n.path("metadata").path("labels");
              if (labels.has("istio-injection")) {
                return revisionOrTag.equals("default")
                    && labels.path("istio-injection").asText().equals("enabled");
              }
              return labels.path(REV).asText("").equals(revisionOrTag);
            })
        .map(n -> n.path("metadata").path("name").asText())
        .sorted()
        .toList();
  }

  /** {@code namespace/pod} of every pod whose sidecar was injected by this revision. */
  public List<String> proxiesOf(String revision) {
    return of("Pod").stream()
        .filter(p -> p.path("metadata").path("annotations").path(REV).asText("").equals(revision))
        .map(
            p ->
                p.path("metadata").path("namespace").asText()
                    + "/"
                    + p.path("metadata").path("name").asText())
        .sorted()
        .toList();
  }

  public Optional<ObjectNode> find(String kind, String namespace, String name) {
    return of(kind).stream()
        .filter(o -> o.path("metadata").path("name").asText().equals(name))
        .filter(o -> o.path("metadata").path("namespace").asText("").equals(namespace))
        .findFirst();
  }

  List<ObjectNode> of(String kind) {
    return objects.stream().filter(o -> o.path("kind").asText().equals(kind)).toList();
  }

  /** The image of a Deployment's first container (istiod's is the pilot image). */
  public static String image(JsonNode deployment) {
    return deployment
        .path("spec")
        .path("template")
        .path("spec")
        .path("containers")
        .path(0)
        .path("image")
        .asText("");
  }

  /** {@code docker.io/istio/pilot:1.26.3} → {@code 1.26.3}. */
  static String version(String image) {
    int colon = image.lastIndexOf(':');
    return colon > image.lastIndexOf('/') ? image.substring(colon + 1) : "";
  }

  /** {@code 26} of {@code 1.26.3}, -1 when unreadable. */
  static int minor(String version) {
    String[] parts = version.split("\\.");
    return parts.length >= 2 && parts[1].matches("\\d{1,4}") ? Integer.parseInt(parts[1]) : -1;
  }
}
