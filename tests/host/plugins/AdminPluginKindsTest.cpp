// /admin/plugins on a running gateway: the kinds each plugin provides, kinds
// it declared that the host ignores, and kind tables refused with their
// reason, while the gateway keeps serving.
#include <gtest/gtest.h>

#include <Poco/JSON/Parser.h>

#include "support/TestGateway.h"
#include "support/TestPaths.h"

namespace manifold {
namespace {

using Poco::JSON::Object;
using test::eventually;
using test::TestGateway;

Object::Ptr adminPlugins(const TestGateway& gateway) {
  return Poco::JSON::Parser()
      .parse(gateway.client().get("/admin/plugins").body)
      .extract<Object::Ptr>();
}

Object::Ptr loadedPlugin(const Object::Ptr& body, const std::string& id) {
  for (const auto& entry : *body->getArray("loaded")) {
    auto plugin = entry.extract<Object::Ptr>();
    if (plugin->getValue<std::string>("id") == id) return plugin;
  }
  return nullptr;
}

std::string refusalOf(const Object::Ptr& body, const std::string& fileName) {
  for (const auto& entry : *body->getArray("refused")) {
    auto refusal = entry.extract<Object::Ptr>();
    const std::string file = refusal->getValue<std::string>("file");
    if (file.size() >= fileName.size() &&
        file.compare(file.size() - fileName.size(), fileName.size(), fileName) == 0)
      return refusal->getValue<std::string>("reason");
  }
  return "";
}

std::vector<std::string> strings(const Poco::JSON::Array::Ptr& array) {
  std::vector<std::string> out;
  for (const auto& item : *array) out.push_back(item.convert<std::string>());
  return out;
}

TEST(AdminPluginKindsTest, ListsEveryKindAndEveryRefusedTable) {
  TestGateway gateway;
  for (const char* name : {"toolset_valid", "dispatcher_valid", "future_kind",
                           "toolset_no_call_tool", "dispatcher_small_table"})
    test::installFile(test::testPlugin(name), gateway.pluginDir() / (std::string(name) + ".so"));
  ASSERT_TRUE(eventually([&] {
    const Object::Ptr body = adminPlugins(gateway);
    return body->getArray("loaded")->size() == 4 && body->getArray("refused")->size() == 2;
  })) << gateway.client().get("/admin/plugins").body;

  const Object::Ptr body = adminPlugins(gateway);
  const Object::Ptr toolset = loadedPlugin(body, "test.toolset");
  ASSERT_TRUE(toolset);
  EXPECT_EQ(strings(toolset->getArray("kinds")), std::vector<std::string>{MF_KIND_TOOLSET});
  EXPECT_TRUE(strings(toolset->getArray("ignored_kinds")).empty());
  const Object::Ptr dispatcher = loadedPlugin(body, "test.dispatcher");
  ASSERT_TRUE(dispatcher);
  EXPECT_EQ(strings(dispatcher->getArray("kinds")), std::vector<std::string>{MF_KIND_DISPATCHER});
  const Object::Ptr future = loadedPlugin(body, "test.future");
  ASSERT_TRUE(future);
  EXPECT_EQ(strings(future->getArray("kinds")), std::vector<std::string>{MF_KIND_TOOLSET});
  EXPECT_EQ(strings(future->getArray("ignored_kinds")), std::vector<std::string>{"acme.future/1"});
  const Object::Ptr demo = loadedPlugin(body, "demo");
  ASSERT_TRUE(demo);
  EXPECT_EQ(strings(demo->getArray("kinds")), std::vector<std::string>{MF_KIND_PROVIDER});

  EXPECT_EQ(refusalOf(body, "toolset_no_call_tool.so"), "toolset table lacks call_tool");
  EXPECT_NE(refusalOf(body, "dispatcher_small_table.so")
                .find("dispatcher table struct_size 16 is too small"),
            std::string::npos);

  EXPECT_EQ(gateway.client().get("/healthz").status, 200);
  const std::string chat =
      R"({"model":"demo","messages":[{"role":"user","content":"still there?"}]})";
  EXPECT_EQ(gateway.client().post("/v1/chat/completions", chat).status, 200);
}

}  // namespace
}  // namespace manifold
