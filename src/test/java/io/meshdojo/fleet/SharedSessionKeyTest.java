package io.meshdojo.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshdojo.web.LocalTls;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SharedSessionKeyTest {

  @Test
  void theKeyMainMadeForThisReplicaIsToldFromOneAnOperatorSet(@TempDir Path tls) {
    Path file = tls.resolve(LocalTls.SESSION_KEY);
    assertThat(SharedSessionKey.madeByThisReplica("set-by-the-operator", file)).isFalse();
    String made = LocalTls.sessionKey(tls);
    assertThat(SharedSessionKey.madeByThisReplica(made, file)).isTrue();
    assertThat(SharedSessionKey.madeByThisReplica("set-by-the-operator", file)).isFalse();
  }
}
