#pragma once

#include <manifold/plugin.h>

#include <memory>
#include <string>

#include "plugins/AbiCall.h"
#include "plugins/PluginLibrary.h"
#include "upstream/HttpExchange.h"

namespace manifold::plugins {

/// One live instance of a provider plugin. It holds its library, so the code
/// it runs stays mapped for as long as any request uses the instance.
class ProviderInstance {
 public:
  /// Creates an instance; on failure returns null and fills `error`.
  static std::shared_ptr<ProviderInstance> create(std::shared_ptr<PluginLibrary> library,
                                                  const std::string& configJson, mf_error& error);
  ~ProviderInstance();

  ProviderInstance(const ProviderInstance&) = delete;
  ProviderInstance& operator=(const ProviderInstance&) = delete;

  const PluginLibrary& library() const { return *library_; }
  const mf_provider_api& api() const { return *library_->providerApi(); }
  void* handle() const { return handle_; }
  /// True for providers that answer in-process (generate) rather than through HTTP.
  bool generates() const { return api().generate != nullptr; }

  /// True when the plugin makes media (ABI 1.3): its table's struct_size
  /// covers build_media_request and parse_media_response and it sets both.
  /// A table of an older minor is never read past its struct_size.
  bool makesMedia() const;
  /// Builds the upstream request for a media operation (an MF_MEDIA_* id).
  /// Returns MF_OK, MF_NOT_FOUND (this engine does not do the operation;
  /// `error` untouched) or MF_FAILED with `error` filled.
  int32_t buildMediaRequest(const mf_engine& engine, const std::string& operation,
                            const std::string& requestJson, upstream::OutboundRequest& out,
                            mf_error& error) const;
  /// Turns a 2xx upstream body into the operation's result JSON.
  AbiCallResult parseMediaResponse(const mf_engine& engine, const std::string& operation,
                                   const upstream::HeaderList& headers,
                                   const std::string& body) const;
  /// Classifies a non-2xx upstream answer; upstream_status is always set.
  mf_error classifyError(int status, const upstream::HeaderList& headers,
                         const std::string& body) const;

 private:
  ProviderInstance(std::shared_ptr<PluginLibrary> library, void* handle);

  std::shared_ptr<PluginLibrary> library_;
  void* handle_;
};

}  // namespace manifold::plugins
