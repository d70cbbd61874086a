// Kinds by id, through the real loader and real libraries: toolset and
// dispatcher tables load or are refused for their own reasons, and a kind id
// the host does not know is ignored without refusing the plugin.
#include <gtest/gtest.h>

#include <cstddef>

#include "plugins/PluginManager.h"
#include "support/TempDir.h"
#include "support/TestPaths.h"

namespace manifold::plugins {
namespace {

using test::TempDir;
using test::testPlugin;

class PluginKindsTest : public ::testing::Test {
 protected:
  PluginKindsTest()
      : manager_(std::make_unique<PluginLoader>(folder_.str(), std::map<std::string, std::string>{},
                                                HostServiceDeps{}),
                 50) {}

  std::shared_ptr<PluginLibrary> load(const std::string& library, const std::string& id) {
    test::installFile(testPlugin(library), folder_ / (library + ".so"));
    manager_.scan(false);
    return manager_.find(id);
  }

  // The reason `library` was refused, "" when it was not.
  std::string refusalFor(const std::string& library) {
    test::installFile(testPlugin(library), folder_ / (library + ".so"));
    manager_.scan(false);
    for (const PluginRefusal& refusal : manager_.snapshot().refused)
      if (refusal.file == (folder_ / (library + ".so")).string()) return refusal.reason;
    return "";
  }

  static mf_string_sink sinkInto(std::string* out) {
    return mf_string_sink{sizeof(mf_string_sink), out, [](void* ctx, mf_str v) {
                            static_cast<std::string*>(ctx)->assign(v.ptr, v.len);
                          }};
  }

  static mf_error blankError() {
    mf_error error{};
    error.struct_size = sizeof(error);
    return error;
  }

