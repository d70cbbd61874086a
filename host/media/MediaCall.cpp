#include "media/MediaCall.h"

#include "engines/AbiEngine.h"
#include "plugins/AbiStrings.h"
#include "plugins/UpstreamAbi.h"

namespace manifold::media {
namespace {

using upstream::Clock;

constexpr size_t kMaxErrorBodyBytes = 64 * 1024;
// Several pictures as base64 in one JSON answer.
constexpr size_t kMaxBodyBytes = 64 * 1024 * 1024;

MediaAttempt failed(mf_error error) {
  MediaAttempt a;
  a.error = error;
  return a;
}

}  // namespace

MediaAttempt MediaCall::run(const engines::ResolvedEngine& engine, const std::string& operation,
                            const std::string& requestJson, Clock::time_point deadline,
                            const upstream::CancellationToken* cancel) {
  const Clock::time_point start = Clock::now();
  const mf_engine abiEngine = engines::toAbiEngine(engine);
  upstream::OutboundRequest request;
  mf_error error = plugins::blankError();
  const int32_t rc =
      engine.provider->buildMediaRequest(abiEngine, operation, requestJson, request, error);
  if (rc == MF_NOT_FOUND) {
    MediaAttempt a;
    a.status = MediaAttempt::Status::Unsupported;
    return a;
  }
  if (rc != MF_OK) return failed(error);
  request.headDeadline = deadline;
  request.cancel = cancel;

  int status = 0;
  upstream::HeaderList headers;
  std::string body;
  bool tooLarge = false;
  upstream::ResponseHandler handler;
  handler.onHead = [&](int s, const upstream::HeaderList& h) {
    status = s;
    headers = h;
  };
  handler.onChunk = [&](std::string_view chunk) {
    const size_t cap = status >= 400 ? kMaxErrorBodyBytes : kMaxBodyBytes;
    if (body.size() + chunk.size() > cap) {
      tooLarge = status < 400;
      return false;
    }
    body.append(chunk);
    return true;
  };
  handler.readDeadline = [&] { return deadline; };
  const upstream::TransportFailure failure = http_.send(request, handler);

  MediaAttempt a;
  if (failure && failure.kind == upstream::TransportFailure::Kind::Cancelled) {
    a = failed(plugins::makeError(MF_ERR_CANCELLED, false, "the client went away"));
  } else if (failure) {
    a.error = plugins::blankError();
    plugins::fillTransportError(&a.error, failure);
  } else if (status >= 400 || status < 200) {
    a = failed(engine.provider->classifyError(status, headers, body));
  } else if (tooLarge) {
    a = failed(plugins::makeError(MF_ERR_UNAVAILABLE, true, "upstream answer exceeds 64 MB"));
  } else {
    plugins::AbiCallResult parsed =
        engine.provider->parseMediaResponse(abiEngine, operation, headers, body);
    if (parsed.rc == MF_OK) {
      a.status = MediaAttempt::Status::Done;
      a.resultJson = std::move(parsed.text);
    } else {
      a = failed(parsed.error);
      if (a.error.upstream_status == 0) a.error.upstream_status = status;
    }
  }
  a.latencyMs = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
  return a;
}

}  // namespace manifold::media
