#include "FakeHandlerFactory.h"

#include <Poco/Net/HTTPServerRequest.h>

#include "FakeRequestHandler.h"
#include "LedgerQueryHandler.h"

namespace manifold::test {

FakeHandlerFactory::FakeHandlerFactory(RouteLedger& ledger, const StopSignal& stop)
    : ledger_(ledger), stop_(stop) {}

Poco::Net::HTTPRequestHandler* FakeHandlerFactory::createRequestHandler(
    const Poco::Net::HTTPServerRequest& request) {
  const std::string& uri = request.getURI();
  if (request.getMethod() == "GET" &&
      uri.compare(0, LedgerQueryHandler::kPrefix.size(), LedgerQueryHandler::kPrefix) == 0) {
    return new LedgerQueryHandler(ledger_);
  }
  return new FakeRequestHandler(ledger_, stop_);
}

}  // namespace manifold::test
