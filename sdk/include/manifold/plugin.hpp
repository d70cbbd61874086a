// Manifold plugin SDK: header-only C++17 helpers over plugin.h.
//
// A plugin written with these helpers is one class per kind plus one macro:
//
//   class MyProvider : public manifold::GeneratingProvider {
//    public:
//     MyProvider(manifold::Host host, std::string_view configJson);
//     void generate(const manifold::Engine& engine, std::string_view request,
//                   manifold::EventSink& sink) override;
//   };
//   MANIFOLD_PLUGIN("acme.my-provider", "1.0.0", "What it does", MyProvider)
//
// Intents for the host's router (manifold.intents/1) need no instance: a class
// with a static declare() is enough, listed beside the others:
//
//   struct MyIntents : manifold::Intents {
//     static std::vector<manifold::Intent> declare() {
//       return {{"voice", 1, {"read this aloud"}, {"read|say ... aloud|out"}, "read aloud"}};
//     }
//   };
//   MANIFOLD_PLUGIN("acme.voice", "1.0.0", "What it does", MyProvider, MyIntents)
//
// Every call from the host goes through a noexcept trampoline: an exception
// thrown by plugin code never crosses into the host. manifold::Error carries a
// classification; any other exception becomes MF_ERR_INTERNAL.
//
// No Poco, no Boost: only the C++17 standard library.
#ifndef MANIFOLD_PLUGIN_HPP
#define MANIFOLD_PLUGIN_HPP

#include <manifold/plugin.h>
#include <manifold/json.hpp>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace manifold {

inline mf_str toStr(std::string_view s) noexcept {
  return mf_str{s.data(), s.size()};
}
inline std::string_view toView(mf_str s) noexcept {
  return s.ptr ? std::string_view(s.ptr, static_cast<size_t>(s.len)) : std::string_view();
}

// An error with the classification the failover engine reads.
class Error : public std::runtime_error {
 public:
  Error(int32_t code, std::string message, bool retryable = false, int32_t upstreamStatus = 0,
        int64_t retryAfterMs = -1)
      : std::runtime_error(std::move(message)),
        code_(code),
        retryable_(retryable),
        upstreamStatus_(upstreamStatus),
        retryAfterMs_(retryAfterMs) {}

  int32_t code() const noexcept { return code_; }
  bool retryable() const noexcept { return retryable_; }
  int32_t upstreamStatus() const noexcept { return upstreamStatus_; }
  int64_t retryAfterMs() const noexcept { return retryAfterMs_; }

  void fill(mf_error* out) const noexcept;

 private:
  int32_t code_;
  bool retryable_;
  int32_t upstreamStatus_;
  int64_t retryAfterMs_;
};

namespace detail {

inline void fillError(mf_error* out, int32_t code, bool retryable, int32_t upstreamStatus,
                      int64_t retryAfterMs, const char* message) noexcept {
  if (!out) return;
  out->code = code;
  out->retryable = retryable ? 1 : 0;
  out->upstream_status = upstreamStatus;
  out->retry_after_ms = retryAfterMs;
  std::snprintf(out->message, sizeof(out->message), "%s", message ? message : "");
}

// Runs plugin code; turns any exception into a filled mf_error.
template <class Fn>
int32_t guard(mf_error* error, Fn&& fn) noexcept {
  try {
    fn();
    return MF_OK;
  } catch (const Error& e) {
    e.fill(error);
  } catch (const std::exception& e) {
    fillError(error, MF_ERR_INTERNAL, false, 0, -1, e.what());
  } catch (...) {
    fillError(error, MF_ERR_INTERNAL, false, 0, -1, "unknown exception in plugin");
  }
  return MF_FAILED;
}

inline void writeTo(void* ctx, mf_str value) {
  static_cast<std::string*>(ctx)->assign(value.ptr ? value.ptr : "", value.len);
}

inline mf_string_sink stringSink(std::string* target) {
  return mf_string_sink{sizeof(mf_string_sink), target, &writeTo};
}

}  // namespace detail

inline void Error::fill(mf_error* out) const noexcept {
  detail::fillError(out, code_, retryable_, upstreamStatus_, retryAfterMs_, what());
}

