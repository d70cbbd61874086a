#include "chat/ProviderCall.h"

#include "plugins/AbiStrings.h"
#include "plugins/UpstreamAbi.h"

namespace manifold::chat {
namespace {

using plugins::fromAbi;
using plugins::toAbi;

constexpr size_t kMaxErrorBodyBytes = 64 * 1024;

struct SinkState {
  const EventHandler* handler;
};

int32_t emitToHandler(void* ctx, const mf_event* event) {
  auto* state = static_cast<SinkState*>(ctx);
  if (!event) return 0;
  try {
    return (*state->handler)(CanonicalEvent::fromAbi(*event)) ? 0 : 1;
  } catch (...) {
    return 1;  // nothing may unwind into plugin code
  }
}

mf_engine toAbiEngine(const engines::ResolvedEngine& engine) {
  mf_engine e{};
  e.struct_size = sizeof(e);
  e.engine_id = toAbi(engine.config->id);
  e.model = toAbi(engine.config->model);
  e.base_url = toAbi(engine.config->baseUrl);
  e.api_key = toAbi(engine.apiKey);
  e.options_json = toAbi(engine.config->optionsJson);
  return e;
}

AttemptResult failed(int32_t code, bool retryable, const std::string& message) {
  AttemptResult r;
  r.error = plugins::blankError();
  plugins::fillError(&r.error, code, retryable, message);
  return r;
}

AttemptResult fromRc(int32_t rc, const mf_error& error) {
  AttemptResult r;
  r.ok = rc == MF_OK;
  r.error = error;
  if (!r.ok && r.error.code == MF_ERR_NONE) r.error.code = MF_ERR_INTERNAL;
  return r;
}

struct BuiltRequest {
  upstream::OutboundRequest request;
  static void setMethod(void* c, mf_str v) {
    static_cast<BuiltRequest*>(c)->request.method = fromAbi(v);
  }
  static void setUrl(void* c, mf_str v) { static_cast<BuiltRequest*>(c)->request.url = fromAbi(v); }
  static void addHeader(void* c, mf_str n, mf_str v) {
    static_cast<BuiltRequest*>(c)->request.headers.emplace_back(fromAbi(n), fromAbi(v));
  }
  static void setBody(void* c, mf_str v) {
    static_cast<BuiltRequest*>(c)->request.body = fromAbi(v);
  }
};

}  // namespace

AttemptResult ProviderCall::run(const engines::ResolvedEngine& engine,
                                const std::string& canonicalRequestJson, bool stream,
                                const EventHandler& onEvent) {
  const mf_engine abiEngine = toAbiEngine(engine);
  const mf_provider_api& api = engine.provider->api();
  if (!api.generate) return runTranslator(engine, abiEngine, canonicalRequestJson, stream, onEvent);

  SinkState state{&onEvent};
  mf_event_sink sink{sizeof(mf_event_sink), &state, &emitToHandler};
  mf_error error = plugins::blankError();
  try {
    const int32_t rc = api.generate(engine.provider->handle(), &abiEngine,
                                    toAbi(canonicalRequestJson), &sink, &error);
    return fromRc(rc, error);
  } catch (...) {
    return failed(MF_ERR_INTERNAL, true, "provider threw an exception out of generate");
  }
}

AttemptResult ProviderCall::runTranslator(const engines::ResolvedEngine& engine,
                                          const mf_engine& abiEngine,
                                          const std::string& canonicalRequestJson, bool stream,
                                          const EventHandler& onEvent) {
  const mf_provider_api& api = engine.provider->api();
  void* self = engine.provider->handle();
  BuiltRequest built;
  mf_request_builder builder{sizeof(mf_request_builder), &built,
                             &BuiltRequest::setMethod,   &BuiltRequest::setUrl,
                             &BuiltRequest::addHeader,   &BuiltRequest::setBody};
  mf_error error = plugins::blankError();
  if (api.build_request(self, &abiEngine, toAbi(canonicalRequestJson), &builder, &error) != MF_OK)
    return fromRc(MF_FAILED, error);

  SinkState state{&onEvent};
  mf_event_sink sink{sizeof(mf_event_sink), &state, &emitToHandler};
  int status = 0;
  upstream::HeaderList headers;
  std::string body;
  void* parser = nullptr;
  AttemptResult parseFailure;
  bool parseFailed = false;

  upstream::ResponseHandler handler;
  handler.onHead = [&](int s, const upstream::HeaderList& h) {
    status = s;
    if (s >= 400) headers = h;  // Retry-After and friends inform the classification
    if (s < 400 && stream) {
      parser = api.stream_open(self, &abiEngine, &sink, &error);
      if (!parser) parseFailed = true, parseFailure = fromRc(MF_FAILED, error);
    }
  };
  handler.onChunk = [&](std::string_view chunk) {
    if (parseFailed) return false;
    if (status >= 400 || !stream) {
      if (status >= 400 && body.size() >= kMaxErrorBodyBytes) return false;
      body.append(chunk);
      return true;
    }
    if (api.stream_feed(parser, {chunk.data(), chunk.size()}, &error) != MF_OK) {
      parseFailed = true;
      parseFailure = fromRc(MF_FAILED, error);
      return false;
    }
    return true;
  };
  const upstream::TransportFailure failure = http_.send(built.request, handler);

  AttemptResult result;
  if (failure) {
    result.error = plugins::blankError();
    plugins::fillTransportError(&result.error, failure);
  } else if (parseFailed) {
    result = parseFailure;
  } else if (status >= 400) {
    mf_error classified = plugins::blankError();
    const std::vector<mf_header> abiHeaders = plugins::toAbiHeaders(headers);
    api.classify_error(self, status, abiHeaders.data(), abiHeaders.size(), toAbi(body),
                       &classified);
    if (classified.upstream_status == 0) classified.upstream_status = status;
    result = fromRc(MF_FAILED, classified);
  } else if (stream) {
    result = fromRc(api.stream_finish(parser, &error), error);
  } else {
    result = fromRc(api.parse_response(self, &abiEngine, toAbi(body), &sink, &error), error);
  }
  if (parser) api.stream_close(parser);
  return result;
}

}  // namespace manifold::chat
