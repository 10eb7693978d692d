package io.meshdojo.traffic;

import io.meshdojo.sandbox.kind.InMemoryKindProvisioner;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;
import java.util.Set;

/** The kind backend over the in-memory runtime (as in KindSessionApiTest), for traffic tests. */
public class KindTrafficProfile implements QuarkusTestProfile {
  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of("meshdojo.sandbox.backend", "kind");
  }

  @Override
  public Set<Class<?>> getEnabledAlternatives() {
    return Set.of(InMemoryKindProvisioner.class);
  }
}