struct Header {
  std::string name;
  std::string value;
};

struct HttpRequest {
  std::string method = "GET";
  std::string url;
  std::vector<Header> headers;
  std::string body;
  int64_t timeoutMs = 0;
};

struct HttpResponse {
  int status = 0;
  std::vector<Header> headers;
  std::string body;
};

// The host's services, as handed to the plugin. Cheap to copy.
class Host {
 public:
  explicit Host(const mf_host* host = nullptr) : host_(host) {}

  const mf_host* raw() const noexcept { return host_; }

  void log(int32_t level, std::string_view message) const {
    if (host_ && host_->log) host_->log(host_->ctx, level, toStr(message));
  }
  void info(std::string_view message) const { log(MF_LOG_INFO, message); }
  void warn(std::string_view message) const { log(MF_LOG_WARNING, message); }
  void error(std::string_view message) const { log(MF_LOG_ERROR, message); }

  std::optional<std::string> config(std::string_view name) const {
    return lookup(host_ ? host_->get_config : nullptr, name);
  }
  std::optional<std::string> secret(std::string_view name) const {
    return lookup(host_ ? host_->get_secret : nullptr, name);
  }

  // Throws manifold::Error when no response arrived.
  HttpResponse fetch(const HttpRequest& request) const {
    HttpResponse response;
    send(host_ ? host_->http_fetch : nullptr, request, response,
         [&response](std::string_view chunk) {
           response.body.append(chunk);
           return true;
         });
    return response;
  }

  // Delivers the body chunk by chunk; onChunk returns false to stop early.
  // The returned response carries status and headers, not the body.
  HttpResponse stream(const HttpRequest& request,
                      const std::function<bool(std::string_view)>& onChunk) const {
    HttpResponse response;
    send(host_ ? host_->http_stream : nullptr, request, response, onChunk);
    return response;
  }

  std::optional<std::string> kvGet(std::string_view key) const {
    std::string value;
    mf_string_sink sink = detail::stringSink(&value);
    if (!host_ || !host_->kv_get || host_->kv_get(host_->ctx, toStr(key), &sink) != MF_OK)
      return std::nullopt;
    return value;
  }
  void kvPut(std::string_view key, std::string_view value, int64_t ttlMs = 0) const {
    mf_error err{};
    err.struct_size = sizeof(err);
    if (!host_ || !host_->kv_put) throw Error(MF_ERR_INTERNAL, "host has no key-value store");
    if (host_->kv_put(host_->ctx, toStr(key), toStr(value), ttlMs, &err) != MF_OK)
      throw Error(err.code, err.message, err.retryable != 0);
  }
  void kvDelete(std::string_view key) const {
    if (host_ && host_->kv_delete) host_->kv_delete(host_->ctx, toStr(key));
  }

