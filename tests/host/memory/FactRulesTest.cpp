// The memory rules read a user's message word by word: what they store,
// replace and forget.
#include "memory/FactRules.h"

#include <gtest/gtest.h>

namespace manifold::memory {
namespace {

using Kind = FactChange::Kind;

std::string describe(const FactChange& c) {
  const char* kind = c.kind == Kind::Remember        ? "remember"
                     : c.kind == Kind::ForgetSubject ? "forget-slot"
                                                     : "forget-matching";
  return std::string(kind) + "|" + c.subject + "|" + c.text + "|" + c.value;
}

std::vector<std::string> read(const std::string& message) {
  std::vector<std::string> out;
  for (const FactChange& c : readFactRules(message)) out.push_back(describe(c));
  return out;
}

TEST(FactRulesTest, EachPhraseFillsItsSlot) {
  EXPECT_EQ(
      read("Hi! My name is Ada Lovelace."),
      std::vector<std::string>{"remember|name|The user's name is Ada Lovelace.|Ada Lovelace"});
  EXPECT_EQ(read("i live in Paris, near the river"),
            std::vector<std::string>{"remember|home|The user lives in Paris.|Paris"});
  EXPECT_EQ(read("I moved to Berlin; it is cold"),
            std::vector<std::string>{"remember|home|The user lives in Berlin.|Berlin"});
  EXPECT_EQ(
      read("I prefer Green Tea"),
      std::vector<std::string>{"remember|prefers:green tea|The user prefers Green Tea.|Green Tea"});
  EXPECT_EQ(read("Please call me Bo"),
            std::vector<std::string>{"remember|name|The user's name is Bo.|Bo"});
}

TEST(FactRulesTest, SeveralFactsInOneMessageAreAllRead) {
  EXPECT_EQ(read("My name is Ada and I live in Paris. I prefer short answers!"),
            (std::vector<std::string>{
                "remember|name|The user's name is Ada.|Ada",
                "remember|home|The user lives in Paris.|Paris",
                "remember|prefers:short answers|The user prefers short answers.|short answers"}));
}

TEST(FactRulesTest, NegationsEmptyTheSlotTheyName) {
  EXPECT_EQ(read("I don't live in Paris anymore."),
            std::vector<std::string>{"forget-slot|home||Paris"});
  EXPECT_EQ(read("I no longer live in Paris"), std::vector<std::string>{"forget-slot|home||Paris"});
  EXPECT_EQ(read("I do not live in Paris"), std::vector<std::string>{"forget-slot|home||Paris"});
  EXPECT_EQ(read("My name isn\xE2\x80\x99t Bob"),
            std::vector<std::string>{"forget-slot|name||Bob"});
  EXPECT_EQ(read("my name is not Bob"), std::vector<std::string>{"forget-slot|name||Bob"});
  EXPECT_EQ(read("I don't prefer tea"), std::vector<std::string>{"forget-slot|prefers:tea||tea"});
}

TEST(FactRulesTest, NotesAndForgetsTakeTheWholeSentence) {
  EXPECT_EQ(read("Remember that my sister, Eve, visits on Sundays."),
            std::vector<std::string>{
                "remember||my sister, Eve, visits on Sundays|my sister, Eve, visits on Sundays"});
  EXPECT_EQ(read("Forget that I live in Paris"),
            std::vector<std::string>{"forget-matching|||I live in Paris"});
  EXPECT_EQ(read("please forget about my sister"),
            std::vector<std::string>{"forget-matching|||my sister"});
}

TEST(FactRulesTest, QuestionsAndLookalikesAreNotFacts) {
  EXPECT_TRUE(read("What is my name?").empty());
  EXPECT_TRUE(read("Is my name is Ada?").empty());
  EXPECT_TRUE(read("Where do I live in winter").empty());
  EXPECT_TRUE(read("Anonymous name is fine").empty());  // "my" must be a word of its own
  EXPECT_TRUE(read("My name is").empty());              // no value
  EXPECT_TRUE(read("").empty());
}

TEST(FactRulesTest, ForgettingMatchesEverySignificantWord) {
  EXPECT_TRUE(factMentions("The user lives in Paris.", "I live in Paris"));
  EXPECT_TRUE(factMentions("The user's name is Ada.", "my name is Ada"));
  EXPECT_FALSE(factMentions("The user lives in Paris.", "I live in Rome"));
  EXPECT_FALSE(factMentions("The user lives in Paris.", "that"));  // nothing significant
  EXPECT_FALSE(factMentions("The user lives in Paris.", ""));
}

}  // namespace
}  // namespace manifold::memory
