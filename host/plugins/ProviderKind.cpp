#include "plugins/ProviderKind.h"

#include <cstddef>

#include "plugins/AbiStrings.h"
#include "plugins/AbiTable.h"
#include "plugins/TableChecks.h"

namespace manifold::plugins {

const char* ProviderKind::kindId() const {
  return MF_KIND_PROVIDER;
}

// A provider offers either generate (it answers in-process) or the whole set
// of translator functions (the host does the HTTP); never half of it.
std::unique_ptr<KindTable> ProviderKind::check(const void* table, std::string& refusal) const {
  const auto* raw = static_cast<const mf_provider_api*>(table);
  // ABI 1.0's table ends at generate; 1.3 added the media functions after it,
  // which an older table simply lacks (copyStruct reads them as null).
  constexpr size_t kAbi10Size = offsetof(mf_provider_api, build_media_request);
  refusal = checkTableSize("provider", MF_KIND_PROVIDER, raw->struct_size, kAbi10Size);
  if (!refusal.empty()) return nullptr;
  const mf_provider_api api = copyStruct(raw);
  refusal = checkRequired("provider", {{"create", api.create}, {"destroy", api.destroy}});
  if (!refusal.empty()) return nullptr;
  const bool translator = api.build_request && api.stream_open && api.stream_feed &&
                          api.stream_finish && api.stream_close && api.parse_response &&
                          api.classify_error;
  if (!api.generate && !translator) {
    refusal =
        "provider table has neither generate nor the full set of translator functions "
        "(it lacks " +
        missingFunctions({{"build_request", api.build_request},
                          {"stream_open", api.stream_open},
                          {"stream_feed", api.stream_feed},
                          {"stream_finish", api.stream_finish},
                          {"stream_close", api.stream_close},
                          {"parse_response", api.parse_response},
                          {"classify_error", api.classify_error}}) +
        ")";
    return nullptr;
  }
  return std::make_unique<AbiTable<mf_provider_api>>(api);
}

}  // namespace manifold::plugins
