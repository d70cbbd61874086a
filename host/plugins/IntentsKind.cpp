#include "plugins/IntentsKind.h"

#include "plugins/AbiStrings.h"
#include "plugins/IntentsTable.h"
#include "plugins/TableChecks.h"

namespace manifold::plugins {

const char* IntentsKind::kindId() const {
  return MF_KIND_INTENTS;
}

std::unique_ptr<KindTable> IntentsKind::check(const void* table, std::string& refusal) const {
  const auto* raw = static_cast<const mf_intents_api*>(table);
  refusal = checkTableSize("intents", MF_KIND_INTENTS, raw->struct_size, sizeof(mf_intents_api));
  if (!refusal.empty()) return nullptr;
  const mf_intents_api api = copyStruct(raw);
  refusal = checkRequired("intents", {{"declare_intents", api.declare_intents}});
  if (!refusal.empty()) return nullptr;
  return std::make_unique<IntentsTable>(api);
}

std::string IntentsKind::complete(const std::string& pluginId, KindTable& table) const {
  auto& intents = static_cast<IntentsTable&>(table);
  std::string problem;
  intents.setIntents(router::PluginIntents::fromPlugin(pluginId, intents.api(), problem));
  return intents.intents() ? "" : problem;
}

}  // namespace manifold::plugins
