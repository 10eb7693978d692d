package io.meshdojo.lab;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshdojo.content.ClasspathFolder;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A broken lab file fails loading with its name and the reason. */
class LabLoaderTest {

  private static Map<String, String> realLabsWith(String path, String text) throws Exception {
    Map<String, String> files = new HashMap<>(ClasspathFolder.readTree(Path.of("labs")));
    files.put(path, text);
    return files;
  }

  @Test
  void schemaViolationsNameTheFileAndTheField() throws Exception {
    String lab =
        realLabsWith("x", "")
            .get("request-routing/lab.yaml")
            .replace("name: request-routing", "name: copy")
            .replace("environment: bookinfo", "environment: moon-base");
    assertThatThrownBy(() -> new LabLoader().load(realLabsWith("copy/lab.yaml", lab)))
        .hasMessageContaining("labs/copy/lab.yaml")
        .hasMessageContaining("environment");
  }

  @Test
  void aMissingSolutionFileAndAWrongNameAreReported() throws Exception {
    String lab =
        realLabsWith("x", "")
            .get("traffic-shifting/lab.yaml")
            .replace("name: traffic-shifting", "name: not-the-folder");
    assertThatThrownBy(() -> new LabLoader().load(realLabsWith("shifted/lab.yaml", lab)))
        .hasMessageContaining("labs/shifted/lab.yaml: metadata.name 'not-the-folder' differs")
        .hasMessageContaining("which does not exist");
  }

  @Test
  void unreadableYamlIsReported() throws Exception {
    assertThatThrownBy(
            () -> new LabLoader().load(realLabsWith("broken/lab.yaml", "spec: [unclosed\n")))
        .hasMessageContaining("labs/broken/lab.yaml: not valid YAML");
  }
}
