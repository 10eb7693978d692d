package io.meshdojo.sandbox.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class PatchesTest {

  static final ObjectMapper JSON = new ObjectMapper();

  static JsonNode j(String s) throws Exception {
    return JSON.readTree(s.replace('\'', '"'));
  }

  @Test
  void mergePatchFollowsRfc7386() throws Exception {
    // the examples of RFC 7386, appendix A
    assertThat(Patches.mergePatch(j("{'a':'b'}"), j("{'a':'c'}"))).isEqualTo(j("{'a':'c'}"));
    assertThat(Patches.mergePatch(j("{'a':'b'}"), j("{'b':'c'}")))
        .isEqualTo(j("{'a':'b','b':'c'}"));
    assertThat(Patches.mergePatch(j("{'a':'b'}"), j("{'a':null}"))).isEqualTo(j("{}"));
    assertThat(Patches.mergePatch(j("{'a':'b','b':'c'}"), j("{'a':null}")))
        .isEqualTo(j("{'b':'c'}"));
    assertThat(Patches.mergePatch(j("{'a':['b']}"), j("{'a':'c'}"))).isEqualTo(j("{'a':'c'}"));
    assertThat(Patches.mergePatch(j("{'a':'c'}"), j("{'a':['b']}"))).isEqualTo(j("{'a':['b']}"));
    assertThat(Patches.mergePatch(j("{'a':{'b':'c'}}"), j("{'a':{'b':'d','c':null}}")))
        .isEqualTo(j("{'a':{'b':'d'}}"));
    assertThat(Patches.mergePatch(j("{'a':[{'b':'c'}]}"), j("{'a':[1]}")))
        .isEqualTo(j("{'a':[1]}"));
    assertThat(Patches.mergePatch(j("['a','b']"), j("['c','d']"))).isEqualTo(j("['c','d']"));
    assertThat(Patches.mergePatch(j("{'a':'b'}"), j("['c']"))).isEqualTo(j("['c']"));
    assertThat(Patches.mergePatch(j("{'e':null}"), j("{'a':1}"))).isEqualTo(j("{'e':null,'a':1}"));
    assertThat(Patches.mergePatch(j("[1,2]"), j("{'a':'b','c':null}"))).isEqualTo(j("{'a':'b'}"));
    assertThat(Patches.mergePatch(j("{}"), j("{'a':{'bb':{'ccc':null}}}")))
        .isEqualTo(j("{'a':{'bb':{}}}"));
  }

  @Test
  void mergePatchReplacesArraysWholesale() throws Exception {
    JsonNode vs = j("{'spec':{'http':[{'name':'a'},{'name':'b'}],'hosts':['x']}}");
    JsonNode patched = Patches.mergePatch(vs, j("{'spec':{'http':[{'name':'c'}]}}"));
    assertThat(patched.at("/spec/http")).hasSize(1);
    assertThat(patched.at("/spec/hosts/0").asText()).isEqualTo("x");
    assertThat(vs.at("/spec/http")).as("the input is untouched").hasSize(2);
  }

  @Test
  void strategicMergeMergesContainersByNameAndPortsByKey() throws Exception {
    JsonNode deployment =
        j(
            "{'spec':{'template':{'spec':{'containers':[{'name':'app','image':'a:1','ports':[{'containerPort':80},{'containerPort':81}]},{'name':'side','image':'s:1'}]}}}}");
    JsonNode patch =
        j(
            "{'spec':{'template':{'spec':{'$setElementOrder/containers':[{'name':'side'},{'name':'app'}],'containers':[{'name':'app','image':'a:2'},{'name':'side','$patch':'delete'}]}}}}");
    JsonNode out = Patches.strategicMergePatch(deployment, patch);
    JsonNode containers = out.at("/spec/template/spec/containers");
    assertThat(containers).hasSize(1);
    assertThat(containers.at("/0/image").asText()).isEqualTo("a:2");
    assertThat(containers.at("/0/ports")).hasSize(2);

    JsonNode service =
        j("{'spec':{'ports':[{'port':80,'name':'http'},{'port':443,'name':'https'}]}}");
    JsonNode svc =
        Patches.strategicMergePatch(service, j("{'spec':{'ports':[{'port':443,'name':'tls'}]}}"));
    assertThat(svc.at("/spec/ports")).hasSize(2);
    assertThat(svc.at("/spec/ports/1/name").asText()).isEqualTo("tls");
  }

  @Test
  void strategicMergeHonoursDirectivesAndNulls() throws Exception {
    JsonNode base =
        j(
            "{'metadata':{'labels':{'a':'1','b':'2'},'finalizers':['x']},'spec':{'args':['one','two']}}");
    JsonNode out =
        Patches.strategicMergePatch(
            base,
            j(
                "{'metadata':{'labels':{'a':null},'finalizers':['y']},'spec':{'args':['three'],'$retainKeys':['args']}}"));
    assertThat(out.at("/metadata/labels")).isEqualTo(j("{'b':'2'}"));
    assertThat(out.at("/metadata/finalizers")).isEqualTo(j("['x','y']"));
    assertThat(out.at("/spec/args")).isEqualTo(j("['three']"));
    JsonNode replaced =
        Patches.strategicMergePatch(
            base, j("{'metadata':{'labels':{'$patch':'replace','c':'3'}}}"));
    assertThat(replaced.at("/metadata/labels")).isEqualTo(j("{'c':'3'}"));
    JsonNode removed =
        Patches.strategicMergePatch(base, j("{'spec':{'$deleteFromPrimitiveList/args':['one']}}"));
    assertThat(removed.at("/spec/args")).isEqualTo(j("['two']"));
  }

  @Test
  void jsonPatchFollowsRfc6902AndReportsFailures() throws Exception {
    JsonNode doc = j("{'spec':{'hosts':['a','b']}}");
    JsonNode out =
        Patches.jsonPatch(
            doc,
            j(
                "[{'op':'add','path':'/spec/hosts/-','value':'c'},{'op':'remove','path':'/spec/hosts/0'}]"));
    assertThat(out.at("/spec/hosts")).isEqualTo(j("['b','c']"));
    assertThatThrownBy(() -> Patches.jsonPatch(doc, j("[{'op':'remove','path':'/nope'}]")))
        .isInstanceOf(KubeException.class)
        .satisfies(e -> assertThat(((KubeException) e).code()).isEqualTo(422));
    assertThatThrownBy(() -> Patches.jsonPatch(doc, j("{'op':'remove'}")))
        .isInstanceOf(KubeException.class)
        .satisfies(e -> assertThat(((KubeException) e).code()).isEqualTo(400));
  }
}
