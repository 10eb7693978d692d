package io.meshdojo.sandbox.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshdojo.grader.findings.Catalogue;
import io.meshdojo.grader.findings.Level;
import io.meshdojo.grader.intake.ResourceIntake;
import io.meshdojo.sandbox.Manifests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One rule book: every object of every conformance case, reference solution and setup, and of a
 * file of objects at the webhook's edges (src/test/resources/validation), gets the same verdict
 * from the sandbox's admission (what kubectl would be answered) and from the grader's intake (what
 * the grader models). The webhook's rules live in the grader's intake; the sandbox asks it through
 * {@link GraderIntakeValidator}, so the two cannot drift apart.
 */
class OneRuleBookTest {

  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<ManifestValidator> admission =
      List.of(
          new ModelSchemaValidator(), new ApiServerRulesValidator(), new GraderIntakeValidator());

  @Test
  void admissionAndTheGradersIntakeAgreeOnEveryObjectOfEveryCase() throws IOException {
    List<String> disagreements = new ArrayList<>();
    int refusedByBoth = 0;
    int objects = 0;
    for (Path file : manifests()) {
      List<ObjectNode> docs;
      try {
        docs = Manifests.parse(Files.readString(file), file.toString());
      } catch (RuntimeException unreadable) {
        continue; // kubectl would not send it either
      }
      for (ObjectNode o : docs) {
        objects++;
        List<String> admissionSays = admission(o);
        List<String> intakeSays = intake(o);
        if (admissionSays.isEmpty() != intakeSays.isEmpty()) {
          disagreements.add(
              file
                  + " "
                  + o.path("kind").asText()
                  + "/"
                  + o.at("/metadata/name").asText()
                  + ": admission "
                  + (admissionSays.isEmpty() ? "admits" : "refuses " + admissionSays)
                  + ", grader "
                  + (intakeSays.isEmpty() ? "admits" : "refuses " + intakeSays));
        } else if (!admissionSays.isEmpty()) {
          refusedByBoth++;
        }
      }
    }
    assertThat(objects).isGreaterThan(100);
    assertThat(refusedByBoth).as("the cases hold objects both refuse").isPositive();
    assertThat(disagreements).isEmpty();
  }

  /** Problems a sandbox answers with an error (strict field validation, kubectl's default). */
  private List<String> admission(ObjectNode o) {
    String apiVersion = o.path("apiVersion").asText();
    String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
    List<String> problems = new ArrayList<>();
    for (ManifestValidator v : admission) {
      v.validate(group, version, o.path("kind").asText(), o.deepCopy())
          .forEach(p -> problems.add(p.type() + " " + p.path()));
    }
    return problems;
  }

  /** Error-level findings of the grader's intake about the object. */
  private static List<String> intake(ObjectNode o) {
    ResourceIntake.Result read =
        ResourceIntake.readObjects("case", List.of(JSON.convertValue(o, MAP)));
    return read.findings().stream()
        .filter(f -> Catalogue.get().level(f) == Level.ERROR)
        .map(f -> f.code() + " " + f.args())
        .toList();
  }

  private static List<Path> manifests() throws IOException {
    List<Path> files = new ArrayList<>();
    for (Path root :
        List.of(
            Path.of("grader", "cases"),
            Path.of("labs"),
            Path.of("src/test/resources/validation"))) {
      try (Stream<Path> walk = Files.walk(root)) {
        walk.filter(Files::isRegularFile)
            .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".json"))
            .filter(p -> !p.getFileName().toString().equals("expected.yaml"))
            .filter(p -> !p.getFileName().toString().equals("lab.yaml"))
            .filter(p -> !p.getFileName().toString().endsWith(".schema.json"))
            .sorted()
            .forEach(files::add);
      }
    }
    return files;
  }
}
