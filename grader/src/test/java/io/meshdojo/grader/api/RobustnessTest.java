package io.meshdojo.grader.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Odd but parseable input must give findings or a verdict, never an exception. */
class RobustnessTest {

  private static final Grader GRADER = Grader.fromDirectory(Path.of("labs"));

  @ParameterizedTest
  @ValueSource(
      strings = {
        "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: a, namespace: bookinfo}\n",
        "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: a, namespace: bookinfo}\nspec:\n",
        "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: a, namespace: bookinfo}\nspec: {hosts: [reviews], http: [null]}\n",
        "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: a, namespace: bookinfo}\nspec: {hosts: [null], http: [{route: [null]}]}\n",
        "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: a, namespace: bookinfo}\nspec: {hosts: [reviews], http: [{match: [null, {}], route: [{destination: {}}]}]}\n",
        "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: a, namespace: bookinfo}\nspec: {hosts: [reviews], http: [{route: [{destination: {host: reviews, subset: v1}}], fault: {delay: {}}}]}\n",
        "apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: a, namespace: bookinfo}\nspec: {subsets: [null, {}], trafficPolicy: {portLevelSettings: [null, {}]}}\n",
        "apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: a, namespace: bookinfo}\nspec: {selector: {istio: ingressgateway}, servers: [null, {}, {port: {}}]}\n",
        "apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {name: a, namespace: bookinfo}\nspec: {rules: [null, {from: [null, {}], to: [{}], when: [null, {}]}]}\n",
        "apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: a, namespace: bookinfo}\nspec: {selector: {}, portLevelMtls: {\"9080\": null}}\n",
        "apiVersion: microservice.slime.io/v1alpha2\nkind: SmartLimiter\nmetadata: {name: reviews, namespace: bookinfo}\nspec: {sets: {_base: null, v1: {descriptor: [null]}}}\n",
        "apiVersion: microservice.slime.io/v1alpha2\nkind: SmartLimiter\nmetadata: {name: reviews, namespace: bookinfo}\nspec: {sets: {_base: {descriptor: [{action: {}, condition: 'true', target: {}}]}}}\n",
        "apiVersion: metaprotocol.aeraki.io/v1alpha1\nkind: MetaRouter\nmetadata: {name: m, namespace: meta-dubbo}\nspec: {hosts: [null], routes: [null, {route: [null, {}]}]}\n",
        "apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata: {name: s, namespace: bookinfo}\nspec: {hosts: [null], ports: [null, {}]}\n",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d, namespace: bookinfo}\nspec: {template: {metadata: {labels: null}}}\n",
        "apiVersion: v1\nkind: Service\nmetadata: {name: s, namespace: bookinfo}\nspec: {ports: [null, {}]}\n",
        "apiVersion: telemetry.istio.io/v1\nkind: Telemetry\nmetadata: {name: t, namespace: bookinfo}\nspec: {tracing: [null, {}]}\n",
        "- just\n- a list\n",
        "42\n",
        "apiVersion: [1]\nkind: {a: b}\n",
      })
  void neverThrows(String yaml) {
    for (String lab :
        List.of(
            "request-routing", "authz-bookinfo", "slime-smartlimiter", "aeraki-dubbo-routing")) {
      GradeResult r = GRADER.grade(lab, List.of(new Submission("odd.yaml", yaml)), "en");
      assertThat(r.objectives()).isNotEmpty();
    }
  }
}
