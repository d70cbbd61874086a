// Live config reload through a real gateway: the file is edited while
// requests run, and the gateway serves the new snapshot, or, for a broken
// file, keeps serving the old one and says why.
#include <Poco/AutoPtr.h>
#include <Poco/Channel.h>
#include <Poco/Logger.h>
#include <Poco/Message.h>
#include <gtest/gtest.h>

#include <atomic>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <thread>

#include "FakeProvider.h"
#include "app/ConfigReloader.h"
#include "config/ConfigLoader.h"
#include "support/OpenAiAssertions.h"
#include "support/TestGateway.h"
#include "support/TestPaths.h"

namespace manifold::test {
namespace {

class CapturingChannel : public Poco::Channel {
 public:
  void log(const Poco::Message& message) override {
    std::lock_guard<std::mutex> lock(mutex_);
    lines_.push_back(message.getText());
  }
  bool saw(const std::string& text) {
    std::lock_guard<std::mutex> lock(mutex_);
    for (const std::string& line : lines_)
      if (line.find(text) != std::string::npos) return true;
    return false;
  }

 private:
  std::mutex mutex_;
  std::vector<std::string> lines_;
};

struct Engine {
  std::string id, model, extra;
};

class ConfigReloadTest : public ::testing::Test {
 protected:
  ConfigReloadTest() : fake_(fakeOptions()) {}

  static FakeProvider::Options fakeOptions() {
    FakeProvider::Options o;
    o.maxThreads = 512;  // every in-flight stream holds one
    o.backlog = 512;
    return o;
  }

  void SetUp() override {
    channel_ = new CapturingChannel;
    Poco::Logger::get("config").setChannel(channel_);
    Poco::Logger::get("config").setLevel("information");
  }

  void TearDown() override {
    if (reloader_) reloader_->stop();
    Poco::Logger::get("config").setChannel(nullptr);
  }

  std::string configText(const std::vector<Engine>& engines, const std::string& modesJson,
                         const std::string& top = "") const {
    std::string e;
    for (const Engine& engine : engines)
      e += std::string(e.empty() ? "" : ",") + R"({"id":")" + engine.id +
           R"(","provider":"openai-compatible","model":")" + engine.model + R"(","base_url":")" +
           fake_.baseUrl(engine.id) + "\"" + engine.extra + "}";
    return R"({"server":{"host":"127.0.0.1","port":0,"max_threads":512},)"
           R"("plugins":{"directory":")" +
           pluginDir_ + R"(","watch_interval_ms":50},"store":{"sqlite_path":")" + storePath_ +
           R"("},"breaker":{"failure_threshold":3,"cooldown_ms":60000},)" +
           R"("egress":{"allow":["127.0.0.1:)" + std::to_string(fake_.port()) + R"("]},)" + top +
           R"("engines":[)" + e + R"(],"modes":)" + modesJson + "}";
  }

  void write(const std::string& text) {
    // Written aside and renamed in, as editors and config managers do.
    const std::filesystem::path tmp = file_ + ".tmp";
    std::ofstream(tmp) << text;
    std::filesystem::rename(tmp, file_);
  }

  void start(const std::vector<Engine>& engines, const std::string& modesJson) {
    pluginDir_ = state_.str();  // replaced by the gateway's own folder below
    storePath_ = (state_ / "unused.db").string();
    config::ConfigLoadResult loaded =
        config::ConfigLoader::loadText(configText(engines, modesJson));
    ASSERT_TRUE(loaded.config) << loaded.problems.at(0).path << ": "
                               << loaded.problems.at(0).message;
    gateway_ = std::make_unique<TestGateway>(
        std::move(*loaded.config),
        std::vector<std::string>{pluginOutputDir() + "/openai-compatible.so"});
    pluginDir_ = gateway_->pluginDir().str();
    storePath_ = gateway_->storePath();
    file_ = (state_ / "manifold.json").string();
    write(configText(engines, modesJson));
    reloader_ = std::make_unique<app::ConfigReloader>(file_, gateway_->server(), nullptr, 200);
    reloader_->start();
  }

  HttpResult chat(const std::string& model, bool stream = false) const {
    return gateway_->client().post("/v1/chat/completions", chatBody(model, stream));
  }

  uint64_t generation() const { return gateway_->server().snapshot()->generation; }

  FakeProvider fake_;
  TempDir state_;
  std::string pluginDir_, storePath_, file_;
  Poco::AutoPtr<CapturingChannel> channel_;
  std::unique_ptr<TestGateway> gateway_;
  std::unique_ptr<app::ConfigReloader> reloader_;
};

