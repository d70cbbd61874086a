#include "ProbeHost.h"

#include <chrono>
#include <cstdio>
#include <iostream>

#include "plugins/AbiStrings.h"

namespace manifold::windows_probe {

using plugins::fillError;
using plugins::fromAbi;
using plugins::toAbi;

ProbeHost::ProbeHost(std::map<std::string, std::string> settingsJson)
    : settingsJson_(std::move(settingsJson)) {
  table_.struct_size = sizeof(table_);
  table_.abi_major = MANIFOLD_ABI_MAJOR;
  table_.abi_minor = MANIFOLD_ABI_MINOR;
  table_.ctx = this;
  table_.log = &ProbeHost::log;
  table_.get_config = &ProbeHost::getConfig;
  table_.get_secret = &ProbeHost::notFound;
  table_.http_fetch = &ProbeHost::noHttp;
  table_.http_stream = &ProbeHost::noHttp;
  table_.kv_get = &ProbeHost::notFound;
  table_.kv_put = &ProbeHost::noKvPut;
  table_.kv_delete = &ProbeHost::noKvDelete;
  table_.now_unix_ms = &ProbeHost::nowUnixMs;
  table_.monotonic_ns = &ProbeHost::monotonicNs;
  table_.get_extension = &ProbeHost::noExtension;
}

void ProbeHost::log(void*, int32_t level, mf_str message) {
  static const char* const names[] = {"debug", "info", "warning", "error"};
  const char* name = level >= MF_LOG_DEBUG && level <= MF_LOG_ERROR ? names[level] : "unknown";
  std::cout << "log:" << name << ":" << fromAbi(message) << "\n";
}

int32_t ProbeHost::getConfig(void* ctx, mf_str name, const mf_string_sink* out) {
  const auto& settings = static_cast<ProbeHost*>(ctx)->settingsJson_;
  const auto found = settings.find(fromAbi(name));
  if (found == settings.end()) return MF_NOT_FOUND;
  out->write(out->ctx, toAbi(found->second));
  return MF_OK;
}

int32_t ProbeHost::notFound(void*, mf_str, const mf_string_sink*) {
  return MF_NOT_FOUND;
}

int32_t ProbeHost::noHttp(void*, const mf_http_request*, const mf_http_response_sink*,
                          mf_error* error) {
  fillError(error, MF_ERR_UNAVAILABLE, false, "the Windows plugin probe offers no HTTP");
  return MF_FAILED;
}

int32_t ProbeHost::noKvPut(void*, mf_str, mf_str, int64_t, mf_error* error) {
  fillError(error, MF_ERR_UNAVAILABLE, false, "the Windows plugin probe has no key-value store");
  return MF_FAILED;
}

int32_t ProbeHost::noKvDelete(void*, mf_str) {
  return MF_NOT_FOUND;
}

int64_t ProbeHost::nowUnixMs(void*) {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

int64_t ProbeHost::monotonicNs(void*) {
  using namespace std::chrono;
  return duration_cast<nanoseconds>(steady_clock::now().time_since_epoch()).count();
}

const void* ProbeHost::noExtension(void*, mf_str) {
  return nullptr;
}

}  // namespace manifold::windows_probe
