// How a message's markdown becomes the blocks a document lays out.
#include "export/MarkdownBlocks.h"

#include <gtest/gtest.h>

namespace manifold::exporting {
namespace {

using Kind = MarkdownBlock::Kind;

TEST(MarkdownBlocksTest, HeadingsParagraphsAndRules) {
  const auto blocks = parseMarkdown(
      "# Trip **plan**\n\nFirst line\nsecond line.\n\nSetext\n---\n\n***\n\n### Last ###");
  ASSERT_EQ(blocks.size(), 5u);
  EXPECT_EQ(blocks[0].kind, Kind::Heading);
  EXPECT_EQ(blocks[0].level, 1);
  EXPECT_EQ(blocks[0].text, "Trip plan");
  EXPECT_EQ(blocks[1].kind, Kind::Paragraph);
  EXPECT_EQ(blocks[1].text, "First line second line.");
  EXPECT_EQ(blocks[2].kind, Kind::Heading);
  EXPECT_EQ(blocks[2].level, 2);
  EXPECT_EQ(blocks[2].text, "Setext");
  EXPECT_EQ(blocks[3].kind, Kind::Rule);
  EXPECT_EQ(blocks[4].level, 3);
  EXPECT_EQ(blocks[4].text, "Last");
}

TEST(MarkdownBlocksTest, ListsKeepTheirMarkersAndNesting) {
  const auto blocks =
      parseMarkdown("- apples\n  - green\n* pears\n  still pears\n\n1. one\n12) twelve");
  ASSERT_EQ(blocks.size(), 5u);
  EXPECT_EQ(blocks[0].marker, "\u2022");
  EXPECT_EQ(blocks[0].level, 0);
  EXPECT_EQ(blocks[1].text, "green");
  EXPECT_EQ(blocks[1].level, 1);
  EXPECT_EQ(blocks[2].text, "pears still pears") << "an indented line continues the item";
  EXPECT_EQ(blocks[3].marker, "1.");
  EXPECT_EQ(blocks[3].text, "one");
  EXPECT_EQ(blocks[4].marker, "12.");
  for (const MarkdownBlock& block : blocks) EXPECT_EQ(block.kind, Kind::ListItem);
}

TEST(MarkdownBlocksTest, CodeBlocksKeepTheirBytes) {
  const auto blocks =
      parseMarkdown("Run:\n```python\ndef f(x):\n    return x * 2  # **not bold**\n```\nafter");
  ASSERT_EQ(blocks.size(), 3u);
  EXPECT_EQ(blocks[1].kind, Kind::Code);
  EXPECT_EQ(blocks[1].lines,
            (std::vector<std::string>{"def f(x):", "    return x * 2  # **not bold**"}));
  EXPECT_EQ(blocks[2].text, "after");
  const auto unclosed = parseMarkdown("~~~\nstill code\n# not a heading");
  ASSERT_EQ(unclosed.size(), 1u);
  EXPECT_EQ(unclosed[0].lines, (std::vector<std::string>{"still code", "# not a heading"}));
}

TEST(MarkdownBlocksTest, PipeTablesBecomeRowsOfCells) {
  const auto blocks = parseMarkdown(
      "Prices:\n| Item | **Price** |\n|:-----|------:|\n| tea | 2.50 |\n| a \\| b | |\nno pipe "
      "here");
  ASSERT_EQ(blocks.size(), 3u);
  ASSERT_EQ(blocks[1].kind, Kind::Table);
  EXPECT_EQ(blocks[1].rows, (std::vector<std::vector<std::string>>{
                                {"Item", "Price"}, {"tea", "2.50"}, {"a | b", ""}}));
  EXPECT_EQ(blocks[2].text, "no pipe here");
  EXPECT_EQ(parseMarkdown("a | b\nnot a delimiter")[0].kind, Kind::Paragraph);
}

TEST(MarkdownBlocksTest, InlineMarkupBecomesPlainText) {
  EXPECT_EQ(plainInline("**bold**, *it*, __b__, _i_, ~~gone~~ and `x * y`"),
            "bold, it, b, i, gone and x * y");
  EXPECT_EQ(plainInline("see [the docs](https://example.org/d) or <https://x.y>"),
            "see the docs (https://example.org/d) or <https://x.y>");
  EXPECT_EQ(plainInline("2 * 3 = 6, snake_case_name, \\*literal\\*"),
            "2 * 3 = 6, snake_case_name, *literal*");
  EXPECT_EQ(plainInline("![a cat](cat.png)"), "a cat (cat.png)");
}

}  // namespace
}  // namespace manifold::exporting
