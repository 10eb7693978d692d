package io.meshdojo.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReturnPathTest {

  @Test
  void aPathOfThisSiteIsKept() {
    assertThat(ReturnPath.of("/en/labs/request-routing")).contains("/en/labs/request-routing");
    assertThat(ReturnPath.of("/zh/lessons/fault-injection#matching"))
        .contains("/zh/lessons/fault-injection#matching");
    assertThat(ReturnPath.of("/en/")).contains("/en/");
  }

  @Test
  void anythingThatCouldNameAnotherSiteIsDropped() {
    for (String hostile :
        new String[] {
          null,
          "",
          "https://evil.example/",
          "//evil.example/",
          "/\\evil.example",
          "\\\\evil.example",
          "javascript:alert(1)",
          "en/labs",
          "/en/labs\r\nSet-Cookie: a=b",
          "/en/labs\u0000",
          "/" + "a".repeat(ReturnPath.MAX_LENGTH)
        }) {
      assertThat(ReturnPath.of(hostile)).as(String.valueOf(hostile)).isEmpty();
    }
  }

  @Test
  void theAccountPagesAreNoPlaceToReturnTo() {
    assertThat(ReturnPath.of("/en/login")).isEmpty();
    assertThat(ReturnPath.of("/zh/signup?next=/x")).isEmpty();
    assertThat(ReturnPath.of("/j_security_check")).isEmpty();
  }

  @Test
  void theQueryCarriesThePathEncoded() {
    assertThat(ReturnPath.query("/en/labs/a b")).isEqualTo("?next=%2Fen%2Flabs%2Fa+b");
    assertThat(ReturnPath.query(null)).isEmpty();
  }
}