  /// The host's wall clock; the system clock when the host offers none.
  int64_t nowUnixMs() const {
    const int64_t ms = host_ && host_->now_unix_ms ? host_->now_unix_ms(host_->ctx) : 0;
    if (ms > 0) return ms;
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
  int64_t monotonicNs() const {
    return host_ && host_->monotonic_ns ? host_->monotonic_ns(host_->ctx) : 0;
  }
  const void* extension(std::string_view id) const {
    return host_ && host_->get_extension ? host_->get_extension(host_->ctx, toStr(id)) : nullptr;
  }

 private:
  using LookupFn = int32_t (*)(void*, mf_str, const mf_string_sink*);
  using SendFn = int32_t (*)(void*, const mf_http_request*, const mf_http_response_sink*,
                             mf_error*);

  std::optional<std::string> lookup(LookupFn fn, std::string_view name) const {
    std::string value;
    mf_string_sink sink = detail::stringSink(&value);
    if (!fn || fn(host_->ctx, toStr(name), &sink) != MF_OK) return std::nullopt;
    return value;
  }

  struct SendState {
    HttpResponse* response;
    const std::function<bool(std::string_view)>* onChunk;
  };

  template <class OnChunk>
  void send(SendFn fn, const HttpRequest& request, HttpResponse& response,
            const OnChunk& onChunk) const {
    if (!fn) throw Error(MF_ERR_INTERNAL, "host offers no HTTP service");
    std::vector<mf_header> headers;
    headers.reserve(request.headers.size());
    for (const Header& h : request.headers) headers.push_back({toStr(h.name), toStr(h.value)});
    mf_http_request raw{};
    raw.struct_size = sizeof(raw);
    raw.method = toStr(request.method);
    raw.url = toStr(request.url);
    raw.headers = headers.data();
    raw.header_count = headers.size();
    raw.body = toStr(request.body);
    raw.timeout_ms = request.timeoutMs;

    std::function<bool(std::string_view)> chunkFn = onChunk;
    SendState state{&response, &chunkFn};
    mf_http_response_sink sink{};
    sink.struct_size = sizeof(sink);
    sink.ctx = &state;
    sink.on_head = [](void* ctx, int32_t status, const mf_header* hs, uint64_t count) {
      auto* s = static_cast<SendState*>(ctx);
      s->response->status = status;
      for (uint64_t i = 0; i < count; ++i)
        s->response->headers.push_back(
            {std::string(toView(hs[i].name)), std::string(toView(hs[i].value))});
    };
    sink.on_body = [](void* ctx, mf_str bytes) -> int32_t {
      auto* s = static_cast<SendState*>(ctx);
      try {
        return (*s->onChunk)(toView(bytes)) ? 0 : 1;
      } catch (...) {
        return 1;
      }
    };
    mf_error err{};
    err.struct_size = sizeof(err);
    if (fn(host_->ctx, &raw, &sink, &err) != MF_OK)
      throw Error(err.code, err.message, err.retryable != 0, err.upstream_status,
                  err.retry_after_ms);
  }

  const mf_host* host_;
};

// The engine a call is for. Views are valid for the duration of the call.
struct Engine {
  std::string_view engineId;
  std::string_view model;
  std::string_view baseUrl;
  std::string_view apiKey;
  std::string_view optionsJson;

  static Engine from(const mf_engine* e) {
    if (!e) return Engine{};
    return Engine{toView(e->engine_id), toView(e->model), toView(e->base_url), toView(e->api_key),
                  toView(e->options_json)};
  }
};

struct Usage {
  int64_t promptTokens = -1;
  int64_t completionTokens = -1;
  int64_t cachedTokens = -1;
  int64_t reasoningTokens = -1;
  int64_t cacheWriteTokens = -1;
};

// Emits canonical events to the host. Every method returns false when the
// host wants no more events (the client went away); stop promptly then.
class EventSink {
 public:
  explicit EventSink(const mf_event_sink* sink) : sink_(sink) {}

  bool text(std::string_view delta) { return emitText(MF_EVENT_TEXT_DELTA, delta); }
  bool reasoning(std::string_view delta) { return emitText(MF_EVENT_REASONING_DELTA, delta); }
  bool meta(std::string_view json) { return emitText(MF_EVENT_META, json); }

  bool toolCall(int32_t index, std::string_view id, std::string_view name,
                std::string_view argumentsDelta) {
    mf_event e = blank(MF_EVENT_TOOL_CALL_DELTA);
    e.tool_index = index;
    e.tool_call_id = toStr(id);
    e.tool_name = toStr(name);
    e.text = toStr(argumentsDelta);
    return emit(e);
  }
  bool usage(const Usage& u) {
    mf_event e = blank(MF_EVENT_USAGE);
    e.prompt_tokens = u.promptTokens;
    e.completion_tokens = u.completionTokens;
    e.cached_tokens = u.cachedTokens;
    e.reasoning_tokens = u.reasoningTokens;
    e.cache_write_tokens = u.cacheWriteTokens;
    return emit(e);
  }
  bool finish(int32_t reason) {
    mf_event e = blank(MF_EVENT_FINISH);
    e.finish_reason = reason;
    return emit(e);
  }
  bool error(int32_t code, bool retryable, std::string_view message) {
    mf_event e = blank(MF_EVENT_ERROR);
    e.error_code = code;
    e.retryable = retryable ? 1 : 0;
    e.text = toStr(message);
    return emit(e);
  }

