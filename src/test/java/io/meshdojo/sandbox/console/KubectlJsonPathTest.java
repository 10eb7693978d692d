package io.meshdojo.sandbox.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KubectlJsonPathTest {

  private static final JsonNode LIST =
      read(
          """
      {"kind": "List", "items": [
        {"metadata": {"name": "a", "labels": {"app.kubernetes.io/name": "x"}},
         "spec": {"replicas": 1, "ports": [{"port": 80}, {"port": 443}]}},
        {"metadata": {"name": "b"}, "spec": {"replicas": 3, "ports": [{"port": 9080}]}}
      ]}
      """);

  private static JsonNode read(String json) {
    try {
      return new ObjectMapper().readTree(json);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{.items[*].metadata.name}|a b",
        "{.items[0].metadata.name}|a",
        "{.items[-1].metadata.name}|b",
        "{.items[0:1].metadata.name}|a",
        "{$.kind}|List",
        "{.items[*].spec.ports[*].port}|80 443 9080",
        "{..port}|80 443 9080",
        "{.items[?(@.spec.replicas>1)].metadata.name}|b",
        "{.items[?(@.metadata.name==\"a\")].spec.replicas}|1",
        "{.items[?(@.metadata.labels)].metadata.name}|a",
        "{.items[0].metadata.labels['app.kubernetes.io/name']}|x",
        "{.items[0].metadata.missing}|''",
        "name={.items[1].metadata.name}!|name=b!",
        "{range .items[*]}[{.metadata.name}]{end}|[a][b]",
        "{.items[1].spec}|{\"replicas\":3,\"ports\":[{\"port\":9080}]}"
      })
  void rendersKubectlsDialect(String template, String expected) {
    assertThat(KubectlJsonPath.render(template, LIST)).isEqualTo(expected);
  }

  @Test
  void literalsCarryEscapes() {
    assertThat(
            KubectlJsonPath.render(
                "{range .items[*]}{.metadata.name}{\"\\t\"}{end}{\"\\n\"}", LIST))
        .isEqualTo("a\tb\t\n");
  }

  @Test
  void brokenTemplatesAreRefusedWithKubectlsWords() {
    assertThatThrownBy(() -> KubectlJsonPath.render("{.items", LIST))
        .hasMessage("error: error parsing jsonpath {.items, unclosed action");
    assertThatThrownBy(() -> KubectlJsonPath.render("{range .items[*]}{.a}", LIST))
        .hasMessageContaining("unclosed range");
    assertThatThrownBy(() -> KubectlJsonPath.render("{end}", LIST))
        .hasMessageContaining("not in range");
    assertThatThrownBy(() -> KubectlJsonPath.render("{.items[x]}", LIST))
        .hasMessageContaining("invalid array index");
    assertThatThrownBy(() -> KubectlJsonPath.render("{.items[0}", LIST))
        .isInstanceOf(KubectlJsonPath.Invalid.class);
  }

  @Test
  void deepInputDoesNotOverflowTheStack() throws Exception {
    StringBuilder deep = new StringBuilder();
    for (int i = 0; i < 5000; i++) {
      deep.append("{\"a\":");
    }
    deep.append("1").append("}".repeat(5000));
    JsonNode node =
        new ObjectMapper(
                com.fasterxml.jackson.core.JsonFactory.builder()
                    .streamReadConstraints(
                        com.fasterxml.jackson.core.StreamReadConstraints.builder()
                            .maxNestingDepth(10_000)
                            .build())
                    .build())
            .readTree(deep.toString());
    assertThat(KubectlJsonPath.render("{..missing}", node)).isEmpty();
  }
}
