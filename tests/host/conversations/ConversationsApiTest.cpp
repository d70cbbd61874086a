// Conversations through a real gateway and fake upstreams, with the store in
// a real SQLite file: the next turn sends only its new message and the engine
// sees the whole history (the fake's ledger); mode and model change per turn;
// history is trimmed to the window; a cut answer is kept as failed and never
// sent again; the OpenAI and Anthropic APIs opt in with a header; an unknown
// id is refused before any upstream call; /v1/conversations pages, reads and
// deletes.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

#include "../failover/FailoverFixture.h"

namespace manifold::test {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

std::string quoted(const std::string& text) {
  return json::stringify(json::Value(text));
}

/// A native body: optional system prompt, one user message, extra members.
std::string nativeBody(const std::string& user, const std::string& extra,
                       const std::string& system = "") {
  std::string messages = "[";
  if (!system.empty()) messages += R"({"role":"system","content":)" + quoted(system) + "},";
  messages += R"({"role":"user","content":)" + quoted(user) + "}]";
  return R"({"messages":)" + messages + (extra.empty() ? "" : "," + extra) + "}";
}

/// The messages an upstream request carried, as "role: text".
std::vector<std::string> sentMessages(const std::string& body) {
  std::vector<std::string> out;
  const Array::Ptr messages = parseObject(body)->getArray("messages");
  for (size_t i = 0; i < messages->size(); ++i) {
    const Object::Ptr m = messages->getObject(static_cast<unsigned>(i));
    std::string text;
    if (m->isArray("content")) {
      const Array::Ptr parts = m->getArray("content");
      for (size_t p = 0; p < parts->size(); ++p)
        text += parts->getObject(static_cast<unsigned>(p))->optValue<std::string>("text", "");
    } else if (!m->isNull("content")) {
      text = m->getValue<std::string>("content");
    }
    out.push_back(m->getValue<std::string>("role") + ": " + text);
  }
  return out;
}

Object::Ptr eventNamed(const std::string& body, const std::string& name) {
  for (const SseEvent& e : sseEvents(body))
    if (e.name == name) return parseObject(e.data);
  return nullptr;
}

class ConversationsApiTest : public FailoverFixture {
 protected:
  void SetUp() override {
    start({engine("smart-1"), engine("coder-1"), engine("small", 1000)},
          {mode("smart", {"smart-1"}), mode("coder", {"coder-1"}), mode("small", {"small"})});
  }

  HttpResult native(const std::string& body,
                    const std::map<std::string, std::string>& headers = {}) const {
    return gateway_->client().post("/api/chat", body, headers);
  }
  /// One native turn that must answer; its backend event.
  Object::Ptr turn(const std::string& body) const {
    const HttpResult r = native(body);
    EXPECT_EQ(r.status, 200) << r.body;
    expectDocumentedEvents(sseEvents(r.body));
    Object::Ptr backend = eventNamed(r.body, "backend");
    EXPECT_TRUE(backend) << r.body;
    if (backend && backend->has("conversation_id"))
      EXPECT_EQ(r.header("x-manifold-conversation"),
                backend->getValue<std::string>("conversation_id"));
    return backend ? backend : Object::Ptr(new Object);
  }
  std::string startConversation(const std::string& text, const std::string& mode = "smart",
                                const std::string& system = "") const {
    const Object::Ptr backend =
        turn(nativeBody(text, R"("mode":")" + mode + R"(","conversation":true)", system));
    EXPECT_EQ(backend->optValue<int>("history_turns", -1), 0);
    return backend->optValue<std::string>("conversation_id", "");
  }
  std::string carryOn(const std::string& id, const std::string& mode) const {
    return R"("mode":")" + mode + R"(","conversation_id":")" + id + "\"";
  }
  Object::Ptr conversation(const std::string& id) const {
    const HttpResult r = gateway_->client().get("/v1/conversations/" + id);
    EXPECT_EQ(r.status, 200) << r.body;
    return parseObject(r.status == 200 ? r.body : "{}");
  }
};