 private:
  static mf_event blank(int32_t type) {
    mf_event e{};
    e.struct_size = sizeof(e);
    e.type = type;
    e.prompt_tokens = e.completion_tokens = e.cached_tokens = e.reasoning_tokens = -1;
    e.cache_write_tokens = -1;
    return e;
  }
  bool emitText(int32_t type, std::string_view text) {
    mf_event e = blank(type);
    e.text = toStr(text);
    return emit(e);
  }
  bool emit(const mf_event& e) { return sink_ && sink_->emit(sink_->ctx, &e) == 0; }

  const mf_event_sink* sink_;
};

// Collects the upstream request a translator builds.
class RequestBuilder {
 public:
  explicit RequestBuilder(const mf_request_builder* b) : b_(b) {}
  void method(std::string_view m) { b_->set_method(b_->ctx, toStr(m)); }
  void url(std::string_view u) { b_->set_url(b_->ctx, toStr(u)); }
  void header(std::string_view name, std::string_view value) {
    b_->add_header(b_->ctx, toStr(name), toStr(value));
  }
  void body(std::string_view b) { b_->set_body(b_->ctx, toStr(b)); }

 private:
  const mf_request_builder* b_;
};

// Parses one streamed upstream response; used by one thread at a time.
class StreamParser {
 public:
  virtual ~StreamParser() = default;
  virtual void feed(std::string_view bytes) = 0;
  virtual void finish() = 0;
};

struct HeaderView {
  std::string_view name;
  std::string_view value;
};

inline std::vector<HeaderView> headerViews(const mf_header* headers, uint64_t count) {
  std::vector<HeaderView> views;
  views.reserve(count);
  for (uint64_t i = 0; i < count; ++i)
    views.push_back({toView(headers[i].name), toView(headers[i].value)});
  return views;
}

// Maps an HTTP status to the default classification. Adapters refine it with
// what the provider's error body says.
inline Error classifyStatus(int32_t status, std::string message, int64_t retryAfterMs = -1) {
  int32_t code = MF_ERR_UNAVAILABLE;
  bool retryable = true;
  if (status == 400 || status == 422)
    code = MF_ERR_INVALID, retryable = false;
  else if (status == 401 || status == 403)
    code = MF_ERR_AUTH, retryable = true;
  else if (status == 404)
    code = MF_ERR_NOT_FOUND, retryable = true;
  else if (status == 408 || status == 504)
    code = MF_ERR_TIMEOUT;
  else if (status == 413)
    code = MF_ERR_CONTEXT_LENGTH, retryable = false;
  else if (status == 429)
    code = MF_ERR_RATE_LIMITED;
  else if (status >= 400 && status < 500)
    code = MF_ERR_INVALID, retryable = false;
  return Error(code, std::move(message), retryable, status, retryAfterMs);
}

// A provider that translates to and from an HTTP upstream. No I/O here.
class TranslatorProvider {
 public:
  static constexpr const char* kind = MF_KIND_PROVIDER;
  virtual ~TranslatorProvider() = default;
  virtual void buildRequest(const Engine& engine, std::string_view canonicalRequestJson,
                            RequestBuilder& out) = 0;
  virtual std::unique_ptr<StreamParser> openStream(const Engine& engine, EventSink sink) = 0;
  virtual void parseResponse(const Engine& engine, std::string_view body, EventSink& sink) = 0;
  virtual Error classifyError(int32_t status, const std::vector<HeaderView>& headers,
                              std::string_view body) {
    (void)headers;
    return classifyStatus(status, "upstream returned HTTP " + std::to_string(status) + ": " +
                                      std::string(body.substr(0, 200)));
  }

