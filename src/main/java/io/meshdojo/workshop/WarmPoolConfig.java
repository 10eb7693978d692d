package io.meshdojo.workshop;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Workshops' warm pools, under {@code meshdojo.workshop}. */
@ConfigMapping(prefix = "meshdojo.workshop")
public interface WarmPoolConfig {

  /**
   * The share of a workshop's capacity kept ready (as Educates' reserved sessions), unless the
   * workshop sets its own {@code warmShare}: 0.25 keeps 10 clusters for 40 learners.
   */
  @WithDefault("0.25")
  double warmShare();

  /** How long before {@code startsAt} the clusters start being made (one takes minutes). */
  @WithDefault("15M")
  Duration warmLead();

  /** How often the reservations are brought up to date (once across the fleet). */
  @WithDefault("30S")
  Duration warmEvery();
}
