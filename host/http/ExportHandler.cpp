#include "http/ExportHandler.h"

#include <Poco/Logger.h>

#include <cctype>

#include "export/ExportRequest.h"
#include "export/PdfRenderer.h"
#include "export/TranscriptReader.h"
#include "export/XlsxRenderer.h"
#include "http/HttpReplies.h"

namespace manifold::http {
namespace {

using Poco::Net::HTTPResponse;

/// A file name made of the title's letters and digits, for Content-Disposition.
std::string fileNameFor(const std::string& title, const char* extension) {
  std::string name;
  for (char c : title) {
    if (std::isalnum(static_cast<unsigned char>(c)) && static_cast<unsigned char>(c) < 0x80)
      name += c;
    else if (!name.empty() && name.back() != '-')
      name += '-';
    if (name.size() >= 60) break;
  }
  while (!name.empty() && name.back() == '-') name.pop_back();
  return (name.empty() ? "conversation" : name) + extension;
}

}  // namespace

void ExportHandler::handleRequest(Poco::Net::HTTPServerRequest& request,
                                  Poco::Net::HTTPServerResponse& response) {
  const std::optional<Caller> caller = context_.access().requireKey(request, response);
  if (!caller) return;
  const char* what = format_ == Format::Pdf ? "pdf" : "xlsx";
  const std::string requestId = response.get("x-request-id", "");
  Poco::Logger& log = Poco::Logger::get("export");
  const auto refuse = [&](HTTPResponse::HTTPStatus status, const std::string& message,
                          const std::string& param, const std::string& code) {
    log.information("[%s] POST /v1/export/%s answered %d (%s): %s", requestId, std::string(what),
                    static_cast<int>(status), code, message);
    sendError(response, status, message, param, code);
  };
  const int64_t cap = context_.snapshot()->config.exports.maxInputBytes;
  const std::optional<std::string> body = readBody(request, response, cap);
  if (!body) {
    log.information(
        "[%s] POST /v1/export/%s answered 413 (body_too_large) or cut short: over %s "
        "bytes (export.max_input_bytes), or the body ended early",
        requestId, std::string(what), std::to_string(cap));
    return;
  }
  exporting::TranscriptProblem problem;
  std::optional<exporting::ExportRequest> input = exporting::readExportRequest(*body, problem);
  if (!input)
    return refuse(HTTPResponse::HTTP_BAD_REQUEST, problem.message, problem.param,
                  problem.param.empty() ? "invalid_json" : "invalid_request");
  if (!input->conversationId.empty()) {
    const std::optional<std::string> stored =
        context_.conversationSource()(caller->keyId, input->conversationId);
    if (!stored)
      return refuse(HTTPResponse::HTTP_BAD_REQUEST,
                    "no conversation with id " + input->conversationId, "conversation_id",
                    "conversation_not_found");
    if (static_cast<int64_t>(stored->size()) > cap)
      return refuse(HTTPResponse::HTTP_REQUESTENTITYTOOLARGE,
                    "conversation " + input->conversationId + " is " +
                        std::to_string(stored->size()) + " bytes, over the export limit of " +
                        std::to_string(cap) + " bytes",
                    "conversation_id", "export_too_large");
    std::optional<json::Value> messages = json::parse(*stored);
    if (!messages) {
      log.error("[%s] conversation %s is stored as invalid JSON", requestId, input->conversationId);
      return sendError(response, HTTPResponse::HTTP_INTERNAL_SERVER_ERROR,
                       "the stored conversation cannot be read", "conversation_id",
                       "export_failed");
    }
    input->messages = std::move(*messages);
  }
  std::optional<std::vector<exporting::ExportMessage>> messages =
      exporting::readTranscript(input->messages, problem);
  if (!messages)
    return refuse(HTTPResponse::HTTP_BAD_REQUEST, problem.message, problem.param,
                  "invalid_request");

  const exporting::ExportDocument document{input->title, std::move(*messages)};
  std::string bytes;
  try {
    bytes =
        format_ == Format::Pdf ? exporting::renderPdf(document) : exporting::renderXlsx(document);
  } catch (const std::exception& e) {
    log.error("[%s] POST /v1/export/%s failed: %s", requestId, std::string(what),
              std::string(e.what()));
    return sendError(response, HTTPResponse::HTTP_INTERNAL_SERVER_ERROR,
                     std::string("the document could not be made: ") + e.what(), "",
                     "export_failed");
  }
  response.setStatusAndReason(HTTPResponse::HTTP_OK);
  response.setContentType(
      format_ == Format::Pdf ? "application/pdf"
                             : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  response.set("Content-Disposition",
               "attachment; filename=\"" +
                   fileNameFor(document.title, format_ == Format::Pdf ? ".pdf" : ".xlsx") + "\"");
  response.setContentLength(static_cast<std::streamsize>(bytes.size()));
  response.send().write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

}  // namespace manifold::http
