#include "plugins/PluginHostContext.h"

#include <Poco/Environment.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>
#include <Poco/Timestamp.h>

#include <chrono>
#include <sstream>

#include "plugins/AbiStrings.h"
#include "plugins/CallDeadline.h"
#include "plugins/UpstreamAbi.h"

namespace manifold::plugins {
namespace {

PluginHostContext& self(void* ctx) {
  return *static_cast<PluginHostContext*>(ctx);
}

void writeString(const mf_string_sink* out, const std::string& value) {
  if (out && out->write) out->write(out->ctx, toAbi(value));
}

}  // namespace

PluginHostContext::PluginHostContext(std::string pluginId, const std::string& settingsJson,
                                     HostServiceDeps deps)
    : pluginId_(std::move(pluginId)),
      deps_(deps),
      logger_(Poco::Logger::get("plugin." + pluginId_)) {
  try {
    settings_ = Poco::JSON::Parser()
                    .parse(settingsJson.empty() ? "{}" : settingsJson)
                    .extract<Poco::JSON::Object::Ptr>();
  } catch (const Poco::Exception&) {
    settings_ = new Poco::JSON::Object;
  }
  table_.struct_size = sizeof(table_);
  table_.abi_major = MANIFOLD_ABI_MAJOR;
  table_.abi_minor = MANIFOLD_ABI_MINOR;
  table_.ctx = this;
  table_.log = &PluginHostContext::log;
  table_.get_config = &PluginHostContext::getConfig;
  table_.get_secret = &PluginHostContext::getSecret;
  table_.http_fetch = &PluginHostContext::httpFetch;
  table_.http_stream = &PluginHostContext::httpStream;
  table_.kv_get = &PluginHostContext::kvGet;
  table_.kv_put = &PluginHostContext::kvPut;
  table_.kv_delete = &PluginHostContext::kvDelete;
  table_.now_unix_ms = &PluginHostContext::nowUnixMs;
  table_.monotonic_ns = &PluginHostContext::monotonicNs;
  table_.get_extension = &PluginHostContext::getExtension;
}

void PluginHostContext::log(void* ctx, int32_t level, mf_str message) {
  Poco::Logger& logger = self(ctx).logger_;
  const std::string text = fromAbi(message);
  switch (level) {
    case MF_LOG_DEBUG:
      logger.debug(text);
      break;
    case MF_LOG_WARNING:
      logger.warning(text);
      break;
    case MF_LOG_ERROR:
      logger.error(text);
      break;
    default:
      logger.information(text);
      break;
  }
}

int32_t PluginHostContext::getConfig(void* ctx, mf_str name, const mf_string_sink* out) {
  const Poco::JSON::Object::Ptr& settings = self(ctx).settings_;
  const std::string key = fromAbi(name);
  if (!settings->has(key)) return MF_NOT_FOUND;
  std::ostringstream json;
  Poco::JSON::Stringifier::condense(settings->get(key), json);
  writeString(out, json.str());
  return MF_OK;
}

int32_t PluginHostContext::getSecret(void*, mf_str name, const mf_string_sink* out) {
  const std::string key = fromAbi(name);
  if (key.empty() || !Poco::Environment::has(key)) return MF_NOT_FOUND;
  writeString(out, Poco::Environment::get(key));
  return MF_OK;
}

int32_t PluginHostContext::httpFetch(void* ctx, const mf_http_request* request,
                                     const mf_http_response_sink* sink, mf_error* error) {
  return self(ctx).sendHttp(request, sink, error, false);
}

int32_t PluginHostContext::httpStream(void* ctx, const mf_http_request* request,
                                      const mf_http_response_sink* sink, mf_error* error) {
  return self(ctx).sendHttp(request, sink, error, true);
}

int32_t PluginHostContext::sendHttp(const mf_http_request* request,
                                    const mf_http_response_sink* sink, mf_error* error,
                                    bool streaming) {
  if (!request || !deps_.http) {
    fillError(error, MF_ERR_INTERNAL, false, "host HTTP service unavailable");
    return MF_FAILED;
  }
  mf_http_request r = copyStruct(request);
  upstream::OutboundRequest out;
  out.method = fromAbi(r.method);
  out.url = fromAbi(r.url);
  out.body = fromAbi(r.body);
  out.timeoutMs = CallDeadline::cap(r.timeout_ms);
  for (uint64_t i = 0; i < r.header_count && r.headers; ++i)
    out.headers.emplace_back(fromAbi(r.headers[i].name), fromAbi(r.headers[i].value));

  std::string buffered;
  upstream::ResponseHandler handler;
  handler.onHead = [sink](int status, const upstream::HeaderList& headers) {
    if (!sink || !sink->on_head) return;
    const std::vector<mf_header> raw = toAbiHeaders(headers);
    sink->on_head(sink->ctx, status, raw.data(), raw.size());
  };
  handler.onChunk = [&](std::string_view chunk) {
    if (!streaming) {
      buffered.append(chunk);
      return true;
    }
    return !(sink && sink->on_body && sink->on_body(sink->ctx, {chunk.data(), chunk.size()}) != 0);
  };
  const upstream::TransportFailure failure = deps_.http->send(out, handler);
  if (failure) {
    fillTransportError(error, failure);
    return MF_FAILED;
  }
  if (!streaming && sink && sink->on_body) sink->on_body(sink->ctx, toAbi(buffered));
  return MF_OK;
}

int32_t PluginHostContext::kvGet(void* ctx, mf_str key, const mf_string_sink* out) {
  PluginHostContext& c = self(ctx);
  if (!c.deps_.keyValueStore) return MF_NOT_FOUND;
  try {
    auto value = c.deps_.keyValueStore->get(c.pluginId_, fromAbi(key));
    if (!value) return MF_NOT_FOUND;
    writeString(out, *value);
    return MF_OK;
  } catch (const std::exception& e) {
    c.logger_.error("key-value read failed: %s", std::string(e.what()));
    return MF_NOT_FOUND;
  }
}

int32_t PluginHostContext::kvPut(void* ctx, mf_str key, mf_str value, int64_t ttlMs,
                                 mf_error* error) {
  PluginHostContext& c = self(ctx);
  if (!c.deps_.keyValueStore) {
    fillError(error, MF_ERR_INTERNAL, false, "host key-value store unavailable");
    return MF_FAILED;
  }
  try {
    c.deps_.keyValueStore->put(c.pluginId_, fromAbi(key), fromAbi(value), ttlMs);
    return MF_OK;
  } catch (const std::exception& e) {
    fillError(error, MF_ERR_INTERNAL, true, std::string("key-value write failed: ") + e.what());
    return MF_FAILED;
  }
}

int32_t PluginHostContext::kvDelete(void* ctx, mf_str key) {
  PluginHostContext& c = self(ctx);
  if (!c.deps_.keyValueStore) return MF_FAILED;
  try {
    c.deps_.keyValueStore->remove(c.pluginId_, fromAbi(key));
    return MF_OK;
  } catch (const std::exception&) {
    return MF_FAILED;
  }
}

int64_t PluginHostContext::nowUnixMs(void*) {
  return Poco::Timestamp().epochMicroseconds() / 1000;
}

int64_t PluginHostContext::monotonicNs(void*) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

const void* PluginHostContext::getExtension(void*, mf_str) {
  return nullptr;
}

}  // namespace manifold::plugins