const char* kSmartOnA = R"({"smart":{"chain":["a"]}})";

TEST_F(ConfigReloadTest, AModeAddedToTheFileIsServedWithinTwoSeconds) {
  start({{"a", "m-a"}, {"b", "m-b"}}, kSmartOnA);
  EXPECT_EQ(chat("mode/extra").status, 404);
  write(configText({{"a", "m-a"}, {"b", "m-b"}},
                   R"({"smart":{"chain":["a"]},"extra":{"chain":["b"]}})"));
  EXPECT_TRUE(eventually([&] { return chat("mode/extra").status == 200; },
                         std::chrono::milliseconds(2000)));
  EXPECT_EQ(chat("mode/extra").header("x-manifold-engine"), "b");
  EXPECT_TRUE(channel_->saw("config reloaded (generation 2)"));
}

TEST_F(ConfigReloadTest, ABrokenEditChangesNothingAndSaysWhy) {
  start({{"a", "m-a"}}, kSmartOnA);
  write(R"({"engines": [)");  // not JSON
  EXPECT_TRUE(eventually([&] { return channel_->saw("not valid JSON"); }));
  EXPECT_EQ(chat("mode/smart").status, 200);

  write(configText({{"a", "m-a"}}, R"({"smart":{"chain":["a","ghost"]}})"));
  EXPECT_TRUE(eventually(
      [&] { return channel_->saw("$.modes.smart.chain[1]: unknown engine \"ghost\""); }));
  std::filesystem::remove(file_);
  EXPECT_TRUE(eventually([&] { return channel_->saw("cannot read"); }));
  EXPECT_EQ(generation(), 1u) << "the config in force is the one from the start";
  const HttpResult r = chat("mode/smart");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.header("x-manifold-engine"), "a");

  write(configText({{"a", "m-a"}, {"b", "m-b"}}, R"({"smart":{"chain":["b"]}})"));
  EXPECT_TRUE(eventually([&] { return generation() == 2u; }));
  EXPECT_EQ(chat("mode/smart").header("x-manifold-engine"), "b") << "a fixed file is taken";
}

TEST_F(ConfigReloadTest, AnEngineRemovedFromAChainIsNoLongerTried) {
  FakeBehaviour down;
  down.status = 503;
  fake_.script("a", {down});
  start({{"a", "m-a"}, {"b", "m-b"}}, R"({"smart":{"chain":["a","b"]}})");
  ASSERT_EQ(chat("mode/smart").header("x-manifold-attempts"), "2");
  write(configText({{"a", "m-a"}, {"b", "m-b"}}, R"({"smart":{"chain":["b"]}})"));
  ASSERT_TRUE(eventually([&] { return generation() == 2u; }));
  const int triedBefore = fake_.requests("a");
  for (int i = 0; i < 3; ++i) {
    const HttpResult r = chat("mode/smart");
    EXPECT_EQ(r.header("x-manifold-attempts"), "1");
    EXPECT_EQ(r.header("x-manifold-engine"), "b");
  }
  EXPECT_EQ(fake_.requests("a"), triedBefore);
}

