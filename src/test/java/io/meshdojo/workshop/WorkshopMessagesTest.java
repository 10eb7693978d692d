package io.meshdojo.workshop;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.Test;

/** The workshop pages stay bilingual: every English string has its Chinese twin, and no more. */
class WorkshopMessagesTest {

  @Test
  void everyWorkshopMessageHasAChineseTranslationAndNoneIsLeftOver() throws IOException {
    Set<String> keys =
        Arrays.stream(WorkshopMessages.class.getDeclaredMethods())
            .map(Method::getName)
            .collect(Collectors.toSet());
    Properties zh = new Properties();
    try (InputStream in =
        Files.newInputStream(Path.of("src/main/resources/messages/wmsg_zh.properties"))) {
      zh.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    assertThat(zh.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(keys);
    zh.forEach((k, v) -> assertThat(v.toString()).as("zh " + k).isNotBlank());
  }
}
