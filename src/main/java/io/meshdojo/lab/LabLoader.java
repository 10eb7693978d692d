package io.meshdojo.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import io.meshdojo.content.Bilingual;
import io.meshdojo.content.ContentException;
import io.meshdojo.content.YamlFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code labs/<id>/lab.yaml} files, checks each against {@code labs/lab.schema.json} and that
 * the manifests it names exist, and fails with every problem found, each naming its file.
 */
public final class LabLoader {

  static final String SCHEMA = "lab.schema.json";
  private static final Pattern LAB_FILE = Pattern.compile("([^/]+)/lab\\.yaml");

  public List<Lab> load(Map<String, String> files) {
    List<String> problems = new ArrayList<>();
    if (!files.containsKey(SCHEMA)) {
      throw new ContentException(List.of("labs/" + SCHEMA + ": missing"));
    }
    JsonSchema schema = YamlFiles.schema(files.get(SCHEMA));
    List<Lab> labs = new ArrayList<>();
    for (Map.Entry<String, String> file : files.entrySet()) {
      Matcher m = LAB_FILE.matcher(file.getKey());
      if (m.matches()) {
        read(m.group(1), file.getValue(), schema, files, problems).ifPresent(labs::add);
      }
    }
    if (labs.isEmpty() && problems.isEmpty()) {
      problems.add("labs/: no lab.yaml found");
    }
    if (!problems.isEmpty()) {
      throw new ContentException(problems);
    }
    return List.copyOf(labs);
  }

  private static Optional<Lab> read(
      String folder,
      String text,
      JsonSchema schema,
      Map<String, String> files,
      List<String> problems) {
    String where = "labs/" + folder + "/lab.yaml";
    Optional<JsonNode> valid = YamlFiles.validDocument(where, text, schema, problems);
    if (valid.isEmpty()) {
      return Optional.empty();
    }
    JsonNode doc = valid.get();
    int before = problems.size();
    String id = doc.path("metadata").path("name").asText();
    if (!id.equals(folder)) {
      problems.add(where + ": metadata.name '" + id + "' differs from the folder name");
    }
    JsonNode spec = doc.path("spec");
    List<String> setup = strings(spec.path("setup"));
    List<String> solution = strings(spec.path("solution"));
    for (String manifest : concat(setup, solution)) {
      if (!files.containsKey(folder + "/" + manifest)) {
        problems.add(where + ": names " + manifest + ", which does not exist");
      }
    }
    if (problems.size() > before) {
      return Optional.empty();
    }
    List<Bilingual> hints = new ArrayList<>();
    spec.path("hints").forEach(h -> hints.add(bilingual(h)));
    return Optional.of(
        new Lab(
            id,
            bilingual(spec.path("title")),
            bilingual(spec.path("summary")),
            spec.path("environment").asText(),
            spec.path("difficulty").asText(),
            spec.path("estimatedMinutes").asInt(),
            strings(spec.path("lessons")),
            bilingual(spec.path("instructions")),
            List.copyOf(hints),
            setup,
            solution,
            "cluster-admin".equals(spec.path("learnerAccess").asText())));
  }

  private static Bilingual bilingual(JsonNode node) {
    return new Bilingual(node.path("en").asText(), node.path("zh").asText());
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return List.copyOf(values);
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