TEST_F(ConfigReloadTest, BreakerStateSurvivesAReloadThatTouchesAnotherEngine) {
  FakeBehaviour down;
  down.status = 503;
  fake_.script("a", {down});
  start({{"a", "m-a"}, {"b", "m-b"}}, R"({"smart":{"chain":["a","b"]}})");
  for (int i = 0; i < 3; ++i) ASSERT_EQ(chat("mode/smart").status, 200);
  ASSERT_EQ(fake_.requests("a"), 3);  // the breaker is open now

  write(configText({{"a", "m-a"}, {"b", "m-b2"}}, R"({"smart":{"chain":["a","b"]}})"));
  ASSERT_TRUE(eventually([&] { return generation() == 2u; }));
  EXPECT_EQ(chat("mode/smart").status, 200);
  EXPECT_EQ(fake_.requests("a"), 3) << "a's open breaker carried over";

  // Changing a itself (its model) makes it a new engine: its history goes.
  write(configText({{"a", "m-a2"}, {"b", "m-b2"}}, R"({"smart":{"chain":["a","b"]}})"));
  ASSERT_TRUE(eventually([&] { return generation() == 3u; }));
  EXPECT_EQ(chat("mode/smart").status, 200);
  EXPECT_EQ(fake_.requests("a"), 4);
}

TEST_F(ConfigReloadTest, TwoHundredStreamsInFlightAllFinishAcrossAReload) {
  FakeBehaviour slow;
  slow.tokens = std::vector<std::string>(60, "tok ");  // 3.6 s: long enough on a loaded machine
  slow.tokenDelayMs = 60;
  fake_.script("a", {slow});
  start({{"a", "m-a"}, {"b", "m-b"}}, kSmartOnA);
  constexpr int kStreams = 200;
  std::vector<HttpResult> results(kStreams);
  std::atomic<int> finished{0};
  std::vector<std::thread> clients;
  for (int i = 0; i < kStreams; ++i)
    clients.emplace_back([&, i] {
      results[i] = chat("mode/smart", true);
      ++finished;
    });
  ASSERT_TRUE(eventually([&] { return fake_.requests("a") == kStreams; },
                         std::chrono::milliseconds(10000)));
  // Mid-stream: smart moves to b, and a leaves the config altogether.
  write(configText({{"b", "m-b"}}, R"({"smart":{"chain":["b"]}})"));
  ASSERT_TRUE(eventually([&] { return generation() == 2u; }));
  EXPECT_EQ(finished.load(), 0) << "the reload came while every stream was in flight";
  for (std::thread& t : clients) t.join();
  int done = 0;
  for (const HttpResult& r : results) {
    const std::vector<std::string> payloads = ssePayloads(r.body);
    if (r.status == 200 && !payloads.empty() && payloads.back() == "[DONE]") ++done;
  }
  EXPECT_EQ(done, kStreams);
  EXPECT_EQ(chat("mode/smart").header("x-manifold-engine"), "b");
}

TEST_F(ConfigReloadTest, SighupRereadsAKeyFileEvenWhenTheConfigIsUnchanged) {
  const std::string keyFile = (state_ / "groq-key").string();
  std::ofstream(keyFile) << "first-key\n";
  start({{"a", "m-a", R"(,"key_file":")" + keyFile + "\""}}, kSmartOnA);
  ASSERT_EQ(chat("mode/smart").status, 200);
  auto lastAuthorization = [&] {
    const std::vector<HeaderList> all = fake_.requestHeaders("a");
    for (const auto& [name, value] : all.back())
      if (name == "Authorization" || name == "authorization") return value;
    return std::string();
  };
  EXPECT_EQ(lastAuthorization(), "Bearer first-key");
  std::ofstream(keyFile) << "second-key\n";
  std::raise(SIGHUP);
  ASSERT_TRUE(eventually([&] { return generation() == 2u; }));
  ASSERT_EQ(chat("mode/smart").status, 200);
  EXPECT_EQ(lastAuthorization(), "Bearer second-key");
}

}  // namespace
}  // namespace manifold::test
