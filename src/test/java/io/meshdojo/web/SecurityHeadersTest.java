package io.meshdojo.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** Every response carries the security headers: pages, the API, errors and static files. */
@QuarkusTest
class SecurityHeadersTest {

  @Test
  void pagesApiErrorsAndFilesCarryTheHeaders() {
    for (String path :
        new String[] {
          "/en/",
          "/en/labs/request-routing",
          "/api/labs",
          "/api/nothing-here",
          "/en/no-such-page",
          "/css/dojo.css",
          "/q/health/ready"
        }) {
      Response response = given().get(path);
      assertThat(response.header("Content-Security-Policy"))
          .as(path)
          .contains("default-src 'self'", "script-src 'self'", "style-src 'self'")
          .contains("frame-ancestors 'none'", "object-src 'none'")
          .doesNotContain("unsafe-inline", "unsafe-eval");
      assertThat(response.header("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
      assertThat(response.header("X-Frame-Options")).as(path).isEqualTo("DENY");
      assertThat(response.header("Referrer-Policy")).as(path).isEqualTo("same-origin");
      assertThat(response.header("Strict-Transport-Security")).as(path + " over HTTP").isNull();
    }
    // refusals made before the REST layer carry them too
    Response refused = given().header("Origin", "http://evil.example").post("/api/signup");
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.header("X-Frame-Options")).isEqualTo("DENY");
  }

  @Test
  void onlyTheApiDocsMayRunTheirInlineScriptAndStyles() {
    Response docs = given().get("/q/swagger-ui/");
    assertThat(docs.statusCode()).isEqualTo(200);
    assertThat(docs.header("Content-Security-Policy"))
        .contains("script-src 'self' 'unsafe-inline'", "style-src 'self' 'unsafe-inline'")
        .contains("frame-ancestors 'none'", "object-src 'none'", "connect-src 'self'");
    assertThat(docs.header("X-Frame-Options")).isEqualTo("DENY");
    // the OpenAPI document beside it, and every page, keep the strict policy
    assertThat(given().get("/q/openapi").header("Content-Security-Policy"))
        .doesNotContain("unsafe-inline");
  }

  @Test
  void httpsResponsesAddStrictTransportSecurity() {
    for (String path : new String[] {"/en/", "/api/labs", "/api/nothing-here"}) {
      Response response = https().get(path);
      assertThat(response.header("Strict-Transport-Security"))
          .as(path)
          .startsWith("max-age=31536000");
      assertThat(response.header("Content-Security-Policy")).as(path).isNotNull();
    }
  }

  @Test
  void theSignInCookieIsSecureWhenSetOverHttps() {
    String setCookie =
        FormSession.submit(
                https(), "https://localhost:" + sslPort(), "admin", "test-admin-password")
            .header("Set-Cookie");
    assertThat(setCookie)
        .startsWith("quarkus-credential=")
        .containsIgnoringCase("; Secure")
        .containsIgnoringCase("; HttpOnly");
  }

  private static int sslPort() {
    return ConfigProvider.getConfig().getValue("quarkus.http.test-ssl-port", Integer.class);
  }

  private static RequestSpecification https() {
    return given().baseUri("https://localhost").port(sslPort()).relaxedHTTPSValidation();
  }
}
