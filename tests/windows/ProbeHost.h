#pragma once

#include <manifold/plugin.h>

#include <map>
#include <string>

namespace manifold::windows_probe {

/// The services table the Windows plugin probe hands a plugin: log lines are
/// printed ("log:info:..."), config comes from a fixed map of JSON values, and
/// every service the probe does not offer (secrets, HTTP, the key-value store)
/// answers "not found" or fails with a named error, as a host without them
/// would.
class ProbeHost {
 public:
  explicit ProbeHost(std::map<std::string, std::string> settingsJson);

  ProbeHost(const ProbeHost&) = delete;
  ProbeHost& operator=(const ProbeHost&) = delete;

  const mf_host* table() const { return &table_; }

 private:
  static void log(void* ctx, int32_t level, mf_str message);
  static int32_t getConfig(void* ctx, mf_str name, const mf_string_sink* out);
  static int32_t notFound(void* ctx, mf_str name, const mf_string_sink* out);
  static int32_t noHttp(void* ctx, const mf_http_request* request,
                        const mf_http_response_sink* sink, mf_error* error);
  static int32_t noKvPut(void* ctx, mf_str key, mf_str value, int64_t ttlMs, mf_error* error);
  static int32_t noKvDelete(void* ctx, mf_str key);
  static int64_t nowUnixMs(void* ctx);
  static int64_t monotonicNs(void* ctx);
  static const void* noExtension(void* ctx, mf_str id);

  std::map<std::string, std::string> settingsJson_;
  mf_host table_{};
};

}  // namespace manifold::windows_probe
