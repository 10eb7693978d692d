package io.meshdojo.grader.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** istiod's strict reading of the mesh config document, as {@link MeshConfig#unreadable} has it. */
class MeshConfigReadableTest {

  @Test
  void aFieldIstiodDoesNotKnowMakesTheWholeDocumentUnreadable() {
    assertThat(MeshConfig.unreadable("accessLogFile: /dev/stdout\nenableAutoMTLS: true\n"))
        .contains("unknown field \"enableAutoMTLS\" in istio.mesh.v1alpha1.MeshConfig");
    assertThat(MeshConfig.unreadable("accessLogFile: /dev/stdout\nenableAutoMtls: true\n"))
        .isEmpty();
    // istiod takes the proto's own names too.
    assertThat(MeshConfig.unreadable("access_log_file: /dev/stdout\nenable_auto_mtls: true\n"))
        .isEmpty();
    assertThat(MeshConfig.unreadable("")).isEmpty();
    assertThat(MeshConfig.unreadable("just text")).isPresent();
  }

  /**
   * Every mesh config the project ships (environments, labs, conformance cases) reads as istiod
   * reads it, except where a lab breaks it on purpose: the field list has no false alarm.
   */
  @Test
  void everyShippedMeshConfigIsReadableButTheBrokenOne() throws IOException {
    Pattern mesh = Pattern.compile("(?m)^  mesh: \\|-?\\n((?:    .*\\n|\\n)+)");
    List<String> unreadable = new ArrayList<>();
    for (String root : List.of("infra/environments", "labs", "grader/cases")) {
      Path dir = Path.of(root);
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
          Matcher m = mesh.matcher(Files.readString(f));
          while (m.find()) {
            String text = m.group(1).replaceAll("(?m)^    ", "");
            if (MeshConfig.unreadable(text).isPresent()) {
              unreadable.add(f.toString());
            }
          }
        }
      }
    }
    assertThat(unreadable)
        .containsExactly(
            Path.of("labs/troubleshoot-control-plane/setup/20-mesh-config.yaml").toString());
  }
}
