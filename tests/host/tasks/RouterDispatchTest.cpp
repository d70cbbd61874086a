// The router's second branch end to end: a message whose plugin intent an
// enabled sibling service serves becomes a task there (the real sibling
// dispatcher plugin, the fake sibling service in node), and the client hears
// of it in its own API's shape; a client or operator choice keeps it a chat.
#include <gtest/gtest.h>

#include <Poco/JSON/Parser.h>

#include <manifold/json.hpp>

#include <atomic>
#include <thread>

#include "support/FakeSibling.h"
#include "support/OpenAiAssertions.h"
#include "support/TestGateway.h"
#include "support/TestPaths.h"

namespace manifold::test {
namespace {

const char* const kToken = "sibling-token-for-routing-tests";
const char* const kMessage = "Please search my PDFs for the notice period in the lease";

std::string nativeBody(const std::string& text) {
  return R"({"messages":[{"role":"user","content":)" + json::stringify(json::Value(text)) + "}]}";
}

json::Value parsed(const std::string& text) {
  std::optional<json::Value> value = json::parse(text);
  EXPECT_TRUE(value) << "not JSON: " << text;
  return value ? *value : json::Value();
}

std::vector<std::string> names(const std::vector<SseEvent>& events) {
  std::vector<std::string> out;
  for (const SseEvent& e : events) out.push_back(e.name);
  return out;
}

class RouterDispatchTest : public ::testing::Test {
 protected:
  RouterDispatchTest() : sibling_(FakeSibling::Options{kToken, {}, 2, {}}) {
    ::setenv("ROUTING_TEST_SIBLING_TOKEN", kToken, 1);
  }

  /// A gateway with the demo chain and the sibling plugin serving "rag" at
  /// the fake (or, with an empty endpoint, declaring it disabled).
  void start(const std::string& endpoint, const std::string& ragPolicy = "") {
    config::GatewayConfig config = demoConfig("", "");
    config.tasks.pollMinMs = 20;
    config.tasks.pollMaxMs = 80;
    config.egress.allow.push_back("127.0.0.1:" + std::to_string(sibling_.port()));
    config.plugins.settingsJson["sibling"] =
        R"({"services":[{"id":"pdf-rag","intents":[{"intent":"rag","phrases":["search my pdfs"]}],
            "endpoint":")" +
        endpoint + R"(","auth_secret_env":"ROUTING_TEST_SIBLING_TOKEN"}]})";
    if (!ragPolicy.empty()) config.dispatch["rag"] = ragPolicy;
    gateway_ = std::make_unique<TestGateway>(
        config, std::vector<std::string>{demoPlugin(), pluginOutputDir() + "/sibling.so"});
  }

  /// Moves the task the fake received first through its steps, once the
  /// gateway has started it there.
  std::thread advanceTheFirstTask() {
    return std::thread([this] {
      eventually([&] { return sibling_.advance("rem-1") != 404; }, std::chrono::seconds(10));
      // A step only after the gateway has polled the last one, so the
      // stream carries each state.
      std::this_thread::sleep_for(std::chrono::milliseconds(300));
      sibling_.advance("rem-1");
    });
  }

  std::vector<json::Value> tasks() {
    const HttpResult r = gateway_->client().get("/v1/tasks");
    EXPECT_EQ(r.status, 200) << r.body;
    const json::Value list = parsed(r.body);
    std::vector<json::Value> out;
    for (const json::Value& t : list["data"].asArray()) out.push_back(t);
    return out;
  }

  FakeSibling sibling_;
  std::unique_ptr<TestGateway> gateway_;
};

