#pragma once

#include <Poco/Net/HTTPResponse.h>

#include <string>

namespace manifold::http {

/// Why a request is answered from its head alone, before any handler runs.
/// The connection is closed after the answer: what follows the head cannot
/// be framed safely.
struct HeadRefusal {
  Poco::Net::HTTPResponse::HTTPStatus status;
  std::string message;
  std::string code;  ///< the error body's "code"
};

}  // namespace manifold::http
