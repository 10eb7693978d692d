package io.meshdojo.web;

import io.meshdojo.config.MeshDojoConfig;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotFoundException;
import java.util.Objects;
import java.util.Optional;

/** Builds the {@link PageContext} for server-rendered pages. */
@ApplicationScoped
public class Pages {

  private final SecurityIdentity identity;
  private final MeshDojoConfig config;

  public Pages(SecurityIdentity identity, MeshDojoConfig config) {
    this.identity = identity;
    this.config = config;
  }

  /** The language of a {@code /{lang}/...} path; any other first segment is a 404. */
  public static Language language(String code) {
    return Language.fromCode(code).orElseThrow(NotFoundException::new);
  }

  /**
   * @param path this page's path after the language, e.g. {@code lessons/request-routing}
   * @param title the page's own title, shown before the site name in the browser's tab
   */
  public PageContext context(Language lang, String path, String section, String title) {
    return context(lang, path, section, title, "/" + lang.code() + "/" + path);
  }

  /**
   * A page whose sign-in link returns somewhere other than itself: the sign-in and sign-up pages
   * pass on the {@code next} they were given ({@code returnTo} is checked with {@link ReturnPath};
   * an unsafe or missing one means the default landing page).
   */
  public PageContext context(
      Language lang, String path, String section, String title, String returnTo) {
    String safeReturn = ReturnPath.of(returnTo).orElse(null);
    String other = "/" + lang.other().code() + "/" + path;
    if (!path.isEmpty()
        && safeReturn != null
        && !safeReturn.equals("/" + lang.code() + "/" + path)) {
      other += ReturnPath.query(safeReturn);
    }
    return new PageContext(
        lang,
        other,
        username().orElse(null),
        config.signup().enabled(),
        section,
        Objects.requireNonNull(title, "every page has a title of its own"),
        safeReturn);
  }

  public Optional<String> username() {
    return identity.isAnonymous()
        ? Optional.empty()
        : Optional.of(identity.getPrincipal().getName());
  }

  /** The UI strings in a language, for text computed in Java rather than in a template. */
  public static AppMessages messages(Language lang) {
    return MessageBundles.get(AppMessages.class, Localized.Literal.of(lang.code()));
  }

  /** Renders a page in its language, so {@code {msg:...}} picks the right bundle. */
  public static TemplateInstance localized(TemplateInstance page, Language lang) {
    return page.setLocale(lang.locale());
  }
}
