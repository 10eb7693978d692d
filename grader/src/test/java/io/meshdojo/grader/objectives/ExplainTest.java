package io.meshdojo.grader.objectives;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshdojo.grader.mesh.Outcome;
import io.meshdojo.grader.mesh.Workload;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExplainTest {

  @Test
  void everyNoUpstreamReasonTheRouterGivesHasAChineseSentence() {
    assertThat(
            Explain.upstreamReasonZh(
                "subset v2 of reviews.bookinfo.svc.cluster.local is defined in no DestinationRule"))
        .isEqualTo("reviews.bookinfo.svc.cluster.local 的 subset v2 没有在任何 DestinationRule 中定义");
    assertThat(
            Explain.upstreamReasonZh("no pod serves reviews.bookinfo.svc.cluster.local subset v4"))
        .isEqualTo("没有 Pod 属于 reviews.bookinfo.svc.cluster.local 的 subset v4");
    assertThat(Explain.upstreamReasonZh("no pod serves ratings.bookinfo.svc.cluster.local"))
        .isEqualTo("没有 Pod 为 ratings.bookinfo.svc.cluster.local 提供服务");
    assertThat(
            Explain.upstreamReasonZh(
                "no provider for org.apache.dubbo.samples.basic.api.demoservice"))
        .isEqualTo("没有提供者为 org.apache.dubbo.samples.basic.api.demoservice 提供服务");
    assertThat(Explain.upstreamReasonZh("unknown client or host demoservice"))
        .isEqualTo("未知的客户端或主机 demoservice");
    assertThat(Explain.upstreamReasonZh("host reviews.default is not in the registry"))
        .isEqualTo("reviews.default 不在服务注册表中");
    assertThat(Explain.upstreamReasonZh("destination reviews.default is not in the registry"))
        .isEqualTo("reviews.default 不在服务注册表中");
    assertThat(
            Explain.upstreamReasonZh("VirtualService bookinfo/reviews rule 1 has no destination"))
        .isEqualTo("VirtualService bookinfo/reviews rule 1 没有任何目标");
  }

  @Test
  void outcomesThatReadTheSameAreToldOnceWithTheirSharesAddedUp() {
    Workload v2 =
        new Workload(
            "bookinfo", "reviews-v2", Map.of("app", "reviews", "version", "v2"), "r", 1, true);
    Workload v1 =
        new Workload(
            "bookinfo", "reviews-v1", Map.of("app", "reviews", "version", "v1"), "r", 1, true);
    Outcome viaFirstRule =
        new Outcome(Outcome.Kind.REACHED, 200, v2, "v2", 0, 0.5, List.of("rule 0"));
    Outcome viaSecondRule =
        new Outcome(Outcome.Kind.REACHED, 200, v2, "v2", 0, 0.3, List.of("rule 1"));
    Outcome toV1 = new Outcome(Outcome.Kind.REACHED, 200, v1, "v1", 0, 0.2, List.of("rule 1"));

    Bilingual alone = Explain.outcomes(List.of(viaFirstRule, viaSecondRule.withProbability(0.5)));
    assertThat(alone.en()).isEqualTo("reach reviews v2");
    assertThat(alone.zh()).isEqualTo("到达 reviews v2");

    Bilingual split = Explain.outcomes(List.of(viaFirstRule, toV1, viaSecondRule));
    assertThat(split.en()).isEqualTo("reach reviews v2 (80%) and reach reviews v1 (20%)");
    assertThat(split.zh()).isEqualTo("到达 reviews v2（80%），到达 reviews v1（20%）");
  }
}
