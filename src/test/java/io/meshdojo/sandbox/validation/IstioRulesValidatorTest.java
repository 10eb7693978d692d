package io.meshdojo.sandbox.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

class IstioRulesValidatorTest {

  final IstioRulesValidator validator = new IstioRulesValidator();

  List<String> messages(String kind, String yaml) throws Exception {
    ObjectNode o = (ObjectNode) new ObjectMapper(new YAMLFactory()).readTree(yaml);
    return validator.validate("networking.istio.io", "v1", kind, o).stream()
        .map(ManifestValidator.Problem::message)
        .toList();
  }

  @Test
  void routeWeightsAreRelativeButNeverNegative() throws Exception {
    String vs =
        "spec:\n  hosts: [reviews]\n  http:\n  - route:\n    - destination: {host: reviews, subset: v1}\n      weight: W1\n    - destination: {host: reviews, subset: v3}\n      weight: W2\n";
    assertThat(messages("VirtualService", vs.replace("W1", "80").replace("W2", "20"))).isEmpty();
    assertThat(messages("VirtualService", vs.replace("W1", "4").replace("W2", "1"))).isEmpty();
    assertThat(messages("VirtualService", vs.replace("W1", "80").replace("W2", "-20")))
        .containsExactly("weight -20 < 0");
    assertThat(
            messages(
                "VirtualService",
                "spec:\n  http:\n  - route:\n    - destination: {host: reviews}\n"))
        .isEmpty();
    assertThat(
            messages(
                "VirtualService", "spec:\n  http:\n  - route:\n    - destination: {subset: v1}\n"))
        .containsExactly("destination.host is required");
  }

  @Test
  void subsetsAndServersNeedTheirParts() throws Exception {
    assertThat(
            messages(
                "DestinationRule",
                "spec:\n  host: reviews\n  subsets:\n  - labels: {version: v1}\n"))
        .containsExactly("subset name is invalid: \"\"");
    assertThat(
            messages(
                "Gateway",
                "spec:\n  servers:\n  - port: {number: 80, name: http, protocol: HTTP}\n"))
        .containsExactly("server config must contain at least one host");
  }
}
