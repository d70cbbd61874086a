#include "plugins/ProviderInstance.h"

#include <cstddef>

#include "plugins/AbiStrings.h"
#include "plugins/UpstreamAbi.h"

namespace manifold::plugins {

std::shared_ptr<ProviderInstance> ProviderInstance::create(std::shared_ptr<PluginLibrary> library,
                                                           const std::string& configJson,
                                                           mf_error& error) {
  if (!library || !library->providerApi()) {
    fillError(&error, MF_ERR_INTERNAL, false, "plugin provides no provider");
    return nullptr;
  }
  void* handle = nullptr;
  try {
    handle = library->providerApi()->create(library->hostTable(), toAbi(configJson), &error);
  } catch (...) {
    fillError(&error, MF_ERR_INTERNAL, false, "provider create threw an exception");
    return nullptr;
  }
  if (!handle) {
    if (error.code == MF_ERR_NONE)
      fillError(&error, MF_ERR_INTERNAL, false, "provider create failed");
    return nullptr;
  }
  return std::shared_ptr<ProviderInstance>(new ProviderInstance(std::move(library), handle));
}

ProviderInstance::ProviderInstance(std::shared_ptr<PluginLibrary> library, void* handle)
    : library_(std::move(library)), handle_(handle) {}

ProviderInstance::~ProviderInstance() {
  try {
    api().destroy(handle_);
  } catch (...) {
  }
}

bool ProviderInstance::makesMedia() const {
  constexpr size_t kMediaEnd =
      offsetof(mf_provider_api, parse_media_response) + sizeof(api().parse_media_response);
  return api().struct_size >= kMediaEnd && api().build_media_request && api().parse_media_response;
}

int32_t ProviderInstance::buildMediaRequest(const mf_engine& engine, const std::string& operation,
                                            const std::string& requestJson,
                                            upstream::OutboundRequest& out, mf_error& error) const {
  if (!makesMedia()) return MF_NOT_FOUND;
  RequestCollector collected;
  error = blankError();
  int32_t rc = MF_FAILED;
  try {
    rc = api().build_media_request(handle_, &engine, toAbi(operation), toAbi(requestJson),
                                   collected.builder(), &error);
  } catch (...) {
    fillError(&error, MF_ERR_INTERNAL, false, "build_media_request threw an exception");
    return MF_FAILED;
  }
  if (rc == MF_NOT_FOUND) return rc;
  if (rc != MF_OK) {
    if (error.code == MF_ERR_NONE) fillError(&error, MF_ERR_INTERNAL, false, "no reason given");
    return MF_FAILED;
  }
  out = std::move(collected.request);
  return MF_OK;
}

AbiCallResult ProviderInstance::parseMediaResponse(const mf_engine& engine,
                                                   const std::string& operation,
                                                   const upstream::HeaderList& headers,
                                                   const std::string& body) const {
  if (!makesMedia())
    return {MF_FAILED, "", makeError(MF_ERR_INTERNAL, false, "the provider makes no media")};
  const std::vector<mf_header> abiHeaders = toAbiHeaders(headers);
  return callWriting([&](const mf_string_sink* sink, mf_error* error) {
    return api().parse_media_response(handle_, &engine, toAbi(operation), abiHeaders.data(),
                                      abiHeaders.size(), toAbi(body), sink, error);
  });
}

mf_error ProviderInstance::classifyError(int status, const upstream::HeaderList& headers,
                                         const std::string& body) const {
  mf_error classified = blankError();
  const std::vector<mf_header> abiHeaders = toAbiHeaders(headers);
  try {
    if (api().classify_error)
      api().classify_error(handle_, status, abiHeaders.data(), abiHeaders.size(), toAbi(body),
                           &classified);
  } catch (...) {
    classified = blankError();
  }
  if (classified.code == MF_ERR_NONE)
    fillError(&classified, MF_ERR_INTERNAL, false,
              "classify_error gave no code for HTTP " + std::to_string(status));
  if (classified.upstream_status == 0) classified.upstream_status = status;
  return classified;
}

}  // namespace manifold::plugins
