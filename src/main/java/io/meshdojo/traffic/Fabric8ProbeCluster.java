package io.meshdojo.traffic;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import io.meshdojo.sandbox.kind.SandboxClusters;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@link ProbeCluster} over fabric8, one short-lived client per call. */
@ApplicationScoped
public class Fabric8ProbeCluster implements ProbeCluster {

  @Override
  public Exec execInToolbox(String kubeconfig, List<String> argv, Duration timeout) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (KubernetesClient client = SandboxClusters.connect(kubeconfig);
        ExecWatch watch =
            SandboxClusters.toolbox(client)
                .writingOutput(out)
                .writingError(err)
                .exec(argv.toArray(String[]::new))) {
      Integer exit = watch.exitCode().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return new Exec(
          exit == null ? -1 : exit,
          out.toString(StandardCharsets.UTF_8),
          err.toString(StandardCharsets.UTF_8));
    } catch (TimeoutException e) {
      throw new ProbeClusterException("the probe requests took longer than " + timeout, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProbeClusterException("interrupted", e);
    } catch (ExecutionException | KubernetesClientException e) {
      throw new ProbeClusterException(
          "cannot run the probe in the toolbox pod: "
              + e.getMessage()
              + " "
              + err.toString(StandardCharsets.UTF_8).trim(),
          e);
    }
  }

  @Override
  public Map<String, Map<String, String>> podLabels(String kubeconfig) {
    try (KubernetesClient client = SandboxClusters.connect(kubeconfig)) {
      Map<String, Map<String, String>> labels = new HashMap<>();
      for (Pod pod : client.pods().inAnyNamespace().list().getItems()) {
        Map<String, String> l = pod.getMetadata().getLabels();
        labels.put(pod.getMetadata().getName(), l == null ? Map.of() : Map.copyOf(l));
      }
      return labels;
    } catch (KubernetesClientException e) {
      throw new ProbeClusterException("cannot list the sandbox's pods: " + e.getMessage(), e);
    }
  }
}
