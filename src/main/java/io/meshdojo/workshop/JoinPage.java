package io.meshdojo.workshop;

import io.meshdojo.web.Language;
import io.meshdojo.web.PageContext;
import io.meshdojo.web.Pages;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Where a learner types a workshop's code ({@code ?code=} fills it in, for a link or QR code). A
 * visitor is asked to sign in first and comes back here.
 */
@Path("/{lang:en|zh}/join")
@Produces(MediaType.TEXT_HTML)
public class JoinPage {

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance join(PageContext page, String code);
  }

  private final Pages pages;

  public JoinPage(Pages pages) {
    this.pages = pages;
  }

  @GET
  @Operation(hidden = true)
  public TemplateInstance join(@PathParam("lang") String code, @QueryParam("code") String join) {
    Language lang = Pages.language(code);
    String typed = JoinCodes.normalize(join).map(JoinCodes::display).orElse("");
    String path = typed.isEmpty() ? "join" : "join?code=" + typed;
    PageContext page =
        pages.context(lang, path, "workshops", WorkshopPages.messages(lang).join_title());
    return Pages.localized(Templates.join(page, typed), lang);
  }
}
