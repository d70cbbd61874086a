#pragma once

#include <Poco/JSON/Object.h>
#include <Poco/Logger.h>

#include <manifold/plugin.h>

#include <string>

#include "store/KeyValueStore.h"
#include "upstream/HttpExchange.h"

namespace manifold::plugins {

/// What the host needs to build a plugin's services table.
struct HostServiceDeps {
  store::KeyValueStore* keyValueStore = nullptr;  ///< may be null: kv calls then fail
  upstream::HttpExchange* http = nullptr;         ///< may be null: http calls then fail
};

/// The host side of one plugin's mf_host table: log lines carry the plugin id,
/// config lookups see only that plugin's settings, the key-value store is
/// namespaced by plugin id, and HTTP goes through the host's egress policy.
/// Must outlive every call the plugin makes, so PluginLibrary owns it.
class PluginHostContext {
 public:
  PluginHostContext(std::string pluginId, const std::string& settingsJson, HostServiceDeps deps);

  PluginHostContext(const PluginHostContext&) = delete;
  PluginHostContext& operator=(const PluginHostContext&) = delete;

  const mf_host* table() const { return &table_; }

 private:
  static void log(void* ctx, int32_t level, mf_str message);
  static int32_t getConfig(void* ctx, mf_str name, const mf_string_sink* out);
  static int32_t getSecret(void* ctx, mf_str name, const mf_string_sink* out);
  static int32_t httpFetch(void* ctx, const mf_http_request* request,
                           const mf_http_response_sink* sink, mf_error* error);
  static int32_t httpStream(void* ctx, const mf_http_request* request,
                            const mf_http_response_sink* sink, mf_error* error);
  static int32_t kvGet(void* ctx, mf_str key, const mf_string_sink* out);
  static int32_t kvPut(void* ctx, mf_str key, mf_str value, int64_t ttlMs, mf_error* error);
  static int32_t kvDelete(void* ctx, mf_str key);
  static int64_t nowUnixMs(void* ctx);
  static int64_t monotonicNs(void* ctx);
  static const void* getExtension(void* ctx, mf_str id);

  int32_t sendHttp(const mf_http_request* request, const mf_http_response_sink* sink,
                   mf_error* error, bool streaming);

  std::string pluginId_;
  Poco::JSON::Object::Ptr settings_;
  HostServiceDeps deps_;
  Poco::Logger& logger_;
  mf_host table_{};
};

}  // namespace manifold::plugins
