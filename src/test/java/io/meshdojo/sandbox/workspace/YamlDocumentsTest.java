package io.meshdojo.sandbox.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshdojo.sandbox.workspace.YamlDocuments.Located;
import java.util.List;
import org.junit.jupiter.api.Test;

class YamlDocumentsTest {

  private static final String TWO =
      """
      # leading comment
      apiVersion: v1
      kind: Namespace
      metadata:
        name: one
      ---

      ---
      apiVersion: networking.istio.io/v1
      kind: VirtualService
      metadata:
        name: reviews
      spec:
        http:
        - route:
          - destination:
              host: reviews
            weight: 80
          - destination:
              subsett: v3
      """;

  @Test
  void documentsKeepTheirIndexAndFirstLineAndEmptyOnesAreSkipped() {
    List<Located> docs = YamlDocuments.read(TWO);
    assertThat(docs).extracting(Located::index).containsExactly(0, 2);
    assertThat(docs).extracting(Located::line).containsExactly(2, 9);
    assertThat(docs.get(1).object().path("metadata").path("name").asText()).isEqualTo("reviews");
  }

  @Test
  void aMessageNamingAFieldPointsAtThatFieldsLine() {
    Located vs = YamlDocuments.read(TWO).get(1);
    assertThat(vs.lines()).containsEntry("spec.http[0].route[1].destination.subsett", 20);
    assertThat(
            vs.lineOf(
                "strict decoding error: unknown field \"spec.http[0].route[1].destination.subsett\""))
        .isEqualTo(20);
    assertThat(
            vs.lineOf("VirtualService \"reviews\" is invalid: spec.http[0].route[0].weight: bad"))
        .isEqualTo(18);
    // A path that is only a prefix of a longer word does not count; unknown paths fall back.
    assertThat(vs.lineOf("spec.httpx is wrong")).isEqualTo(9);
    assertThat(vs.lineOf("something else entirely")).isEqualTo(9);
  }

  @Test
  void brokenYamlIsRefusedWithItsLine() {
    assertThatThrownBy(() -> YamlDocuments.read("kind: A\nmetadata:\n  name: [x\n  y: 1\n"))
        .isInstanceOfSatisfying(
            YamlDocuments.Unreadable.class, e -> assertThat(e.line()).isBetween(3, 5));
    assertThatThrownBy(() -> YamlDocuments.read("a: 1\na: 2\n"))
        .isInstanceOf(YamlDocuments.Unreadable.class)
        .hasMessageContaining("duplicate key");
    assertThatThrownBy(() -> YamlDocuments.read("- just\n- a list\n"))
        .isInstanceOfSatisfying(
            YamlDocuments.Unreadable.class,
            e -> {
              assertThat(e).hasMessageContaining("not a mapping");
              assertThat(e.line()).isEqualTo(1);
            });
  }

  @Test
  void deepOrHugeInputIsRefusedWithoutRecursion() {
    String deep = "a: ".repeat(1) + "[".repeat(5000) + "]".repeat(5000);
    assertThatThrownBy(() -> YamlDocuments.read(deep))
        .isInstanceOf(YamlDocuments.Unreadable.class)
        .hasMessageContaining("deeper");
    String huge = "a: " + "x".repeat(1_100_000);
    assertThatThrownBy(() -> YamlDocuments.read(huge))
        .isInstanceOf(YamlDocuments.Unreadable.class)
        .hasMessageContaining("larger");
  }
}
