#include "http/ImagesHandler.h"

#include <Poco/JSON/Object.h>
#include <Poco/Logger.h>
#include <Poco/Timestamp.h>

#include "api/openai/ImageRequestParser.h"
#include "http/HttpReplies.h"
#include "http/MediaAdmission.h"
#include "http/MultipartForm.h"
#include "media/ImageResult.h"
#include "media/MediaErrors.h"
#include "media/MediaService.h"

namespace manifold::http {
namespace {

using Poco::Net::HTTPResponse;

Poco::Logger& logger() {
  return Poco::Logger::get("media");
}

HTTPResponse::HTTPStatus asStatus(int status) {
  return static_cast<HTTPResponse::HTTPStatus>(status);
}

// Where this gateway's own URLs start: server.public_url, else the Host the
// client used.
std::string gatewayOrigin(const Poco::Net::HTTPServerRequest& request,
                          const config::GatewayConfig& config) {
  if (!config.server.publicUrl.empty()) return config.server.publicUrl;
  return "http://" + request.getHost();
}

}  // namespace

void ImagesHandler::handleRequest(Poco::Net::HTTPServerRequest& request,
                                  Poco::Net::HTTPServerResponse& response) {
  if (action_ == Action::File) return serveFile(response);
  const turn::SnapshotPtr snapshot = context_.snapshot();
  const config::GatewayConfig& config = snapshot->config;
  const std::optional<AdmittedMedia> caller =
      admitMedia(context_, request, response, *snapshot, "image", config.media.imageChain);
  if (!caller) return;
  const std::string requestId = response.get("x-request-id", "");

  std::optional<api::ImageJob> job;
  api::RequestProblem problem;
  if (action_ == Action::Generate) {
    const std::optional<std::string> body = readBody(request, response, config.server.maxBodyBytes);
    if (!body) return;
    job = api::parseImageGeneration(*body, problem);
  } else {
    const std::optional<MultipartForm> form = readMultipartForm(
        request, response, {config.media.maxUploadBytes, config.media.maxUploadBytes});
    if (!form) return;
    job = api::parseImageEdit(*form, problem);
  }
  if (!job) {
    logger().warning("[%s] images request refused: %s", requestId, problem.message);
    return sendError(response, HTTPResponse::HTTP_BAD_REQUEST, problem.message, problem.param,
                     "invalid_request");
  }

  media::MediaRequest media;
  media.requestId = requestId;
  media.keyId = caller->keyId;
  media.mode = "image";
  media.operation = job->operation;
  media.requestJson = job->requestJson;
  media.chain = caller->chain;
  media.catalog = &snapshot->engines;
  media.observer = context_.turns().observer();
  media.attemptTimeoutMs = config.media.attemptTimeoutMs;
  media.deadlineMs = config.media.deadlineMs;
  const media::MediaAnswer answer = context_.media().run(media);
  if (answer.outcome.kind != failover::ChainOutcome::Kind::Answered) {
    const turn::TurnError error = media::mediaErrorFor(answer.outcome, "images");
    logger().warning("[%s] images: %d %s (%s)", requestId, error.status, error.code,
                     answer.outcome.loggableSummary);
    for (const auto& [name, value] : error.headers) response.set(std::string(name), value);
    return sendError(response, asStatus(error.status), error.message, error.param, error.code);
  }
  std::string why;
  std::optional<std::vector<media::GeneratedImage>> images =
      media::readImageResult(answer.resultJson, why);
  if (!images) {
    logger().error("[%s] images: %s answered a bad result: %s", requestId,
                   answer.outcome.lastEngine, why);
    return sendError(response, HTTPResponse::HTTP_BAD_GATEWAY, why, "", "bad_engine_result");
  }

  Poco::JSON::Array::Ptr data = new Poco::JSON::Array;
  for (media::GeneratedImage& image : *images) {
    Poco::JSON::Object::Ptr entry = new Poco::JSON::Object;
    if (job->responseFormat == "b64_json") {
      entry->set("b64_json", image.b64);
    } else {
      const std::string id =
          context_.media().imageFiles().put({caller->keyId, image.mime, std::move(image.bytes)},
                                            std::chrono::seconds(config.media.imageUrlTtlS));
      if (id.empty()) {
        logger().error("[%s] images: a picture is larger than media.max_stored_image_bytes",
                       requestId);
        return sendError(response, HTTPResponse::HTTP_INSUFFICIENT_STORAGE,
                         "the picture is too large to keep for a URL; ask for b64_json", "",
                         "image_too_large");
      }
      entry->set("url", gatewayOrigin(request, config) + "/v1/images/files/" + id);
    }
    if (!image.revisedPrompt.empty()) entry->set("revised_prompt", image.revisedPrompt);
    data->add(entry);
  }
  Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
  body->set("created", Poco::Timestamp().epochTime());
  body->set("data", data);
  response.set("x-manifold-engine", answer.outcome.lastEngine);
  response.set("x-manifold-attempts", std::to_string(answer.outcome.attempts));
  sendJson(response, HTTPResponse::HTTP_OK, body);
}

void ImagesHandler::serveFile(Poco::Net::HTTPServerResponse& response) {
  const std::optional<media::StoredImage> image = context_.media().imageFiles().get(fileId_);
  if (!image)
    return sendError(response, HTTPResponse::HTTP_NOT_FOUND,
                     "no picture \"" + fileId_ + "\": unknown, or its time to live has passed", "",
                     "image_not_found");
  response.setStatusAndReason(HTTPResponse::HTTP_OK);
  response.setContentType(image->mime);
  response.set("Cache-Control", "private, max-age=60");
  response.setContentLength(static_cast<std::streamsize>(image->bytes.size()));
  response.send() << image->bytes;
}

}  // namespace manifold::http
