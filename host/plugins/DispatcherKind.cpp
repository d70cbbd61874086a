#include "plugins/DispatcherKind.h"

#include <cstddef>

#include "plugins/AbiStrings.h"
#include "plugins/AbiTable.h"
#include "plugins/TableChecks.h"

namespace manifold::plugins {

const char* DispatcherKind::kindId() const {
  return MF_KIND_DISPATCHER;
}

bool DispatcherKind::namesServices(const mf_dispatcher_api& api) {
  return api.list_services != nullptr;
}

// The 1.1 functions are always required: plugin.h marks none optional, and a
// task the host created must always be pollable and cancellable. The six 1.2
// functions come as a set; a table built against 1.2 that sets none of them
// (plugin.hpp's Dispatcher) is a 1.1 dispatcher.
std::unique_ptr<KindTable> DispatcherKind::check(const void* table, std::string& refusal) const {
  const auto* raw = static_cast<const mf_dispatcher_api*>(table);
  constexpr size_t firstVersionSize =
      offsetof(mf_dispatcher_api, handle_webhook) + sizeof(raw->handle_webhook);
  refusal = checkTableSize("dispatcher", MF_KIND_DISPATCHER, raw->struct_size, firstVersionSize);
  if (!refusal.empty()) return nullptr;
  const mf_dispatcher_api api = copyStruct(raw);
  refusal = checkRequired("dispatcher", {{"create", api.create},
                                         {"destroy", api.destroy},
                                         {"create_task", api.create_task},
                                         {"poll_task", api.poll_task},
                                         {"cancel_task", api.cancel_task},
                                         {"handle_webhook", api.handle_webhook}});
  if (!refusal.empty()) return nullptr;
  const bool anyOfTheServiceFunctions = api.list_services || api.start_task || api.check_task ||
                                        api.stop_task || api.webhook_verifier || api.apply_webhook;
  if (anyOfTheServiceFunctions) {
    refusal = checkRequired("dispatcher", {{"list_services", api.list_services},
                                           {"start_task", api.start_task},
                                           {"check_task", api.check_task},
                                           {"stop_task", api.stop_task},
                                           {"webhook_verifier", api.webhook_verifier},
                                           {"apply_webhook", api.apply_webhook}});
    if (!refusal.empty()) return nullptr;
  }
  return std::make_unique<AbiTable<mf_dispatcher_api>>(api);
}

}  // namespace manifold::plugins
