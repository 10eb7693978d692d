package io.meshdojo.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FleetMessageTest {

  @Test
  void aMessageSurvivesItsPayloadAndItsBodyMayHoldSpaces() {
    FleetMessage sent = new FleetMessage("replica-1", "sandbox-changed", "abc 42");
    assertThat(FleetMessage.decode(sent.encode())).isEqualTo(sent);
  }

  @Test
  void aPayloadNoReplicaSentIsIgnored() {
    assertThat(FleetMessage.decode("hello")).isNull();
  }

  @Test
  void aBodyTooLargeForANotificationIsRefusedBeforeItIsSent() {
    FleetMessage large = new FleetMessage("r", "t", "é".repeat(4000));
    assertThatThrownBy(large::encode)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a name, not data");
  }
}
