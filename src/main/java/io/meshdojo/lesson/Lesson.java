package io.meshdojo.lesson;

import io.meshdojo.content.MarkdownRenderer.HeadingRef;
import io.meshdojo.web.Language;
import java.util.List;

/** One lesson in one language, rendered and ready to serve. */
public record Lesson(
    String id,
    Language language,
    String track,
    int order,
    String title,
    String summary,
    List<String> labs,
    String istio,
    String html,
    List<HeadingRef> headings,
    String source) {}
