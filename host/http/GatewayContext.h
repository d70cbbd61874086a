#pragma once

#include "conversations/ConversationStore.h"
#include "failover/CircuitBreakers.h"
#include "http/AccessGuard.h"
#include "http/InFlightRequests.h"
#include "keys/KeyDirectory.h"
#include "media/MediaService.h"
#include "memory/MemoryStore.h"
#include "metrics/MetricsRegistry.h"
#include "plugins/PluginManager.h"
#include "store/UsageLedger.h"
#include "tasks/TaskService.h"
#include "tools/ToolRuntime.h"
#include "turn/RuntimeSnapshot.h"
#include "turn/TurnServices.h"
#include "upstream/HttpExchange.h"

namespace manifold::http {

class ClientHangupMonitor;

/// The narrow view of the gateway that request handlers get.
class GatewayContext {
 public:
  virtual ~GatewayContext() = default;
  /// The config snapshot in force now (config, engines, modes, router). A
  /// handler takes it once and reads only that one.
  virtual turn::SnapshotPtr snapshot() const = 0;
  virtual const plugins::PluginDirectory& plugins() const = 0;
  /// The host-owned client that carries every upstream request.
  virtual upstream::HttpExchange& http() = 0;
  virtual const failover::CircuitBreakers& breakers() const = 0;
  /// What chat turns run against: snapshot, admission, executors, observer.
  virtual turn::TurnServices& turns() = 0;
  /// Trips a turn's cancellation token when its client hangs up.
  virtual ClientHangupMonitor& hangups() = 0;
  /// Who may call the endpoints that are not chat turns.
  virtual AccessGuard& access() = 0;
  /// Every gateway key (for /admin/keys).
  virtual keys::KeyDirectory& keyDirectory() = 0;
  /// The gateway's counted metrics, for /metrics (and for parts that count
  /// through metrics::GatewayMetrics).
  virtual metrics::MetricsRegistry& metrics() = 0;
  /// The chat requests in flight, which a drain waits for.
  virtual InFlightRequests& inFlight() = 0;
  /// What the usage endpoints read: the attempts table, off the answer's path.
  virtual store::UsageLedger& usage() = 0;
  /// Long-running tasks at dispatchers (/v1/tasks, /webhooks).
  virtual tasks::TaskService& tasks() = 0;
  /// The gateway's tools: toolset plugins and bridged MCP servers.
  virtual tools::ToolRuntime& toolRuntime() = 0;
  /// Pictures and speech: the media chain and the pictures kept for URLs.
  virtual media::MediaService& media() = 0;
  /// Kept conversations (/v1/conversations); null without them.
  virtual conversations::ConversationStore* conversations() { return nullptr; }
  /// Facts remembered per key and end user (/v1/memory).
  virtual memory::MemoryStore* memory() = 0;
  /// Usage records lost because the store refused them or fell too far behind.
  virtual uint64_t lostUsageRecords() const = 0;
  /// True once start-up finished and until shutdown begins.
  virtual bool ready() const = 0;
};

}  // namespace manifold::http
