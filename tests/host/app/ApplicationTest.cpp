// The manifold executable itself: options, config errors, start-up.
#include <gtest/gtest.h>

#include <Poco/Net/ServerSocket.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>

#include <fstream>
#include <thread>

#include "support/HttpTestClient.h"
#include "support/TempDir.h"
#include "support/TestGateway.h"
#include "support/TestPaths.h"

namespace manifold {
namespace {

struct RunResult {
  int exitCode;
  std::string out;
  std::string err;
};

RunResult runManifold(const std::vector<std::string>& args) {
  Poco::Pipe outPipe, errPipe;
  Poco::ProcessHandle handle =
      Poco::Process::launch(MANIFOLD_BINARY, args, nullptr, &outPipe, &errPipe);
  Poco::PipeInputStream out(outPipe), err(errPipe);
  RunResult r{0, "", ""};
  Poco::StreamCopier::copyToString(out, r.out);
  Poco::StreamCopier::copyToString(err, r.err);
  r.exitCode = handle.wait();
  return r;
}

void writeFile(const std::filesystem::path& p, const std::string& text) {
  std::ofstream(p) << text;
}

std::string configWith(const std::string& pluginDir, const std::string& db, int port) {
  return R"({"server":{"host":"127.0.0.1","port":)" + std::to_string(port) +
         R"(},"plugins":{"directory":")" + pluginDir + R"("},"store":{"sqlite_path":")" + db +
         R"("},"engines":[{"id":"demo","provider":"demo","model":"demo-1","label":"demo"}],"modes":{"smart":{"chain":["demo"]}}})";
}

TEST(ApplicationTest, HelpListsTheOptions) {
  RunResult r = runManifold({"--help"});
  EXPECT_EQ(r.exitCode, 0);
  EXPECT_NE(r.out.find("--config"), std::string::npos);
  EXPECT_NE(r.out.find("--check-config"), std::string::npos);
}

TEST(ApplicationTest, CheckConfigPrintsEveryProblemWithItsPathAndFails) {
  test::TempDir dir;
  writeFile(
      dir / "bad.json",
      R"({"plugins":{"directory":"/definitely/missing"},"engines":[{"id":"x","provider":"demo","model":7}],"modes":{"smart":{"chain":["y"]}}})");
  RunResult r = runManifold({"--config", (dir / "bad.json").string(), "--check-config"});
  EXPECT_EQ(r.exitCode, 78);
  EXPECT_NE(r.err.find("$.engines[0].model: expected string"), std::string::npos) << r.err;
}

TEST(ApplicationTest, CheckConfigAcceptsAGoodConfig) {
  test::TempDir dir, plugins;
  writeFile(dir / "ok.json", configWith(plugins.str(), (dir / "m.db").string(), 0));
  RunResult r = runManifold({"--config", (dir / "ok.json").string(), "--check-config"});
  EXPECT_EQ(r.exitCode, 0) << r.err;
  EXPECT_NE(r.out.find("is valid: 1 engines, 1 modes"), std::string::npos);
}

TEST(ApplicationTest, MissingPluginFolderIsNamedAndFatal) {
  test::TempDir dir;
  writeFile(dir / "c.json", configWith("/no/plugins/here", (dir / "m.db").string(), 0));
  RunResult r = runManifold({"--config", (dir / "c.json").string()});
  EXPECT_NE(r.exitCode, 0);
  EXPECT_NE(r.err.find("/no/plugins/here"), std::string::npos) << r.err;
}

TEST(ApplicationTest, StartsWithBrokenPluginsAndStopsCleanlyOnTerminate) {
  test::TempDir dir, plugins;
  test::installFile(test::demoPlugin(), plugins / "demo.so");
  test::installFile(test::testPlugin("wrong_major"), plugins / "broken.so");
  test::installFile(test::testPlugin("init_throws"), plugins / "throws.so");
  uint16_t port;
  {
    Poco::Net::ServerSocket probe(Poco::Net::SocketAddress("127.0.0.1", 0));
    port = probe.address().port();
  }
  writeFile(dir / "c.json", configWith(plugins.str(), (dir / "m.db").string(), port));
  Poco::Pipe outPipe;
  Poco::ProcessHandle handle = Poco::Process::launch(
      MANIFOLD_BINARY, {"--config", (dir / "c.json").string()}, nullptr, &outPipe, &outPipe);
  test::HttpTestClient client(port);
  const bool up = test::eventually(
      [&] {
        try {
          return client.get("/readyz").status == 200;
        } catch (...) {
          return false;
        }
      },
      std::chrono::seconds(10));
  EXPECT_TRUE(up);
  if (up) {
    const std::string admin = client.get("/admin/plugins").body;
    EXPECT_NE(admin.find("built for ABI major 2"), std::string::npos);
    EXPECT_NE(admin.find("init threw"), std::string::npos);
  }
  Poco::Process::requestTermination(handle.id());
  Poco::PipeInputStream out(outPipe);
  std::string log;
  Poco::StreamCopier::copyToString(out, log);
  EXPECT_EQ(handle.wait(), 0) << log;
  EXPECT_NE(log.find("refused plugin file"), std::string::npos) << log;
  EXPECT_NE(log.find("shutting down"), std::string::npos) << log;
}

}  // namespace
}  // namespace manifold
