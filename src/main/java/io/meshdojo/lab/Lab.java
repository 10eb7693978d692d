package io.meshdojo.lab;

import io.meshdojo.content.Bilingual;
import java.util.List;

/**
 * A lab as the catalogue knows it. The setup and solution manifests stay on the server: they are
 * named here only so the service can apply or grade with them, never to be shown to a learner.
 */
public record Lab(
    String id,
    Bilingual title,
    Bilingual summary,
    String environment,
    String difficulty,
    int estimatedMinutes,
    List<String> lessons,
    Bilingual instructions,
    List<Bilingual> hints,
    List<String> setup,
    List<String> solution) {}
