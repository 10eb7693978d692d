package io.meshdojo.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.NewCookie;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** Remembers the language of the last page a visitor opened, for their next visit to "/". */
public class LanguageCookieFilter {

  @ServerResponseFilter
  public void remember(ContainerRequestContext request, ContainerResponseContext response) {
    String path = request.getUriInfo().getPath();
    String[] segments = path.split("/", 3);
    if (segments.length < 2 || response.getStatus() >= 400) {
      return;
    }
    Optional<Language> lang = Language.fromCode(segments[1]);
    var current = request.getCookies().get(LanguageChoice.COOKIE);
    if (lang.isEmpty() || (current != null && current.getValue().equals(lang.get().code()))) {
      return;
    }
    NewCookie cookie =
        new NewCookie.Builder(LanguageChoice.COOKIE)
            .value(lang.get().code())
            .path("/")
            .maxAge(60 * 60 * 24 * 365)
            .sameSite(NewCookie.SameSite.LAX)
            .httpOnly(true)
            .build();
    response.getHeaders().add(HttpHeaders.SET_COOKIE, cookie);
  }
}