  TempDir folder_;
  PluginManager manager_;
};

TEST_F(PluginKindsTest, LoadsAToolsetAndKeepsItsTable) {
  auto plugin = load("toolset_valid", "test.toolset");
  ASSERT_NE(plugin, nullptr) << refusalFor("toolset_valid");
  EXPECT_EQ(plugin->kinds(), std::vector<std::string>{MF_KIND_TOOLSET});
  EXPECT_TRUE(plugin->ignoredKinds().empty());
  EXPECT_EQ(plugin->providerApi(), nullptr);
  EXPECT_EQ(plugin->dispatcherApi(), nullptr);
  const mf_toolset_api* api = plugin->toolsetApi();
  ASSERT_NE(api, nullptr);
  EXPECT_NE(plugin->table(MF_KIND_TOOLSET), nullptr);
  EXPECT_EQ(plugin->table(MF_KIND_PROVIDER), nullptr);

  // The host's copy of the table reaches the plugin's code.
  mf_error error = blankError();
  void* instance = api->create(plugin->hostTable(), mf_str{"{}", 2}, &error);
  ASSERT_NE(instance, nullptr);
  std::string result;
  const mf_string_sink sink = sinkInto(&result);
  EXPECT_EQ(api->call_tool(instance, mf_str{"echo", 4}, mf_str{"{\"x\":1}", 7}, &sink, &error),
            MF_OK);
  EXPECT_EQ(result, "{\"x\":1}");
  api->destroy(instance);
}

TEST_F(PluginKindsTest, LoadsADispatcherAndKeepsItsTable) {
  auto plugin = load("dispatcher_valid", "test.dispatcher");
  ASSERT_NE(plugin, nullptr) << refusalFor("dispatcher_valid");
  EXPECT_EQ(plugin->kinds(), std::vector<std::string>{MF_KIND_DISPATCHER});
  EXPECT_EQ(plugin->toolsetApi(), nullptr);
  const mf_dispatcher_api* api = plugin->dispatcherApi();
  ASSERT_NE(api, nullptr);
  mf_error error = blankError();
  void* instance = api->create(plugin->hostTable(), mf_str{"{}", 2}, &error);
  ASSERT_NE(instance, nullptr);
  std::string task;
  const mf_string_sink sink = sinkInto(&task);
  EXPECT_EQ(api->poll_task(instance, mf_str{"t1", 2}, &sink, &error), MF_OK);
  EXPECT_EQ(task, "{\"task_id\":\"t1\",\"status\":\"done\"}");
  api->destroy(instance);
}

TEST_F(PluginKindsTest, AnUnknownKindIsIgnoredAndTheKnownOnesLoad) {
  auto plugin = load("future_kind", "test.future");
  ASSERT_NE(plugin, nullptr) << refusalFor("future_kind");
  EXPECT_EQ(plugin->kinds(), std::vector<std::string>{MF_KIND_TOOLSET});
  EXPECT_EQ(plugin->ignoredKinds(), std::vector<std::string>{"acme.future/1"});
  EXPECT_NE(plugin->toolsetApi(), nullptr);
  EXPECT_EQ(plugin->table("acme.future/1"), nullptr);
}

TEST_F(PluginKindsTest, EveryKindFromThePluginHppHelpersLoads) {
  auto plugin = load("all_kinds_probe", "test.all-kinds");
  ASSERT_NE(plugin, nullptr) << refusalFor("all_kinds_probe");
  EXPECT_EQ(plugin->kinds(), (std::vector<std::string>{MF_KIND_PROVIDER, MF_KIND_TOOLSET,
                                                       MF_KIND_DISPATCHER, MF_KIND_INTENTS}));
  EXPECT_NE(plugin->providerApi(), nullptr);
  EXPECT_NE(plugin->toolsetApi(), nullptr);
  EXPECT_NE(plugin->dispatcherApi(), nullptr);
  ASSERT_NE(plugin->intents(), nullptr);
  ASSERT_EQ(plugin->intents()->intents().size(), 1u);
  EXPECT_EQ(plugin->intents()->intents()[0].intent, "agent-task");
}

TEST_F(PluginKindsTest, PluginsBuiltForAbi10StillLoad) {
  auto toolset = load("toolset_abi_1_0", "test.toolset10");
  ASSERT_NE(toolset, nullptr) << refusalFor("toolset_abi_1_0");
  EXPECT_EQ(toolset->abiMinor(), 0u);
  EXPECT_NE(toolset->toolsetApi(), nullptr);
  auto provider = load("provider_abi_1_0", "test.provider10");
  ASSERT_NE(provider, nullptr) << refusalFor("provider_abi_1_0");
  EXPECT_EQ(provider->abiMinor(), 0u);
  EXPECT_NE(provider->providerApi(), nullptr);
}

TEST_F(PluginKindsTest, RefusesAToolsetWithoutCallTool) {
  EXPECT_EQ(refusalFor("toolset_no_call_tool"), "toolset table lacks call_tool");
}

TEST_F(PluginKindsTest, RefusalNamesEveryMissingToolsetFunction) {
  EXPECT_EQ(refusalFor("toolset_no_create_list"), "toolset table lacks create, list_tools");
}

TEST_F(PluginKindsTest, RefusesATooSmallToolsetTable) {
  EXPECT_EQ(refusalFor("toolset_small_table"),
            "toolset table struct_size 8 is too small (manifold.toolset/1 needs at least " +
                std::to_string(sizeof(mf_toolset_api)) + ")");
}

TEST_F(PluginKindsTest, RefusesADeclaredKindWithNoTable) {
  EXPECT_EQ(refusalFor("toolset_null_table"),
            "declares manifold.toolset/1 but get_factory returns null for it");
}

TEST_F(PluginKindsTest, RefusesADispatcherThatCannotPollOrCancel) {
  EXPECT_EQ(refusalFor("dispatcher_no_poll_cancel"),
            "dispatcher table lacks poll_task, cancel_task");
}

TEST_F(PluginKindsTest, RefusesADispatcherWithoutWebhookHandling) {
  EXPECT_EQ(refusalFor("dispatcher_no_webhook"), "dispatcher table lacks handle_webhook");
}

// The table's first version ends at handle_webhook: ABI 1.1 dispatchers
// still load, a table shorter than that does not.
TEST_F(PluginKindsTest, RefusesATooSmallDispatcherTable) {
  EXPECT_EQ(refusalFor("dispatcher_small_table"),
            "dispatcher table struct_size 16 is too small (manifold.dispatcher/1 needs at least " +
                std::to_string(offsetof(mf_dispatcher_api, handle_webhook) + sizeof(void*)) + ")");
}

// ABI 1.2's six service functions come as a set.
TEST_F(PluginKindsTest, RefusesADispatcherWithPartOfTheServiceFunctions) {
  EXPECT_EQ(refusalFor("dispatcher_part_of_1_2"),
            "dispatcher table lacks check_task, stop_task, webhook_verifier, apply_webhook");
}

TEST_F(PluginKindsTest, BrokenKindTablesDoNotStopGoodPluginsLoading) {
  for (const char* name : {"toolset_no_call_tool", "toolset_small_table", "dispatcher_small_table",
                           "dispatcher_no_poll_cancel", "toolset_valid", "dispatcher_valid"})
    test::installFile(testPlugin(name), folder_ / (std::string(name) + ".so"));
  manager_.scan(false);
  const PluginSnapshot snapshot = manager_.snapshot();
  EXPECT_EQ(snapshot.refused.size(), 4u);
  ASSERT_EQ(snapshot.loaded.size(), 2u);
  EXPECT_NE(manager_.find("test.toolset"), nullptr);
  EXPECT_NE(manager_.find("test.dispatcher"), nullptr);
}

}  // namespace
}  // namespace manifold::plugins
