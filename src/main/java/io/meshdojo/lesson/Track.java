package io.meshdojo.lesson;

import io.meshdojo.content.Bilingual;

/** A group of lessons taught in order; {@code position} is its place in the curriculum. */
public record Track(String id, int position, Bilingual title, Bilingual summary) {}
