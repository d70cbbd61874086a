#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace manifold::config {

/// Listener and request limits.
struct ServerConfig {
  std::string host = "0.0.0.0";
  int port = 8080;
  int maxThreads = 256;
  int maxQueued = 1024;
  int keepAliveTimeoutMs = 5000;
  int64_t maxBodyBytes = 4 * 1024 * 1024;
  int readTimeoutMs = 10000;  ///< per socket read, not a whole-request deadline
};

/// Where plugins come from and what each one is told.
struct PluginsConfig {
  std::string directory;
  int watchIntervalMs = 250;
  /// Per-plugin settings by plugin id, each a JSON object serialised as text.
  std::map<std::string, std::string> settingsJson;
};

struct StoreConfig {
  std::string sqlitePath = "manifold.db";
};

struct EgressConfig {
  /// Hosts plugins may reach through the host's HTTP service; empty means any.
  std::vector<std::string> allowedHosts;
  int connectTimeoutMs = 5000;
  int requestTimeoutMs = 60000;
};

struct EngineCapabilities {
  bool vision = false;
  bool tools = false;
  bool jsonMode = false;
  bool promptCaching = false;
  bool prefill = false;
};

/// One engine: a provider plugin, a model, a key pool and metadata.
struct EngineConfig {
  std::string id;
  std::string provider;  ///< plugin id
  std::string model;
  std::string baseUrl;
  std::string keyEnv;  ///< key pool base name; empty when the engine needs no key
  std::string label;   ///< e.g. "demo": shown in /v1/models
  std::string costBand = "standard";
  int64_t contextWindow = 8192;
  EngineCapabilities capabilities;
  std::string optionsJson = "{}";
};

/// A mode: an ordered failover chain of engine ids.
struct ModeConfig {
  std::string name;
  std::vector<std::string> chain;
};

struct GatewayConfig {
  ServerConfig server;
  PluginsConfig plugins;
  StoreConfig store;
  EgressConfig egress;
  std::vector<EngineConfig> engines;
  std::vector<ModeConfig> modes;
  std::string logLevel = "information";
};

}  // namespace manifold::config
