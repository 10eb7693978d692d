package io.meshdojo.browser;

import io.meshdojo.sandbox.kind.InMemoryKindProvisioner;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;
import java.util.Set;

/**
 * The kind backend over the in-memory cluster runtime, in an application of its own, so its pool of
 * one cluster starts empty whatever other tests leased.
 */
public class KindProvisioningProfile implements QuarkusTestProfile {
  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of("meshdojo.sandbox.backend", "kind");
  }

  @Override
  public Set<Class<?>> getEnabledAlternatives() {
    return Set.of(InMemoryKindProvisioner.class);
  }
}
