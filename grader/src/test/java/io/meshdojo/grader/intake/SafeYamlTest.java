package io.meshdojo.grader.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SafeYamlTest {

  @Test
  void readsSeveralDocumentsWithCoreSchemaScalars() throws Exception {
    List<Object> docs = SafeYaml.parseAll("a: 1\nb: true\nc: '1'\nd: 1.5\ne: ~\n---\n- x\n");
    assertThat(docs).hasSize(2);
    @SuppressWarnings("unchecked")
    Map<String, Object> first = (Map<String, Object>) docs.get(0);
    assertThat(first).containsEntry("a", 1).containsEntry("b", true).containsEntry("c", "1");
    assertThat(first).containsEntry("d", 1.5).containsEntry("e", null);
    assertThat(docs.get(1)).isEqualTo(List.of("x"));
  }

  @Test
  void rejectsDuplicateKeys() {
    assertThatThrownBy(() -> SafeYaml.parseAll("a: 1\na: 2\n"))
        .isInstanceOf(SafeYaml.YamlRejected.class)
        .hasMessageContaining("duplicate key 'a'");
  }

  @Test
  void rejectsDeepNestingWithoutOverflowingTheStack() {
    String deep = "[".repeat(5000) + "]".repeat(5000);
    assertThatThrownBy(() -> SafeYaml.parseAll(deep))
        .isInstanceOf(SafeYaml.YamlRejected.class)
        .hasMessageContaining("nesting deeper");
    StringBuilder block = new StringBuilder();
    for (int i = 0; i < 100; i++) {
      block.append("  ".repeat(i)).append("k").append(i).append(":\n");
    }
    assertThatThrownBy(() -> SafeYaml.parseAll(block.toString()))
        .isInstanceOf(SafeYaml.YamlRejected.class);
  }

  @Test
  void acceptsNestingUpToTheLimit() throws Exception {
    String ok = "[".repeat(SafeYaml.MAX_DEPTH) + "]".repeat(SafeYaml.MAX_DEPTH);
    assertThat(SafeYaml.parseAll(ok)).hasSize(1);
  }

  @Test
  void rejectsAliasBombsAndCollectionAliases() {
    StringBuilder bomb = new StringBuilder("a: &a x\n");
    for (int i = 0; i < SafeYaml.MAX_ALIASES + 1; i++) {
      bomb.append("k").append(i).append(": *a\n");
    }
    assertThatThrownBy(() -> SafeYaml.parseAll(bomb.toString()))
        .isInstanceOf(SafeYaml.YamlRejected.class)
        .hasMessageContaining("aliases");
    assertThatThrownBy(() -> SafeYaml.parseAll("a: &a [1, 2]\nb: *a\n"))
        .isInstanceOf(SafeYaml.YamlRejected.class);
  }

  @Test
  void scalarAliasesWithinTheLimitAreResolved() throws Exception {
    assertThat(SafeYaml.parseAll("a: &x hello\nb: *x\n").get(0))
        .isEqualTo(Map.of("a", "hello", "b", "hello"));
  }

  @Test
  void rejectsOversizedInputBeforeParsing() {
    String big = "a: " + "x".repeat(SafeYaml.MAX_BYTES) + "\n";
    assertThatThrownBy(() -> SafeYaml.parseAll(big))
        .isInstanceOf(SafeYaml.YamlRejected.class)
        .hasMessageContaining("larger than");
  }

  @Test
  void rejectsBrokenSyntax() {
    assertThatThrownBy(() -> SafeYaml.parseAll("a: [1, 2\n"))
        .isInstanceOf(SafeYaml.YamlRejected.class);
  }
}
