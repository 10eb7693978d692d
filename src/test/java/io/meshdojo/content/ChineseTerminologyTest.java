package io.meshdojo.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One Chinese term per concept in everything a learner reads in Chinese: lessons, lab texts, the
 * UI's messages and the grader's findings. The glossary maps the chosen term to the variants that
 * must not appear; it stays honest because every chosen term must be in use and no variant may hide
 * inside its own chosen term.
 */
class ChineseTerminologyTest {

  /** Chosen term → variants that mean the same and are not used. */
  static final Map<String, List<String>> GLOSSARY =
      Map.of(
          "异常点检测", List.of("异常检测", "离群检测", "离群点检测", "异常值检测"),
          "故障注入", List.of("错误注入"),
          "双向 TLS", List.of("相互 TLS", "相互TLS"),
          "限流", List.of("速率限制"),
          "熔断", List.of("断路器"),
          "入口网关", List.of("入站网关"),
          "出口网关", List.of("出站网关"));

  private static final List<Path> ROOTS =
      List.of(
          Path.of("content/zh"),
          Path.of("labs"),
          Path.of("src/main/resources/messages"),
          Path.of("grader/src/main/resources/io/meshdojo/grader"));

  /** Every Chinese-bearing text file: zh lessons, lab.yaml files, zh messages, findings. */
  static List<Path> chineseTexts() throws IOException {
    List<Path> out = new ArrayList<>();
    for (Path root : ROOTS) {
      try (Stream<Path> files = Files.walk(root)) {
        files
            .filter(Files::isRegularFile)
            .filter(
                f -> {
                  String name = f.getFileName().toString();
                  return name.endsWith(".md")
                      || name.equals("lab.yaml")
                      || name.equals("findings.yaml")
                      || name.endsWith("_zh.properties");
                })
            .forEach(out::add);
      }
    }
    return out;
  }

  @Test
  void noBannedVariantAppearsInAnyChineseText() throws IOException {
    List<Path> texts = chineseTexts();
    assertThat(texts).isNotEmpty();
    List<String> offences = new ArrayList<>();
    for (Path f : texts) {
      String text = Files.readString(f);
      GLOSSARY.forEach(
          (chosen, variants) ->
              variants.stream()
                  .filter(text::contains)
                  .forEach(v -> offences.add(f + ": '" + v + "' (write '" + chosen + "')")));
    }
    assertThat(offences).isEmpty();
  }

  @Test
  void theGlossaryIsHonest() throws IOException {
    StringBuilder all = new StringBuilder();
    for (Path f : chineseTexts()) {
      all.append(Files.readString(f)).append('\n');
    }
    GLOSSARY.forEach(
        (chosen, variants) -> {
          assertThat(all.indexOf(chosen)).as("chosen term in use: " + chosen).isNotNegative();
          variants.forEach(v -> assertThat(chosen).as("variant inside its term").doesNotContain(v));
        });
  }
}
