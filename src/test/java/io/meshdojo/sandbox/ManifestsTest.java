package io.meshdojo.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** Objects printed as {@code kubectl get -o yaml} prints them read back the same. */
class ManifestsTest {

  /** Label values that YAML would read as numbers, booleans, nulls or dates when left bare. */
  private static final List<String> NUMBER_LIKE =
      List.of(
          "1.26",
          "0755",
          "3",
          "-1",
          "0x1F",
          "1e3",
          "1_000",
          ".inf",
          "-.Inf",
          ".NaN",
          "12:30",
          "2024-01-01",
          "yes",
          "off",
          "null",
          "~",
          "");

  @Test
  void numberLikeStringsKeepTheirQuotesSoAReappliedPrintoutStaysText() {
    ObjectNode object = JsonNodeFactory.instance.objectNode();
    object.put("apiVersion", "v1").put("kind", "ConfigMap");
    ObjectNode metadata = object.putObject("metadata").put("name", "numbers");
    ObjectNode labels = metadata.putObject("labels");
    ObjectNode data = object.putObject("data");
    for (int i = 0; i < NUMBER_LIKE.size(); i++) {
      labels.put("v" + i, NUMBER_LIKE.get(i));
      data.put(NUMBER_LIKE.get(i), "key " + i);
    }

    String printed = Manifests.toYaml(object);

    // Read by plain YAML 1.1 rules (what go-yaml in kubectl applies too), every value is text.
    Map<String, Object> reread = new Yaml().load(printed);
    @SuppressWarnings("unchecked")
    Map<Object, Object> rereadLabels =
        (Map<Object, Object>) ((Map<?, ?>) reread.get("metadata")).get("labels");
    @SuppressWarnings("unchecked")
    Map<Object, Object> rereadData = (Map<Object, Object>) reread.get("data");
    for (int i = 0; i < NUMBER_LIKE.size(); i++) {
      assertThat(rereadLabels.get("v" + i)).as(printed).isEqualTo(NUMBER_LIKE.get(i));
      assertThat(rereadData).as(printed).containsEntry(NUMBER_LIKE.get(i), "key " + i);
    }
    assertThat(Manifests.parse(printed, "printed").get(0)).isEqualTo(object);
    // Quotes only where YAML needs them, as kubectl prints: plain words stay bare.
    assertThat(printed).contains("apiVersion: v1\n").contains("name: numbers\n");
  }
}
