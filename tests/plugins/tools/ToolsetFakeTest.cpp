#include "plugins/tools/ToolsetFakeTest.h"

namespace manifold::test {

void ToolsetFakeTest::startFake(const std::string& fake, const std::vector<std::string>& args) {
  const std::string missing = FakeToolServer::missingTool();
  if (!missing.empty()) GTEST_SKIP() << missing;
  fake_ = std::make_unique<FakeToolServer>(fake, args);
}

std::unique_ptr<LoadedToolset> ToolsetFakeTest::load(const std::string& plugin,
                                                     const std::string& config) const {
  auto loaded =
      std::make_unique<LoadedToolset>(plugin, config, std::vector<uint16_t>{fake_->port()});
  EXPECT_NE(loaded->get(), nullptr) << loaded->problem();
  return loaded;
}

void ToolsetFakeTest::loadForCalls(const std::string& plugin, const std::string& config) {
  toolset_ = load(plugin, config);
  ASSERT_NE(toolset_->get(), nullptr);
}

std::string ToolsetFakeTest::argsWith(const std::string& name, const std::string& value) {
  json::Value args = json::Value::object();
  args.set(name, value);
  return json::stringify(args);
}

}  // namespace manifold::test
