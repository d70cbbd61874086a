// Hot load, hot replace under concurrent requests, and removal, against a
// running gateway that watches its plugin folder.
#include <gtest/gtest.h>

#include <Poco/JSON/Parser.h>

#include <atomic>
#include <filesystem>
#include <thread>
#include <vector>

#include "support/TestGateway.h"
#include "support/TestPaths.h"

namespace manifold {
namespace {

namespace fs = std::filesystem;
using test::eventually;
using test::HttpResult;
using test::TestGateway;

const std::string kChatBody =
    R"({"model":"demo","stream":true,"messages":[{"role":"user","content":"hot reload"}]})";

std::string loadedVersion(const TestGateway& gateway, const std::string& id) {
  const HttpResult r = gateway.client().get("/admin/plugins");
  if (r.status != 200) return "";
  auto body = Poco::JSON::Parser().parse(r.body).extract<Poco::JSON::Object::Ptr>();
  for (const auto& entry : *body->getArray("loaded")) {
    auto plugin = entry.extract<Poco::JSON::Object::Ptr>();
    if (plugin->getValue<std::string>("id") == id) return plugin->getValue<std::string>("version");
  }
  return "";
}

TEST(HotReloadTest, PluginCopiedInWhileRunningIsUsableWithinTwoSeconds) {
  TestGateway gateway(/*withDemo=*/false);
  EXPECT_EQ(gateway.client().post("/v1/chat/completions", kChatBody).status, 503);
  test::installFile(test::demoPlugin(), gateway.pluginDir() / "demo.so");
  EXPECT_TRUE(eventually([&] { return loadedVersion(gateway, "demo") == "1.0.0"; }));
  const HttpResult r = gateway.client().post("/v1/chat/completions", kChatBody);
  EXPECT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("data: [DONE]"), std::string::npos);
}

TEST(HotReloadTest, PlainNonAtomicCopyIsPickedUpOnceTheFileIsComplete) {
  TestGateway gateway(/*withDemo=*/false);
  fs::copy_file(test::demoPlugin(), gateway.pluginDir() / "demo.so");
  EXPECT_TRUE(eventually([&] { return loadedVersion(gateway, "demo") == "1.0.0"; }));
  EXPECT_EQ(gateway.client().post("/v1/chat/completions", kChatBody).status, 200);
  EXPECT_TRUE(gateway.server().pluginManager().snapshot().refused.empty());
}

TEST(HotReloadTest, ReplacingSwitchesNewRequestsWhileInFlightOnesFinishOnTheOldVersion) {
  TestGateway gateway(/*withDemo=*/true, /*tokenDelayMs=*/25);
  constexpr int kInFlight = 6;
  std::atomic<int> started{0};
  std::vector<HttpResult> results(kInFlight);
  std::vector<std::thread> clients;
  for (int i = 0; i < kInFlight; ++i) {
    clients.emplace_back([&, i] {
      bool counted = false;
      results[i] = gateway.client().postStreaming("/v1/chat/completions", kChatBody,
                                                  [&](const std::string&) {
                                                    if (!counted)
                                                      counted = true, started.fetch_add(1);
                                                  });
    });
  }
  ASSERT_TRUE(eventually([&] { return started.load() == kInFlight; }, std::chrono::seconds(5)));

  test::installFile(test::testPlugin("demo_v2"), gateway.pluginDir() / "demo.so");
  ASSERT_TRUE(eventually([&] { return loadedVersion(gateway, "demo") == "2.0.0"; }));
  const HttpResult fresh = gateway.client().post("/v1/chat/completions", kChatBody);
  EXPECT_EQ(fresh.status, 200);
  EXPECT_EQ(fresh.header("x-manifold-provider"), "demo@2.0.0");
  EXPECT_NE(fresh.body.find("2.0.0"), std::string::npos);  // tokens arrive one per chunk

  for (auto& c : clients) c.join();
  for (const HttpResult& r : results) {
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.header("x-manifold-provider"), "demo@1.0.0");
    EXPECT_NE(r.body.find("plugin"), std::string::npos);
    EXPECT_NE(r.body.find("1.0.0"), std::string::npos);
    EXPECT_NE(r.body.find("\"finish_reason\":\"stop\""), std::string::npos);
    EXPECT_NE(r.body.find("data: [DONE]"), std::string::npos) << r.body;
  }
}

TEST(HotReloadTest, RemovingAFileStopsNewUse) {
  TestGateway gateway;
  ASSERT_EQ(gateway.client().post("/v1/chat/completions", kChatBody).status, 200);
  fs::remove(gateway.pluginDir() / "demo.so");
  EXPECT_TRUE(eventually([&] { return loadedVersion(gateway, "demo").empty(); }));
  const HttpResult r = gateway.client().post("/v1/chat/completions", kChatBody);
  EXPECT_EQ(r.status, 503);
  EXPECT_NE(r.body.find("provider plugin \\\"demo\\\" is not loaded"), std::string::npos) << r.body;
}

TEST(HotReloadTest, AFolderThatCannotBeReadUnloadsNothing) {
  TestGateway gateway;
  const fs::path folder = gateway.pluginDir().path();
  const fs::path moved = folder.string() + ".away";
  fs::rename(folder, moved);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // six watch intervals
  EXPECT_EQ(loadedVersion(gateway, "demo"), "1.0.0");
  EXPECT_EQ(gateway.client().post("/v1/chat/completions", kChatBody).status, 200);
  fs::rename(moved, folder);
}

TEST(HotReloadTest, BrokenReplacementKeepsTheLoadedVersionServing) {
  TestGateway gateway;
  test::installFile(test::testPlugin("wrong_major"), gateway.pluginDir() / "demo.so");
  ASSERT_TRUE(eventually([&] {
    return gateway.client().get("/admin/plugins").body.find("built for ABI major 2") !=
           std::string::npos;
  }));
  EXPECT_EQ(loadedVersion(gateway, "demo"), "1.0.0");
  EXPECT_EQ(gateway.client().post("/v1/chat/completions", kChatBody).status, 200);
}

}  // namespace
}  // namespace manifold
