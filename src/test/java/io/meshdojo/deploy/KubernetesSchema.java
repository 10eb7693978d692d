package io.meshdojo.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.meshdojo.sandbox.validation.ApiServerRulesValidator;
import io.meshdojo.sandbox.validation.ManifestValidator.Problem;
import java.util.List;

/**
 * Validates a Kubernetes object against the schema of its kind as the fabric8 models carry it
 * (generated from the Kubernetes OpenAPI document), strictly: a field the schema does not declare
 * or a value of the wrong type is an error, as with {@code kubectl apply --validate=strict}. Then
 * the API server's own rules beyond types (names, labels, a Deployment's selector, ports), as the
 * sandbox applies them ({@link ApiServerRulesValidator}).
 */
final class KubernetesSchema {

  /** Finds the model class of an apiVersion and kind; it tolerates anything, so it only types. */
  private static final KubernetesSerialization TYPES = new KubernetesSerialization();

  /**
   * The fabric8 models keep undeclared fields in an "additional properties" map; without that
   * catch-all, Jackson fails on them. Scalars are not coerced: "2" is not an int32.
   */
  private static final ObjectMapper STRICT =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
          .addModule(
              new SimpleModule()
                  .setDeserializerModifier(
                      new BeanDeserializerModifier() {
                        @Override
                        public BeanDeserializerBuilder updateBuilder(
                            DeserializationConfig config,
                            BeanDescription description,
                            BeanDeserializerBuilder builder) {
                          builder.setAnySetter(null);
                          return builder;
                        }
                      }))
          .build();

  private static final ApiServerRulesValidator API_SERVER_RULES = new ApiServerRulesValidator();

  private KubernetesSchema() {}

  /**
   * @return the object as its typed model
   * @throws AssertionError naming what the schema or the API server would refuse
   */
  static HasMetadata validate(ObjectNode object) {
    String apiVersion = object.path("apiVersion").asText();
    String kind = object.path("kind").asText();
    Object typed = TYPES.unmarshal(object.toString());
    if (!(typed instanceof HasMetadata) || typed instanceof GenericKubernetesResource) {
      throw new AssertionError("no Kubernetes schema for " + apiVersion + " " + kind);
    }
    Class<? extends HasMetadata> model = ((HasMetadata) typed).getClass();
    if (!HasMetadata.getApiVersion(model).equals(apiVersion)) {
      throw new AssertionError(kind + " is served as " + HasMetadata.getApiVersion(model));
    }
    HasMetadata strict;
    try {
      strict = STRICT.treeToValue(object, model);
    } catch (JsonProcessingException e) {
      throw new AssertionError(
          apiVersion + " " + kind + " does not match its schema: " + e.getOriginalMessage(), e);
    }
    String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
    List<Problem> problems = API_SERVER_RULES.validate(group, version, kind, object);
    if (!problems.isEmpty()) {
      throw new AssertionError(apiVersion + " " + kind + " is invalid: " + problems);
    }
    return strict;
  }
}
