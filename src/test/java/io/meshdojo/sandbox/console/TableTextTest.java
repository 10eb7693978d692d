package io.meshdojo.sandbox.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TableTextTest {

  @Test
  void alignsColumnsWithThreeSpacesAndUpperCaseHeaders() {
    String text =
        TableText.format(
            List.of("Name", "Gateways", "Hosts", "Age"),
            List.of(
                List.of("reviews", "", "[\"reviews\"]", "5m"),
                List.of("productpage-route", "[\"bookinfo-gateway\"]", "[\"*\"]", "12s")));
    assertThat(text)
        .isEqualTo(
            "NAME                GATEWAYS               HOSTS         AGE\n"
                + "reviews                                    [\"reviews\"]   5m\n"
                + "productpage-route   [\"bookinfo-gateway\"]   [\"*\"]         12s\n");
  }

  @Test
  void keepsKubectlsColumnNamesAndDropsTrailingSpace() {
    assertThat(
            TableText.format(
                List.of("Name", "Up-to-date", "Port(s)"), List.of(List.of("a", "1", ""))))
        .isEqualTo("NAME   UP-TO-DATE   PORT(S)\na      1\n");
  }
}
