#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "config/MediaConfig.h"
#include "config/ToolsConfig.h"

namespace manifold::config {

/// Listener and request limits.
struct ServerConfig {
  std::string host = "0.0.0.0";
  int port = 8080;
  /// One thread per connection (Poco's model): this is the number of clients
  /// served at once, so it is sized for the streams promised.
  int maxThreads = 2048;
  int threadStackKb = 256;  ///< handlers keep little on the stack; RSS is what is touched
  int maxQueued = 1024;
  int keepAliveTimeoutMs = 5000;
  int64_t maxBodyBytes = 4 * 1024 * 1024;
  int readTimeoutMs = 10000;    ///< per socket read, not a whole-request deadline
  int headerTimeoutMs = 10000;  ///< absolute: a request's head must arrive within this
  int bodyTimeoutMs = 30000;    ///< absolute: its body must arrive within this
  /// On SIGTERM (or a service stop), how long requests in flight may take to
  /// finish before their connections are closed.
  int drainTimeoutMs = 30000;
  /// Request head limits, answered 431 (fields) or 414 (target). Poco's
  /// parser caps them: 100 fields, 256-byte names, 8192-byte values and a
  /// 16384-byte target, whatever is set here (see RequestHeadCheck).
  int maxHeaderFields = 100;   ///< header fields in one request, Host included
  int maxHeaderBytes = 16384;  ///< the whole head: request line, fields, CRLFs
  int maxUriBytes = 8192;      ///< the request target (path and query)
  /// The gateway's address as the outside world sees it, no trailing slash;
  /// "" when unset. Webhook URLs are built from it.
  std::string publicUrl;
};

/// Long-running tasks (see tasks/TaskService.h).
struct TasksConfig {
  int64_t pollMinMs = 2000;
  int64_t pollMaxMs = 60000;
  int64_t webhookMaxBodyBytes = 1024 * 1024;
  int64_t clientWebhookRetryMs = 1000;  ///< first wait before a client webhook is sent again
  /// How long a native chat stream that started a task follows it.
  int64_t chatFollowMs = 600000;
};

/// Conversations the gateway keeps (see turn/ConversationStep.h).
struct ConversationsConfig {
  /// Off: a request that names a conversation is refused (400), none is kept.
  bool enabled = true;
  /// On /api/chat, whether a request with neither conversation_id nor
  /// "conversation" starts a new conversation.
  bool autoStart = false;
  int64_t titleChars = 80;  ///< a conversation's title: its first user message, cut
};

/// Where plugins come from and what each one is told.
struct PluginsConfig {
  std::string directory;
  int watchIntervalMs = 250;
  /// Per-plugin settings by plugin id, each a JSON object serialised as text.
  std::map<std::string, std::string> settingsJson;
};

/// PDF and XLSX export (POST /v1/export/pdf, /v1/export/xlsx).
struct ExportConfig {
  /// The largest input an export reads: the request body, or the stored
  /// conversation's messages JSON. Larger is answered 413, nothing rendered.
  int64_t maxInputBytes = 2 * 1024 * 1024;
};

struct StoreConfig {
  std::string sqlitePath = "manifold.db";
};

/// Usage and cost (see usage/PriceBook.h).
struct UsageConfig {
  /// The price table (schemas/prices.schema.json); relative paths are from the
  /// working directory, like store.sqlite_path. Empty: every cost is unknown.
  /// Re-read on every reload.
  std::string pricesFile;
};

/// Where the host may send requests (see upstream/EgressPolicy.h).
struct EgressConfig {
  /// The only host names that may be reached ("*.example.com" for
  /// subdomains); empty means any name. Checked before the address policy.
  std::vector<std::string> allowedHosts;
  /// Exceptions to the refusal of internal addresses (loopback, private,
  /// link-local...): "host:port" entries, a named port each, never the cloud
  /// metadata addresses. See upstream/EgressRule.h.
  std::vector<std::string> allow;
  int connectTimeoutMs = 5000;
  int requestTimeoutMs = 60000;
  std::string caFile;  ///< extra trusted CAs (PEM file or folder), added to the system store
  int maxIdlePerHost = 64;
  int idleTimeoutMs = 30000;  ///< a pooled connection idle longer is not reused
};

/// The per-(engine, key) circuit breaker.
struct BreakerConfig {
  int failureThreshold = 3;     ///< consecutive failures that open it
  int cooldownMs = 5000;        ///< open this long, then one half-open probe
  int authCooldownMs = 300000;  ///< a refused key rests this long
};

struct PromptCacheConfig {
  bool enabled = true;
  int64_t minPrefixChars = 4096;  ///< about 1000 tokens: below it providers do not cache
};

/// The trust boundary for client text (see trust/RequestGuard.h). Both are
/// off by default: what the client sends reaches the provider as sent. Text
/// the gateway itself adds is fenced whatever these say.
struct TrustConfig {
  /// Wrap the client's user messages and tool results in boundary markers.
  bool wrapUserText = false;
  /// Strip invisible characters (zero-width, bidi, tag characters, controls)
  /// from client text.
  bool stripInvisible = false;
};

/// A mode's own choice for the trust switches; unset ones follow the global.
struct TrustOverride {
  std::optional<bool> wrapUserText;
  std::optional<bool> stripInvisible;
  TrustConfig over(const TrustConfig& global) const {
    return {wrapUserText.value_or(global.wrapUserText),
            stripInvisible.value_or(global.stripInvisible)};
  }
};

/// A bearer token from an environment variable or a file (its first line).
/// Read by the access guard.
struct TokenSource {
  std::string tokenEnv;   ///< name of the variable holding the token, e.g. MANIFOLD_METRICS_TOKEN
  std::string tokenFile;  ///< or a file holding it (a mounted secret)
};

/// Who may read /metrics besides the master key.
using MetricsConfig = TokenSource;

/// Who may read the dashboard's data (GET /admin/health, /admin/usage,
/// /admin/plugins) besides the master key.
using UiConfig = TokenSource;

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
  /// Or the key pool from a mounted secret: a file (one key per line) or a
  /// folder (one key per file, in name order). Re-read on every reload.
  std::string keyFile;
  bool needsKey() const { return !keyEnv.empty() || !keyFile.empty(); }
  /// Where its keys come from, for messages: "GROQ_API_KEY" or "file /run/secrets/groq".
  std::string keySource() const { return keyFile.empty() ? keyEnv : "file " + keyFile; }
  std::string label;  ///< e.g. "demo": shown in /v1/models
  std::string costBand = "standard";
  int64_t contextWindow = 8192;
  EngineCapabilities capabilities;
  std::string optionsJson = "{}";
};

