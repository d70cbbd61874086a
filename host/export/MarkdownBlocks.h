#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace manifold::exporting {

/// One block of a message's markdown, as documents lay it out. Inline
/// emphasis is already plain text (see plainInline); code keeps its bytes.
struct MarkdownBlock {
  enum class Kind { Heading, Paragraph, ListItem, Code, Table, Rule };
  Kind kind = Kind::Paragraph;
  int level = 0;                               ///< heading level 1-6; list nesting depth from 0
  std::string marker;                          ///< a list item's marker: "•" or its number ("3.")
  std::string text;                            ///< heading, paragraph and list item text
  std::vector<std::string> lines;              ///< a code block's lines
  std::vector<std::vector<std::string>> rows;  ///< a table: the header row first
};

/// Splits markdown into blocks: ATX and setext headings, paragraphs, bullet
/// and numbered lists (nesting by indent, two spaces a level), fenced code
/// blocks (``` or ~~~; an unclosed fence runs to the end), pipe tables (a
/// header row, then a delimiter row of dashes), thematic breaks, and block
/// quotes (kept as paragraphs). Anything else is paragraph text.
std::vector<MarkdownBlock> parseMarkdown(std::string_view text);

/// Inline markdown as plain text: emphasis markers (*, **, _, __, ~~) dropped,
/// code spans kept without their backticks, [text](url) as "text (url)",
/// backslash escapes resolved. A `*` or `_` with spaces on both sides, or an
/// `_` inside a word (snake_case), is kept.
std::string plainInline(std::string_view text);

}  // namespace manifold::exporting
