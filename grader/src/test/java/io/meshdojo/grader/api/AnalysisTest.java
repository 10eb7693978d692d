package io.meshdojo.grader.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshdojo.grader.findings.Catalogue;
import io.meshdojo.grader.findings.IstioctlCodes;
import io.meshdojo.grader.model.Resource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnalysisTest {

  private static final Environments ENVIRONMENTS =
      Environments.fromDirectory(Path.of("infra", "environments"));

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> bookinfoWith(String yaml) {
    List<Map<String, Object>> objects = new ArrayList<>();
    ENVIRONMENTS.baseline("bookinfo").stream().map(Resource::raw).forEach(objects::add);
    try {
      for (Yaml.Document d : Yaml.documents(yaml)) {
        objects.add((Map<String, Object>) d.value());
      }
    } catch (Yaml.Unreadable e) {
      throw new AssertionError(e);
    }
    return objects;
  }

  private static final String REVIEWS_V2 =
      """
      apiVersion: networking.istio.io/v1
      kind: VirtualService
      metadata: {name: reviews, namespace: bookinfo}
      spec:
        hosts: [reviews]
        http:
        - route:
          - destination: {host: reviews, subset: v2}
      """;

  @Test
  void aMissingSubsetIsIstioctlsIst0101InItsWording() {
    List<Analysis.Message> messages = Analysis.analyze(bookinfoWith(REVIEWS_V2), 26, "bookinfo");

    assertThat(messages)
        .extracting(Analysis.Message::line)
        .contains(
            "Error [IST0101] (VirtualService bookinfo/reviews) Referenced host+subset in"
                + " destinationrule not found: \"reviews+v2\"");
    assertThat(messages)
        .filteredOn(m -> m.code().equals("IST0101"))
        .allMatch(Analysis.Message::error);
  }

  @Test
  void theSubsetDefinedLeavesNothingToReport() {
    String dr =
        """
        ---
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: reviews, namespace: bookinfo}
        spec:
          host: reviews
          subsets:
          - {name: v2, labels: {version: v2}}
        """;
    assertThat(Analysis.analyze(bookinfoWith(REVIEWS_V2 + dr), 26, "bookinfo"))
        .extracting(Analysis.Message::code)
        .doesNotContain("IST0101", "MDJ0202");
  }

  @Test
  void anotherNamespaceIsLeftOutAndAllNamespacesKeepIt() {
    String elsewhere = REVIEWS_V2.replace("namespace: bookinfo", "namespace: default");
    assertThat(Analysis.analyze(bookinfoWith(elsewhere), 26, "bookinfo"))
        .noneMatch(m -> m.kind().equals("VirtualService"));
    assertThat(Analysis.analyze(bookinfoWith(elsewhere), 26, null))
        .anyMatch(m -> m.namespace().equals("default") && m.graderCode().equals("MDJ0201"));
  }

  @Test
  void aFindingIstioctlHasNoAnalyzerForKeepsTheGradersCode() {
    String fault =
        """
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: ratings, namespace: bookinfo}
        spec:
          hosts: [ratings]
          http:
          - fault: {delay: {fixedDelay: 7s}}
            route:
            - destination: {host: ratings}
        """;
    assertThat(Analysis.analyze(bookinfoWith(fault), 26, "bookinfo"))
        .extracting(Analysis.Message::line)
        .anyMatch(l -> l.startsWith("Error [MDJ0301] (VirtualService bookinfo/ratings) rule"));
  }

  @Test
  void theGatewayPortCodeFollowsTheIstioVersion() {
    var finding =
        io.meshdojo.grader.findings.Finding.of(
            "MDJ0207", "Gateway a/g", "port", "8080", "selector", "istio=ingressgateway");
    assertThat(IstioctlCodes.get().report(finding, "Gateway", "a", "g", 26).orElseThrow().code())
        .isEqualTo("IST0162");
    assertThat(IstioctlCodes.get().report(finding, "Gateway", "a", "g", 18).orElseThrow().code())
        .isEqualTo("IST0104");
  }

  @Test
  void everyMappedCodeIsInTheCatalogueAndEveryPlaceholderIsFilled() {
    Catalogue catalogue = Catalogue.get();
    IstioctlCodes.get()
        .codes()
        .forEach(
            (code, mappings) -> {
              Catalogue.Entry entry = catalogue.entry(code);
              for (IstioctlCodes.Mapping m : mappings) {
                java.util.regex.Matcher p =
                    java.util.regex.Pattern.compile("\\{([a-zA-Z]+)}").matcher(m.message());
                while (p.find()) {
                  assertThat(
                          List.of(
                                      "finding",
                                      "resourceName",
                                      "resourceNamespace",
                                      "written",
                                      "targetPort",
                                      "selector",
                                      "labels")
                                  .contains(p.group(1))
                              || entry.placeholders().contains(p.group(1)))
                      .as(code + " " + p.group(1))
                      .isTrue();
                }
              }
            });
  }
}