/// Follow-up suggestions for a mode's answers on the native API (see
/// turn/FollowUpSuggestions.h).
struct SuggestionsConfig {
  std::string mode;  ///< the mode that writes them
  int timeoutMs = 3000;
};

/// A mode: an ordered failover chain of engine ids, with its time limits and
/// retry budget.
struct ModeConfig {
  std::string name;
  std::vector<std::string> chain;
  int headerTimeoutMs = 10000;      ///< upstream response head, per attempt
  int firstTokenTimeoutMs = 15000;  ///< first content event, per attempt
  int idleTimeoutMs = 30000;        ///< longest silence once streaming
  int deadlineMs = 60000;           ///< the whole chain, until an answer commits
  int maxRetries = 2;               ///< extra attempts on the final usable step
  bool continuation = false;        ///< after a cut, continue on a prefill-capable engine
  /// Read upstreams as streams even for non-streaming clients, so the head and
  /// first-token timeouts apply to them too. Off ("match_client"): a
  /// non-streaming request goes upstream non-streaming, which costs both
  /// sides less, and only deadline_ms bounds a silent upstream.
  bool alwaysStreamUpstream = true;
  TrustOverride trust;  ///< fencing client text in this mode
  /// Gateway tools offered to this mode's models ("fx.convert", "weather.*",
  /// "mcp:<server>/*"); the gateway runs the ones they call (the tool loop).
  std::vector<std::string> tools;
  int maxToolSteps = -1;  ///< -1: tools.max_tool_steps
  /// Tools the live pre-step may run before the model: the ones whose live
  /// intents match the message. Unset: every tool for the mode named "live",
  /// none for the others.
  std::vector<std::string> liveTools;
  bool liveToolsSet = false;
  std::optional<SuggestionsConfig> suggestions;  ///< off when absent
  const std::vector<std::string>& preStepTools() const {
    static const std::vector<std::string> every{"*"};
    static const std::vector<std::string> none;
    return liveToolsSet ? liveTools : name == "live" ? every : none;
  }
};

/// Persistent memory (host/memory/): facts per key and end user.
struct MemoryConfig {
  bool enabled = true;         ///< rules, extractor and injection
  int64_t budgetChars = 2000;  ///< characters of facts per request, most recent first
  bool rules = true;           ///< the phrase rules (memory/FactRules.h)
  std::string extractorMode;   ///< "" for no extractor
  int extractorTimeoutMs = 5000;
};

/// Gateway keys. The master key's secret comes from MANIFOLD_MASTER_KEY or
/// this file; with neither, only loopback clients are served.
struct AuthConfig {
  std::string masterKeyFile;
};

struct GatewayConfig {
  ServerConfig server;
  AuthConfig auth;
  PluginsConfig plugins;
  StoreConfig store;
  EgressConfig egress;
  BreakerConfig breaker;
  PromptCacheConfig promptCache;
  TrustConfig trust;
  UsageConfig usage;
  TasksConfig tasks;
  ConversationsConfig conversations;
  ToolsConfig tools;
  MemoryConfig memory;
  ExportConfig exports;  ///< "export" in the file (a C++ keyword)
  MediaConfig media;
  std::vector<EngineConfig> engines;
  std::vector<ModeConfig> modes;
  std::string logLevel = "information";
  std::string logFormat = "text";  ///< text, or json: one JSON object per line
  /// Prompt text, answers, provider error bodies and keys may appear in logs
  /// and tables only when this is on.
  bool logIncludeContent = false;
  MetricsConfig metrics;
  UiConfig ui;
  /// Per plugin intent, whether a message routed to it becomes a task:
  /// "auto" (the default, when an enabled service serves it) or "never".
  std::map<std::string, std::string> dispatch;
  bool dispatches(const std::string& intent) const {
    auto it = dispatch.find(intent);
    return it == dispatch.end() || it->second != "never";
  }
};

}  // namespace manifold::config
