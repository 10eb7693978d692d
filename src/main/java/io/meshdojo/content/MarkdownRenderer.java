package io.meshdojo.content;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.heading.anchor.HeadingAnchorExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.CustomBlock;
import org.commonmark.node.CustomNode;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.html.HtmlWriter;

/**
 * CommonMark with GFM tables and heading anchors. A heading may end with {@code {#anchor}} to fix
 * its id: Chinese lessons use it to keep the English anchors, so links work in both languages. Raw
 * HTML is escaped; code blocks keep their {@code language-*} class for the page's highlighter.
 */
public final class MarkdownRenderer {

  /** A heading as it appears in the table of contents. */
  public record HeadingRef(int level, String anchor, String text, boolean explicitAnchor) {}

  public record Rendered(String html, List<HeadingRef> headings) {}

  private static final Pattern EXPLICIT_ANCHOR =
      Pattern.compile("^(.*?)\\s*\\{#([A-Za-z0-9][A-Za-z0-9_-]*)\\}\\s*$");

  private final Parser parser;
  private final HtmlRenderer renderer;

  public MarkdownRenderer() {
    List<Extension> extensions = List.of(TablesExtension.create(), HeadingAnchorExtension.create());
    parser =
        Parser.builder()
            .extensions(extensions)
            .postProcessor(MarkdownRenderer::extractExplicitAnchors)
            .postProcessor(MarkdownRenderer::wrapTables)
            .build();
    renderer =
        HtmlRenderer.builder()
            .extensions(extensions)
            .escapeHtml(true)
            .sanitizeUrls(true)
            .nodeRendererFactory(context -> new SilentAnchorRenderer())
            .nodeRendererFactory(TableScrollRenderer::new)
            .attributeProviderFactory(
                context ->
                    (node, tagName, attributes) -> {
                      if (node instanceof Heading heading) {
                        explicitAnchor(heading).ifPresent(id -> attributes.put("id", id));
                      }
                    })
            .build();
  }

  public Rendered render(String markdown) {
    Node document = parser.parse(markdown);
    List<HeadingRef> headings = new ArrayList<>();
    document.accept(
        new AbstractVisitor() {
          @Override
          public void visit(Heading heading) {
            String text = plainText(heading);
            String anchor = explicitAnchor(heading).orElse(null);
            headings.add(new HeadingRef(heading.getLevel(), anchor, text, anchor != null));
          }
        });
    return new Rendered(renderer.render(document), List.copyOf(headings));
  }

  private static Node extractExplicitAnchors(Node document) {
    document.accept(
        new AbstractVisitor() {
          @Override
          public void visit(Heading heading) {
            if (heading.getLastChild() instanceof Text text) {
              Matcher m = EXPLICIT_ANCHOR.matcher(text.getLiteral());
              if (m.matches()) {
                text.setLiteral(m.group(1));
                heading.appendChild(new AnchorId(m.group(2)));
              }
            }
          }
        });
    return document;
  }

  /** A wide table scrolls inside its own box instead of widening the page on a narrow screen. */
  private static Node wrapTables(Node document) {
    List<TableBlock> tables = new ArrayList<>();
    document.accept(
        new AbstractVisitor() {
          @Override
          public void visit(CustomBlock block) {
            if (block instanceof TableBlock table) {
              tables.add(table);
            } else {
              visitChildren(block);
            }
          }
        });
    for (TableBlock table : tables) {
      TableScroll box = new TableScroll();
      table.insertBefore(box);
      box.appendChild(table);
    }
    return document;
  }

  private static Optional<String> explicitAnchor(Heading heading) {
    for (Node child = heading.getFirstChild(); child != null; child = child.getNext()) {
      if (child instanceof AnchorId anchor) {
        return Optional.of(anchor.id);
      }
    }
    return Optional.empty();
  }

  private static String plainText(Node node) {
    StringBuilder text = new StringBuilder();
    node.accept(
        new AbstractVisitor() {
          @Override
          public void visit(Text t) {
            text.append(t.getLiteral());
          }

          @Override
          public void visit(Code code) {
            text.append(code.getLiteral());
          }
        });
    return text.toString().trim();
  }

  /** Marks a heading's explicit id; renders as nothing. */
  static final class AnchorId extends CustomNode {
    final String id;

    AnchorId(String id) {
      this.id = id;
    }
  }

  /** The scrolling box around a table. */
  static final class TableScroll extends CustomBlock {}

  private static final class TableScrollRenderer implements NodeRenderer {
    private static final Map<String, String> SCROLL_BOX = new LinkedHashMap<>();

    static {
      SCROLL_BOX.put("class", "table-scroll");
      SCROLL_BOX.put("tabindex", "0");
    }

    private final HtmlNodeRendererContext context;

    TableScrollRenderer(HtmlNodeRendererContext context) {
      this.context = context;
    }

    @Override
    public Set<Class<? extends Node>> getNodeTypes() {
      return Set.of(TableScroll.class);
    }

    @Override
    public void render(Node node) {
      HtmlWriter html = context.getWriter();
      html.line();
      // Focusable, so keyboard users can scroll it too.
      html.tag("div", SCROLL_BOX);
      for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
        context.render(child);
      }
      html.tag("/div");
      html.line();
    }
  }

  private static final class SilentAnchorRenderer implements NodeRenderer {
    @Override
    public Set<Class<? extends Node>> getNodeTypes() {
      return Set.of(AnchorId.class);
    }

    @Override
    public void render(Node node) {}
  }
}
