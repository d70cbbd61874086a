#include "plugins/PluginLibrary.h"

#include <Poco/Logger.h>

#include "plugins/AbiStrings.h"
#include "plugins/AbiTable.h"
#include "plugins/IntentsTable.h"

namespace manifold::plugins {
namespace {

template <class Api>
const Api* apiOf(const KindTable* table) {
  const auto* abi = dynamic_cast<const AbiTable<Api>*>(table);
  return abi ? &abi->api() : nullptr;
}

}  // namespace

PluginLibrary::PluginLibrary(std::unique_ptr<PluginHostContext> host,
                             boost::dll::shared_library library,
                             const mf_plugin_descriptor& descriptor, std::vector<Kind> kinds,
                             std::vector<std::string> ignoredKinds, Origin origin)
    : host_(std::move(host)),
      library_(std::move(library)),
      deinit_(descriptor.deinit),
      id_(fromAbi(descriptor.id)),
      version_(fromAbi(descriptor.version)),
      description_(fromAbi(descriptor.description)),
      abiMajor_(descriptor.abi_major),
      abiMinor_(descriptor.abi_minor),
      kinds_(std::move(kinds)),
      ignoredKinds_(std::move(ignoredKinds)),
      origin_(std::move(origin)) {
  for (const Kind& kind : kinds_) kindIds_.push_back(kind.id);
  providerApi_ = apiOf<mf_provider_api>(table(MF_KIND_PROVIDER));
  toolsetApi_ = apiOf<mf_toolset_api>(table(MF_KIND_TOOLSET));
  dispatcherApi_ = apiOf<mf_dispatcher_api>(table(MF_KIND_DISPATCHER));
  if (const auto* intents = dynamic_cast<const IntentsTable*>(table(MF_KIND_INTENTS)))
    intents_ = intents->intents();
}

const KindTable* PluginLibrary::table(std::string_view kindId) const {
  for (const Kind& kind : kinds_)
    if (kind.id == kindId) return kind.table.get();
  return nullptr;
}

PluginLibrary::~PluginLibrary() {
  if (deinit_) {
    try {
      deinit_();
    } catch (...) {
      Poco::Logger::get("plugins").error("plugin %s threw from deinit", id_);
    }
  }
  Poco::Logger::get("plugins").information("plugin %s %s unloaded (%s)", id_, version_,
                                           origin_.sourcePath);
}

}  // namespace manifold::plugins
