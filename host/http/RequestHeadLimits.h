#pragma once

#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/NetException.h>

#include <optional>

#include "http/HeadRefusal.h"

namespace manifold::http {

/// The configured limits on a request head (server.max_header_fields,
/// server.max_header_bytes, server.max_uri_bytes): too many or too large
/// fields are answered 431, too long a target 414.
///
/// Poco's parser reads the head before the gateway sees it and stops on its
/// own fixed ceilings: 100 fields, 256-byte names, 8192-byte values, a
/// 16384-byte target. Larger settings are lowered to those ceilings, and the
/// parser's MessageException is turned into the same 431 or 414 by
/// refusalFor(), so both routes give one answer.
class RequestHeadLimits {
 public:
  static constexpr int kParserMaxFields = 100;
  static constexpr int kParserMaxUriBytes = 16384;

  RequestHeadLimits(int maxFields = kParserMaxFields, int maxHeadBytes = 16384,
                    int maxUriBytes = 8192);

  /// A refusal for a parsed head over a limit, else nullopt. The head's
  /// size is counted as parsed: request line, each "name: value", CRLFs.
  std::optional<HeadRefusal> check(const Poco::Net::HTTPRequest& request) const;

  /// The answer to a head Poco's parser refused.
  HeadRefusal refusalFor(const Poco::Net::MessageException& e) const;

 private:
  HeadRefusal tooManyFields() const;
  HeadRefusal uriTooLong() const;

  int maxFields_;
  int maxHeadBytes_;
  int maxUriBytes_;
};

}  // namespace manifold::http
