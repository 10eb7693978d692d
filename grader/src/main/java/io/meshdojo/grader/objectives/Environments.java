package io.meshdojo.grader.objectives;

import io.meshdojo.grader.intake.ResourceIntake;
import io.meshdojo.grader.model.Resource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Named lab baselines ({@code io/meshdojo/grader/environments/*.yaml}): {@code bookinfo}, and
 * {@code ecosystem} = bookinfo plus Aeraki's Dubbo demo.
 */
public final class Environments {

  private static final Map<String, List<String>> LAYERS =
      Map.of("bookinfo", List.of("bookinfo"), "ecosystem", List.of("bookinfo", "ecosystem"));
  private static final Map<String, List<Resource>> CACHE = new ConcurrentHashMap<>();

  private Environments() {}

  /** The Istio minor version of an environment: bookinfo runs 1.26, ecosystem 1.18. */
  public static int istioMinor(String name) {
    return "ecosystem".equals(name) ? 18 : 26;
  }

  public static boolean exists(String name) {
    return LAYERS.containsKey(name);
  }

  /** The baseline resources of an environment. */
  public static List<Resource> load(String name) {
    List<String> layers = LAYERS.get(name);
    if (layers == null) {
      throw new IllegalArgumentException("unknown environment " + name);
    }
    return CACHE.computeIfAbsent(
        name,
        n -> {
          List<Resource> all = new ArrayList<>();
          for (String layer : layers) {
            String path = "/io/meshdojo/grader/environments/" + layer + ".yaml";
            try (InputStream in = Environments.class.getResourceAsStream(path)) {
              if (in == null) {
                throw new IllegalStateException(path + " is missing");
              }
              ResourceIntake.Result r =
                  ResourceIntake.read(
                      "environment " + layer,
                      new String(in.readAllBytes(), StandardCharsets.UTF_8));
              if (!r.findings().isEmpty()) {
                throw new IllegalStateException(
                    "environment " + layer + " is invalid: " + r.findings());
              }
              all.addAll(r.resources());
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          }
          return List.copyOf(all);
        });
  }
}
