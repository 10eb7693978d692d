package io.meshdojo.sandbox.kind;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The kubeconfig a learner downloads for a real-cluster sandbox: the learner's ServiceAccount
 * token, the cluster's CA, and an API server address the learner can reach. Built from the
 * cluster's admin kubeconfig, of which it keeps only the CA and the port: never the admin's client
 * key.
 */
public final class LearnerKubeconfig {

  private static final YAMLMapper YAML =
      YAMLMapper.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).build();

  private LearnerKubeconfig() {}

  /**
   * @param admin the cluster's admin kubeconfig (as kindcontainer gives it: the API server at the
   *     Docker host and its mapped port)
   * @param externalHost the address learners reach the Docker host at; empty keeps the admin's
   * @param access the learner's namespace, the kubeconfig's default
   * @param token the ServiceAccount token
   * @param name the name of the cluster, user and context (e.g. the sandbox's)
   */
  public static String build(
      String admin,
      Optional<String> externalHost,
      LearnerAccess access,
      String token,
      String name) {
    return build(admin, externalHost, OptionalInt.empty(), access, token, name);
  }

  /**
   * The same, at a port of its own too (a Service in front of the API server can map it).
   *
   * @param externalPort the port learners reach the API server at; empty keeps the admin's
   */
  public static String build(
      String admin,
      Optional<String> externalHost,
      OptionalInt externalPort,
      LearnerAccess access,
      String token,
      String name) {
    JsonNode cluster = currentCluster(admin);
    URI server = URI.create(cluster.path("server").asText());
    if (server.getHost() == null || server.getPort() < 0) {
      throw new IllegalArgumentException("the admin kubeconfig's server has no host and port");
    }
    String host = externalHost.filter(h -> !h.isBlank()).orElse(server.getHost());
    Map<String, Object> clusterEntry = new LinkedHashMap<>();
    clusterEntry.put(
        "server", "https://" + bracketed(host) + ":" + externalPort.orElse(server.getPort()));
    String ca = cluster.path("certificate-authority-data").asText("");
    if (ca.isEmpty()) {
      throw new IllegalArgumentException(
          "the admin kubeconfig carries no certificate-authority-data");
    }
    clusterEntry.put("certificate-authority-data", ca);
    if (!host.equals(server.getHost())) {
      // The API server's certificate names the address the service reaches it at (kindcontainer
      // puts the Docker host, localhost and 127.0.0.1 in it; a sandbox pod's k3s its pod IP), not
      // the external address.
      clusterEntry.put("tls-server-name", server.getHost());
    }
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("apiVersion", "v1");
    config.put("kind", "Config");
    config.put("clusters", List.of(Map.of("name", name, "cluster", clusterEntry)));
    config.put("users", List.of(Map.of("name", name, "user", Map.of("token", token))));
    config.put(
        "contexts",
        List.of(
            Map.of(
                "name",
                name,
                "context",
                Map.of("cluster", name, "user", name, "namespace", access.namespace()))));
    config.put("current-context", name);
    try {
      return YAML.writeValueAsString(config);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode currentCluster(String admin) {
    JsonNode root;
    try {
      root = YAML.readTree(admin);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the admin kubeconfig is not YAML", e);
    }
    String context = root.path("current-context").asText();
    String clusterName = null;
    for (JsonNode c : root.path("contexts")) {
      if (c.path("name").asText().equals(context)) {
        clusterName = c.path("context").path("cluster").asText();
      }
    }
    for (JsonNode c : root.path("clusters")) {
      if (c.path("name").asText().equals(clusterName)) {
        return c.path("cluster");
      }
    }
    throw new IllegalArgumentException(
        "the admin kubeconfig has no cluster for its current context");
  }

  private static String bracketed(String host) {
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }
}
