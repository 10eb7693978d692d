package io.meshdojo.sandbox.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class DescribeTextTest {

  @Test
  void describesLikeKubectlsGenericDescriber() throws Exception {
    JsonNode vs =
        new ObjectMapper()
            .readTree(
                """
                {"apiVersion":"networking.istio.io/v1","kind":"VirtualService",
                 "metadata":{"name":"reviews","namespace":"bookinfo","uid":"u-1",
                   "resourceVersion":"42","creationTimestamp":"2026-01-01T00:00:00Z",
                   "labels":{"app":"reviews","team":"books"},
                   "annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{}"}},
                 "spec":{"hosts":["reviews"],
                   "http":[{"route":[{"destination":{"host":"reviews","subset":"v1"},"weight":100}]}]}}
                """);
    assertThat(DescribeText.describe(vs, List.of()))
        .isEqualTo(
            """
            Name:         reviews
            Namespace:    bookinfo
            Labels:       app=reviews
                          team=books
            Annotations:  <none>
            API Version:  networking.istio.io/v1
            Kind:         VirtualService
            Metadata:
              Creation Timestamp:  2026-01-01T00:00:00Z
              Resource Version:    42
              UID:                 u-1
            Spec:
              Hosts:
                reviews
              Http:
                Route:
                  Destination:
                    Host:    reviews
                    Subset:  v1
                  Weight:  100
            Events:       <none>
            """);
  }

  @Test
  void listsTheObjectsEventsAsKubectlDoes() throws Exception {
    ObjectMapper json = new ObjectMapper();
    JsonNode pod =
        json.readTree("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\"}}");
    JsonNode event =
        json.readTree(
            """
            {"type":"Normal","reason":"Scheduled","lastTimestamp":"2026-01-01T00:00:00Z",
             "source":{"component":"default-scheduler"},"message":"Successfully assigned (simulated)"}
            """);
    assertThat(DescribeText.describe(pod, List.of(event)))
        .containsPattern(
            "Events:\n  Type +Reason +Age +From +Message\n  ---- +------ +---- +---- +-------\n")
        .containsPattern(
            "  Normal +Scheduled +\\d+d +default-scheduler +Successfully assigned \\(simulated\\)\n");
  }

  @Test
  void titlesCamelCaseNames() {
    assertThat(DescribeText.title("creationTimestamp")).isEqualTo("Creation Timestamp");
    assertThat(DescribeText.title("uid")).isEqualTo("UID");
    assertThat(DescribeText.title("apiVersion")).isEqualTo("Api Version");
  }
}
