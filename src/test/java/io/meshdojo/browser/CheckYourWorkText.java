package io.meshdojo.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bash blocks under a lab's "Check your work" heading, as its instructions show them, so a test
 * types what the learner reads instead of a copy that could drift from it.
 */
final class CheckYourWorkText {

  private static final Pattern BASH = Pattern.compile("```bash\\n(.*?)```", Pattern.DOTALL);

  private CheckYourWorkText() {}

  static List<String> bashBlocks(String lab, String lang) throws IOException {
    JsonNode spec =
        new YAMLMapper().readTree(Path.of("labs", lab, "lab.yaml").toFile()).path("spec");
    String instructions = spec.path("instructions").path(lang).asText();
    String heading = lang.equals("zh") ? "## 检查你的工作" : "## Check your work";
    int at = instructions.indexOf(heading);
    if (at < 0) {
      throw new IllegalStateException(lab + " has no '" + heading + "' section in " + lang);
    }
    int next = instructions.indexOf("\n## ", at + heading.length());
    String section = instructions.substring(at, next < 0 ? instructions.length() : next);
    List<String> blocks = new ArrayList<>();
    Matcher m = BASH.matcher(section);
    while (m.find()) {
      blocks.add(m.group(1));
    }
    return blocks;
  }
}
