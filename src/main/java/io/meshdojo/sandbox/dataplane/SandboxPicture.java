package io.meshdojo.sandbox.dataplane;

import io.meshdojo.grader.api.Environment;
import io.meshdojo.grader.api.MeshAnswers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * One state of a sandbox as the data plane needs it: the mesh model's answers, the Pods that {@code
 * kubectl get pods} shows (with their containers and addresses), which Deployment owns which Pods,
 * and the Services' cluster IPs. Immutable; built once per resourceVersion.
 */
final class SandboxPicture {

  /** A Pod as the data plane sees it. */
  record Pod(
      String namespace,
      String name,
      Map<String, String> labels,
      String ip,
      String workload,
      List<Container> containers) {

    Optional<Container> container(String name) {
      return containers.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    boolean hasProxy() {
      return container("istio-proxy").isPresent();
    }

    /** The first container that is not the proxy: where the application prints. */
    Optional<Container> app() {
      return containers.stream().filter(c -> !c.name().equals("istio-proxy")).findFirst();
    }
  }

  /** A container: its name, literal env values and the ports it declares. */
  record Container(String name, Map<String, String> env, List<Integer> ports) {}

  private final MeshAnswers answers;
  private final List<Pod> pods;
  private final Map<String, String> serviceIps;

  private SandboxPicture(MeshAnswers answers, List<Pod> pods, Map<String, String> serviceIps) {
    this.answers = answers;
    this.pods = pods;
    this.serviceIps = serviceIps;
  }

  static SandboxPicture of(List<Map<String, Object>> objects) {
    return of(objects, List.of());
  }

  /** With the environment's call graph, so that time runs through nested calls. */
  static SandboxPicture of(List<Map<String, Object>> objects, List<Environment.Call> calls) {
    Map<String, Map<String, String>> selectors = new LinkedHashMap<>();
    Map<String, String> serviceIps = new LinkedHashMap<>();
    for (Map<String, Object> o : objects) {
      String kind = text(o, "kind");
      Map<String, Object> meta = map(o.get("metadata"));
      String id = text(meta, "namespace") + "/" + text(meta, "name");
      if (kind.equals("Deployment")) {
        selectors.put(id, strings(map(map(map(o.get("spec")).get("selector")).get("matchLabels"))));
      } else if (kind.equals("Service")) {
        String ip = text(map(o.get("spec")), "clusterIP");
        serviceIps.put(
            text(meta, "name") + "." + text(meta, "namespace") + ".svc.cluster.local",
            ip.isEmpty() || ip.equals("None") ? address("10.96", id) : ip);
      }
    }
    List<Pod> pods = new ArrayList<>();
    for (Map<String, Object> o : objects) {
      if (!text(o, "kind").equals("Pod")) {
        continue;
      }
      Map<String, Object> meta = map(o.get("metadata"));
      String ns = text(meta, "namespace");
      String name = text(meta, "name");
      Map<String, String> labels = strings(map(meta.get("labels")));
      String ip = text(map(o.get("status")), "podIP");
      pods.add(
          new Pod(
              ns,
              name,
              labels,
              ip.isEmpty() ? address("10.244", ns + "/" + name) : ip,
              workloadOf(ns, name, labels, meta, selectors),
              containers(map(o.get("spec")))));
    }
    return new SandboxPicture(MeshAnswers.of(objects, calls), List.copyOf(pods), serviceIps);
  }

  /** The Deployment whose ReplicaSet owns the Pod, else the Pod itself (a bare Pod). */
  private static String workloadOf(
      String ns,
      String name,
      Map<String, String> labels,
      Map<String, Object> meta,
      Map<String, Map<String, String>> selectors) {
    if (meta.get("ownerReferences") instanceof List<?> owners) {
      for (Object owner : owners) {
        Map<String, Object> ref = map(owner);
        String rs = text(ref, "name");
        int dash = rs.lastIndexOf('-');
        if (text(ref, "kind").equals("ReplicaSet") && dash > 0) {
          String deployment = ns + "/" + rs.substring(0, dash);
          Map<String, String> selector = selectors.get(deployment);
          if (selector != null && labels.entrySet().containsAll(selector.entrySet())) {
            return deployment;
          }
        }
      }
    }
    return ns + "/" + name;
  }

  private static List<Container> containers(Map<String, Object> spec) {
    List<Container> out = new ArrayList<>();
    if (spec.get("containers") instanceof List<?> list) {
      for (Object c : list) {
        Map<String, Object> container = map(c);
        Map<String, String> env = new LinkedHashMap<>();
        if (container.get("env") instanceof List<?> vars) {
          for (Object v : vars) {
            Map<String, Object> var = map(v);
            if (var.get("value") instanceof String value) {
              env.put(text(var, "name"), value);
            }
          }
        }
        List<Integer> ports = new ArrayList<>();
        if (container.get("ports") instanceof List<?> ps) {
          for (Object p : ps) {
            if (map(p).get("containerPort") instanceof Number n) {
              ports.add(n.intValue());
            }
          }
        }
        out.add(new Container(text(container, "name"), env, ports));
      }
    }
    return out;
  }

  MeshAnswers answers() {
    return answers;
  }

  Optional<Pod> pod(String namespace, String name) {
    return pods.stream()
        .filter(p -> p.namespace().equals(namespace) && p.name().equals(name))
        .findFirst();
  }

  /** The Pods of a workload ({@code namespace/name}), in name order. */
  List<Pod> podsOf(String workload) {
    return pods.stream()
        .filter(p -> p.workload().equals(workload))
        .sorted((a, b) -> a.name().compareTo(b.name()))
        .toList();
  }

  Optional<Pod> podWithIp(String ip) {
    return pods.stream().filter(p -> p.ip().equals(ip)).findFirst();
  }

  /** A Service's cluster IP by its host name. */
  Optional<String> serviceIp(String fqdn) {
    return Optional.ofNullable(serviceIps.get(fqdn));
  }

  /** The Service host whose cluster IP is {@code ip}. */
  Optional<String> serviceWithIp(String ip) {
    return serviceIps.entrySet().stream()
        .filter(e -> e.getValue().equals(ip))
        .map(Map.Entry::getKey)
        .findFirst();
  }

  /** A stable made-up address in {@code prefix}.x.y for objects that have none stored. */
  static String address(String prefix, String name) {
    CRC32 crc = new CRC32();
    crc.update(name.getBytes(StandardCharsets.UTF_8));
    long v = crc.getValue();
    return prefix + "." + (v % 250 + 1) + "." + ((v >> 8) % 250 + 2);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  private static Map<String, String> strings(Map<String, Object> m) {
    Map<String, String> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(k, String.valueOf(v)));
    return out;
  }

  private static String text(Map<String, Object> m, String key) {
    return m.get(key) instanceof String s ? s : "";
  }
}
