#include "FakeHandlerFactory.h"

#include "FakeRequestHandler.h"

namespace manifold::test {

FakeHandlerFactory::FakeHandlerFactory(RouteLedger& ledger, const StopSignal& stop)
    : ledger_(ledger), stop_(stop) {}

Poco::Net::HTTPRequestHandler* FakeHandlerFactory::createRequestHandler(
    const Poco::Net::HTTPServerRequest&) {
  return new FakeRequestHandler(ledger_, stop_);
}

}  // namespace manifold::test
