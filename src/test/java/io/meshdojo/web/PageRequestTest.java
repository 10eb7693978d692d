package io.meshdojo.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PageRequestTest {

  private static final List<Integer> FIFTY = IntStream.range(0, 50).boxed().toList();

  @Test
  void absentParametersGiveTheFirstPageOfTheDefaultSize() {
    PageRequest page = PageRequest.parse(null, " ");
    assertThat(page).isEqualTo(new PageRequest(PageRequest.DEFAULT_LIMIT, 0));
    assertThat(page.of(FIFTY)).isEqualTo(FIFTY.subList(0, PageRequest.DEFAULT_LIMIT));
  }

  @Test
  void pagesFollowEachOtherAndTheLastIsShort() {
    assertThat(PageRequest.parse("20", "20").of(FIFTY)).isEqualTo(FIFTY.subList(20, 40));
    assertThat(PageRequest.parse("20", "40").of(FIFTY)).isEqualTo(FIFTY.subList(40, 50));
    assertThat(PageRequest.parse("20", "60").of(FIFTY)).isEmpty();
    assertThat(PageRequest.parse(" 100 ", "0").of(FIFTY)).isEqualTo(FIFTY);
  }

  @Test
  void badValuesAreRefusedWithTheRule() {
    assertThatThrownBy(() -> PageRequest.parse("0", null))
        .isInstanceOf(BadInputException.class)
        .hasMessage("limit must be between 1 and 100");
    assertThatThrownBy(() -> PageRequest.parse("101", null))
        .isInstanceOf(BadInputException.class)
        .hasMessage("limit must be between 1 and 100");
    assertThatThrownBy(() -> PageRequest.parse("ten", null))
        .isInstanceOf(BadInputException.class)
        .hasMessage("limit must be a whole number");
    assertThatThrownBy(() -> PageRequest.parse(null, "-1"))
        .isInstanceOf(BadInputException.class)
        .hasMessage("offset must be 0 or more");
    assertThatThrownBy(() -> PageRequest.parse(null, "1e3"))
        .isInstanceOf(BadInputException.class)
        .hasMessage("offset must be a whole number");
  }
}