  // Media (ABI 1.3; schemas/media.md). Return false when this engine does not
  // do `operation` (an MF_MEDIA_* id): the host skips it.
  virtual bool buildMediaRequest(const Engine& engine, std::string_view operation,
                                 std::string_view requestJson, RequestBuilder& out) {
    (void)engine, (void)operation, (void)requestJson, (void)out;
    return false;
  }
  // A 2xx body into the result JSON. Throw Error(MF_ERR_CONTENT_FILTER, ...)
  // for a refusal, Error(MF_ERR_INTERNAL, ...) for a body of the wrong shape.
  virtual std::string parseMediaResponse(const Engine& engine, std::string_view operation,
                                         const std::vector<HeaderView>& headers,
                                         std::string_view body) {
    (void)engine, (void)operation, (void)headers, (void)body;
    throw Error(MF_ERR_INTERNAL, "this provider makes no media");
  }
};

// A provider with no HTTP upstream: it produces the answer itself.
class GeneratingProvider {
 public:
  static constexpr const char* kind = MF_KIND_PROVIDER;
  virtual ~GeneratingProvider() = default;
  // Throw manifold::Error to report a failure classified as an upstream one.
  virtual void generate(const Engine& engine, std::string_view canonicalRequestJson,
                        EventSink& sink) = 0;
};

class Toolset {
 public:
  static constexpr const char* kind = MF_KIND_TOOLSET;
  virtual ~Toolset() = default;
  virtual std::string listTools() = 0;  // JSON array
  virtual std::string callTool(std::string_view name, std::string_view argumentsJson) = 0;
};

class Dispatcher {
 public:
  static constexpr const char* kind = MF_KIND_DISPATCHER;
  virtual ~Dispatcher() = default;
  virtual std::string createTask(std::string_view canonicalRequestJson) = 0;
  virtual std::string pollTask(std::string_view taskId) = 0;
  virtual void cancelTask(std::string_view taskId) = 0;
  virtual std::string handleWebhook(std::string_view verifiedBody) = 0;
};

// A dispatcher of ABI 1.2: named services, and webhooks the host verifies
// (plugin.h, "Since ABI 1.2", says what each JSON holds). The 1.1 functions
// are filled from these with the service "", so an older host loads it too.
class ServiceDispatcher {
 public:
  static constexpr const char* kind = MF_KIND_DISPATCHER;
  virtual ~ServiceDispatcher() = default;
  virtual std::string listServices() = 0;  // JSON array
  virtual std::string startTask(std::string_view service, std::string_view taskJson) = 0;
  virtual std::string checkTask(std::string_view service, std::string_view remoteId) = 0;
  virtual void stopTask(std::string_view service, std::string_view remoteId) = 0;
  virtual std::string webhookVerifier(std::string_view service, bool refresh) = 0;
  virtual std::string applyWebhook(std::string_view service, const std::vector<HeaderView>& headers,
                                   std::string_view verifiedBody) = 0;
};

// One intent a plugin adds to the host's intent router. plugin.h (kind
// "manifold.intents/1") says how phrases and patterns are read; the host
// checks them when the plugin loads and refuses it, naming the culprit, when
// one is malformed.
struct Intent {
  std::string name;                   // [a-z0-9][a-z0-9._-]*, not a mode name
  int priority = 0;                   // -1000..1000; higher wins between plugin intents
  std::vector<std::string> phrases;   // literal words, e.g. "read this aloud"
  std::vector<std::string> patterns;  // e.g. "read|say ... aloud|out"
  std::string description;            // one line for humans
};

// The declaration array declare_intents writes, as JSON.
inline std::string intentsJson(const std::vector<Intent>& intents) {
  const auto list = [](std::string& out, const std::vector<std::string>& items) {
    out += '[';
    for (size_t i = 0; i < items.size(); ++i) {
      if (i) out += ',';
      json::appendQuoted(out, items[i]);
    }
    out += ']';
  };
  std::string out = "[";
  for (size_t i = 0; i < intents.size(); ++i) {
    const Intent& intent = intents[i];
    out += i ? ",{\"intent\":" : "{\"intent\":";
    json::appendQuoted(out, intent.name);
    out += ",\"description\":";
    json::appendQuoted(out, intent.description);
    out += ",\"priority\":" + std::to_string(intent.priority) + ",\"phrases\":";
    list(out, intent.phrases);
    out += ",\"patterns\":";
    list(out, intent.patterns);
    out += '}';
  }
  out += ']';
  return out;
}

// Intents for the router. Derive and add a static member
//   static std::vector<manifold::Intent> declare();
// No instance is ever made: the host calls declare() once, on its loader
// thread, after init. An exception it throws refuses the plugin with its
// message.
class Intents {
 public:
  static constexpr const char* kind = MF_KIND_INTENTS;
};

namespace detail {

template <class T>
void* create(const mf_host* host, mf_str config, mf_error* error) noexcept {
  T* instance = nullptr;
  guard(error, [&] { instance = new T(Host(host), toView(config)); });
  return instance;
}

template <class T>
void destroy(void* instance) noexcept {
  delete static_cast<T*>(instance);
}

inline int32_t writeString(const mf_string_sink* out, const std::string& value) {
  if (out && out->write) out->write(out->ctx, toStr(value));
  return MF_OK;
}

template <class T>
struct ProviderTable {
  static const mf_provider_api* get() {
    static const mf_provider_api table = make();
    return &table;
  }

