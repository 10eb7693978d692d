package io.meshdojo.lab;

import io.meshdojo.content.Bilingual;
import java.util.List;

/**
 * A lab as the catalogue knows it. The setup and solution manifests stay on the server: they are
 * named here only so the service can apply or grade with them, never to be shown to a learner.
 * {@code clusterAdmin}: the lab installs or repairs Istio itself, so on a real cluster the learner
 * needs the whole cluster ({@code learnerAccess: cluster-admin} in lab.yaml).
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
    List<String> solution,
    boolean clusterAdmin) {}