TEST_F(RouterDispatchTest, AMessageRoutedByIntentBecomesATaskAndStreamsItToTheEnd) {
  start(sibling_.endpoint());
  std::thread advancer = advanceTheFirstTask();
  const HttpResult r = gateway_->client().post("/api/chat", nativeBody(kMessage));
  advancer.join();
  ASSERT_EQ(r.status, 200) << r.body;
  const std::vector<SseEvent> events = sseEvents(r.body);
  expectDocumentedEvents(events);
  ASSERT_GE(events.size(), 5u) << r.body;
  EXPECT_EQ(events[0].name, "auto_routed");
  EXPECT_EQ(parsed(events[0].data)["intent"].asString(), "rag");
  EXPECT_EQ(events[1].name, "backend");
  EXPECT_EQ(parsed(events[1].data)["engine"].asString(), "sibling/pdf-rag");
  ASSERT_EQ(events[2].name, "task");
  const json::Value task = parsed(events[2].data);
  const std::string id = task["id"].asString();
  EXPECT_EQ(id.rfind("task_", 0), 0u) << events[2].data;
  EXPECT_EQ(task["dispatcher"].asString(), "sibling");
  EXPECT_EQ(task["service"].asString(), "pdf-rag");
  EXPECT_EQ(task["intent"].asString(), "rag");
  EXPECT_EQ(task["events_url"].asString(), "/v1/tasks/" + id + "/events");
  EXPECT_EQ(r.header("x-manifold-task"), id);

  // It follows the task to its end: the result, then succeeded, then done.
  const std::vector<std::string> all = names(events);
  EXPECT_EQ(all.back(), "done") << r.body;
  EXPECT_EQ(parsed(events.back().data)["finish_reason"].isNull(), true) << events.back().data;
  EXPECT_NE(std::find(all.begin(), all.end(), "task_result"), all.end()) << r.body;
  const SseEvent& last = events[events.size() - 2];
  EXPECT_EQ(last.name, "task_state");
  EXPECT_EQ(parsed(last.data)["state"].asString(), "succeeded");
  for (const SseEvent& e : events)
    if (e.name.rfind("task_", 0) == 0) EXPECT_EQ(parsed(e.data)["id"].asString(), id);
  EXPECT_EQ(std::find(all.begin(), all.end(), "token"), all.end()) << "no chain answered";

  // The task is the caller's, with the conversation as its input, and it
  // reached the service as the protocol says.
  const HttpResult stored = gateway_->client().get("/v1/tasks/" + id);
  ASSERT_EQ(stored.status, 200) << stored.body;
  EXPECT_EQ(parsed(stored.body)["state"].asString(), "succeeded");
  EXPECT_EQ(parsed(stored.body)["metadata"]["source"].asString(), "chat");
  const json::Value ledger = parsed(sibling_.ledger());
  bool created = false;
  for (const json::Value& request : ledger["requests"].asArray())
    if (request["method"].asString() == "POST" && request["path"].asString() == "/tasks") {
      created = true;
      EXPECT_TRUE(request["authorized"].asBool());
      const json::Value body = parsed(request["body"].asString());
      EXPECT_EQ(body["task_id"].asString(), id);
      EXPECT_EQ(body["intent"].asString(), "rag");
      EXPECT_NE(json::stringify(body["input"]).find("notice period"), std::string::npos);
    }
  EXPECT_TRUE(created) << sibling_.ledger();
}

TEST_F(RouterDispatchTest, TheSameMessageWithAModeHeaderIsAnsweredByTheChain) {
  start(sibling_.endpoint());
  const HttpResult r =
      gateway_->client().post("/api/chat", nativeBody(kMessage), {{"x-manifold-mode", "smart"}});
  ASSERT_EQ(r.status, 200) << r.body;
  const std::vector<std::string> all = names(sseEvents(r.body));
  EXPECT_NE(std::find(all.begin(), all.end(), "token"), all.end()) << r.body;
  EXPECT_EQ(std::find(all.begin(), all.end(), "task"), all.end()) << r.body;
  EXPECT_EQ(r.header("x-manifold-task"), "");
  EXPECT_TRUE(tasks().empty()) << "no task was made";
}

TEST_F(RouterDispatchTest, OpenAiAndAnthropicClientsGetAMessageNamingTheTask) {
  start(sibling_.endpoint());
  const HttpResult openai = gateway_->client().post(
      "/v1/chat/completions", R"({"model":"auto","messages":[{"role":"user","content":")" +
                                  std::string(kMessage) + R"("}]})");
  ASSERT_EQ(openai.status, 200) << openai.body;
  const std::string id = openai.header("x-manifold-task");
  ASSERT_EQ(id.rfind("task_", 0), 0u) << openai.body;
  const json::Value completion = parsed(openai.body);
  const std::string content = completion["choices"][0]["message"]["content"].asString();
  EXPECT_NE(content.find(id), std::string::npos) << content;
  EXPECT_NE(content.find("/v1/tasks/" + id + "/events"), std::string::npos) << content;
  EXPECT_EQ(completion["choices"][0]["finish_reason"].asString(), "stop");

  const HttpResult anthropic = gateway_->client().post(
      "/v1/messages",
      R"({"model":"auto","max_tokens":100,"stream":true,"messages":[{"role":"user","content":")" +
          std::string(kMessage) + R"("}]})");
  ASSERT_EQ(anthropic.status, 200) << anthropic.body;
  const std::string second = anthropic.header("x-manifold-task");
  ASSERT_EQ(second.rfind("task_", 0), 0u) << anthropic.body;
  EXPECT_NE(second, id);
  EXPECT_NE(anthropic.body.find(second), std::string::npos) << anthropic.body;
  EXPECT_NE(anthropic.body.find("message_stop"), std::string::npos) << anthropic.body;
  EXPECT_EQ(tasks().size(), 2u);
}

