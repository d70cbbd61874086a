// The registry of kind handlers, and each built-in handler's checks on tables
// built in memory (the .so-level cases are in PluginKindsTest).
#include <gtest/gtest.h>

#include <manifold/plugin.h>

#include <stdexcept>

#include "plugins/AbiTable.h"
#include "plugins/KindRegistry.h"
#include "plugins/ProviderKind.h"

namespace manifold::plugins {
namespace {

void* createNothing(const mf_host*, mf_str, mf_error*) {
  return nullptr;
}
void destroyNothing(void*) {}
int32_t generateNothing(void*, const mf_engine*, mf_str, const mf_event_sink*, mf_error*) {
  return MF_OK;
}

std::string refusalOf(const char* kindId, const void* table) {
  const KindHandler* handler = KindRegistry::builtIn().find(kindId);
  if (!handler) return "no handler for " + std::string(kindId);
  std::string refusal;
  const std::unique_ptr<KindTable> checked = handler->check(table, refusal);
  EXPECT_EQ(checked == nullptr, !refusal.empty()) << "a table is either kept or refused";
  return refusal;
}

TEST(KindRegistryTest, BuiltInKnowsTheFourKindsOfAbi11) {
  EXPECT_EQ(KindRegistry::builtIn().kindIds(),
            (std::vector<std::string>{MF_KIND_DISPATCHER, MF_KIND_INTENTS, MF_KIND_PROVIDER,
                                      MF_KIND_TOOLSET}));
  for (const std::string& id : KindRegistry::builtIn().kindIds())
    EXPECT_EQ(KindRegistry::builtIn().find(id)->kindId(), id);
}

TEST(KindRegistryTest, UnknownAndNearMissIdsHaveNoHandler) {
  EXPECT_EQ(KindRegistry::builtIn().find("acme.future/1"), nullptr);
  EXPECT_EQ(KindRegistry::builtIn().find("manifold.provider/2"), nullptr);
  EXPECT_EQ(KindRegistry::builtIn().find("manifold.provider"), nullptr);
  EXPECT_EQ(KindRegistry::builtIn().find(""), nullptr);
}

TEST(KindRegistryTest, ASecondHandlerForOneKindIsAProgrammingError) {
  KindRegistry registry;
  registry.add(std::make_unique<ProviderKind>());
  EXPECT_THROW(registry.add(std::make_unique<ProviderKind>()), std::logic_error);
  EXPECT_NE(registry.find(MF_KIND_PROVIDER), nullptr);
}

TEST(KindRegistryTest, ProviderNeedsGenerateOrTheWholeTranslatorSet) {
  mf_provider_api api{};
  api.struct_size = sizeof(api);
  api.create = createNothing;
  api.destroy = destroyNothing;
  EXPECT_EQ(refusalOf(MF_KIND_PROVIDER, &api),
            "provider table has neither generate nor the full set of translator functions (it "
            "lacks build_request, stream_open, stream_feed, stream_finish, stream_close, "
            "parse_response, classify_error)");
  api.generate = generateNothing;
  EXPECT_EQ(refusalOf(MF_KIND_PROVIDER, &api), "");
  api.destroy = nullptr;
  EXPECT_EQ(refusalOf(MF_KIND_PROVIDER, &api), "provider table lacks destroy");
}

TEST(KindRegistryTest, CheckedTablesAreCopiesInTheHostsLayout) {
  mf_provider_api api{};
  api.struct_size = sizeof(api);
  api.create = createNothing;
  api.destroy = destroyNothing;
  api.generate = generateNothing;
  std::string refusal;
  std::unique_ptr<KindTable> table =
      KindRegistry::builtIn().find(MF_KIND_PROVIDER)->check(&api, refusal);
  api.generate = nullptr;  // the plugin's struct, not the host's copy
  auto* kept = dynamic_cast<AbiTable<mf_provider_api>*>(table.get());
  ASSERT_NE(kept, nullptr);
  EXPECT_EQ(kept->api().generate, &generateNothing);
}

TEST(KindRegistryTest, IntentsNeedDeclareIntents) {
  mf_intents_api api{};
  api.struct_size = sizeof(api);
  EXPECT_EQ(refusalOf(MF_KIND_INTENTS, &api), "intents table lacks declare_intents");
  api.struct_size = 4;
  EXPECT_EQ(refusalOf(MF_KIND_INTENTS, &api),
            "intents table struct_size 4 is too small (manifold.intents/1 needs at least " +
                std::to_string(sizeof(mf_intents_api)) + ")");
}

TEST(KindRegistryTest, ToolsetAndDispatcherNeedEveryFunction) {
  mf_toolset_api tools{};
  tools.struct_size = sizeof(tools);
  EXPECT_EQ(refusalOf(MF_KIND_TOOLSET, &tools),
            "toolset table lacks create, destroy, list_tools, call_tool");
  mf_dispatcher_api dispatcher{};
  dispatcher.struct_size = sizeof(dispatcher);
  dispatcher.create = createNothing;
  dispatcher.destroy = destroyNothing;
  EXPECT_EQ(refusalOf(MF_KIND_DISPATCHER, &dispatcher),
            "dispatcher table lacks create_task, poll_task, cancel_task, handle_webhook");
}

}  // namespace
}  // namespace manifold::plugins
