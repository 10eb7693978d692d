package io.meshdojo.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A stray brace in the stylesheet makes browsers drop the rule after it without a word (it once
 * silently unstuck the lab page's workspace bar), so the braces are counted here.
 */
class StylesheetTest {

  @Test
  void everyBraceOfTheStylesheetIsBalanced() throws Exception {
    String css =
        Files.readString(Path.of("src/main/resources/META-INF/resources/css/dojo.css"))
            .replaceAll("(?s)/\\*.*?\\*/", "");
    int depth = 0;
    int line = 1;
    for (char c : css.toCharArray()) {
      if (c == '\n') {
        line++;
      } else if (c == '{') {
        depth++;
      } else if (c == '}') {
        depth--;
        assertThat(depth)
            .as("closing brace without an opening one near line %d", line)
            .isNotNegative();
      }
    }
    assertThat(depth).as("braces left open at the end").isZero();
  }
}
