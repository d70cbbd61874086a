#pragma once

#include <Poco/Net/HTTPRequestHandler.h>

#include <string>

#include "http/HttpReplies.h"

namespace manifold::http {

/// Answers with a fixed error in the OpenAI shape (unknown path, wrong method).
class ErrorHandler : public Poco::Net::HTTPRequestHandler {
 public:
  ErrorHandler(Poco::Net::HTTPResponse::HTTPStatus status, std::string message)
      : status_(status), message_(std::move(message)) {}
  void handleRequest(Poco::Net::HTTPServerRequest&,
                     Poco::Net::HTTPServerResponse& response) override {
    sendError(response, status_, message_);
  }

 private:
  Poco::Net::HTTPResponse::HTTPStatus status_;
  std::string message_;
};

}  // namespace manifold::http
