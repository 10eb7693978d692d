package io.meshdojo.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code bash} blocks a lab's instructions give under "Check your work" (or its Chinese
 * heading), as the learner reads them, and the commands in them: every line of every block, with
 * backslash continuations joined, as a learner would paste them. The one reader of that section for
 * the tests, so a test types what the learner reads instead of a copy that could drift.
 */
public final class CheckYourWorkBlocks {

  private static final Pattern HEADING = Pattern.compile("(?m)^## (Check your work|检查你的工作)\\s*$");
  private static final Pattern NEXT_HEADING = Pattern.compile("(?m)^## ");
  private static final Pattern BASH_BLOCK = Pattern.compile("(?s)```bash\\n(.*?)```");

  /** One command of the section; {@code block} counts the section's bash blocks from 1. */
  record Command(int block, String line) {}

  private CheckYourWorkBlocks() {}

  /** Whether the instructions have the section at all. */
  static boolean hasSection(String instructions) {
    return HEADING.matcher(instructions).find();
  }

  /** The section's bash blocks in lab {@code lab}'s instructions in {@code lang} (en, zh). */
  public static List<String> bashBlocks(String lab, String lang) throws IOException {
    JsonNode spec =
        new YAMLMapper().readTree(Path.of("labs", lab, "lab.yaml").toFile()).path("spec");
    String instructions = spec.path("instructions").path(lang).asText();
    if (!hasSection(instructions)) {
      throw new IllegalStateException(lab + " has no 'Check your work' section in " + lang);
    }
    return bashBlocks(instructions);
  }

  /** The text of each bash block of the section, in order; none without the section. */
  static List<String> bashBlocks(String instructions) {
    Matcher heading = HEADING.matcher(instructions);
    if (!heading.find()) {
      return List.of();
    }
    String section = instructions.substring(heading.end());
    Matcher next = NEXT_HEADING.matcher(section);
    if (next.find()) {
      section = section.substring(0, next.start());
    }
    List<String> blocks = new ArrayList<>();
    Matcher block = BASH_BLOCK.matcher(section);
    while (block.find()) {
      blocks.add(block.group(1));
    }
    return blocks;
  }

  static List<Command> commands(String instructions) {
    List<Command> commands = new ArrayList<>();
    List<String> blocks = bashBlocks(instructions);
    for (int index = 1; index <= blocks.size(); index++) {
      StringBuilder command = new StringBuilder();
      for (String line : blocks.get(index - 1).split("\n")) {
        String trimmed = line.strip();
        if (command.isEmpty() && (trimmed.isEmpty() || trimmed.startsWith("#"))) {
          continue;
        }
        if (trimmed.endsWith("\\")) {
          command.append(trimmed, 0, trimmed.length() - 1).append(' ');
          continue;
        }
        command.append(trimmed);
        commands.add(new Command(index, command.toString().replaceAll(" {2,}", " ")));
        command.setLength(0);
      }
    }
    return commands;
  }
}
