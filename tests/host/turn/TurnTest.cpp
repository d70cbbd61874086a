// A whole turn in-process: no listener, no HTTP client, no socket of the
// client's. The gateway's services are real (plugins, store, upstream client,
// breakers); the upstream is the fault-injecting fake on loopback.
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <thread>

#include "FakeProvider.h"
#include "app/GatewayServer.h"
#include "support/TempDir.h"
#include "support/TestGateway.h"
#include "support/TestPaths.h"
#include "turn/Turn.h"

namespace manifold::test {
namespace {

// Keeps what the turn commits, as an API's sink would write it.
class RecordingSink : public failover::AnswerSink {
 public:
  bool streaming() const override { return true; }
  bool begin(const failover::RouteInfo& route) override {
    engine = route.engineId;
    attempts = route.attempts;
    return true;
  }
  bool event(const chat::CanonicalEvent& e) override {
    if (e.type == chat::CanonicalEvent::Type::TextDelta) text += e.text;
    ++events;
    if (onEvent) onEvent();
    return true;
  }
  void end(const chat::AnswerAccumulator& answer) override {
    ended = true;
    finishReason = answer.finishReason();
  }
  void abort(const mf_error&) override { aborted = true; }

  std::string engine, text;
  int attempts = 0, events = 0;
  int32_t finishReason = -1;
  bool ended = false, aborted = false;
  std::function<void()> onEvent;
};

class CountingObserver : public turn::TurnObserver {
 public:
  void attempt(const turn::AttemptReport& r) override {
    std::lock_guard<std::mutex> lock(mutex_);
    attempts.push_back(r.engineId + ":" + r.outcome);
  }
  void finished(const turn::TurnReport& r) override {
    std::lock_guard<std::mutex> lock(mutex_);
    outcomes.push_back(r.outcome + ":" + r.target);
  }
  std::mutex mutex_;
  std::vector<std::string> attempts, outcomes;
};

// The gateway's own services, with a test observer in place of the store's.
class ObservedServices : public turn::TurnServices {
 public:
  ObservedServices(app::GatewayServer& server, turn::TurnObserver& observer)
      : server_(server), observer_(observer) {}
  turn::SnapshotPtr snapshot() const override { return server_.snapshot(); }
  turn::Admission& admission() override { return server_.admission(); }
  turn::Executor& executorFor(const turn::TurnRoute& r) override { return server_.executorFor(r); }
  turn::TurnObserver* observer() override { return &observer_; }

 private:
  app::GatewayServer& server_;
  turn::TurnObserver& observer_;
};

class TurnTest : public ::testing::Test {
 protected:
  void SetUp() override {
    installFile(pluginOutputDir() + "/openai-compatible.so", plugins_ / "openai-compatible.so");
    config::GatewayConfig c;
    c.plugins.directory = plugins_.str();
    c.store.sqlitePath = (state_ / "manifold.db").string();
    c.egress.allow = {"127.0.0.1:" + std::to_string(fake_.port())};
    for (const char* id : {"first", "second"}) {
      config::EngineConfig e;
      e.id = id;
      e.provider = "openai-compatible";
      e.model = std::string("model-") + id;
      e.baseUrl = fake_.baseUrl(id);
      c.engines.push_back(e);
    }
    config::ModeConfig smart;
    smart.name = "smart";
    smart.chain = {"first", "second"};
    smart.firstTokenTimeoutMs = smart.headerTimeoutMs = 3000;
    c.modes.push_back(smart);
    server_ = std::make_unique<app::GatewayServer>(std::move(c));  // never started: no listener
    services_ = std::make_unique<ObservedServices>(*server_, observer_);
  }

  turn::TurnRequest request(const std::string& model, const std::string& text = "hello") {
    turn::TurnRequest r;
    r.requestId = "turn-test";
    r.api = "native";
    r.loopbackPeer = true;  // no master key is set: loopback callers are served
    r.chat.model = model;
    r.chat.stream = true;
    chat::ChatMessage m;
    m.role = "user";
    m.content.push_back({chat::ContentPart::Kind::Text, text, "", ""});
    r.chat.messages.push_back(m);
    return r;
  }

  turn::TurnResult run(turn::TurnRequest r, RecordingSink& sink,
                       const upstream::CancellationToken* cancel = nullptr) {
    turn::Turn t(*services_, cancel);
    return t.run(std::move(r), [&](const turn::TurnRequest&, const turn::TurnRoute&) {
      auto forward = std::make_unique<ForwardingSink>(sink);
      return std::unique_ptr<failover::AnswerSink>(std::move(forward));
    });
  }

