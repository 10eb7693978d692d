package io.meshdojo.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The commands a lab's instructions give under "Check your work" (or its Chinese heading): every
 * line of every {@code bash} block in that section, with backslash continuations joined, as a
 * learner would paste them.
 */
final class CheckYourWorkBlocks {

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

  static List<Command> commands(String instructions) {
    Matcher heading = HEADING.matcher(instructions);
    if (!heading.find()) {
      return List.of();
    }
    String section = instructions.substring(heading.end());
    Matcher next = NEXT_HEADING.matcher(section);
    if (next.find()) {
      section = section.substring(0, next.start());
    }
    List<Command> commands = new ArrayList<>();
    Matcher block = BASH_BLOCK.matcher(section);
    int index = 0;
    while (block.find()) {
      index++;
      StringBuilder command = new StringBuilder();
      for (String line : block.group(1).split("\n")) {
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
