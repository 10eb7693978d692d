package io.meshdojo.sandbox.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshdojo.sandbox.console.CommandTokenizer.ShellFeature;
import io.meshdojo.sandbox.console.CommandTokenizer.UnclosedQuote;
import io.meshdojo.sandbox.console.CommandTokenizer.Words;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommandTokenizerTest {

  private static List<String> words(String line) {
    CommandTokenizer.Tokens tokens = CommandTokenizer.split(line);
    assertThat(tokens).isInstanceOf(Words.class);
    return ((Words) tokens).words();
  }

  @Test
  void splitsOnRunsOfWhitespace() {
    assertThat(words("  kubectl   get\tvs  -n bookinfo "))
        .containsExactly("kubectl", "get", "vs", "-n", "bookinfo");
    assertThat(words("")).isEmpty();
    assertThat(words("   ")).isEmpty();
  }

  @Test
  void quotesKeepSpacesAndShellCharactersAsText() {
    assertThat(words("get pods -l 'app in (reviews, ratings)'"))
        .containsExactly("get", "pods", "-l", "app in (reviews, ratings)");
    assertThat(words("get pods -l \"app=a|b; $(x)\""))
        .containsExactly("get", "pods", "-l", "app=a|b; $(x)");
    assertThat(words("a\"b c\"d")).containsExactly("ab cd");
    assertThat(words("''")).containsExactly("");
  }

  @Test
  void escapesInDoubleQuotesAndOutside() {
    assertThat(words("\"say \\\"hi\\\" \\\\ \\n\"")).containsExactly("say \"hi\" \\ \\n");
    assertThat(words("a\\ b")).containsExactly("a b");
    assertThat(words("'it\\'")).containsExactly("it\\");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '#',
      value = {
        "kubectl get pods | grep reviews#|",
        "kubectl get pods; rm -rf /#;",
        "get pods && echo done#&&",
        "get pods || true#||",
        "get pods > out.txt#>",
        "get pods >> out.txt#>>",
        "apply -f - < vs.yaml#<",
        "get pods &#&",
        "get $(whoami)#$(",
        "get ${HOME}#${",
        "get $HOME#$",
        "get `id`#`"
      })
  void refusesShellFeaturesNamingTheFirst(String line, String feature) {
    assertThat(CommandTokenizer.split(line)).isEqualTo(new ShellFeature(feature));
  }

  @Test
  void reportsAnUnclosedQuote() {
    assertThat(CommandTokenizer.split("get pods -l 'app=x")).isEqualTo(new UnclosedQuote('\''));
    assertThat(CommandTokenizer.split("get \"pods")).isEqualTo(new UnclosedQuote('"'));
    assertThat(CommandTokenizer.split("get \"pods\\\"")).isEqualTo(new UnclosedQuote('"'));
  }
}
