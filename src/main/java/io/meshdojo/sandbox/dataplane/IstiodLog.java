package io.meshdojo.sandbox.dataplane;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshdojo.grader.api.ProxyView;
import io.meshdojo.sandbox.embedded.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What an istiod pod's {@code discovery} container prints about the mesh config it reads, derived
 * from the objects as they are now: its revision's ConfigMap ({@code istio} or {@code istio-<rev>},
 * key {@code mesh}) parsed as istiod parses it ({@link MeshConfig#unreadable}). A document istiod
 * cannot read is logged as istiod 1.26 logs it, and istiod goes on with the last config it could
 * read (after a restart: Istio's defaults).
 */
@ApplicationScoped
public class IstiodLog {

  private final ObjectStore store;
  private final PodLogs logs;

  public IstiodLog(ObjectStore store, PodLogs logs) {
    this.store = store;
    this.logs = logs;
  }

  /**
   * A container's log as {@code kubectl logs} reads it, for the terminal and the sandbox API alike:
   * an istiod's lines about its mesh config first, then what the container printed; the last {@code
   * tail} (all when null) of those at or after {@code since} (all when null).
   */
  @ActivateRequestContext
  public List<PodLogs.Line> read(
      String sandbox, String namespace, String pod, String container, Integer tail, Instant since) {
    List<PodLogs.Line> lines = new ArrayList<>();
    if (namespace.equals("istio-system") && container.equals("discovery")) {
      List<ObjectNode> objects = store.all(sandbox);
      objects.stream()
          .filter(o -> o.path("kind").asText().equals("Pod"))
          .filter(o -> o.path("metadata").path("name").asText().equals(pod))
          .filter(IstiodLog::isIstiod)
          .findFirst()
          .ifPresent(
              p -> {
                Instant at = started(p);
                if (since == null || !at.isBefore(since)) {
                  lines(p, objects).forEach(l -> lines.add(new PodLogs.Line(at, l)));
                }
              });
    }
    lines.addAll(logs.read(sandbox, namespace, pod, container, null, since));
    return tail == null || tail >= lines.size()
        ? lines
        : List.copyOf(lines.subList(lines.size() - Math.max(0, tail), lines.size()));
  }

  private static Instant started(JsonNode pod) {
    try {
      return Instant.parse(pod.path("status").path("startTime").asText(""));
    } catch (java.time.format.DateTimeParseException e) {
      return Instant.EPOCH;
    }
  }

  /** Whether this pod is an istiod (label {@code app: istiod} in istio-system). */
  public static boolean isIstiod(JsonNode pod) {
    JsonNode meta = pod.path("metadata");
    return meta.path("namespace").asText().equals("istio-system")
        && meta.path("labels").path("app").asText().equals("istiod");
  }

  /** The lines of the pod's log about its mesh config, oldest first. */
  public static List<String> lines(JsonNode pod, List<ObjectNode> objects) {
    String revision = pod.path("metadata").path("labels").path("istio.io/rev").asText("default");
    String configMap = revision.equals("default") ? "istio" : "istio-" + revision;
    String started = pod.path("status").path("startTime").asText("");
    String at = (started.isEmpty() ? "1970-01-01T00:00:00Z" : started).replace("Z", ".000000Z");
    List<String> out = new ArrayList<>();
    out.add(at + "\tinfo\tFLAG: --domain=\"cluster.local\"");
    out.add(at + "\tinfo\tFLAG: --meshConfig=\"./etc/istio/config/mesh\"");
    Optional<String> mesh =
        objects.stream()
            .filter(o -> o.path("kind").asText().equals("ConfigMap"))
            .filter(o -> o.path("metadata").path("namespace").asText().equals("istio-system"))
            .filter(o -> o.path("metadata").path("name").asText().equals(configMap))
            .map(o -> o.path("data").path("mesh").asText(""))
            .findFirst();
    if (mesh.isEmpty()) {
      out.add(
          at
              + "\twarn\tconfigmap "
              + configMap
              + " in namespace istio-system not found, using the default mesh config");
      return out;
    }
    Optional<String> problem = ProxyView.unreadableMeshConfig(mesh.get());
    if (problem.isPresent()) {
      out.add(at + "\twarn\tinvalid mesh config, using last known state: " + problem.get());
    } else {
      out.add(at + "\tinfo\tmesh configuration updated to: " + flat(mesh.get()));
    }
    return out;
  }

  private static String flat(String yaml) {
    return yaml.strip().replaceAll("\\s*\\n\\s*", " ");
  }
}
