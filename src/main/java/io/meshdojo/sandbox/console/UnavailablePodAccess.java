package io.meshdojo.sandbox.console;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/**
 * The {@link PodAccess} of a build without a data plane: nothing runs in pods and they keep no
 * logs. A data plane replaces it by providing its own {@link PodAccess} bean.
 */
@ApplicationScoped
@DefaultBean
public class UnavailablePodAccess implements PodAccess {

  @Override
  public Optional<Output> exec(
      String sandbox, String namespace, String pod, String container, List<String> command) {
    return Optional.empty();
  }

  @Override
  public Optional<Output> logs(
      String sandbox, String namespace, String pod, String container, LogRequest request) {
    return Optional.empty();
  }
}
