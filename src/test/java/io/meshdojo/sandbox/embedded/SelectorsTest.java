package io.meshdojo.sandbox.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class SelectorsTest {

  static JsonNode obj(String name, String ns, String labels) throws Exception {
    return new ObjectMapper()
        .readTree(
            "{\"metadata\":{\"name\":\""
                + name
                + "\",\"namespace\":\""
                + ns
                + "\",\"labels\":"
                + labels
                + "}}");
  }

  @Test
  void labelSelectorsSupportEqualityAndSets() throws Exception {
    JsonNode r1 = obj("reviews-v1", "bookinfo", "{\"app\":\"reviews\",\"version\":\"v1\"}");
    JsonNode r3 = obj("reviews-v3", "bookinfo", "{\"app\":\"reviews\",\"version\":\"v3\"}");
    JsonNode ratings = obj("ratings-v1", "bookinfo", "{\"app\":\"ratings\"}");
    assertThat(Selectors.labels("app=reviews").test(r1)).isTrue();
    assertThat(Selectors.labels("app==reviews,version!=v1").test(r1)).isFalse();
    assertThat(Selectors.labels("app=reviews,version!=v1").test(r3)).isTrue();
    assertThat(Selectors.labels("version in (v1, v2)").test(r1)).isTrue();
    assertThat(Selectors.labels("version in (v1, v2)").test(r3)).isFalse();
    assertThat(Selectors.labels("version notin (v1)").test(ratings)).isTrue();
    assertThat(Selectors.labels("version").test(ratings)).isFalse();
    assertThat(Selectors.labels("!version").test(ratings)).isTrue();
    assertThat(Selectors.labels("").test(ratings)).isTrue();
    assertThatThrownBy(() -> Selectors.labels("app=x,,")).isInstanceOf(KubeException.class);
  }

  @Test
  void fieldSelectorsKnowNameAndNamespace() throws Exception {
    JsonNode r1 = obj("reviews-v1", "bookinfo", "{}");
    assertThat(Selectors.fields("metadata.name=reviews-v1", "Pod").test(r1)).isTrue();
    assertThat(Selectors.fields("metadata.namespace!=bookinfo", "Pod").test(r1)).isFalse();
    assertThat(Selectors.fields("metadata.name==x,metadata.namespace=bookinfo", "Pod").test(r1))
        .isFalse();
    assertThatThrownBy(() -> Selectors.fields("spec.host=x", "Pod"))
        .isInstanceOf(KubeException.class)
        .hasMessageContaining("not a known field selector");
  }
}