TEST_F(ConversationsApiTest, TheNextTurnSendsOnlyItsMessageAndTheEngineSeesTheHistory) {
  const std::string id = startConversation("My cat is called Tom.", "smart", "Be brief.");
  ASSERT_EQ(id.rfind("conv_", 0), 0u) << id;

  const Object::Ptr backend =
      turn(nativeBody("What is my cat called?", carryOn(id, "smart"), "Be brief."));
  EXPECT_EQ(backend->getValue<std::string>("conversation_id"), id);
  EXPECT_EQ(backend->getValue<int>("history_turns"), 1);

  const std::vector<std::string> bodies = fake_.bodies("smart-1");
  ASSERT_EQ(bodies.size(), 2u);
  const std::vector<std::string> expected = {"system: Be brief.", "user: My cat is called Tom.",
                                             "assistant: Hello world",
                                             "user: What is my cat called?"};
  EXPECT_EQ(sentMessages(bodies[1]), expected)
      << "the client's system prompt first, then the history, then the new message";

  const Object::Ptr read = conversation(id);
  EXPECT_EQ(read->getValue<std::string>("title"), "My cat is called Tom.");
  EXPECT_EQ(read->getValue<int>("turns"), 2);
  const Array::Ptr messages = read->getArray("messages");
  ASSERT_EQ(messages->size(), 4u) << "system prompts are the client's, sent each time, not kept";
  EXPECT_EQ(messages->getObject(1)->getValue<std::string>("content"), "Hello world");
  EXPECT_EQ(messages->getObject(1)->getValue<std::string>("status"), "complete");
  EXPECT_EQ(messages->getObject(3)->getValue<std::string>("content"), "Hello world");
}

TEST_F(ConversationsApiTest, ModeAndModelMayChangeAtAnyTurn) {
  const std::string id = startConversation("Tell me about sorting.");
  turn(nativeBody("Now in Python please.", carryOn(id, "coder")));
  // The third turn comes in on the OpenAI API, naming an engine.
  const HttpResult r = gateway_->client().post(
      "/v1/chat/completions",
      R"({"model":"smart-1","messages":[{"role":"user","content":"Thanks!"}]})",
      {{"x-manifold-conversation", id}});
  ASSERT_EQ(r.status, 200) << r.body;

  const std::vector<std::string> coder = {"user: Tell me about sorting.", "assistant: Hello world",
                                          "user: Now in Python please."};
  ASSERT_EQ(fake_.bodies("coder-1").size(), 1u);
  EXPECT_EQ(sentMessages(fake_.bodies("coder-1")[0]), coder);
  const std::vector<std::string> smart = {"user: Tell me about sorting.", "assistant: Hello world",
                                          "user: Now in Python please.", "assistant: Hello world",
                                          "user: Thanks!"};
  ASSERT_EQ(fake_.bodies("smart-1").size(), 2u);
  EXPECT_EQ(sentMessages(fake_.bodies("smart-1")[1]), smart);

  const Array::Ptr messages = conversation(id)->getArray("messages");
  ASSERT_EQ(messages->size(), 6u);
  EXPECT_EQ(messages->getObject(1)->getValue<std::string>("engine"), "smart-1");
  EXPECT_EQ(messages->getObject(3)->getValue<std::string>("engine"), "coder-1");
  EXPECT_EQ(messages->getObject(3)->getValue<std::string>("mode"), "coder");
  EXPECT_EQ(messages->getObject(5)->getValue<std::string>("engine"), "smart-1");
}

TEST_F(ConversationsApiTest, HistoryIsTrimmedToTheWindowOldestTurnsFirst) {
  // Engine "small" has a 1000-token window. By the documented rule the
  // history gets 1000 - 250 (a quarter for the answer) - 500 (2000 chars
  // kept for memory) - 5 (the new message "next", 4 + 1) = 245 tokens. A
  // turn here is a 300-byte message (4 + 75) and "Hello world" (4 + 3): 86
  // tokens, so the two newest turns fit and the third does not.
  auto text = [](int n) { return "turn " + std::to_string(n) + " " + std::string(293, 'x'); };
  const std::string id = startConversation(text(1), "small", "You are terse.");
  for (int n = 2; n <= 4; ++n) turn(nativeBody(text(n), carryOn(id, "small"), "You are terse."));

  const Object::Ptr backend = turn(nativeBody("next", carryOn(id, "small"), "You are terse."));
  EXPECT_EQ(backend->getValue<int>("history_turns"), 2);
  const std::vector<std::string> sent = sentMessages(fake_.bodies("small").back());
  const std::vector<std::string> expected = {"system: You are terse.", "user: " + text(3),
                                             "assistant: Hello world", "user: " + text(4),
                                             "assistant: Hello world", "user: next"};
  EXPECT_EQ(sent, expected) << "the system prompt stays; turns 1 and 2 are left out";
  EXPECT_EQ(conversation(id)->getValue<int>("turns"), 5)
      << "trimming sends less; it deletes nothing";
}

