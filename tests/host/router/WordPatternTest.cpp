// The pattern syntax plugins declare intents with (plugin.h, manifold.intents/1).
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "router/WordPattern.h"

namespace manifold::router {
namespace {

WordPattern compiled(const std::string& source) {
  std::string error;
  auto p = WordPattern::pattern(source, error);
  EXPECT_TRUE(p) << source << ": " << error;
  return p ? *p : *WordPattern::phrase("unused", error);
}

// Where the pattern first matches in `message`, as "first-end", or "none".
std::string findIn(const WordPattern& p, const std::string& message) {
  auto text = std::make_unique<NormalizedText>(message);
  for (size_t i = 0; i < text->size(); ++i) {
    size_t end = 0;
    if (p.matchAt(*text, i, end)) return std::to_string(i) + "-" + std::to_string(end);
  }
  return "none";
}

std::string errorFor(const std::string& source) {
  std::string error;
  EXPECT_FALSE(WordPattern::pattern(source, error)) << source << " should not compile";
  return error;
}

TEST(WordPatternTest, MatchesLiteralWordsInOrder) {
  const WordPattern p = compiled("read aloud");
  EXPECT_EQ(findIn(p, "please READ, aloud"), "1-3");
  EXPECT_EQ(findIn(p, "aloud read"), "none");
}

TEST(WordPatternTest, AlternativesPrefixesAndWildcards) {
  const WordPattern p = compiled("read|say * aloud|out");
  EXPECT_EQ(findIn(p, "say it out"), "0-3");
  EXPECT_EQ(findIn(p, "read this aloud"), "0-3");
  EXPECT_EQ(findIn(p, "read aloud"), "none") << "* is exactly one word";
  const WordPattern prefix = compiled("please translat*");
  EXPECT_EQ(findIn(prefix, "oh please translating"), "1-3");
  EXPECT_EQ(findIn(prefix, "please transl"), "none");
}

TEST(WordPatternTest, GapsSpanZeroToThreeWords) {
  const WordPattern p = compiled("read ... aloud");
  EXPECT_EQ(findIn(p, "read aloud"), "0-2");
  EXPECT_EQ(findIn(p, "read the whole page aloud"), "0-5");
  EXPECT_EQ(findIn(p, "read the whole long page aloud"), "none");
}

TEST(WordPatternTest, NormalizesWordsLikeMessages) {
  const WordPattern p = compiled("Météo DEMAIN");
  EXPECT_EQ(findIn(p, "la meteo demain"), "1-3");
}

TEST(WordPatternTest, TriggersAreTheFirstElementsWords) {
  const WordPattern p = compiled("read|say aloud");
  ASSERT_EQ(p.triggers().size(), 2u);
  EXPECT_EQ(p.triggers()[0], hashWord("read"));
  EXPECT_EQ(p.triggers()[1], hashWord("say"));
  EXPECT_EQ(p.literalCount(), 2u);
}

TEST(WordPatternTest, PhrasesAreLiteralText) {
  std::string error;
  auto phrase = WordPattern::phrase("Read this aloud, please!", error);
  ASSERT_TRUE(phrase) << error;
  EXPECT_EQ(findIn(*phrase, "could you read this aloud please"), "2-6");
  EXPECT_FALSE(WordPattern::phrase("?!", error));
  EXPECT_EQ(error, "has no words");
  EXPECT_FALSE(WordPattern::phrase("one two three four five six seven eight nine", error));
}

TEST(WordPatternTest, RefusesRegularExpressions) {
  EXPECT_NE(errorFor("\\bocr\\b").find("the character '\\'"), std::string::npos);
  EXPECT_NE(errorFor("read (this)").find("the character '('"), std::string::npos);
  EXPECT_NE(errorFor("colou?r").find("the character '?'"), std::string::npos);
  EXPECT_NE(errorFor("a.*b").find("the character '.'"), std::string::npos);
}

TEST(WordPatternTest, RefusesMalformedPatterns) {
  EXPECT_EQ(errorFor(""), "is empty");
  EXPECT_EQ(errorFor("   "), "is empty");
  EXPECT_NE(errorFor("* aloud").find("does not start with a word"), std::string::npos);
  EXPECT_NE(errorFor("tran* aloud").find("does not start with a word"), std::string::npos);
  EXPECT_NE(errorFor("... aloud").find("starts or ends with ..."), std::string::npos);
  EXPECT_NE(errorFor("read ...").find("starts or ends with ..."), std::string::npos);
  EXPECT_EQ(errorFor("read ... ... aloud"), "has two ... in a row");
  EXPECT_NE(errorFor("read||say").find("empty alternative"), std::string::npos);
  EXPECT_NE(errorFor("read t*").find("shorter than the two letters"), std::string::npos);
  EXPECT_NE(errorFor("a b c d e f g h i").find("more than 8 elements"), std::string::npos);
  EXPECT_NE(errorFor("read \xC3").find("not valid UTF-8"), std::string::npos);
  EXPECT_NE(errorFor("read →").find("not one word"), std::string::npos);
}

}  // namespace
}  // namespace manifold::router
