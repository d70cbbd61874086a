#pragma once

#include <Poco/Net/HTTPRequestHandler.h>

#include <string>

#include "http/GatewayContext.h"

namespace manifold::http {

/// OpenAI's images API on the media chain (media.image_chain):
/// - POST /v1/images/generations: JSON {prompt, n, size, quality, style,
///   user, response_format: "url" | "b64_json", model (ignored)};
/// - POST /v1/images/edits: multipart/form-data with the same fields, the
///   pictures as `image` (or `image[]`) and an optional `mask`, under
///   media.max_upload_bytes;
/// - GET /v1/images/files/{id}: a picture answered as a URL, until
///   media.image_url_ttl_s passes (404 after). The unguessable id is the
///   capability, as a signed URL is: a browser showing the chat answer's
///   markdown image fetches it without a key.
/// The POSTs take any gateway key, as /v1/chat/completions does.
class ImagesHandler : public Poco::Net::HTTPRequestHandler {
 public:
  enum class Action { Generate, Edit, File };
  ImagesHandler(GatewayContext& context, Action action, std::string fileId = "")
      : context_(context), action_(action), fileId_(std::move(fileId)) {}
  void handleRequest(Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response) override;

 private:
  void serveFile(Poco::Net::HTTPServerResponse& response);

  GatewayContext& context_;
  const Action action_;
  const std::string fileId_;
};

}  // namespace manifold::http
