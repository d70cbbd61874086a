// The dashboard at /ui through a real gateway: its compiled-in files with a
// strict content policy, and who may read the data it shows (the master key
// or the read-only dashboard token; nothing else).
#include <gtest/gtest.h>
#include <stdlib.h>

#include <fstream>
#include <regex>
#include <set>

#include "support/OpenAiAssertions.h"
#include "support/TestGateway.h"
#include "support/TestPaths.h"

namespace manifold::test {
namespace {

const std::string kMaster = "mk-dashboard-master-0123456789";
const std::string kDashboard = "ui-token-0123456789";
using Headers = std::map<std::string, std::string>;

Headers bearer(const std::string& secret) {
  return {{"Authorization", "Bearer " + secret}};
}

// The master key and the dashboard token come from the environment, read at start.
struct SecretsEnv {
  SecretsEnv() {
    ::setenv("MANIFOLD_MASTER_KEY", kMaster.c_str(), 1);
    ::setenv("MANIFOLD_TEST_UI_TOKEN", kDashboard.c_str(), 1);
  }
  ~SecretsEnv() {
    ::unsetenv("MANIFOLD_MASTER_KEY");
    ::unsetenv("MANIFOLD_TEST_UI_TOKEN");
  }
};

config::GatewayConfig dashboardConfig(const TempDir& unused) {
  config::GatewayConfig cfg = demoConfig(unused.str(), (unused / "x.db").string());
  cfg.ui.tokenEnv = "MANIFOLD_TEST_UI_TOKEN";
  return cfg;
}

class DashboardTest : public ::testing::Test {
 protected:
  DashboardTest() : gateway_(dashboardConfig(unused_), {demoPlugin()}) {}

  SecretsEnv env_;
  TempDir unused_;
  TestGateway gateway_;
};

TEST_F(DashboardTest, ThePageAndEveryFileItNamesAreServedUnderAStrictPolicy) {
  const HttpResult page = gateway_.client().get("/ui");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_EQ(page.header("content-type"), "text/html; charset=utf-8");
  const std::string csp = page.header("content-security-policy");
  EXPECT_NE(csp.find("default-src 'none'"), std::string::npos) << csp;
  EXPECT_NE(csp.find("script-src 'self'"), std::string::npos) << csp;
  EXPECT_EQ(csp.find("unsafe"), std::string::npos) << "no inline script, no eval: " << csp;
  EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos) << csp;
  EXPECT_EQ(page.header("x-content-type-options"), "nosniff");
  EXPECT_FALSE(page.header("etag").empty());
  EXPECT_EQ(gateway_.client().get("/ui/").body, page.body);
  EXPECT_EQ(page.body.find("<script>"), std::string::npos) << "no inline script";
  EXPECT_EQ(page.body.find("style=\""), std::string::npos) << "no inline style";

  // Every file the page and its modules name is compiled in, with its type.
  const std::map<std::string, std::string> types{{"js", "text/javascript; charset=utf-8"},
                                                 {"css", "text/css; charset=utf-8"},
                                                 {"svg", "image/svg+xml"}};
  std::vector<std::string> pending{page.body};
  std::set<std::string> seen;
  const std::regex reference(R"((?:/ui/|\./)([a-z]+\.(js|css|svg))['"])");
  while (!pending.empty()) {
    const std::string text = pending.back();
    pending.pop_back();
    for (std::sregex_iterator m(text.begin(), text.end(), reference), end; m != end; ++m) {
      const std::string name = (*m)[1], ext = (*m)[2];
      if (!seen.insert(name).second) continue;
      const HttpResult file = gateway_.client().get("/ui/" + name);
      EXPECT_EQ(file.status, 200) << name;
      EXPECT_EQ(file.header("content-type"), types.at(ext)) << name;
      EXPECT_FALSE(file.header("content-security-policy").empty()) << name;
      if (ext == "js") pending.push_back(file.body);
    }
  }
  EXPECT_TRUE(seen.count("main.js") && seen.count("chat.js") && seen.count("charts.js") &&
              seen.count("style.css"))
      << seen.size() << " files found";
}

