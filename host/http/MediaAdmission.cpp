#include "http/MediaAdmission.h"

#include <Poco/Logger.h>

#include "http/HttpReplies.h"

namespace manifold::http {
namespace {

void refuse(Poco::Net::HTTPServerResponse& response, const std::string& requestId,
            const std::string& mode, const turn::TurnError& error) {
  Poco::Logger::get("media").warning("[%s] %s refused by admission: %d %s (%s)", requestId, mode,
                                     error.status, error.code, error.message);
  for (const auto& [name, value] : error.headers) response.set(std::string(name), value);
  sendError(response, static_cast<Poco::Net::HTTPResponse::HTTPStatus>(error.status), error.message,
            error.param, error.code);
}

}  // namespace

std::optional<AdmittedMedia> admitMedia(GatewayContext& context,
                                        Poco::Net::HTTPServerRequest& request,
                                        Poco::Net::HTTPServerResponse& response,
                                        const turn::RuntimeSnapshot& snapshot,
                                        const std::string& mode,
                                        const std::vector<std::string>& chain) {
  turn::TurnRequest turnRequest;
  turnRequest.requestId = response.get("x-request-id", "");
  turnRequest.api = "openai";
  turnRequest.authorization = request.get("Authorization", "");
  turnRequest.apiKeyHeader = request.get("x-api-key", "");
  turnRequest.loopbackPeer = request.clientAddress().host().isLoopback();

  turn::Admission& admission = context.turns().admission();
  turn::Admitted admitted = admission.admit(turnRequest, snapshot);
  for (const auto& [name, value] : admitted.headers) response.set(std::string(name), value);
  if (admitted.refusal) {
    refuse(response, turnRequest.requestId, mode, *admitted.refusal);
    return std::nullopt;
  }
  turn::TurnRoute route;
  route.mode = mode;
  route.chain = chain;
  if (std::optional<turn::TurnError> refusal = admission.permitRoute(turnRequest, route)) {
    refuse(response, turnRequest.requestId, mode, *refusal);
    return std::nullopt;
  }
  return AdmittedMedia{turnRequest.keyId, std::move(route.chain), std::move(admitted.ticket)};
}

}  // namespace manifold::http
