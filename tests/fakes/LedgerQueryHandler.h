#pragma once

#include <string>

#include <Poco/Net/HTTPRequestHandler.h>

#include "RouteLedger.h"

namespace manifold::test {

/// Answers GET /_ledger/... with what a route has seen, as JSON, so a load
/// client in another process can follow its requests (tests/bench/cancel.sh):
///
///   GET /_ledger/<route>
///       {"route":R,"requests":N,"abandoned":M}
///   GET /_ledger/<route>/requests/<n>?wait_ms=T
///       once the route has admitted n requests: 200 {"route":R,"requests":N};
///       504 with the same body when T ms (default 0, at most 60000) pass first
///   GET /_ledger/<route>/abandoned/<n>?wait_ms=T
///       once request n (1-based, the route's own count) has lost its client:
///       200 {"route":R,"number":n,"abandonedNs":NS}, where NS is when the fake
///       saw it, in ns on the steady clock (CLOCK_MONOTONIC on Linux, so it
///       compares with clock_gettime in any process on the machine);
///       504 with "abandonedNs":null when T ms pass first
///
/// Anything else under /_ledger answers 404.
class LedgerQueryHandler : public Poco::Net::HTTPRequestHandler {
 public:
  static const std::string kPrefix;  // "/_ledger/"

  explicit LedgerQueryHandler(const RouteLedger& ledger);

  void handleRequest(Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response) override;

 private:
  const RouteLedger& ledger_;
};

}  // namespace manifold::test