TEST_F(ConversationsApiTest, ACutAnswerIsKeptAsFailedAndNeverSentAgain) {
  const std::string id = startConversation("First question");
  FakeBehaviour cut;
  cut.cutAfterTokens = 1;
  fake_.script("smart-1", {cut, FakeBehaviour()});
  const HttpResult r = native(nativeBody("Second question", carryOn(id, "smart")));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(eventNamed(r.body, "error")) << r.body;
  EXPECT_FALSE(eventNamed(r.body, "done")) << r.body;

  Array::Ptr messages = conversation(id)->getArray("messages");
  ASSERT_EQ(messages->size(), 4u);
  EXPECT_EQ(messages->getObject(2)->getValue<std::string>("content"), "Second question");
  EXPECT_EQ(messages->getObject(2)->getValue<std::string>("status"), "failed");
  EXPECT_EQ(messages->getObject(3)->getValue<std::string>("content"), "Hello")
      << "what the client saw of the answer";
  EXPECT_EQ(messages->getObject(3)->getValue<std::string>("status"), "failed");

  const Object::Ptr backend = turn(nativeBody("Third question", carryOn(id, "smart")));
  EXPECT_EQ(backend->getValue<int>("history_turns"), 1);
  const std::vector<std::string> expected = {"user: First question", "assistant: Hello world",
                                             "user: Third question"};
  EXPECT_EQ(sentMessages(fake_.bodies("smart-1").back()), expected);
  const std::optional<std::string> exported =
      gateway_->server().conversations()->messagesJson("", id);
  ASSERT_TRUE(exported);
  EXPECT_EQ(exported->find("Second question"), std::string::npos) << *exported;
}

TEST_F(ConversationsApiTest, TheOpenAiAndAnthropicApisOptInWithAHeader) {
  auto openai = [&](const std::string& text, const std::map<std::string, std::string>& headers) {
    return gateway_->client().post(
        "/v1/chat/completions",
        R"({"model":"smart-1","messages":[{"role":"user","content":)" + quoted(text) + "}]}",
        headers);
  };
  HttpResult r = openai("plain", {});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("x-manifold-conversation"), "") << "no header, no conversation";
  r = openai("remember 7", {{"x-manifold-conversation", "new"}});
  ASSERT_EQ(r.status, 200) << r.body;
  const std::string id = r.header("x-manifold-conversation");
  ASSERT_EQ(id.rfind("conv_", 0), 0u) << id;
  r = openai("which number?", {{"x-manifold-conversation", id}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("x-manifold-conversation"), id);
  const std::vector<std::string> expected = {"user: remember 7", "assistant: Hello world",
                                             "user: which number?"};
  EXPECT_EQ(sentMessages(fake_.bodies("smart-1").back()), expected);

  auto anthropic = [&](const std::string& text, const std::map<std::string, std::string>& headers) {
    return gateway_->client().post("/v1/messages",
                                   R"({"model":"smart-1","max_tokens":100,"stream":true,)"
                                   R"("messages":[{"role":"user","content":)" +
                                       quoted(text) + "}]}",
                                   headers);
  };
  r = anthropic("remember 8", {{"x-manifold-conversation", "new"}});
  ASSERT_EQ(r.status, 200) << r.body;
  const std::string second = r.header("x-manifold-conversation");
  ASSERT_EQ(second.rfind("conv_", 0), 0u) << second;
  EXPECT_NE(second, id);
  r = anthropic("which one?", {{"x-manifold-conversation", second}});
  ASSERT_EQ(r.status, 200) << r.body;
  const std::vector<std::string> both = {"user: remember 8", "assistant: Hello world",
                                         "user: which one?"};
  EXPECT_EQ(sentMessages(fake_.bodies("smart-1").back()), both);
}

