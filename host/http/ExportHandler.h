#pragma once

#include <Poco/Net/HTTPRequestHandler.h>

#include "http/GatewayContext.h"

namespace manifold::http {

/// POST /v1/export/pdf and POST /v1/export/xlsx, for any gateway key: a
/// conversation (`conversation_id`, the caller's own) or a list of messages
/// (`messages`, OpenAI shape) as a document, with an optional `title`. The
/// work is in host/export/; this reads, refuses and answers:
/// - 413 `body_too_large` for a body, and `export_too_large` for a stored
///   conversation, over export.max_input_bytes, before anything is rendered;
/// - 400 `invalid_json`, `invalid_request` (the field in `param`) and
///   `conversation_not_found` (also for another key's conversation);
/// - 500 `export_failed` when a library fails.
/// Every refusal is logged (logger "export") with its cause.
class ExportHandler : public Poco::Net::HTTPRequestHandler {
 public:
  enum class Format { Pdf, Xlsx };
  ExportHandler(GatewayContext& context, Format format) : context_(context), format_(format) {}
  void handleRequest(Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response) override;

 private:
  GatewayContext& context_;
  const Format format_;
};

}  // namespace manifold::http
