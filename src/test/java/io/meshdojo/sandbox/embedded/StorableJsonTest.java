package io.meshdojo.sandbox.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** The store refuses what its own parser could not read back, naming the field. */
class StorableJsonTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final StorableJson STORABLE = new StorableJson(JSON);
  static final ResourceType CONFIG_MAPS = ApiCatalog.find("", "v1", "configmaps").orElseThrow();

  @Test
  void aNumberLongerThanTheParserReadsIsNamed() {
    ObjectNode object = JSON.createObjectNode();
    object.putObject("data").put("big", new BigInteger("9".repeat(1001)));
    assertThat(STORABLE.problems(object))
        .containsExactly(
            "data.big: Invalid value: a number of 1001 characters: numbers must have at most 1000"
                + " digits");
    object.with("data").put("big", new BigInteger("9".repeat(1000)));
    assertThat(STORABLE.problems(object)).isEmpty();
  }

  @Test
  void infinityIsNotANumberTheStoreCanKeep() {
    ObjectNode object = JSON.createObjectNode();
    object.putArray("values").add(1.5).add(Double.POSITIVE_INFINITY);
    assertThat(STORABLE.problems(object))
        .containsExactly("values[1]: Invalid value: the number is out of range");
  }

  @Test
  void nestingDeeperThanTheParserReadsIsRefused() {
    ObjectNode object = JSON.createObjectNode();
    ObjectNode inner = object;
    for (int depth = 1; depth < 1000; depth++) {
      inner = inner.putObject("a");
    }
    assertThat(STORABLE.problems(object)).as("1000 levels, the parser's limit").isEmpty();
    inner.putObject("a");
    assertThat(STORABLE.problems(object))
        .singleElement()
        .asString()
        .startsWith("a.a.a.")
        .contains("...: Invalid value: nested more than 1000 levels deep");
    assertThatThrownBy(() -> STORABLE.text(object, CONFIG_MAPS, "deep"))
        .isInstanceOf(KubeException.class)
        .hasMessageContaining("ConfigMap \"deep\" is invalid: the object cannot be stored")
        .extracting(e -> ((KubeException) e).code())
        .isEqualTo(422);
  }

  @Test
  void whatIsStoredReadsBack() throws Exception {
    ObjectNode object = JSON.createObjectNode();
    object.putObject("data").put("k", "v");
    assertThat(JSON.readTree(STORABLE.text(object, CONFIG_MAPS, "fine"))).isEqualTo(object);
  }
}