// A task made from a chat is the client's to cancel, and the cancel reaches
// the service that runs it.
TEST_F(RouterDispatchTest, CancellingATaskFromAChatReachesTheService) {
  start(sibling_.endpoint());
  const HttpResult chat = gateway_->client().post(
      "/v1/chat/completions", R"({"model":"auto","messages":[{"role":"user","content":")" +
                                  std::string(kMessage) + R"("}]})");
  const std::string id = chat.header("x-manifold-task");
  ASSERT_EQ(id.rfind("task_", 0), 0u) << chat.body;
  const HttpResult cancelled = gateway_->client().post("/v1/tasks/" + id + "/cancel", "");
  ASSERT_EQ(cancelled.status, 200) << cancelled.body;
  EXPECT_EQ(parsed(cancelled.body)["state"].asString(), "cancelled");
  const json::Value ledger = parsed(sibling_.ledger());
  bool reached = false;
  for (const json::Value& request : ledger["requests"].asArray())
    reached = reached || (request["method"].asString() == "POST" &&
                          request["path"].asString() == "/tasks/rem-1/cancel" &&
                          request["authorized"].asBool());
  EXPECT_TRUE(reached) << sibling_.ledger();
}

TEST_F(RouterDispatchTest, AnOperatorPolicyOfNeverKeepsTheIntentAChat) {
  start(sibling_.endpoint(), "never");
  const HttpResult r = gateway_->client().post("/api/chat", nativeBody(kMessage));
  ASSERT_EQ(r.status, 200) << r.body;
  const std::vector<SseEvent> events = sseEvents(r.body);
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(parsed(events[0].data)["intent"].asString(), "rag") << "the intent is still reported";
  const std::vector<std::string> all = names(events);
  EXPECT_NE(std::find(all.begin(), all.end(), "token"), all.end()) << r.body;
  EXPECT_TRUE(tasks().empty());
}

TEST_F(RouterDispatchTest, ADisabledServiceLeavesTheMessageToTheModesChain) {
  start("");
  const HttpResult r = gateway_->client().post("/api/chat", nativeBody(kMessage));
  ASSERT_EQ(r.status, 200) << r.body;
  const std::vector<SseEvent> events = sseEvents(r.body);
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(parsed(events[0].data)["intent"].asString(), "rag");
  const std::vector<std::string> all = names(events);
  EXPECT_NE(std::find(all.begin(), all.end(), "token"), all.end()) << r.body;
  EXPECT_TRUE(tasks().empty());
}

// A start that fails is the service's failure, named as such: its own 4xx
// is the client's 400, anything else a 502; never "every engine failed".
TEST_F(RouterDispatchTest, AServiceThatCannotTakeTheTaskIsAnErrorInTheOpenAiShape) {
  start(sibling_.endpoint());
  for (const auto& [fault, status] : {std::pair{400, 400}, std::pair{503, 502}}) {
    sibling_.fault(fault, 5);
    const HttpResult r = gateway_->client().post("/api/chat", nativeBody(kMessage));
    EXPECT_EQ(r.status, status) << r.body;
    const json::Value error = parsed(r.body)["error"];
    EXPECT_NE(error["message"].asString().find("pdf-rag"), std::string::npos) << r.body;
    EXPECT_FALSE(error["code"].asString().empty()) << r.body;
    EXPECT_EQ(r.body.find("all_engines_failed"), std::string::npos) << r.body;
    sibling_.fault(200, 0);
  }
  for (const json::Value& task : tasks()) EXPECT_EQ(task["state"].asString(), "failed");
}

}  // namespace
}  // namespace manifold::test
