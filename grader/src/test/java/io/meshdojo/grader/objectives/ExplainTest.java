package io.meshdojo.grader.objectives;

import static org.assertj.core.api.Assertions.assertThat;

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
}
