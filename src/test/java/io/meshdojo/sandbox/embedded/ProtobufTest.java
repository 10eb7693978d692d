package io.meshdojo.sandbox.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ProtobufTest {

  /**
   * The body kubectl 1.32 sends for {@code kubectl create deployment x --image=nginx:1.25 --port=80
   * --replicas=2 -n default -- sleep 1}, captured with {@code -v=9}: every field is written, empty
   * ones too.
   */
  static final String CREATE_DEPLOYMENT =
      "azhzAAoVCgdhcHBzL3YxEgpEZXBsb3ltZW50EsYBCiIKAXgSABoHZGVmYXVsdCIAKgAyADgAQgBaCAoDYXBwEgF4EpEB"
          + "CAISCgoICgNhcHASAXgaeQoaCgASABoAIgAqADIAOABCAFoICgNhcHASAXgSWxI9CgVuZ2lueBIKbmdpbng6MS4y"
          + "NRoFc2xlZXAaATEqADIKCgAQABhQIgAqAEIAagByAIABAIgBAJABAKIBABoAMgBCAEoAUgBYAGAAaACCAQCKAQCa"
          + "AQDCAQAiAgoAKAA4ABoMCAAQABgAIAAoADgAGgAiAA==";

  @Test
  void readsTheDeploymentKubectlCreateDeploymentSends() {
    ObjectNode d = Protobuf.decode(Base64.getDecoder().decode(CREATE_DEPLOYMENT));
    assertThat(d.toString())
        .isEqualTo(
            "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\","
                + "\"metadata\":{\"name\":\"x\",\"namespace\":\"default\",\"labels\":{\"app\":\"x\"}},"
                + "\"spec\":{\"replicas\":2,\"selector\":{\"matchLabels\":{\"app\":\"x\"}},"
                + "\"template\":{\"metadata\":{\"labels\":{\"app\":\"x\"}},"
                + "\"spec\":{\"containers\":[{\"name\":\"nginx\",\"image\":\"nginx:1.25\","
                + "\"command\":[\"sleep\",\"1\"],\"ports\":[{\"containerPort\":80}]}]}}}}");
  }

  @Test
  void aNumberWhereAMessageBelongsReadsAsNothing() {
    // envelope: type meta apps/v1 Deployment, raw = {metadata (1) sent as the varint 5}
    byte[] body = {
      'k', '8', 's', 0, 0x0a, 0x15, 0x0a, 0x07, 'a', 'p', 'p', 's', '/', 'v', '1', 0x12, 0x0a, 'D',
      'e', 'p', 'l', 'o', 'y', 'm', 'e', 'n', 't', 0x12, 0x02, 0x08, 0x05
    };
    ObjectNode d = Protobuf.decode(body);
    assertThat(d.path("kind").asText()).isEqualTo("Deployment");
    assertThat(d.path("metadata").isEmpty()).isTrue();
    assertThatThrownBy(() -> Protobuf.decode(new byte[] {'k', '8', 's', 0, 0x0a, 0x7f}))
        .isInstanceOf(KubeException.class)
        .hasMessageContaining("malformed protobuf body");
  }
}