  static mf_provider_api make() {
    mf_provider_api api{};
    api.struct_size = sizeof(api);
    api.create = &create<T>;
    api.destroy = &destroy<T>;
    if constexpr (std::is_base_of_v<GeneratingProvider, T>) {
      api.generate = [](void* self, const mf_engine* engine, mf_str request,
                        const mf_event_sink* sink, mf_error* error) noexcept {
        return guard(error, [&] {
          EventSink events(sink);
          static_cast<T*>(self)->generate(Engine::from(engine), toView(request), events);
        });
      };
    } else {
      api.build_request = [](void* self, const mf_engine* engine, mf_str request,
                             const mf_request_builder* out, mf_error* error) noexcept {
        return guard(error, [&] {
          RequestBuilder builder(out);
          static_cast<T*>(self)->buildRequest(Engine::from(engine), toView(request), builder);
        });
      };
      api.stream_open = [](void* self, const mf_engine* engine, const mf_event_sink* sink,
                           mf_error* error) noexcept -> void* {
        StreamParser* parser = nullptr;
        guard(error, [&] {
          parser =
              static_cast<T*>(self)->openStream(Engine::from(engine), EventSink(sink)).release();
        });
        return parser;
      };
      api.stream_feed = [](void* stream, mf_str bytes, mf_error* error) noexcept {
        return guard(error, [&] { static_cast<StreamParser*>(stream)->feed(toView(bytes)); });
      };
      api.stream_finish = [](void* stream, mf_error* error) noexcept {
        return guard(error, [&] { static_cast<StreamParser*>(stream)->finish(); });
      };
      api.stream_close = [](void* stream) noexcept { delete static_cast<StreamParser*>(stream); };
      api.parse_response = [](void* self, const mf_engine* engine, mf_str body,
                              const mf_event_sink* sink, mf_error* error) noexcept {
        return guard(error, [&] {
          EventSink events(sink);
          static_cast<T*>(self)->parseResponse(Engine::from(engine), toView(body), events);
        });
      };
      api.classify_error = [](void* self, int32_t status, const mf_header* headers, uint64_t count,
                              mf_str body, mf_error* out) noexcept {
        int32_t rc = guard(out, [&] {
          static_cast<T*>(self)
              ->classifyError(status, headerViews(headers, count), toView(body))
              .fill(out);
        });
        (void)rc;
      };
      api.build_media_request = [](void* self, const mf_engine* engine, mf_str operation,
                                   mf_str request, const mf_request_builder* out,
                                   mf_error* error) noexcept {
        bool supported = false;
        const int32_t rc = guard(error, [&] {
          RequestBuilder builder(out);
          supported = static_cast<T*>(self)->buildMediaRequest(
              Engine::from(engine), toView(operation), toView(request), builder);
        });
        return rc != MF_OK ? rc : supported ? MF_OK : MF_NOT_FOUND;
      };
      api.parse_media_response = [](void* self, const mf_engine* engine, mf_str operation,
                                    const mf_header* headers, uint64_t count, mf_str body,
                                    const mf_string_sink* result, mf_error* error) noexcept {
        return guard(error, [&] {
          writeString(result, static_cast<T*>(self)->parseMediaResponse(
                                  Engine::from(engine), toView(operation),
                                  headerViews(headers, count), toView(body)));
        });
      };
    }
    return api;
  }
};

template <class T>
struct ToolsetTable {
  static const mf_toolset_api* get() {
    static const mf_toolset_api table = [] {
      mf_toolset_api api{};
      api.struct_size = sizeof(api);
      api.create = &create<T>;
      api.destroy = &destroy<T>;
      api.list_tools = [](void* self, const mf_string_sink* out, mf_error* error) noexcept {
        return guard(error, [&] { writeString(out, static_cast<T*>(self)->listTools()); });
      };
      api.call_tool = [](void* self, mf_str name, mf_str args, const mf_string_sink* out,
                         mf_error* error) noexcept {
        return guard(error, [&] {
          writeString(out, static_cast<T*>(self)->callTool(toView(name), toView(args)));
        });
      };
      return api;
    }();
    return &table;
  }
};

template <class T>
struct DispatcherTable {
  static const mf_dispatcher_api* get() {
    static const mf_dispatcher_api table = [] {
      mf_dispatcher_api api{};
      api.struct_size = sizeof(api);
      api.create = &create<T>;
      api.destroy = &destroy<T>;
      api.create_task = [](void* self, mf_str request, const mf_string_sink* out,
                           mf_error* error) noexcept {
        return guard(error,
                     [&] { writeString(out, static_cast<T*>(self)->createTask(toView(request))); });
      };
      api.poll_task = [](void* self, mf_str id, const mf_string_sink* out,
                         mf_error* error) noexcept {
        return guard(error, [&] { writeString(out, static_cast<T*>(self)->pollTask(toView(id))); });
      };
      api.cancel_task = [](void* self, mf_str id, mf_error* error) noexcept {
        return guard(error, [&] { static_cast<T*>(self)->cancelTask(toView(id)); });
      };
      api.handle_webhook = [](void* self, mf_str body, const mf_string_sink* out,
                              mf_error* error) noexcept {
        return guard(error,
                     [&] { writeString(out, static_cast<T*>(self)->handleWebhook(toView(body))); });
      };
      return api;
    }();
    return &table;
  }
};

template <class T>
struct ServiceDispatcherTable {
  static const mf_dispatcher_api* get() {
    static const mf_dispatcher_api table = [] {
      mf_dispatcher_api api{};
      api.struct_size = sizeof(api);
      api.create = &create<T>;
      api.destroy = &destroy<T>;
      api.create_task = [](void* self, mf_str request, const mf_string_sink* out,
                           mf_error* error) noexcept {
        return guard(error, [&] {
          writeString(out, static_cast<T*>(self)->startTask("", toView(request)));
        });
      };
      api.poll_task = [](void* self, mf_str id, const mf_string_sink* out,
                         mf_error* error) noexcept {
        return guard(error,
                     [&] { writeString(out, static_cast<T*>(self)->checkTask("", toView(id))); });
      };
      api.cancel_task = [](void* self, mf_str id, mf_error* error) noexcept {
        return guard(error, [&] { static_cast<T*>(self)->stopTask("", toView(id)); });
      };
      api.handle_webhook = [](void* self, mf_str body, const mf_string_sink* out,
                              mf_error* error) noexcept {
        return guard(error, [&] {
          writeString(out, static_cast<T*>(self)->applyWebhook("", {}, toView(body)));
        });
      };
      api.list_services = [](void* self, const mf_string_sink* out, mf_error* error) noexcept {
        return guard(error, [&] { writeString(out, static_cast<T*>(self)->listServices()); });
      };
      api.start_task = [](void* self, mf_str service, mf_str task, const mf_string_sink* out,
                          mf_error* error) noexcept {
        return guard(error, [&] {
          writeString(out, static_cast<T*>(self)->startTask(toView(service), toView(task)));
        });
      };
      api.check_task = [](void* self, mf_str service, mf_str id, const mf_string_sink* out,
                          mf_error* error) noexcept {
        return guard(error, [&] {
          writeString(out, static_cast<T*>(self)->checkTask(toView(service), toView(id)));
        });
      };
      api.stop_task = [](void* self, mf_str service, mf_str id, mf_error* error) noexcept {
        return guard(error, [&] { static_cast<T*>(self)->stopTask(toView(service), toView(id)); });
      };
      api.webhook_verifier = [](void* self, mf_str service, int32_t refresh,
                                const mf_string_sink* out, mf_error* error) noexcept {
        return guard(error, [&] {
          writeString(out, static_cast<T*>(self)->webhookVerifier(toView(service), refresh != 0));
        });
      };
      api.apply_webhook = [](void* self, mf_str service, const mf_header* headers, uint64_t count,
                             mf_str body, const mf_string_sink* out, mf_error* error) noexcept {
        return guard(error, [&] {
          writeString(out, static_cast<T*>(self)->applyWebhook(
                               toView(service), headerViews(headers, count), toView(body)));
        });
      };
      return api;
    }();
    return &table;
  }
};

template <class T>
struct IntentsTable {
  static const mf_intents_api* get() {
    static const mf_intents_api table = [] {
      mf_intents_api api{};
      api.struct_size = sizeof(api);
      api.declare_intents = [](const mf_string_sink* out, mf_error* error) noexcept {
        return guard(error, [&] { writeString(out, intentsJson(T::declare())); });
      };
      return api;
    }();
    return &table;
  }
};

template <class T>
const void* tableFor() {
  if constexpr (std::is_base_of_v<GeneratingProvider, T> ||
                std::is_base_of_v<TranslatorProvider, T>)
    return ProviderTable<T>::get();
  else if constexpr (std::is_base_of_v<Toolset, T>)
    return ToolsetTable<T>::get();
  else if constexpr (std::is_base_of_v<Intents, T>)
    return IntentsTable<T>::get();
  else if constexpr (std::is_base_of_v<ServiceDispatcher, T>)
    return ServiceDispatcherTable<T>::get();
  else {
    static_assert(
        std::is_base_of_v<Dispatcher, T>,
        "a plugin class must derive from a provider, Toolset, Dispatcher, ServiceDispatcher or "
        "Intents "
        "base");
    return DispatcherTable<T>::get();
  }
}

// Builds the static descriptor for a plugin made of the given classes.
template <class... Classes>
struct PluginDefinition {
  static_assert(sizeof...(Classes) > 0, "a plugin needs at least one class");

