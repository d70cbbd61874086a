#include "plugins/ToolsetKind.h"

#include "plugins/AbiStrings.h"
#include "plugins/AbiTable.h"
#include "plugins/TableChecks.h"

namespace manifold::plugins {

const char* ToolsetKind::kindId() const {
  return MF_KIND_TOOLSET;
}

// Every function of the table is required: plugin.h marks none optional. The
// tool declarations themselves come from list_tools on an instance, which
// needs the operator's configuration (and, for an MCP bridge, a live server),
// so they are checked where an instance is made, not here.
std::unique_ptr<KindTable> ToolsetKind::check(const void* table, std::string& refusal) const {
  const auto* raw = static_cast<const mf_toolset_api*>(table);
  // The table has not grown since ABI 1.0; once it does, this stays 1.0's size.
  refusal = checkTableSize("toolset", MF_KIND_TOOLSET, raw->struct_size, sizeof(mf_toolset_api));
  if (!refusal.empty()) return nullptr;
  const mf_toolset_api api = copyStruct(raw);
  refusal = checkRequired("toolset", {{"create", api.create},
                                      {"destroy", api.destroy},
                                      {"list_tools", api.list_tools},
                                      {"call_tool", api.call_tool}});
  if (!refusal.empty()) return nullptr;
  return std::make_unique<AbiTable<mf_toolset_api>>(api);
}

}  // namespace manifold::plugins
