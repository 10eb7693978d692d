package io.meshdojo.sandbox.kind;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * infra/images.yaml is the one list an operator pre-pulls or mirrors: it must name exactly the
 * images that the manifests and values files under infra/ reference, each pinned by tag.
 */
class ImageListTest {

  static final Path INFRA = Path.of("infra");
  static final Path LIST = INFRA.resolve("images.yaml");
  static final Path DEPLOY = INFRA.resolve("deploy");
  static final YAMLMapper YAML = new YAMLMapper();

  /** registry/path:tag, the registry named explicitly so a mirror can be substituted. */
  static final Pattern PINNED =
      Pattern.compile("[a-z0-9.-]+\\.[a-z]+/[a-z0-9._/-]+:[A-Za-z0-9._-]+");

  static Map<String, String> listed;
  static Map<String, Set<String>> referenced;

  @BeforeAll
  static void read() throws IOException {
    listed = new TreeMap<>();
    for (JsonNode entry : YAML.readTree(LIST.toFile()).get("images")) {
      String image = entry.get("image").asText();
      assertThat(listed).as("listed twice: " + image).doesNotContainKey(image);
      listed.put(image, entry.has("unpinned") ? entry.get("unpinned").asText() : null);
    }
    referenced = new TreeMap<>();
    try (Stream<Path> files = Files.walk(INFRA)) {
      for (Path file : files.filter(ImageListTest::isYaml).sorted().toList()) {
        // The service's own Helm chart: its image is the service's, not a sandbox's, and its
        // templates become YAML only when rendered (DeployChartTest checks them).
        if (file.equals(LIST) || file.startsWith(DEPLOY)) {
          continue;
        }
        try (MappingIterator<JsonNode> docs =
            YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
          while (docs.hasNext()) {
            for (String image : images(docs.next())) {
              referenced
                  .computeIfAbsent(image, k -> new TreeSet<>())
                  .add(INFRA.relativize(file).toString());
            }
          }
        }
      }
    }
  }

  static boolean isYaml(Path p) {
    String name = p.getFileName().toString();
    return Files.isRegularFile(p) && (name.endsWith(".yaml") || name.endsWith(".yml"));
  }

  /**
   * Image references in one document: image fields, an environment's kind node image, proxy image
   * annotations, repository+tag pairs.
   */
  static List<String> images(JsonNode node) {
    List<String> found = new ArrayList<>();
    collect(node, found);
    return found;
  }

  private static void collect(JsonNode node, List<String> found) {
    if (node == null) {
      return;
    }
    if (node.isArray()) {
      node.forEach(child -> collect(child, found));
      return;
    }
    if (!node.isObject()) {
      return;
    }
    if (node.path("repository").isTextual() && node.path("tag").isTextual()) {
      found.add(node.get("repository").asText() + ":" + node.get("tag").asText());
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      boolean imageField =
          field.getKey().equals("image")
              || field.getKey().equals("nodeImage")
              || field.getKey().equals("sidecar.istio.io/proxyImage");
      if (imageField && field.getValue().isTextual() && !field.getValue().asText().equals("auto")) {
        found.add(field.getValue().asText());
      } else {
        collect(field.getValue(), found);
      }
    }
  }

  @Test
  void everyImageReferencedInInfraIsListed() {
    assertThat(referenced).isNotEmpty();
    Map<String, Set<String>> unlisted = new TreeMap<>(referenced);
    unlisted.keySet().removeAll(listed.keySet());
    assertThat(unlisted).as("images used in infra/ but missing from infra/images.yaml").isEmpty();
  }

  @Test
  void everyListedImageIsUsedSomewhere() {
    Set<String> unused = new TreeSet<>(listed.keySet());
    unused.removeAll(referenced.keySet());
    assertThat(unused).as("images in infra/images.yaml that nothing in infra/ uses").isEmpty();
  }

  @Test
  void everyImageNamesItsRegistryAndATagAndLatestOnlyWithAReason() {
    for (Map.Entry<String, String> image : listed.entrySet()) {
      assertThat(image.getKey()).as("fully qualified and tagged").matches(PINNED);
      if (image.getKey().endsWith(":latest")) {
        assertThat(image.getValue())
            .as(image.getKey() + " needs an `unpinned` reason")
            .isNotBlank();
      } else {
        assertThat(image.getValue()).as(image.getKey() + " is pinned; no `unpinned` note").isNull();
      }
    }
  }

  /**
   * Hosts Istio stopped publishing to with 1.31 and switches off in December 2026: Google's
   * container registries, Istio's own registry alias in front of them, and the chart bucket.
   */
  static final List<String> RETIRED_HOSTS =
      List.of("gcr.io", "registry.istio.io", "istio-release.storage.googleapis.com");

  @Test
  void noFileInInfraNamesARetiredHost() throws IOException {
    Map<String, String> offending = new TreeMap<>();
    try (Stream<Path> files = Files.walk(INFRA)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        String text = Files.readString(file);
        for (String host : RETIRED_HOSTS) {
          if (text.contains(host)) {
            offending.put(INFRA.relativize(file).toString(), host);
          }
        }
      }
    }
    assertThat(offending).as("files under infra/ naming a retired host").isEmpty();
  }

  @Test
  void everyIstioImageComesFromDockerHub() {
    assertThat(listed.keySet())
        .filteredOn(image -> image.contains("/istio/"))
        .isNotEmpty()
        .allMatch(image -> image.startsWith("docker.io/istio/"));
  }

  @Test
  void theScannerFindsEachKindOfReference() throws IOException {
    JsonNode doc =
        YAML.readTree(
            """
            spec:
              template:
                metadata:
                  annotations:
                    sidecar.istio.io/proxyImage: ghcr.io/x/proxy:1.0
                spec:
                  containers:
                    - image: docker.io/x/app:2.0
                  gateway:
                    image: auto
              image:
                repository: docker.io/x/module
                tag: v3
            """);
    assertThat(images(doc))
        .containsExactlyInAnyOrder(
            "ghcr.io/x/proxy:1.0", "docker.io/x/app:2.0", "docker.io/x/module:v3");
  }

  @Test
  void theIstioImagesMatchEachEnvironmentsPinnedVersion() {
    for (KindInstall install : KindInstalls.load(INFRA).values()) {
      String v = install.istio().version();
      assertThat(referenced.get("docker.io/istio/pilot:" + v)).as("pilot " + v).isNotEmpty();
      assertThat(referenced.get("docker.io/istio/proxyv2:" + v)).as("proxyv2 " + v).isNotEmpty();
      // The toolbox's istioctl is the environment's: the newest version it can upgrade to.
      String istioctl =
          io.meshdojo.grader.api.Environments.fromDirectory(INFRA.resolve("environments"))
              .get(install.environment())
              .istioctlVersion();
      assertThat(referenced.get("docker.io/istio/istioctl:" + istioctl))
          .as("istioctl " + istioctl + " in the toolbox")
          .contains(install.toolbox().pod());
      assertThat(referenced.get(install.node().image())).isNotEmpty();
    }
    assertThat(referenced.get("ghcr.io/aeraki-mesh/meta-protocol-proxy:1.4.1"))
        .containsExactlyInAnyOrder("aeraki/demo/dubbo.yaml", "aeraki/demo/thrift.yaml");
  }
}
