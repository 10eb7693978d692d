package io.meshdojo.sandbox.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshdojo.sandbox.embedded.ResourceType;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExplainTextTest {

  private static ResourceType type(String name) {
    return TypeNames.resolve(name).get(0);
  }

  @Test
  void explainsAKindWithItsTopLevelFields() {
    ExplainText.Explanation e = ExplainText.explain(type("vs"), List.of());
    assertThat(e.found()).isTrue();
    assertThat(e.text())
        .startsWith(
            "GROUP:      networking.istio.io\nKIND:       VirtualService\nVERSION:    v1\n\n")
        .contains("FIELDS:\n")
        .contains("  apiVersion\t<string>\n")
        .contains("  metadata\t<Object>\n")
        .contains("  spec\t<Object>\n");
  }

  @Test
  void followsAFieldPathThroughListsAndShowsTypes() {
    ExplainText.Explanation spec = ExplainText.explain(type("vs"), List.of("spec"));
    assertThat(spec.text())
        .contains("FIELD: spec <Object>\n")
        .contains("  hosts\t<[]string>\n")
        .contains("  http\t<[]Object>\n");
    ExplainText.Explanation weight =
        ExplainText.explain(type("virtualservice"), List.of("spec", "http", "route", "weight"));
    assertThat(weight.found()).isTrue();
    assertThat(weight.text()).contains("FIELD: weight <integer>\n").doesNotContain("FIELDS:");
    ExplainText.Explanation labels =
        ExplainText.explain(type("pod"), List.of("metadata", "labels"));
    assertThat(labels.text()).contains("FIELD: labels <map[string]string>");
  }

  @Test
  void listsEnumValues() {
    ExplainText.Explanation mode = ExplainText.explain(type("pa"), List.of("spec", "mtls", "mode"));
    assertThat(mode.found()).isTrue();
    assertThat(mode.text())
        .contains("FIELD: mode <string>")
        .contains("STRICT")
        .contains("PERMISSIVE");
  }

  @Test
  void anUnknownFieldIsKubectlsError() {
    ExplainText.Explanation e = ExplainText.explain(type("dr"), List.of("spec", "hots"));
    assertThat(e.found()).isFalse();
    assertThat(e.text()).isEqualTo("error: field \"hots\" does not exist under spec");
  }

  @Test
  void kindsWithoutAModelAreKnownAtTheTopOnly() {
    ResourceType limiter = type("smartlimiter");
    assertThat(ExplainText.explain(limiter, List.of()).text()).contains("  spec\t<Object>\n");
    ExplainText.Explanation deeper = ExplainText.explain(limiter, List.of("spec", "sets"));
    assertThat(deeper.found()).isFalse();
    assertThat(deeper.text())
        .isEqualTo("error: the schema of SmartLimiter.spec is not known to this sandbox");
  }
}