TEST_F(DashboardTest, AnUnchangedFileIsNotSentAgain) {
  const HttpResult first = gateway_.client().get("/ui/main.js");
  ASSERT_EQ(first.status, 200);
  EXPECT_EQ(first.header("cache-control"), "no-cache");
  const HttpResult again =
      gateway_.client().get("/ui/main.js", {{"If-None-Match", first.header("etag")}});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  const HttpResult other =
      gateway_.client().get("/ui/main.js", {{"If-None-Match", "\"something-else\""}});
  EXPECT_EQ(other.status, 200);
  EXPECT_EQ(other.body, first.body);
}

TEST_F(DashboardTest, UnknownFilesAndWrongMethodsGetOpenAiErrors) {
  expectOpenAiError(gateway_.client().get("/ui/nope.js"), 404, "no such dashboard file");
  expectOpenAiError(gateway_.client().get("/ui/../admin/keys"), 404, "no such dashboard file");
  const HttpResult post = gateway_.client().post("/ui", "{}");
  expectOpenAiError(post, 405, "use GET");
  EXPECT_EQ(gateway_.client().get("/ui").status, 200) << "still serving";
}

TEST_F(DashboardTest, TheDataNeedsTheMasterKeyOrTheDashboardToken) {
  for (const std::string path : {"/admin/health", "/admin/usage", "/admin/plugins"}) {
    SCOPED_TRACE(path);
    expectOpenAiError(gateway_.client().get(path), 401, "");
    expectOpenAiError(gateway_.client().get(path, bearer(kDashboard + "x")), 401, "");
    expectOpenAiError(gateway_.client().get(path, bearer(kMaster.substr(1))), 401, "");
    EXPECT_EQ(gateway_.client().get(path, bearer(kDashboard)).status, 200);
    EXPECT_EQ(gateway_.client().get(path, {{"x-api-key", kDashboard}}).status, 200);
    EXPECT_EQ(gateway_.client().get(path, bearer(kMaster)).status, 200);
  }
  const HttpResult health = gateway_.client().get("/admin/health", bearer(kDashboard));
  EXPECT_EQ(parseObject(health.body)->getArray("engines")->size(), 2u) << health.body;
}

TEST_F(DashboardTest, TheDashboardTokenReadsOnly) {
  expectOpenAiError(gateway_.client().get("/admin/keys", bearer(kDashboard)), 401, "");
  expectOpenAiError(
      gateway_.client().post("/admin/keys", R"({"name":"sneaky"})", bearer(kDashboard)), 401, "");
  expectOpenAiError(
      gateway_.client().post("/api/chat", chatBody("mode/smart", false), bearer(kDashboard)), 401,
      "");
  expectOpenAiError(gateway_.client().get("/metrics", bearer(kDashboard)), 401, "");
  expectOpenAiError(gateway_.client().get("/v1/usage", bearer(kDashboard)), 401, "");
  const HttpResult keys = gateway_.client().get("/admin/keys", bearer(kMaster));
  ASSERT_EQ(keys.status, 200) << keys.body;
  EXPECT_EQ(parseObject(keys.body)->getArray("data")->size(), 0u) << "nothing was created";
}

TEST_F(DashboardTest, AVirtualKeyCannotReadTheDashboardData) {
  const HttpResult created =
      gateway_.client().post("/admin/keys", R"({"name":"team"})", bearer(kMaster));
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string secret = parseObject(created.body)->getValue<std::string>("secret");
  EXPECT_EQ(gateway_.client()
                .post("/v1/chat/completions", chatBody("mode/smart", false), bearer(secret))
                .status,
            200)
      << "the key itself works";
  for (const std::string path : {"/admin/health", "/admin/usage", "/admin/plugins"})
    expectOpenAiError(gateway_.client().get(path, bearer(secret)), 403, "master key");
}

TEST(DashboardTokenFileTest, TheTokenMayComeFromAMountedFile) {
  SecretsEnv env;
  TempDir dir;
  const std::filesystem::path file = dir / "ui-token";
  std::ofstream(file) << "  from-a-file-0123\n# ignored\n";
  config::GatewayConfig cfg = demoConfig(dir.str(), (dir / "x.db").string());
  cfg.ui.tokenFile = file.string();
  TestGateway gateway(std::move(cfg), {demoPlugin()});
  EXPECT_EQ(gateway.client().get("/admin/health", bearer("from-a-file-0123")).status, 200);
  EXPECT_EQ(gateway.client().get("/admin/health", bearer(kDashboard)).status, 401)
      << "the variable is not named in this config";
}

}  // namespace
}  // namespace manifold::test
