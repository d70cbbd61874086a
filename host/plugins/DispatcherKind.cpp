#include "plugins/DispatcherKind.h"

#include "plugins/AbiStrings.h"
#include "plugins/AbiTable.h"
#include "plugins/TableChecks.h"

namespace manifold::plugins {

const char* DispatcherKind::kindId() const {
  return MF_KIND_DISPATCHER;
}

// Every function of the table is required: plugin.h marks none optional, and
// a task the host created must always be pollable and cancellable.
std::unique_ptr<KindTable> DispatcherKind::check(const void* table, std::string& refusal) const {
  const auto* raw = static_cast<const mf_dispatcher_api*>(table);
  // The table has not grown since ABI 1.0; once it does, this stays 1.0's size.
  refusal =
      checkTableSize("dispatcher", MF_KIND_DISPATCHER, raw->struct_size, sizeof(mf_dispatcher_api));
  if (!refusal.empty()) return nullptr;
  const mf_dispatcher_api api = copyStruct(raw);
  refusal = checkRequired("dispatcher", {{"create", api.create},
                                         {"destroy", api.destroy},
                                         {"create_task", api.create_task},
                                         {"poll_task", api.poll_task},
                                         {"cancel_task", api.cancel_task},
                                         {"handle_webhook", api.handle_webhook}});
  if (!refusal.empty()) return nullptr;
  return std::make_unique<AbiTable<mf_dispatcher_api>>(api);
}

}  // namespace manifold::plugins
