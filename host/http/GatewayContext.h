#pragma once

#include "config/GatewayConfig.h"
#include "engines/EngineCatalog.h"
#include "failover/FailoverEngine.h"
#include "plugins/PluginManager.h"
#include "router/IntentRouter.h"
#include "upstream/HttpExchange.h"

namespace manifold::http {

/// The narrow view of the gateway that request handlers get.
class GatewayContext {
 public:
  virtual ~GatewayContext() = default;
  virtual const config::GatewayConfig& config() const = 0;
  virtual engines::EngineCatalog& engines() = 0;
  virtual const plugins::PluginDirectory& plugins() const = 0;
  /// The host-owned client that carries every upstream request.
  virtual upstream::HttpExchange& http() = 0;
  /// Walks failover chains for chat requests.
  virtual failover::FailoverEngine& failover() = 0;
  virtual const failover::CircuitBreakers& breakers() const = 0;
  /// Picks a mode or a plugin intent for a message that did not name one.
  virtual const router::IntentRouter& router() const = 0;
  /// True once start-up finished and until shutdown begins.
  virtual bool ready() const = 0;
};

}  // namespace manifold::http
