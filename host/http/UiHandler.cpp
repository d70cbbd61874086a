#include "http/UiHandler.h"

#include <Poco/Logger.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

#include "http/HttpReplies.h"
#include "http/UiAssets.h"

namespace manifold::http {
namespace {

using Poco::Net::HTTPResponse;

// Scripts and styles only from the gateway itself: no inline script, no
// eval, no other origin; the page cannot be framed.
constexpr const char* kContentSecurityPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const UiAsset* findAsset(const std::string& name) {
  for (const UiAsset& asset : uiAssets())
    if (asset.name == name) return &asset;
  return nullptr;
}

std::string contentTypeOf(const std::string& name) {
  const auto ends = [&](const std::string& ext) {
    return name.size() >= ext.size() &&
           name.compare(name.size() - ext.size(), ext.size(), ext) == 0;
  };
  if (ends(".html")) return "text/html; charset=utf-8";
  if (ends(".js")) return "text/javascript; charset=utf-8";
  if (ends(".css")) return "text/css; charset=utf-8";
  if (ends(".svg")) return "image/svg+xml";
  return "application/octet-stream";
}

}  // namespace

void UiHandler::handleRequest(Poco::Net::HTTPServerRequest& request,
                              Poco::Net::HTTPServerResponse& response) {
  const std::string name = file_.empty() ? "index.html" : file_;
  const UiAsset* asset = findAsset(name);
  if (!asset) {
    Poco::Logger::get("ui").information("[%s] no dashboard file \"%s\"",
                                        response.get("x-request-id", ""), request.getURI());
    sendError(response, HTTPResponse::HTTP_NOT_FOUND, "no such dashboard file: /ui/" + file_);
    return;
  }
  response.set("Content-Security-Policy", kContentSecurityPolicy);
  response.set("X-Content-Type-Options", "nosniff");
  response.set("Referrer-Policy", "no-referrer");
  // Revalidate every time: a new binary brings new files under the same names.
  response.set("Cache-Control", "no-cache");
  response.set("ETag", std::string(asset->etag));
  if (request.get("If-None-Match", "") == asset->etag) {
    response.setStatusAndReason(HTTPResponse::HTTP_NOT_MODIFIED);
    response.setContentLength(0);
    response.send();
    return;
  }
  response.setStatusAndReason(HTTPResponse::HTTP_OK);
  response.setContentType(contentTypeOf(name));
  response.setContentLength(static_cast<std::streamsize>(asset->body.size()));
  std::ostream& out = response.send();
  if (request.getMethod() != Poco::Net::HTTPRequest::HTTP_HEAD)
    out.write(asset->body.data(), static_cast<std::streamsize>(asset->body.size()));
}

}  // namespace manifold::http
