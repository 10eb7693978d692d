package io.meshdojo.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Keeps the UI bilingual: every English string has its Chinese twin, and templates hold none. */
class MessagesTest {

  @Test
  void everyMessageHasAChineseTranslationAndNoneIsLeftOver() throws IOException {
    Set<String> keys =
        Arrays.stream(AppMessages.class.getDeclaredMethods())
            .map(Method::getName)
            .collect(Collectors.toSet());
    Properties zh = new Properties();
    try (InputStream in =
        Files.newInputStream(Path.of("src/main/resources/messages/msg_zh.properties"))) {
      zh.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    assertThat(zh.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(keys);
    zh.forEach((k, v) -> assertThat(v.toString()).as("zh " + k).isNotBlank());
  }

  @Test
  void templatesContainNoHardCodedWords() throws IOException {
    List<String> offenders = new ArrayList<>();
    try (Stream<Path> templates = Files.walk(Path.of("src/main/resources/templates"))) {
      for (Path template : templates.filter(p -> p.toString().endsWith(".html")).toList()) {
        String source = Files.readString(template);
        java.util.regex.Matcher attribute =
            java.util.regex.Pattern.compile("(aria-label|title|alt|placeholder)=\"([^\"{]*)\"")
                .matcher(source);
        while (attribute.find()) {
          offenders.add(template.getFileName() + ": " + attribute.group());
        }
        String text =
            source
                .replaceAll("(?s)<script.*?</script>", " ")
                .replaceAll("(?s)\\{!.*?!\\}", " ")
                .replaceAll("\\{[^{}]*\\}", " ")
                .replaceAll("(?s)<[^>]*>", " ")
                .replaceAll("&[a-z]+;", " ");
        for (String line : text.split("\n")) {
          if (line.matches(".*\\p{L}.*")) {
            offenders.add(template.getFileName() + ": " + line.trim());
          }
        }
      }
    }
    assertThat(offenders).as("text in templates that belongs in the message bundle").isEmpty();
  }
}
