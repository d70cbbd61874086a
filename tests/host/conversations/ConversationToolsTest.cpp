// A conversation keeps the gateway's own tool calls and results (the tool
// loop, with the tool probe toolset), even when the client's API does not
// show them, and sends them again with the next turn: the call right before
// its result, the result still inside boundary markers.
#include <Poco/JSON/Array.h>

#include "../failover/FailoverFixture.h"
#include "support/TestPaths.h"

namespace manifold::test {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

class ConversationToolsTest : public FailoverFixture {
 protected:
  void SetUp() override {
    extraPluginFiles_ = {testPlugin("tool_probe")};
    tools_.callTimeoutMs = 500;
    config::ModeConfig toolsy = mode("toolsy", {"a"});
    toolsy.tools = {"probe.add"};
    start({engine("a")}, {toolsy});
  }
};

TEST_F(ConversationToolsTest, TheGatewaysToolCallsAndResultsAreKeptAndSentAgain) {
  FakeBehaviour call;
  call.toolCallName = "probe__add";
  call.tokens = {"{\"a\":2,", "\"b\":3}"};
  FakeBehaviour answer;
  answer.tokens = {"It is ", "5."};
  fake_.script("a", {call, answer, FakeBehaviour()});

  // The OpenAI answer shows none of the tool loop; the conversation keeps it.
  HttpResult r = gateway_->client().post(
      "/v1/chat/completions",
      R"({"model":"mode/toolsy","messages":[{"role":"user","content":"what is 2+3?"}]})",
      {{"x-manifold-conversation", "new"}});
  ASSERT_EQ(r.status, 200) << r.body;
  const std::string id = r.header("x-manifold-conversation");
  ASSERT_FALSE(id.empty());
  r = gateway_->client().get("/v1/conversations/" + id);
  ASSERT_EQ(r.status, 200) << r.body;
  const Array::Ptr kept = parseObject(r.body)->getArray("messages");
  ASSERT_EQ(kept->size(), 4u) << r.body;
  const Object::Ptr keptCall = kept->getObject(1);
  EXPECT_EQ(keptCall->getValue<std::string>("role"), "assistant");
  const Object::Ptr function =
      keptCall->getArray("tool_calls")->getObject(0)->getObject("function");
  EXPECT_EQ(function->getValue<std::string>("name"), "probe__add");
  EXPECT_EQ(function->getValue<std::string>("arguments"), R"({"a":2,"b":3})");
  EXPECT_EQ(kept->getObject(2)->getValue<std::string>("role"), "tool");
  EXPECT_EQ(kept->getObject(2)->getValue<std::string>("tool_call_id"),
            keptCall->getArray("tool_calls")->getObject(0)->getValue<std::string>("id"));
  const std::string result = kept->getObject(2)->getValue<std::string>("content");
  EXPECT_NE(result.find("<<untrusted:tool_result id="), std::string::npos) << result;
  EXPECT_NE(result.find("\"sum\":5"), std::string::npos) << result;
  EXPECT_EQ(kept->getObject(3)->getValue<std::string>("content"), "It is 5.");

  r = gateway_->client().post("/api/chat",
                              R"({"mode":"toolsy","conversation_id":")" + id +
                                  R"(","messages":[{"role":"user","content":"and 2+4?"}]})");
  ASSERT_EQ(r.status, 200) << r.body;
  const std::vector<std::string> bodies = fake_.bodies("a");
  ASSERT_EQ(bodies.size(), 3u);
  const Array::Ptr sent = parseObject(bodies[2])->getArray("messages");
  std::vector<std::string> roles;
  for (size_t i = 0; i < sent->size(); ++i)
    roles.push_back(sent->getObject(static_cast<unsigned>(i))->getValue<std::string>("role"));
  const std::vector<std::string> expected = {"system", "user",      "assistant",
                                             "tool",   "assistant", "user"};
  EXPECT_EQ(roles, expected)
      << bodies[2] << "\nthe markers are explained, and the call is right before its result";
  EXPECT_EQ(sent->getObject(3)->getValue<std::string>("content"), result)
      << "sent again exactly as kept";
}

}  // namespace
}  // namespace manifold::test
