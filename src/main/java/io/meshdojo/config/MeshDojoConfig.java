package io.meshdojo.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** Everything an operator can tune, under the {@code meshdojo} prefix. */
@ConfigMapping(prefix = "meshdojo")
public interface MeshDojoConfig {

  Signup signup();

  Admin admin();

  interface Signup {
    /** Whether visitors may create learner accounts themselves. */
    @WithDefault("true")
    boolean enabled();
  }

  interface Admin {
    /** The account created on first start with an empty database. */
    @WithDefault("admin")
    String username();

    /** Its password (env MESHDOJO_ADMIN_PASSWORD); when absent one is generated and logged once. */
    Optional<String> password();
  }
}
