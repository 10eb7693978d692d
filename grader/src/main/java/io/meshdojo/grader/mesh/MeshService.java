package io.meshdojo.grader.mesh;

import io.meshdojo.grader.model.Resource;
import java.util.List;
import java.util.Map;

/**
 * A destination in the registry: a Kubernetes Service (host {@code name.ns.svc.cluster.local}) or a
 * ServiceEntry (its hosts). {@code selector} picks the workloads that serve it.
 */
public record MeshService(
    String namespace,
    String name,
    List<String> hosts,
    Map<String, String> selector,
    List<ServicePort> ports,
    Resource source) {

  /** A port: number, name, and the workload port it forwards to. */
  public record ServicePort(int number, String name, int targetPort, String appProtocol) {}

  public ServicePort port(int number) {
    return ports.stream().filter(p -> p.number() == number).findFirst().orElse(null);
  }
}