  // The turn owns its sink; this one hands everything to the test's.
  struct ForwardingSink : failover::AnswerSink {
    explicit ForwardingSink(RecordingSink& to) : to_(to) {}
    bool streaming() const override { return true; }
    bool begin(const failover::RouteInfo& r) override { return to_.begin(r); }
    bool event(const chat::CanonicalEvent& e) override { return to_.event(e); }
    void end(const chat::AnswerAccumulator& a) override { to_.end(a); }
    void abort(const mf_error& e) override { to_.abort(e); }
    RecordingSink& to_;
  };

  FakeProvider fake_;
  TempDir plugins_, state_;
  CountingObserver observer_;
  std::unique_ptr<app::GatewayServer> server_;
  std::unique_ptr<ObservedServices> services_;
};

TEST_F(TurnTest, AWholeTurnFailsOverBeforeTheFirstTokenWithNoServer) {
  FakeBehaviour down;
  down.status = 503;
  fake_.script("first", {down});
  RecordingSink sink;
  const turn::TurnResult result = run(request("mode/smart"), sink);
  ASSERT_EQ(result.kind, turn::TurnResult::Kind::Answered) << result.error.message;
  EXPECT_EQ(sink.engine, "second");
  EXPECT_EQ(sink.attempts, 2);
  EXPECT_EQ(sink.text, "Hello world");
  EXPECT_TRUE(sink.ended);
  EXPECT_FALSE(sink.aborted);
  EXPECT_EQ(sink.finishReason, MF_FINISH_STOP);
  ASSERT_TRUE(result.route);
  EXPECT_EQ(result.route->mode, "smart");
  EXPECT_EQ(result.route->decision.rule, "model:mode");
  EXPECT_EQ(observer_.attempts, (std::vector<std::string>{"first:failed", "second:answered"}));
  EXPECT_EQ(observer_.outcomes, (std::vector<std::string>{"answered:smart"}));
}

TEST_F(TurnTest, TrippingTheTokenStopsTheUpstreamMidStream) {
  FakeBehaviour longStream;
  longStream.tokens = std::vector<std::string>(200, "tok ");
  longStream.tokenDelayMs = 20;
  fake_.script("first", {longStream});
  upstream::CancellationToken cancel;
  RecordingSink sink;
  sink.onEvent = [&] {
    if (sink.events == 3) cancel.cancel();  // as the HTTP layer does on hang-up
  };
  const turn::TurnResult result = run(request("mode/smart"), sink, &cancel);
  EXPECT_EQ(result.kind, turn::TurnResult::Kind::ClientGone);
  EXPECT_TRUE(fake_.waitAbandoned("first", 1, std::chrono::seconds(3)));
  EXPECT_FALSE(sink.ended);
  EXPECT_EQ(fake_.requests("second"), 0) << "a cancelled turn never fails over";
}

TEST_F(TurnTest, ATokenTrippedBeforeTheTurnSendsNothingUpstream) {
  upstream::CancellationToken cancel;
  cancel.cancel();
  RecordingSink sink;
  const turn::TurnResult result = run(request("mode/smart"), sink, &cancel);
  EXPECT_EQ(result.kind, turn::TurnResult::Kind::ClientGone);
  EXPECT_EQ(sink.events, 0);
  EXPECT_EQ(fake_.requests("first") + fake_.requests("second"), 0);
}

TEST_F(TurnTest, AnUnknownRouteIsRefusedWithTheClientsError) {
  RecordingSink sink;
  turn::TurnRequest r = request("auto");
  r.requestedRoute = "no-such-mode";
  const turn::TurnResult result = run(std::move(r), sink);
  ASSERT_EQ(result.kind, turn::TurnResult::Kind::Refused);
  EXPECT_EQ(result.error.status, 400);
  EXPECT_EQ(result.error.param, "mode");
  EXPECT_EQ(result.error.code, "unknown_mode");
  EXPECT_EQ(sink.events, 0);
  EXPECT_EQ(observer_.outcomes, (std::vector<std::string>{"rejected:"}));
}

TEST_F(TurnTest, EveryStepDownIsA503NamingEachReason) {
  FakeBehaviour down;
  down.status = 503;
  fake_.script("first", {down});
  fake_.script("second", {down});
  RecordingSink sink;
  const turn::TurnResult result = run(request("mode/smart"), sink);
  ASSERT_EQ(result.kind, turn::TurnResult::Kind::Refused);
  EXPECT_EQ(result.error.status, 503);
  EXPECT_EQ(result.error.code, "all_engines_failed");
  EXPECT_NE(result.error.message.find("first:"), std::string::npos) << result.error.message;
  EXPECT_NE(result.error.message.find("second:"), std::string::npos) << result.error.message;
  EXPECT_FALSE(sink.ended);
}

}  // namespace
}  // namespace manifold::test