TEST_F(ConversationsApiTest, AnUnknownConversationIsRefusedBeforeAnyUpstreamCall) {
  HttpResult r = native(nativeBody("hello", carryOn("conv_000000000000000000000000", "smart")));
  expectOpenAiError(r, 400, "no conversation conv_000000000000000000000000", "conversation_id");
  EXPECT_EQ(parseObject(r.body)->getObject("error")->getValue<std::string>("code"),
            "conversation_not_found");
  r = gateway_->client().post("/v1/chat/completions", chatBody("smart-1", false),
                              {{"x-manifold-conversation", "conv_nope"}});
  expectOpenAiError(r, 400, "no conversation conv_nope", "conversation_id");
  expectOpenAiError(native(nativeBody("hello", R"("conversation_id":5)")), 400,
                    "conversation_id must be", "conversation_id");
  expectOpenAiError(native(nativeBody("hello", R"("conversation":"yes")")), 400,
                    "conversation must be true", "conversation");
  EXPECT_EQ(fake_.requests("smart-1"), 0) << "no upstream call";
  const HttpResult list = gateway_->client().get("/v1/conversations");
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_EQ(parseObject(list.body)->getArray("data")->size(), 0u) << "nothing was stored";
  EXPECT_EQ(native(nativeBody("hello", R"("mode":"smart")")).status, 200) << "still serving";
}

TEST_F(ConversationsApiTest, AFailedFirstTurnStartsNothing) {
  FakeBehaviour down;
  down.status = 503;
  fake_.script("smart-1", {down});
  const HttpResult r = native(nativeBody("hello", R"("mode":"smart","conversation":true)"));
  EXPECT_EQ(r.status, 503) << r.body;
  EXPECT_EQ(r.header("x-manifold-conversation"), "");
  EXPECT_EQ(parseObject(gateway_->client().get("/v1/conversations").body)->getArray("data")->size(),
            0u);
}

TEST_F(ConversationsApiTest, ConversationsArePagedNewestFirstAndCanBeDeleted) {
  std::vector<std::string> ids;
  for (int i = 0; i < 3; ++i) ids.push_back(startConversation("chat " + std::to_string(i)));
  HttpResult r = gateway_->client().get("/v1/conversations?limit=2");
  ASSERT_EQ(r.status, 200) << r.body;
  Object::Ptr page = parseObject(r.body);
  Array::Ptr data = page->getArray("data");
  ASSERT_EQ(data->size(), 2u);
  EXPECT_EQ(data->getObject(0)->getValue<std::string>("id"), ids[2]);
  EXPECT_EQ(data->getObject(1)->getValue<std::string>("id"), ids[1]);
  EXPECT_EQ(data->getObject(1)->getValue<std::string>("title"), "chat 1");
  EXPECT_TRUE(page->getValue<bool>("has_more"));
  r = gateway_->client().get("/v1/conversations?limit=2&after=" +
                             page->getValue<std::string>("last_id"));
  page = parseObject(r.body);
  ASSERT_EQ(page->getArray("data")->size(), 1u);
  EXPECT_EQ(page->getArray("data")->getObject(0)->getValue<std::string>("id"), ids[0]);
  EXPECT_FALSE(page->getValue<bool>("has_more"));
  expectOpenAiError(gateway_->client().get("/v1/conversations?limit=0"), 400, "limit", "limit");
  expectOpenAiError(gateway_->client().get("/v1/conversations?after=conv_nope"), 400, "after",
                    "after");

  r = gateway_->client().del("/v1/conversations/" + ids[1]);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(parseObject(r.body)->getValue<bool>("deleted"));
  expectOpenAiError(gateway_->client().get("/v1/conversations/" + ids[1]), 404, "no conversation");
  expectOpenAiError(gateway_->client().del("/v1/conversations/" + ids[1]), 404, "no conversation");
  expectOpenAiError(native(nativeBody("again", carryOn(ids[1], "smart"))), 400, "no conversation",
                    "conversation_id");
  EXPECT_EQ(gateway_->client().request("PUT", "/v1/conversations/" + ids[0], "{}").status, 405);
}

class AutoStartTest : public ConversationsApiTest {
 protected:
  void SetUp() override {
    conversations_.autoStart = true;
    ConversationsApiTest::SetUp();
  }
};

TEST_F(AutoStartTest, ANativeRequestWithoutAnIdStartsOneUnlessItSaysNo) {
  const Object::Ptr started = turn(nativeBody("hello", R"("mode":"smart")"));
  EXPECT_EQ(started->getValue<std::string>("conversation_id").rfind("conv_", 0), 0u);
  const Object::Ptr none = turn(nativeBody("hello", R"("mode":"smart","conversation":false)"));
  EXPECT_FALSE(none->has("conversation_id"));
  const HttpResult openai =
      gateway_->client().post("/v1/chat/completions", chatBody("smart-1", false));
  EXPECT_EQ(openai.header("x-manifold-conversation"), "")
      << "OpenAI and Anthropic clients send their history themselves: they opt in by header";
}

}  // namespace
}  // namespace manifold::test
