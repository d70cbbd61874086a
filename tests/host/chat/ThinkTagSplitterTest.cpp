// The think-tag splitter on its own: every way of cutting a stream gives the
// same reasoning and answer as the stream in one piece.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "chat/ThinkTagSplitter.h"

namespace manifold::chat {
namespace {

// Pieces as text: R[...] for reasoning, T[...] for answer text.
std::string describe(const std::vector<ThinkPiece>& pieces) {
  std::string out;
  for (const ThinkPiece& p : pieces) out += (p.reasoning ? "R[" : "T[") + p.text + "]";
  return out;
}

// Adjacent pieces of one kind merged: what a client assembles.
std::vector<ThinkPiece> merged(const std::vector<ThinkPiece>& pieces) {
  std::vector<ThinkPiece> out;
  for (const ThinkPiece& p : pieces) {
    EXPECT_FALSE(p.text.empty()) << "the splitter never emits an empty piece";
    if (!out.empty() && out.back().reasoning == p.reasoning)
      out.back().text += p.text;
    else
      out.push_back(p);
  }
  return out;
}

std::string splitAll(const std::vector<std::string>& deltas) {
  ThinkTagSplitter splitter;
  std::vector<ThinkPiece> pieces;
  for (const std::string& d : deltas) splitter.feed(d, pieces);
  splitter.flush(pieces);
  return describe(merged(pieces));
}

struct Fixture {
  std::string text;
  std::string expected;
};

const std::vector<Fixture>& fixtures() {
  static const std::vector<Fixture> all = {
      {"<think>secret plan</think>Answer", "R[secret plan]T[Answer]"},
      {"Hello <think>a</think> world <think>b</think>!", "T[Hello ]R[a]T[ world ]R[b]T[!]"},
      {"<think>\nplan\n</think>\n\nAnswer", "R[\nplan\n]T[\n\nAnswer]"},
      {"a < b and c <= d, x<y", "T[a < b and c <= d, x<y]"},
      {"<thinking>x</thinking>", "T[<thinking>x</thinking>]"},
      {"<Think>x</Think> < think>", "T[<Think>x</Think> < think>]"},
      {"<think>never closed", "R[never closed]"},
      {"<think>a<think>b</think>c</think>d", "R[a<think>b]T[c</think>d]"},
      {"stray</think> closer", "T[stray</think> closer]"},
      {"<think></think>Answer", "T[Answer]"},
      {"ends on <thi", "T[ends on <thi]"},
      {"<think>ends inside </thi", "R[ends inside </thi]"},
      {"x<<think>y</<think>z</think>", "T[x<]R[y</<think>z]"},
      {"<think>\xE6\x97\xA5\xE6\x9C\xAC</think>\xE8\xAA\x9E",
       "R[\xE6\x97\xA5\xE6\x9C\xAC]T[\xE8\xAA\x9E]"},
  };
  return all;
}

TEST(ThinkTagSplitterTest, WholeStreamsSplitAsDocumented) {
  for (const Fixture& f : fixtures()) EXPECT_EQ(splitAll({f.text}), f.expected) << f.text;
}

TEST(ThinkTagSplitterTest, EveryCutInTwoOrThreeGivesTheSameResult) {
  for (const Fixture& f : fixtures()) {
    const std::string& t = f.text;
    for (size_t i = 0; i <= t.size(); ++i) {
      ASSERT_EQ(splitAll({t.substr(0, i), t.substr(i)}), f.expected) << t << " cut at " << i;
      for (size_t j = i; j <= t.size(); ++j)
        ASSERT_EQ(splitAll({t.substr(0, i), t.substr(i, j - i), t.substr(j)}), f.expected)
            << t << " cut at " << i << " and " << j;
    }
  }
}

TEST(ThinkTagSplitterTest, OneByteAtATimeGivesTheSameResult) {
  for (const Fixture& f : fixtures()) {
    std::vector<std::string> bytes;
    for (char c : f.text) bytes.emplace_back(1, c);
    EXPECT_EQ(splitAll(bytes), f.expected) << f.text;
  }
}

TEST(ThinkTagSplitterTest, RandomCutsOfALongStreamGiveTheSameResult) {
  std::string text;
  std::string expected;
  for (int i = 0; i < 20; ++i) {
    text += "<think>step " + std::to_string(i) + " </thin</think>answer <th " + std::to_string(i);
    expected += "R[step " + std::to_string(i) + " </thin]T[answer <th " + std::to_string(i) + "]";
  }
  ASSERT_EQ(splitAll({text}), expected);
  std::mt19937 random(20240611);  // fixed: the same cuts on every run
  for (int run = 0; run < 500; ++run) {
    std::vector<std::string> deltas;
    for (size_t at = 0; at < text.size();) {
      const size_t n = std::uniform_int_distribution<size_t>(0, 12)(random);
      deltas.push_back(text.substr(at, n));
      at += n;
    }
    ASSERT_EQ(splitAll(deltas), expected) << "run " << run;
  }
}

TEST(ThinkTagSplitterTest, HoldsBackOnlyWhatCouldStillBeATag) {
  ThinkTagSplitter splitter;
  std::vector<ThinkPiece> out;
  splitter.feed("a < b", out);
  EXPECT_EQ(describe(out), "T[a < b]") << "a '<' that cannot start a tag is not held";
  out.clear();
  splitter.feed("Hello <th", out);
  EXPECT_EQ(describe(out), "T[Hello ]");
  out.clear();
  splitter.feed("ink>plan</thi", out);
  EXPECT_EQ(describe(out), "R[plan]");
  out.clear();
  splitter.feed("s is not it", out);
  EXPECT_EQ(describe(out), "R[</this is not it]") << "the held tail was not a tag after all";
  out.clear();
  splitter.feed("</think>", out);
  EXPECT_TRUE(out.empty());
  splitter.flush(out);
  EXPECT_TRUE(out.empty()) << "nothing is held after a whole tag";
}

TEST(ThinkTagSplitterTest, FlushReleasesTheHeldTailAsWhatItIsSoFar) {
  ThinkTagSplitter answer;
  std::vector<ThinkPiece> out;
  answer.feed("x </think", out);
  answer.flush(out);
  EXPECT_EQ(describe(out), "T[x </think]") << "outside a span, only <think> is held back";

  ThinkTagSplitter reasoning;
  out.clear();
  reasoning.feed("<think>x </think", out);
  EXPECT_EQ(describe(out), "R[x ]");
  out.clear();
  reasoning.flush(out);
  EXPECT_EQ(describe(out), "R[</think]") << "an unclosed span stays reasoning";
}

}  // namespace
}  // namespace manifold::chat
