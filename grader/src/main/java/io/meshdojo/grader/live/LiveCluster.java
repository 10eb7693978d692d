package io.meshdojo.grader.live;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.meshdojo.grader.findings.Finding;
import io.meshdojo.grader.intake.Kinds;
import io.meshdojo.grader.intake.ResourceIntake;
import io.meshdojo.grader.model.Resource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the kinds the grader models from a live cluster: one client, one list call per kind (in
 * every namespace), the highest served version. Kinds whose CRD is not installed are skipped.
 */
public final class LiveCluster {

  private LiveCluster() {}

  /** The resource plural as the API server names it: "ServiceEntry" -> "serviceentries". */
  public static String plural(String kind) {
    String lower = kind.toLowerCase(java.util.Locale.ROOT);
    if (lower.endsWith("y")
        && lower.length() > 1
        && "aeiou".indexOf(lower.charAt(lower.length() - 2)) < 0) {
      return lower.substring(0, lower.length() - 1) + "ies";
    }
    return lower + "s";
  }

  @SuppressWarnings("unchecked")
  /**
   * @param context the kubeconfig context, or null for its current one
   * @param findings receives what the intake reports about the listed objects
   */
  public static List<Resource> list(Path kubeconfig, String context, List<Finding> findings) {
    String text;
    try {
      text = Files.readString(kubeconfig);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + kubeconfig + ": " + e.getMessage(), e);
    }
    Config config = Config.fromKubeconfig(context, text, kubeconfig.toString());
    KubernetesSerialization serialization = new KubernetesSerialization();
    List<Resource> out = new ArrayList<>();
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
      for (Kinds.Kind kind : Kinds.all().values()) {
        String group = kind.key().group();
        List<String> served = kind.served();
        List<GenericKubernetesResource> items = null;
        for (int v = served.size() - 1; v >= 0 && items == null; v--) {
          boolean namespaced = !Kinds.clusterScoped(kind.key().kind());
          ResourceDefinitionContext definition =
              new ResourceDefinitionContext.Builder()
                  .withGroup(group)
                  .withVersion(served.get(v))
                  .withKind(kind.key().kind())
                  .withPlural(plural(kind.key().kind()))
                  .withNamespaced(namespaced)
                  .build();
          try {
            var op = client.genericKubernetesResources(definition);
            items = namespaced ? op.inAnyNamespace().list().getItems() : op.list().getItems();
          } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
              throw e;
            }
          }
        }
        if (items == null) {
          continue;
        }
        List<Map<String, Object>> maps = new ArrayList<>();
        for (GenericKubernetesResource item : items) {
          Map<String, Object> map = serialization.convertValue(item, LinkedHashMap.class);
          Object meta = map.get("metadata");
          if (meta instanceof Map<?, ?> m) {
            // Server-populated metadata the grader does not model.
            ((Map<String, Object>) m).remove("managedFields");
          }
          maps.add(map);
        }
        ResourceIntake.Result r = ResourceIntake.readObjects("cluster " + kind.key(), maps);
        out.addAll(r.resources());
        findings.addAll(r.findings());
      }
    }
    return out;
  }
}
