package io.meshdojo.grader.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Quota templates are filled in the way Slime's limiter computes them. */
class LimitsTest {

  @Test
  void aPodCountTemplateIsSplitPerPodRoundingUpLikeSlime() {
    assertThat(Limits.quota("30/{{._base.pod}}", 3)).hasValue(10);
    assertThat(Limits.quota("30/{{._base.pod}}", 4)).hasValue(8);
    assertThat(Limits.quota("30/{{ ._base.pod }}", 7)).hasValue(5);
    assertThat(Limits.quota("(10+20)/{{._base.pod}}", 3)).hasValue(10);
    assertThat(Limits.quota("100", 3)).hasValue(100);
  }

  @Test
  void anySpaceOutsideTheTemplateBracesMakesNoQuota() {
    // Go's template step allows spaces inside {{ }}; Slime's calculator refuses any other space.
    assertThat(Limits.quota("30 / {{._base.pod}}", 3)).isEmpty();
    assertThat(Limits.quota("30/{{._base.pod}} ", 3)).isEmpty();
    assertThat(Limits.quota(" 30", 3)).isEmpty();
    assertThat(Limits.spaceOutsideTemplate("30 / {{._base.pod}}")).isTrue();
    assertThat(Limits.spaceOutsideTemplate("30/{{ ._base.pod }}")).isFalse();
  }

  @Test
  void aConditionIsJudgedByWhetherItHoldsAtThePodCount() {
    assertThat(Limits.conditionHolds("true", 3)).hasValue(true);
    assertThat(Limits.conditionHolds("{{._base.pod}}>0", 1)).hasValue(true);
    assertThat(Limits.conditionHolds("{{._base.pod}}>2", 2)).hasValue(false);
    assertThat(Limits.conditionHolds("{{._base.pod}}<10", 6)).hasValue(true);
    // Metrics the grader cannot know, and syntax Slime's calculator refuses, never "always hold".
    assertThat(Limits.conditionHolds("{{._base.cpu.sum}}>100", 3)).isEmpty();
    assertThat(Limits.conditionHolds("{{._base.pod}} > 0", 3)).isEmpty();
    assertThat(Limits.conditionHolds("{{._base.pod}}>=1", 3)).isEmpty();
  }

  @Test
  void divisionByZeroGivesZeroAsInSlime() {
    assertThat(Limits.quota("30/{{._base.pod}}", 0)).hasValue(0);
  }

  @Test
  void decimalsAndMalformedTemplatesAreNotQuotas() {
    assertThat(Limits.quota("7.5", 3)).isEmpty();
    assertThat(Limits.quota("30/", 3)).isEmpty();
    assertThat(Limits.quota("30/{{._base.cpu.sum}}", 3)).isEmpty();
    assertThat(Limits.validQuota("thirty")).isFalse();
  }
}
