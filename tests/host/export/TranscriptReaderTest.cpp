// Which messages go into an export and which bad input is refused.
#include "export/TranscriptReader.h"

#include <gtest/gtest.h>

namespace manifold::exporting {
namespace {

std::optional<std::vector<ExportMessage>> read(const std::string& json,
                                               TranscriptProblem& problem) {
  std::optional<json::Value> value = json::parse(json);
  EXPECT_TRUE(value.has_value()) << json;
  return readTranscript(value ? *value : json::Value(), problem);
}

TEST(TranscriptReaderTest, ReasoningIsStripped) {
  TranscriptProblem problem;
  const auto messages = read(R"([
    {"role":"user","content":"Why?"},
    {"role":"assistant","reasoning":"secret chain","reasoning_content":"more secret",
     "content":"<think>hidden plan</think>Because.\n<think>second thought</think> Really."},
    {"role":"assistant","content":"<think>only reasoning</think>"},
    {"role":"assistant","content":"Done. <think>never closed"}])",
                             problem);
  ASSERT_TRUE(messages) << problem.message;
  ASSERT_EQ(messages->size(), 3u) << "a message that was all reasoning is skipped";
  EXPECT_EQ((*messages)[1].text, "Because.\n Really.");
  EXPECT_EQ((*messages)[2].text, "Done.");
}

TEST(TranscriptReaderTest, PartsToolCallsAndToolResultsAreKept) {
  TranscriptProblem problem;
  const auto messages = read(R"([
    {"role":"user","content":[{"type":"text","text":"What is this?"},
                              {"type":"image_url","image_url":{"url":"data:x"}}]},
    {"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function",
      "function":{"name":"weather","arguments":"{\"city\":\"Oslo\"}"}}]},
    {"role":"tool","tool_call_id":"c1","content":"{\"temp\":3}"}])",
                             problem);
  ASSERT_TRUE(messages) << problem.message;
  ASSERT_EQ(messages->size(), 3u);
  EXPECT_EQ((*messages)[0].text, "What is this?\n\n[image]");
  EXPECT_EQ((*messages)[1].text, "Tool call: weather {\"city\":\"Oslo\"}");
  EXPECT_EQ((*messages)[2].role, "tool");
  EXPECT_EQ((*messages)[2].text, "{\"temp\":3}");
}

TEST(TranscriptReaderTest, BadMessagesNameTheFieldAtFault) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"[]", "messages"},
      {R"({"role":"user"})", "messages"},
      {R"(["hello"])", "messages[0]"},
      {R"([{"role":"user","content":"a"},{"role":"robot","content":"b"}])", "messages[1].role"},
      {R"([{"role":"user","content":42}])", "messages[0].content"},
      {R"([{"role":"user","content":[{"text":"no type"}]}])", "messages[0].content[0]"},
      {R"([{"role":"assistant","content":"<think>all hidden</think>"}])", "messages"}};
  for (const auto& [json, param] : cases) {
    TranscriptProblem problem;
    EXPECT_FALSE(read(json, problem)) << json;
    EXPECT_EQ(problem.param, param) << json;
    EXPECT_FALSE(problem.message.empty()) << json;
  }
}

}  // namespace
}  // namespace manifold::exporting