  static const mf_plugin_descriptor* descriptor(const char* id, const char* version,
                                                const char* description) {
    static const mf_str kinds[] = {toStr(Classes::kind)...};
    static const mf_plugin_descriptor d = [&] {
      mf_plugin_descriptor out{};
      out.struct_size = sizeof(out);
      out.abi_major = MANIFOLD_ABI_MAJOR;
      out.abi_minor = MANIFOLD_ABI_MINOR;
      out.id = toStr(id);
      out.version = toStr(version);
      out.description = toStr(description);
      out.kinds = kinds;
      out.kind_count = sizeof...(Classes);
      out.init = [](const mf_host*, mf_error*) noexcept -> int32_t { return MF_OK; };
      out.deinit = nullptr;
      out.get_factory = [](mf_str kind) noexcept -> const void* {
        const void* found = nullptr;
        ((found = (!found && toView(kind) == Classes::kind) ? tableFor<Classes>() : found), ...);
        return found;
      };
      return out;
    }();
    return &d;
  }
};

}  // namespace detail
}  // namespace manifold

// Defines the plugin's one exported entry point. ID, VERSION and DESCRIPTION
// are string literals; the rest are the plugin's classes, one per kind.
#define MANIFOLD_PLUGIN(ID, VERSION, DESCRIPTION, ...)                                 \
  extern "C" MANIFOLD_EXPORT const mf_plugin_descriptor* manifold_plugin_entry(void) { \
    return ::manifold::detail::PluginDefinition<__VA_ARGS__>::descriptor(ID, VERSION,  \
                                                                         DESCRIPTION); \
  }

#endif  // MANIFOLD_PLUGIN_HPP
