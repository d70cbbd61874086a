// The egress section of the config file: egress.allow entries are checked at
// load, with a message that names the entry, and the shipped configs allow the
// local Ollama and nothing else internal.
#include <gtest/gtest.h>

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <fstream>
#include <sstream>

#include "config/ConfigLoader.h"
#include "support/TempDir.h"
#include "upstream/EgressPolicy.h"
#include "upstream/SystemResolver.h"

namespace manifold::config {
namespace {

class EgressConfigTest : public ::testing::Test {
 protected:
  ConfigLoadResult load(const std::string& egressJson) {
    return ConfigLoader::loadText(R"({"plugins": {"directory": ")" + plugins_.str() +
                                  R"("}, "egress": )" + egressJson +
                                  R"(, "engines": [{"id": "d", "provider": "demo", "model": "m"}],
        "modes": {"smart": {"chain": ["d"]}}})");
  }
  test::TempDir plugins_;
};

TEST_F(EgressConfigTest, AllowEntriesAreRead) {
  ConfigLoadResult r =
      load(R"({"allow": ["localhost:11434", "[::1]:8080"], "allowed_hosts": ["api.example.com"]})");
  ASSERT_TRUE(r.config) << r.problems.at(0).path << ": " << r.problems.at(0).message;
  EXPECT_EQ(r.config->egress.allow, (std::vector<std::string>{"localhost:11434", "[::1]:8080"}));
  EXPECT_EQ(r.config->egress.allowedHosts, std::vector<std::string>{"api.example.com"});
}

TEST_F(EgressConfigTest, BadAllowEntriesAreNamed) {
  ConfigLoadResult r =
      load(R"({"allow": ["localhost:11434", "127.0.0.1:*", "169.254.169.254:80", "nohost"]})");
  EXPECT_FALSE(r.config);
  ASSERT_EQ(r.problems.size(), 3u);
  EXPECT_EQ(r.problems[0].path, "$.egress.allow[1]");
  EXPECT_NE(r.problems[0].message.find("port wildcard"), std::string::npos);
  EXPECT_EQ(r.problems[1].path, "$.egress.allow[2]");
  EXPECT_NE(r.problems[1].message.find("cloud metadata"), std::string::npos);
  EXPECT_EQ(r.problems[2].path, "$.egress.allow[3]");
}

TEST_F(EgressConfigTest, TheShippedConfigsAllowTheLocalOllamaOnly) {
  for (const char* file : {"/packaging/config/manifold.json", "/packaging/docker/manifold.json",
                           "/packaging/deb/manifold.json"}) {
    std::ifstream in(std::string(MANIFOLD_SOURCE_DIR) + file);
    std::stringstream text;
    text << in.rdbuf();
    Poco::JSON::Object::Ptr root =
        Poco::JSON::Parser().parse(text.str()).extract<Poco::JSON::Object::Ptr>();
    root->getObject("plugins")->set("directory", plugins_.str());
    std::ostringstream rewritten;
    root->stringify(rewritten);
    ConfigLoadResult r = ConfigLoader::loadText(rewritten.str());
    ASSERT_TRUE(r.config) << file << ": " << r.problems.at(0).path << " "
                          << r.problems.at(0).message;
    const upstream::EgressPolicy policy(r.config->egress,
                                        std::make_shared<upstream::SystemResolver>());
    std::vector<Poco::Net::IPAddress> addresses;
    EXPECT_FALSE(policy.resolve("127.0.0.1", 11434, addresses)) << file;
    EXPECT_FALSE(policy.resolve("localhost", 11434, addresses)) << file;
    EXPECT_TRUE(policy.screen("127.0.0.1", 8080)) << file << ": only Ollama's port";
    EXPECT_TRUE(policy.screen("169.254.169.254", 80)) << file;
  }
}

}  // namespace
}  // namespace manifold::config
