package io.meshdojo.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshdojo.grader.api.Grader;
import io.meshdojo.grader.intake.ResourceIntake;
import io.meshdojo.grader.model.Resource;
import io.meshdojo.grader.objectives.Lab;
import io.meshdojo.grader.objectives.Objective;
import io.meshdojo.grader.objectives.Probe;
import io.meshdojo.sandbox.Manifests;
import io.meshdojo.sandbox.kind.KindInstall;
import io.meshdojo.sandbox.kind.KindInstalls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * A probe sends from a workload: that workload must exist in a fresh sandbox of the lab, built from
 * the environment and the lab's setup, in the embedded backend and on a real kind cluster alike.
 * (mtls-strict once probed from a default/sleep only the grader had: real traffic answered 409.)
 */
class ProbeClientsExistTest {

  private static final Grader GRADER = Grader.fromDirectory(Path.of("labs"));
  private static final Map<String, KindInstall> KIND = KindInstalls.load(Path.of("infra"));

  @Test
  void everyProbesClientIsADeploymentOfTheFreshSandboxInBothBackends() throws IOException {
    assertThat(GRADER.labIds()).isNotEmpty();
    for (String id : GRADER.labIds()) {
      Lab lab = GRADER.lab(id).orElseThrow();
      Set<String> embedded = deployments(GRADER.environments().baseline(lab.environment()));
      Set<String> kind = kindDeployments(KIND.get(lab.environment()));
      for (String text : lab.setup().values()) {
        Set<String> setup = deployments(ResourceIntake.read(id + " setup", text).resources());
        embedded.addAll(setup);
        kind.addAll(setup);
      }
      for (String client : clients(lab)) {
        assertThat(embedded).as(id + ": probe client " + client + " (embedded)").contains(client);
        assertThat(kind).as(id + ": probe client " + client + " (kind)").contains(client);
      }
    }
  }

  private static Set<String> clients(Lab lab) {
    Set<String> clients = new TreeSet<>();
    for (Objective o : lab.objectives()) {
      for (Probe p : o.probes() == null ? List.<Probe>of() : o.probes()) {
        clients.add(p.from());
      }
    }
    return clients;
  }

  /** What a kind sandbox runs: the baseline file, Aeraki's demos, and Istio's gateway release. */
  private static Set<String> kindDeployments(KindInstall install) throws IOException {
    // Each file is applied with -n: its objects without a namespace land in that one.
    Map<String, String> files = new java.util.LinkedHashMap<>();
    files.put(install.baseline().path(), install.baseline().namespace());
    if (install.aeraki() != null) {
      install.aeraki().demos().forEach(d -> files.put(d.manifest(), d.namespace()));
    }
    Set<String> names = new TreeSet<>();
    for (Map.Entry<String, String> file : files.entrySet()) {
      Path f = Path.of("infra").resolve(file.getKey());
      for (ObjectNode o : Manifests.parse(Files.readString(f), f.toString())) {
        if (o.path("kind").asText().equals("Deployment")) {
          String namespace = o.at("/metadata/namespace").asText(file.getValue());
          names.add(namespace + "/" + o.at("/metadata/name").asText());
        }
      }
    }
    KindInstall.Chart gateway = install.istio().gateway();
    names.add(gateway.namespace() + "/" + gateway.release());
    return names;
  }

  private static Set<String> deployments(List<Resource> objects) {
    Set<String> names = new TreeSet<>();
    for (Resource r : objects) {
      if (r.is("Deployment")) {
        names.add(r.namespace() + "/" + r.name());
      }
    }
    return names;
  }
}
