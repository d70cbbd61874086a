// How the router reads a message: words, folding, shape counts, limits.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "router/NormalizedText.h"

namespace manifold::router {
namespace {

std::vector<std::string> wordsOf(std::string_view raw) {
  auto text = std::make_unique<NormalizedText>(raw);
  std::vector<std::string> out;
  for (size_t i = 0; i < text->size(); ++i) out.emplace_back(text->word(i));
  return out;
}

using Words = std::vector<std::string>;

TEST(NormalizedTextTest, LowerCasesAndDropsPunctuation) {
  EXPECT_EQ(wordsOf("What's the WEATHER, today?!"),
            (Words{"what", "s", "the", "weather", "today"}));
}

TEST(NormalizedTextTest, FoldsLatinAccentsAndSharpS) {
  EXPECT_EQ(wordsOf("Météo à Zürich, Straße, ÇA VA, cœur"),
            (Words{"meteo", "a", "zurich", "strasse", "ca", "va", "coeur"}));
}

TEST(NormalizedTextTest, KeepsOtherScriptsAsWords) {
  EXPECT_EQ(wordsOf("привет мир"), (Words{"привет", "мир"}));
}

TEST(NormalizedTextTest, KeepsLanguageNamesWithSymbolsWhole) {
  EXPECT_EQ(wordsOf("C++ or C# or F#, not a+b"),
            (Words{"c++", "or", "c#", "or", "f#", "not", "a", "b"}));
}

TEST(NormalizedTextTest, WordsAreSingleSpacedInText) {
  NormalizedText text("  read -- this\n\naloud!  ");
  EXPECT_EQ(text.text(), "read this aloud");
  EXPECT_EQ(text.span(0, 2), "read this aloud");
  EXPECT_EQ(text.span(1, 2), "this aloud");
}

TEST(NormalizedTextTest, EqualWordsHashEqualWhereverTheyComeFrom) {
  NormalizedText text("Weather WEATHER weather");
  ASSERT_EQ(text.size(), 3u);
  EXPECT_EQ(text[0].hash, hashWord("weather"));
  EXPECT_EQ(text[1].hash, text[2].hash);
  EXPECT_NE(text[0].hash, hashWord("weathers"));
}

TEST(NormalizedTextTest, HashesLongWordsTheSameAsHashWord) {
  const std::string word = "pneumonoultramicroscopicsilicovolcanoconiosis";
  NormalizedText text("x " + word + " y");
  EXPECT_EQ(text[1].hash, hashWord(word));
}

TEST(NormalizedTextTest, FlagsWordShapes) {
  NormalizedText text("useState NullPointerException HTTP 3x Ab");
  EXPECT_TRUE(text[0].has(Word::kCamelCase));
  EXPECT_TRUE(text[1].has(Word::kInnerUpper));
  EXPECT_TRUE(text[1].has(Word::kCapital));
  EXPECT_FALSE(text[1].has(Word::kCamelCase));
  EXPECT_FALSE(text[2].has(Word::kInnerUpper));
  EXPECT_TRUE(text[3].has(Word::kDigits));
  EXPECT_TRUE(text[3].has(Word::kLetters));
  EXPECT_FALSE(text[4].has(Word::kInnerUpper));
}

TEST(NormalizedTextTest, CountsCodeShape) {
  NormalizedText text("```js\nif (a == b) {\n  go();\n}\n```\n    at foo (x.js:1:2)");
  EXPECT_EQ(text.shape().fences, 2u);
  EXPECT_EQ(text.shape().codeLineEnds, 3u);
  EXPECT_GE(text.shape().codeOperators, 2u);  // == and ()
  EXPECT_EQ(text.shape().stackFrameLines, 1u);
  EXPECT_EQ(text.count('`'), 0u) << "fence backticks are not inline code";
}

TEST(NormalizedTextTest, CountsMathSymbolsAndUrls) {
  NormalizedText text("√2 × π ≤ 5² see https://example.com");
  EXPECT_EQ(text.shape().mathSymbols, 5u);
  EXPECT_EQ(text.shape().urls, 1u);
}

TEST(NormalizedTextTest, EmptyAndBlankTextHaveNoWords) {
  EXPECT_TRUE(NormalizedText("").empty());
  EXPECT_TRUE(NormalizedText(" \n\t?!").empty());
  EXPECT_TRUE(NormalizedText("").validUtf8());
}

TEST(NormalizedTextTest, InvalidUtf8IsFlaggedAndSkipped) {
  NormalizedText text(std::string("caf\xE9 ok \xC3\x28 \xED\xA0\x80 \xF5\x80\x80\x80"));
  EXPECT_FALSE(text.validUtf8());
  EXPECT_EQ(text.word(0), "caf");
  EXPECT_EQ(text.word(1), "ok");
}

TEST(NormalizedTextTest, OverlongEncodingIsInvalid) {
  EXPECT_FALSE(NormalizedText(std::string("\xC0\xAF")).validUtf8());
  EXPECT_FALSE(NormalizedText(std::string("\xE0\x80\xAF")).validUtf8());
}

TEST(NormalizedTextTest, ReadsOnlyThePrefixAndNeverSplitsACharacter) {
  std::string huge(NormalizedText::kMaxBytes - 1, 'a');
  huge += "é and much more text after the limit";
  NormalizedText text(huge);
  EXPECT_TRUE(text.truncated());
  EXPECT_TRUE(text.validUtf8()) << "the é cut by the limit is not an encoding error";
  EXPECT_EQ(text.raw().size(), NormalizedText::kMaxBytes - 1);
  EXPECT_EQ(text.size(), 1u);
}

TEST(NormalizedTextTest, HoldsTheMostWordsAPrefixCanHave) {
  std::string many;
  while (many.size() < 10 * NormalizedText::kMaxBytes) many += "a ";
  NormalizedText text(many);
  EXPECT_EQ(text.size(), NormalizedText::kMaxBytes / 2);
  EXPECT_LE(text.text().size(), NormalizedText::kMaxBytes);
}

TEST(NormalizedTextTest, ControlBytesAndNulAreSeparators) {
  EXPECT_EQ(wordsOf(std::string("a\0b\x01"
                                "c",
                                5)),
            (Words{"a", "b", "c"}));
}

}  // namespace
}  // namespace manifold::router
