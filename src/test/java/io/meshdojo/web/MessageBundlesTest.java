package io.meshdojo.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshdojo.exam.ExamMessages;
import io.meshdojo.graph.GraphMessages;
import io.meshdojo.sandbox.console.TerminalMessages;
import io.meshdojo.workshop.WorkshopMessages;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The feature bundles (kept apart from AppMessages, whose generated code fails verification when it
 * grows much further) stay bilingual: every English string has its Chinese twin, and no more.
 */
class MessageBundlesTest {

  @ParameterizedTest
  @CsvSource({
    "io.meshdojo.workshop.WorkshopMessages, wmsg_zh.properties",
    "io.meshdojo.exam.ExamMessages, xmsg_zh.properties",
    "io.meshdojo.sandbox.console.TerminalMessages, tmsg_zh.properties",
    "io.meshdojo.graph.GraphMessages, gmsg_zh.properties"
  })
  void everyMessageHasAChineseTranslationAndNoneIsLeftOver(String bundle, String chinese)
      throws IOException, ClassNotFoundException {
    assertThat(
            Set.of(
                WorkshopMessages.class.getName(),
                ExamMessages.class.getName(),
                TerminalMessages.class.getName(),
                GraphMessages.class.getName()))
        .contains(bundle);
    Set<String> keys =
        Arrays.stream(Class.forName(bundle).getDeclaredMethods())
            .map(Method::getName)
            .collect(Collectors.toSet());
    Properties zh = new Properties();
    try (InputStream in = Files.newInputStream(Path.of("src/main/resources/messages", chinese))) {
      zh.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    assertThat(keys).isNotEmpty();
    assertThat(zh.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(keys);
    zh.forEach((k, v) -> assertThat(v.toString()).as("zh " + k).isNotBlank());
  }
}
