#pragma once

#include <Poco/JSON/Object.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

#include <chrono>
#include <optional>
#include <string>

#include <manifold/json.hpp>

#include "failover/AnswerSink.h"

namespace manifold::http {

/// Sends a JSON body with the given status.
void sendJson(Poco::Net::HTTPServerResponse& response, Poco::Net::HTTPResponse::HTTPStatus status,
              const Poco::JSON::Object::Ptr& body);

/// Sends a JSON value with the given status.
void sendValue(Poco::Net::HTTPServerResponse& response, Poco::Net::HTTPResponse::HTTPStatus status,
               const json::Value& body);

/// The `limit` query parameter of a paged list: 1 to 100, `fallback` when
/// absent. nullopt when it is anything else, after a 400 that says so.
std::optional<int64_t> pageLimit(const Poco::Net::HTTPServerRequest& request,
                                 Poco::Net::HTTPServerResponse& response, int64_t fallback = 20);

/// Sends an error in the OpenAI shape, {"error":{"message","type","param","code"}},
/// with a top-level "type":"error" that makes it Anthropic's shape too, so
/// both official SDKs read it. `type` defaults from the status, in the
/// vocabulary both APIs share (invalid_request_error, rate_limit_error, ...).
void sendError(Poco::Net::HTTPServerResponse& response, Poco::Net::HTTPResponse::HTTPStatus status,
               const std::string& message, const std::string& param = "",
               const std::string& code = "", const std::string& type = "");

/// Names the route an answer took: x-manifold-engine, -attempts, -provider
/// and -mode (and -task, -conversation when the turn has one).
void setRouteHeaders(Poco::Net::HTTPServerResponse& response, const failover::RouteInfo& route);

/// Starts a server-sent event stream: status 200, chunked, no caching or
/// proxy buffering. Returns the body stream; each flush sends one chunk.
std::ostream& openEventStream(Poco::Net::HTTPServerResponse& response);

/// The value of query parameter `name` in the request's URI; "" when it is
/// absent or the URI does not parse.
std::string queryParameter(const Poco::Net::HTTPServerRequest& request, const std::string& name);

/// The OpenAI error type for an HTTP status.
std::string errorTypeFor(int status);

/// Reads the request body, refusing more than maxBytes. Content-Length over
/// the cap is refused before a byte is read. On refusal an error reply has
/// already been sent and nullopt is returned. The whole body must arrive
/// within `deadline`, or the connection is closed.
std::optional<std::string> readBody(Poco::Net::HTTPServerRequest& request,
                                    Poco::Net::HTTPServerResponse& response, int64_t maxBytes,
                                    std::chrono::milliseconds deadline = std::chrono::seconds(30));

}  // namespace manifold::http
