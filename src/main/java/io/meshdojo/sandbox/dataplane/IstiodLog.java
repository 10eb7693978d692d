package io.meshdojo.sandbox.dataplane;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshdojo.grader.mesh.MeshConfig;
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
public final class IstiodLog {

  private IstiodLog() {}

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
    Optional<String> problem = MeshConfig.unreadable(mesh.get());
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
