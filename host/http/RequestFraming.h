#pragma once

#include <Poco/Net/HTTPRequest.h>

#include <optional>

#include "http/HeadRefusal.h"

namespace manifold::http {

/// Refuses a request whose body length could be read more than one way,
/// the ground request smuggling stands on (RFC 9112 sections 6.1 and 6.3):
/// - Content-Length together with Transfer-Encoding: 400;
/// - Content-Length that is not digits, or several that disagree: 400;
/// - a Transfer-Encoding whose final coding is not chunked: 400;
/// - chunked after another coding (gzip, ...), which the gateway does not
///   decode: 501.
/// A proxy in front may have framed such a request differently, so the
/// caller closes the connection after the answer. Poco itself takes chunked
/// over Content-Length and reads on.
std::optional<HeadRefusal> checkFraming(const Poco::Net::HTTPRequest& request);

}  // namespace manifold::http
