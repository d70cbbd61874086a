#pragma once

#include <Poco/Net/HTTPRequestHandlerFactory.h>

#include "RouteLedger.h"
#include "StopSignal.h"

namespace manifold::test {

/// Gives every request a FakeRequestHandler bound to the provider's ledger,
/// except GET /_ledger/..., which a LedgerQueryHandler answers.
class FakeHandlerFactory : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  FakeHandlerFactory(RouteLedger& ledger, const StopSignal& stop);

  Poco::Net::HTTPRequestHandler* createRequestHandler(
      const Poco::Net::HTTPServerRequest& request) override;

 private:
  RouteLedger& ledger_;
  const StopSignal& stop_;
};

}  // namespace manifold::test
