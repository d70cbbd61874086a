#include "http/AudioHandler.h"

#include <Poco/Logger.h>
#include <manifold/plugin.h>

#include "api/openai/AudioRequestParser.h"
#include "api/openai/AudioResponses.h"
#include "http/ConnectionGuard.h"
#include "http/GatewayResponse.h"
#include "http/HttpReplies.h"
#include "http/MultipartForm.h"
#include "media/AudioConverter.h"
#include "media/MediaErrors.h"

namespace manifold::http {
namespace {

using Poco::Net::HTTPResponse;

constexpr int64_t kMaxSpeechBody = 1 << 20;        // 4096 characters of input fit many times over
constexpr int64_t kFormFieldsAllowance = 1 << 20;  // the form's other fields, beside the file

Poco::Logger& logger() {
  return Poco::Logger::get("audio");
}

void refuse(Poco::Net::HTTPServerResponse& response, const std::string& requestId,
            const std::string& what, const api::AudioRequestProblem& problem) {
  logger().information("[%s] %s refused: %s", requestId, what, problem.message);
  sendError(response, HTTPResponse::HTTP_BAD_REQUEST, problem.message, problem.param);
}

/// Walks the chain; on failure answers the client and returns nullopt.
std::optional<std::string> walk(GatewayContext& context, Poco::Net::HTTPServerResponse& response,
                                media::MediaRequest request, const std::string& what) {
  if (request.chain.empty()) {
    logger().warning("[%s] %s: media.%s_chain names no engine", request.requestId, what,
                     request.mode);
    sendError(
        response, HTTPResponse::HTTP_SERVICE_UNAVAILABLE,
        what + " is not configured on this gateway (media." + request.mode + "_chain is empty)", "",
        "no_engine");
    return std::nullopt;
  }
  ConnectionGuard* connection = ConnectionGuard::current();
  request.cancel = connection ? connection->hangupToken() : nullptr;
  request.observer = context.turns().observer();
  media::MediaAnswer answer = context.media().run(request);
  setGatewayHeader(response, "x-manifold-attempts", std::to_string(answer.outcome.attempts));
  if (answer.outcome.kind == failover::ChainOutcome::Kind::Answered) {
    setGatewayHeader(response, "x-manifold-engine", answer.outcome.lastEngine);
    return std::move(answer.resultJson);
  }
  if (answer.outcome.kind == failover::ChainOutcome::Kind::ClientGone) return std::nullopt;
  const turn::TurnError error = media::mediaErrorFor(answer.outcome, what);
  logger().warning("[%s] %s failed (%d): %s", request.requestId, what, error.status,
                   answer.outcome.loggableSummary);
  for (const auto& [name, value] : error.headers) response.set(std::string(name), value);
  sendError(response, static_cast<HTTPResponse::HTTPStatus>(error.status), error.message,
            error.param, error.code);
  return std::nullopt;
}

/// The request to walk `chain` with; `mode` names it in the attempts table
/// ("speech", "transcription") and in the media.<mode>_chain setting.
media::MediaRequest mediaRequest(const turn::SnapshotPtr& snapshot, const std::string& requestId,
                                 const std::string& keyId, const char* mode, const char* operation,
                                 std::string requestJson, const std::vector<std::string>& chain) {
  media::MediaRequest request;
  request.requestId = requestId;
  request.keyId = keyId;
  request.mode = mode;
  request.operation = operation;
  request.requestJson = std::move(requestJson);
  request.chain = chain;
  request.catalog = &snapshot->engines;
  request.attemptTimeoutMs = snapshot->config.media.attemptTimeoutMs;
  request.deadlineMs = snapshot->config.media.deadlineMs;
  return request;
}

/// An engine answered with something unusable: the gateway's fault (502).
void badResult(Poco::Net::HTTPServerResponse& response, const std::string& requestId,
               const std::string& what, const std::string& why) {
  logger().error("[%s] %s: %s", requestId, what, why);
  sendError(response, HTTPResponse::HTTP_BAD_GATEWAY, "the engine's answer is unusable: " + why, "",
            "bad_engine_answer");
}

void sendReply(Poco::Net::HTTPServerResponse& response, const api::AudioReply& reply) {
  response.setStatusAndReason(HTTPResponse::HTTP_OK);
  response.setContentType(reply.contentType);
  response.setContentLength(static_cast<std::streamsize>(reply.body.size()));
  response.send() << reply.body;
}

}  // namespace

void AudioHandler::handleRequest(Poco::Net::HTTPServerRequest& request,
                                 Poco::Net::HTTPServerResponse& response) {
  const turn::SnapshotPtr snapshot = context_.snapshot();
  const bool speaking = action_ == Action::Speech;
  const config::MediaConfig& media = snapshot->config.media;
  const std::optional<AdmittedMedia> caller =
      admitMedia(context_, request, response, *snapshot, speaking ? "speech" : "transcription",
                 speaking ? media.speechChain : media.transcriptionChain);
  if (!caller) return;
  if (speaking)
    speech(request, response, snapshot, *caller);
  else
    transcription(request, response, snapshot, *caller);
}

void AudioHandler::speech(Poco::Net::HTTPServerRequest& request,
                          Poco::Net::HTTPServerResponse& response,
                          const turn::SnapshotPtr& snapshot, const AdmittedMedia& caller) {
  const std::string requestId = response.get("x-request-id", "");
  const std::optional<std::string> body = readBody(request, response, kMaxSpeechBody);
  if (!body) return;
  api::AudioRequestProblem problem;
  const std::optional<api::SpeechRequest> parsed = api::parseSpeechRequest(*body, problem);
  if (!parsed) return refuse(response, requestId, "speech", problem);

  const std::optional<std::string> result =
      walk(context_, response,
           mediaRequest(snapshot, requestId, caller.keyId, "speech", MF_MEDIA_SPEECH,
                        parsed->requestJson, caller.chain),
           "speech");
  if (!result) return;
  std::string why;
  const std::optional<api::AudioReply> reply = api::speechReply(*result, parsed->format, why);
  if (!reply) return badResult(response, requestId, "speech", why);
  sendReply(response, *reply);
}

void AudioHandler::transcription(Poco::Net::HTTPServerRequest& request,
                                 Poco::Net::HTTPServerResponse& response,
                                 const turn::SnapshotPtr& snapshot, const AdmittedMedia& caller) {
  const std::string requestId = response.get("x-request-id", "");
  const int64_t maxUpload = snapshot->config.media.maxUploadBytes;
  const std::optional<MultipartForm> form =
      readMultipartForm(request, response, {maxUpload + kFormFieldsAllowance, maxUpload});
  if (!form) return;
  const FormFile* file = form->file("file");
  if (!file)
    return refuse(response, requestId, "transcription", {"the form has no 'file'", "file"});
  std::string why;
  const std::optional<media::AudioInfo> audio = media::AudioConverter::probe(file->bytes, why);
  if (!audio) {
    logger().information("[%s] transcription refused: '%s' %s", requestId, file->filename, why);
    sendError(response, HTTPResponse::HTTP_BAD_REQUEST, "'file' is not audio: " + why, "file",
              "invalid_audio");
    return;
  }
  api::AudioRequestProblem problem;
  const std::optional<api::TranscriptionRequest> parsed =
      api::parseTranscriptionForm(*form, audio->mime, problem);
  if (!parsed) return refuse(response, requestId, "transcription", problem);

  const std::optional<std::string> result =
      walk(context_, response,
           mediaRequest(snapshot, requestId, caller.keyId, "transcription", MF_MEDIA_TRANSCRIPTION,
                        parsed->requestJson, caller.chain),
           "transcription");
  if (!result) return;
  const std::optional<api::AudioReply> reply = api::transcriptionReply(
      *result, parsed->responseFormat, parsed->language, audio->durationS(), why);
  if (!reply) return badResult(response, requestId, "transcription", why);
  sendReply(response, *reply);
}

}  // namespace manifold::http
