#pragma once

#include <Poco/Net/HTTPRequestHandler.h>

#include <string>

#include "http/GatewayContext.h"

namespace manifold::http {

/// The facts the assistant remembers, for any gateway key (each sees and
/// changes only its own; another key's fact is 404):
/// - POST /v1/memory {"text", "user"?}: remembers a fact (source "api") for
///   the key and that end user ("" when absent); 201 with the fact;
/// - GET /v1/memory[?user=]: the user's facts, most recent first;
/// - DELETE /v1/memory/{id}: forgets one.
class MemoryHandler : public Poco::Net::HTTPRequestHandler {
 public:
  /// `factId` is the {id} of DELETE /v1/memory/{id}, "" for /v1/memory.
  MemoryHandler(GatewayContext& context, std::string factId)
      : context_(context), factId_(std::move(factId)) {}
  void handleRequest(Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response) override;

 private:
  void add(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
           memory::MemoryStore& store, const std::string& keyId);
  void list(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
            memory::MemoryStore& store, const std::string& keyId);
  void remove(Poco::Net::HTTPServerResponse& response, memory::MemoryStore& store,
              const std::string& keyId);

  GatewayContext& context_;
  const std::string factId_;
};

}  // namespace manifold::http
