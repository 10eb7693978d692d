package io.meshdojo.grader.checks;

/** YAML fixtures with one typical mistake per check, applied on top of the ecosystem baseline. */
final class Mistakes {

  private Mistakes() {}

  /** Check id -> YAML that triggers it. */
  static final java.util.Map<String, String> BY_CHECK =
      java.util.Map.ofEntries(
          java.util.Map.entry(
              "vs-destination-host-not-found",
              """
              apiVersion: networking.istio.io/v1
              kind: VirtualService
              metadata: {name: r, namespace: bookinfo}
              spec:
                hosts: [reviews]
                http: [{route: [{destination: {host: reveiws}}]}]
              """),
          java.util.Map.entry(
              "vs-subset-not-found",
              """
              apiVersion: networking.istio.io/v1
              kind: VirtualService
              metadata: {name: r, namespace: bookinfo}
              spec:
                hosts: [reviews]
                http: [{route: [{destination: {host: reviews, subset: v2}}]}]
              """),
          java.util.Map.entry(
              "vs-gateway-not-found",
              """
              apiVersion: networking.istio.io/v1
              kind: VirtualService
              metadata: {name: r, namespace: bookinfo}
              spec:
                hosts: ["*"]
                gateways: [bookinfo-gateway]
                http: [{route: [{destination: {host: productpage}}]}]
              """),
          java.util.Map.entry(
              "vs-host-not-in-gateway",
              """
              apiVersion: networking.istio.io/v1
              kind: Gateway
              metadata: {name: gw, namespace: bookinfo}
              spec:
                selector: {istio: ingressgateway}
                servers: [{port: {number: 8080, name: http, protocol: HTTP}, hosts: ["bookinfo.example.com"]}]
              ---
              apiVersion: networking.istio.io/v1
              kind: VirtualService
              metadata: {name: r, namespace: bookinfo}
              spec:
                hosts: [shop.example.com]
                gateways: [gw]
                http: [{route: [{destination: {host: productpage}}]}]
              """),
          java.util.Map.entry(
              "vs-conflicting-mesh-hosts",
              """
              apiVersion: networking.istio.io/v1
              kind: VirtualService
              metadata: {name: a, namespace: bookinfo}
              spec:
                hosts: [reviews]
                http: [{route: [{destination: {host: reviews}}]}]
              ---
              apiVersion: networking.istio.io/v1
              kind: VirtualService
              metadata: {name: b, namespace: bookinfo}
              spec:
                hosts: [reviews.bookinfo.svc.cluster.local]
                http: [{route: [{destination: {host: reviews}}]}]
              """),
          java.util.Map.entry(
              "vs-unreachable-rule",
              """
              apiVersion: networking.istio.io/v1
              kind: VirtualService
              metadata: {name: r, namespace: bookinfo}
              spec:
                hosts: [reviews]
                http:
                - route: [{destination: {host: reviews}}]
                - match: [{headers: {end-user: {exact: jason}}}]
                  route: [{destination: {host: reviews}}]
              """),
          java.util.Map.entry(
              "service-port-name-protocol",
              """
              apiVersion: v1
              kind: Service
              metadata: {name: extra, namespace: bookinfo}
              spec:
                selector: {app: details}
                ports: [{name: web, port: 8000}]
              """),
          java.util.Map.entry(
              "gateway-port-not-on-service",
              """
              apiVersion: networking.istio.io/v1
              kind: Gateway
              metadata: {name: gw, namespace: bookinfo}
              spec:
                selector: {istio: ingressgateway}
                servers: [{port: {number: 9999, name: http, protocol: HTTP}, hosts: ["*"]}]
              """),
          java.util.Map.entry(
              "gateway-credential-invalid",
              """
              apiVersion: networking.istio.io/v1
              kind: Gateway
              metadata: {name: gw, namespace: bookinfo}
              spec:
                selector: {istio: ingressgateway}
                servers:
                - port: {number: 443, name: https, protocol: HTTPS}
                  hosts: [bookinfo.example.com]
                  tls: {mode: SIMPLE, credentialName: bookinfo-credential}
              """),
          java.util.Map.entry(
              "dr-tls-without-ca",
              """
              apiVersion: networking.istio.io/v1
              kind: DestinationRule
              metadata: {name: d, namespace: bookinfo}
              spec:
                host: details
                trafficPolicy: {tls: {mode: SIMPLE}}
              """),
          java.util.Map.entry(
              "pod-missing-proxy",
              """
              apiVersion: apps/v1
              kind: Deployment
              metadata: {name: web, namespace: bookinfo}
              spec: {selector: {matchLabels: {app: web}}, template: {metadata: {labels: {app: web}}, spec: {containers: [{name: web, image: nginx}]}}}
              ---
              apiVersion: v1
              kind: Pod
              metadata:
                name: web-5d9c7b-x2k8q
                namespace: bookinfo
                labels: {app: web, pod-template-hash: 5d9c7b}
                ownerReferences:
                - {apiVersion: apps/v1, kind: ReplicaSet, name: web-5d9c7b, uid: u1, controller: true}
              spec: {containers: [{name: web, image: nginx}]}
              """),
          java.util.Map.entry(
              "injection-revision-missing",
              """
              apiVersion: v1
              kind: Namespace
              metadata:
                name: legacy
                labels: {istio.io/rev: stable}
              """),
          java.util.Map.entry(
              "policy-selector-matches-nothing",
              """
              apiVersion: security.istio.io/v1
              kind: AuthorizationPolicy
              metadata: {name: a, namespace: bookinfo}
              spec:
                selector: {matchLabels: {app: review}}
                rules: [{}]
              """),
          java.util.Map.entry(
              "telemetry-several-namespace-wide",
              """
              apiVersion: telemetry.istio.io/v1alpha1
              kind: Telemetry
              metadata: {name: a, namespace: bookinfo}
              spec:
                tracing: [{randomSamplingPercentage: 10}]
              ---
              apiVersion: telemetry.istio.io/v1
              kind: Telemetry
              metadata: {name: b, namespace: bookinfo}
              spec:
                accessLogging: [{providers: [{name: envoy}]}]
              """),
          java.util.Map.entry(
              "vs-fault-without-percentage",
              """
              apiVersion: networking.istio.io/v1
              kind: VirtualService
              metadata: {name: r, namespace: bookinfo}
              spec:
                hosts: [ratings]
                http: [{fault: {delay: {fixedDelay: 7s}}, route: [{destination: {host: ratings}}]}]
              """),
          java.util.Map.entry(
              "mtls-strict-with-disable-client",
              """
              apiVersion: security.istio.io/v1
              kind: PeerAuthentication
              metadata: {name: default, namespace: bookinfo}
              spec: {mtls: {mode: STRICT}}
              ---
              apiVersion: networking.istio.io/v1
              kind: DestinationRule
              metadata: {name: d, namespace: bookinfo}
              spec:
                host: ratings
                trafficPolicy: {tls: {mode: DISABLE}}
              """),
          java.util.Map.entry(
              "dotted-short-host",
              """
              apiVersion: networking.istio.io/v1
              kind: VirtualService
              metadata: {name: r, namespace: bookinfo}
              spec:
                hosts: [reviews.bookinfo]
                http: [{route: [{destination: {host: reviews}}]}]
              """),
          java.util.Map.entry(
              "ap-principal-without-service-account",
              """
              apiVersion: security.istio.io/v1
              kind: AuthorizationPolicy
              metadata: {name: a, namespace: bookinfo}
              spec:
                selector: {matchLabels: {app: ratings}}
                rules: [{from: [{source: {principals: [cluster.local/ns/bookinfo/sa/reviews]}}]}]
              """),
          java.util.Map.entry(
              "dr-subset-selects-no-pods",
              """
              apiVersion: networking.istio.io/v1
              kind: DestinationRule
              metadata: {name: d, namespace: bookinfo}
              spec:
                host: reviews
                subsets: [{name: v4, labels: {version: v4}}]
              """),
          java.util.Map.entry(
              "slime-smartlimiter-target",
              """
              apiVersion: microservice.slime.io/v1alpha2
              kind: SmartLimiter
              metadata: {name: reviews-limit, namespace: bookinfo}
              spec:
                sets:
                  _base:
                    descriptor:
                    - action: {quota: "10", fill_interval: {seconds: 1}, strategy: single}
                      condition: "true"
                      target: {port: 9080}
              ---
              apiVersion: microservice.slime.io/v1alpha2
              kind: SmartLimiter
              metadata: {name: ratings, namespace: bookinfo}
              spec:
                sets:
                  v9:
                    descriptor:
                    - action: {quota: "10", fill_interval: {seconds: 1}, strategy: single}
                      condition: "true"
                      target: {port: 8080}
              """),
          java.util.Map.entry(
              "slime-smartlimiter-expressions",
              """
              apiVersion: microservice.slime.io/v1alpha2
              kind: SmartLimiter
              metadata: {name: reviews, namespace: bookinfo}
              spec:
                sets:
                  _base:
                    descriptor:
                    - action: {quota: "thirty", fill_interval: {seconds: 1}, strategy: single}
                      condition: "{cpu}>0.8"
                      target: {port: 9080}
              """),
          java.util.Map.entry(
              "aeraki-metarouter-host",
              """
              apiVersion: metaprotocol.aeraki.io/v1alpha1
              kind: MetaRouter
              metadata: {name: m, namespace: meta-dubbo}
              spec:
                hosts: [demoservice]
                routes: [{name: all, route: [{destination: {host: demoservice}}]}]
              """),
          java.util.Map.entry(
              "aeraki-metarouter-subset",
              """
              apiVersion: metaprotocol.aeraki.io/v1alpha1
              kind: MetaRouter
              metadata: {name: m, namespace: meta-dubbo}
              spec:
                hosts: [org.apache.dubbo.samples.basic.api.demoservice]
                routes:
                - name: all
                  route: [{destination: {host: org.apache.dubbo.samples.basic.api.demoservice, subset: v3}}]
              """),
          java.util.Map.entry(
              "aeraki-metarouter-shared-host",
              """
              apiVersion: metaprotocol.aeraki.io/v1alpha1
              kind: MetaRouter
              metadata: {name: m, namespace: meta-dubbo}
              spec:
                hosts: [org.apache.dubbo.samples.basic.api.demoservice]
                routes:
                - name: split
                  route:
                  - {destination: {host: org.apache.dubbo.samples.basic.api.demoservice, subset: v1}, weight: 20}
                  - {destination: {host: org.apache.dubbo.samples.basic.api.demoservice, subset: v2}, weight: 80}
              ---
              apiVersion: metaprotocol.aeraki.io/v1alpha1
              kind: MetaRouter
              metadata: {name: m2, namespace: meta-dubbo}
              spec:
                hosts: [org.apache.dubbo.samples.basic.api.demoservice]
                routes: [{name: all, route: [{destination: {host: org.apache.dubbo.samples.basic.api.demoservice}}]}]
              """));
}
