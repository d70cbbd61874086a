#include "config/ConfigLoader.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/ParseHandler.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "config/EmbeddedSchemas.h"
#include "config/JsonFields.h"
#include "config/JsonSchemaValidator.h"
#include "config/MediaConfigReader.h"
#include "config/ToolsConfigReader.h"
#include "upstream/EgressRule.h"

namespace manifold::config {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

const JsonSchemaValidator& configValidator() {
  static const JsonSchemaValidator validator(
      Poco::JSON::Parser().parse(std::string(configSchemaText())));
  return validator;
}

ServerConfig readServer(const Object::Ptr& o) {
  ServerConfig s;
  s.host = get<std::string>(o, "host", s.host);
  s.port = get<int>(o, "port", s.port);
  s.maxThreads = get<int>(o, "max_threads", s.maxThreads);
  s.maxQueued = get<int>(o, "max_queued", s.maxQueued);
  s.keepAliveTimeoutMs = get<int>(o, "keep_alive_timeout_ms", s.keepAliveTimeoutMs);
  s.maxBodyBytes = get<Poco::Int64>(o, "max_body_bytes", s.maxBodyBytes);
  s.readTimeoutMs = get<int>(o, "read_timeout_ms", s.readTimeoutMs);
  s.threadStackKb = get<int>(o, "thread_stack_kb", s.threadStackKb);
  s.headerTimeoutMs = get<int>(o, "header_timeout_ms", s.headerTimeoutMs);
  s.bodyTimeoutMs = get<int>(o, "body_timeout_ms", s.bodyTimeoutMs);
  s.drainTimeoutMs = get<int>(o, "drain_timeout_ms", s.drainTimeoutMs);
  s.maxHeaderFields = get<int>(o, "max_header_fields", s.maxHeaderFields);
  s.maxHeaderBytes = get<int>(o, "max_header_bytes", s.maxHeaderBytes);
  s.maxUriBytes = get<int>(o, "max_uri_bytes", s.maxUriBytes);
  s.publicUrl = get<std::string>(o, "public_url", "");
  while (!s.publicUrl.empty() && s.publicUrl.back() == '/') s.publicUrl.pop_back();
  return s;
}

PluginsConfig readPlugins(const Object::Ptr& o) {
  PluginsConfig p;
  p.directory = get<std::string>(o, "directory", "");
  p.watchIntervalMs = get<int>(o, "watch_interval_ms", p.watchIntervalMs);
  if (auto settings = child(o, "settings")) {
    for (const auto& name : settings->getNames())
      p.settingsJson[name] = toJson(settings->getObject(name));
  }
  return p;
}

EgressConfig readEgress(const Object::Ptr& o, std::vector<ConfigProblem>& problems) {
  EgressConfig e;
  if (o && o->has("allowed_hosts")) {
    for (const auto& host : *o->getArray("allowed_hosts"))
      e.allowedHosts.push_back(host.toString());
  }
  if (o && o->has("allow")) {
    const auto entries = o->getArray("allow");
    for (size_t i = 0; i < entries->size(); ++i) {
      const std::string entry = entries->getElement<std::string>(static_cast<unsigned>(i));
      std::string problem;
      if (upstream::EgressRule::parse(entry, problem))
        e.allow.push_back(entry);
      else
        problems.push_back({"$.egress.allow[" + std::to_string(i) + "]", problem});
    }
  }
  e.connectTimeoutMs = get<int>(o, "connect_timeout_ms", e.connectTimeoutMs);
  e.requestTimeoutMs = get<int>(o, "request_timeout_ms", e.requestTimeoutMs);
  e.caFile = get<std::string>(o, "ca_file", e.caFile);
  e.maxIdlePerHost = get<int>(o, "max_idle_per_host", e.maxIdlePerHost);
  e.idleTimeoutMs = get<int>(o, "idle_timeout_ms", e.idleTimeoutMs);
  return e;
}

BreakerConfig readBreaker(const Object::Ptr& o) {
  BreakerConfig b;
  b.failureThreshold = get<int>(o, "failure_threshold", b.failureThreshold);
  b.cooldownMs = get<int>(o, "cooldown_ms", b.cooldownMs);
  b.authCooldownMs = get<int>(o, "auth_cooldown_ms", b.authCooldownMs);
  return b;
}

PromptCacheConfig readPromptCache(const Object::Ptr& o) {
  PromptCacheConfig p;
  p.enabled = get<bool>(o, "enabled", p.enabled);
  p.minPrefixChars = get<int64_t>(o, "min_prefix_chars", p.minPrefixChars);
  return p;
}

TrustConfig readTrust(const Object::Ptr& o) {
  TrustConfig t;
  t.wrapUserText = get<bool>(o, "wrap_user_text", t.wrapUserText);
  t.stripInvisible = get<bool>(o, "strip_invisible", t.stripInvisible);
  return t;
}

MemoryConfig readMemory(const Object::Ptr& o) {
  MemoryConfig m;
  m.enabled = get<bool>(o, "enabled", m.enabled);
  m.budgetChars = get<int64_t>(o, "budget_chars", m.budgetChars);
  m.rules = get<bool>(o, "rules", m.rules);
  m.extractorMode = get<std::string>(o, "extractor_mode", "");
  m.extractorTimeoutMs = get<int>(o, "extractor_timeout_ms", m.extractorTimeoutMs);
  return m;
}

TokenSource readTokenSource(const Object::Ptr& o) {
  return {get<std::string>(o, "token_env", ""), get<std::string>(o, "token_file", "")};
}

void checkTokenSource(const TokenSource& t, const std::string& section,
                      std::vector<ConfigProblem>& problems) {
  if (!t.tokenEnv.empty() && !t.tokenFile.empty())
    problems.push_back({"$." + section + ".token_file", "the " + section +
                                                            " token comes from token_env or "
                                                            "token_file, not both"});
}

EngineConfig readEngine(const Object::Ptr& o) {
  EngineConfig e;
  e.id = get<std::string>(o, "id", "");
  e.provider = get<std::string>(o, "provider", "");
  e.model = get<std::string>(o, "model", "");
  e.baseUrl = get<std::string>(o, "base_url", "");
  e.keyEnv = get<std::string>(o, "key_env", "");
  e.keyFile = get<std::string>(o, "key_file", "");
  e.label = get<std::string>(o, "label", "");
  e.costBand = get<std::string>(o, "cost_band", e.costBand);
  e.contextWindow = get<Poco::Int64>(o, "context_window", e.contextWindow);
  if (auto caps = child(o, "capabilities")) {
    e.capabilities.vision = get<bool>(caps, "vision", false);
    e.capabilities.tools = get<bool>(caps, "tools", false);
    e.capabilities.jsonMode = get<bool>(caps, "json_mode", false);
    e.capabilities.promptCaching = get<bool>(caps, "prompt_caching", false);
    e.capabilities.prefill = get<bool>(caps, "prefill", false);
  }
  e.optionsJson = toJson(child(o, "options"));
  return e;
}

ModeConfig readMode(const std::string& name, const Object::Ptr& o) {
  ModeConfig m;
  m.name = name;
  for (const auto& step : *o->getArray("chain")) m.chain.push_back(step.toString());
  m.headerTimeoutMs = get<int>(o, "header_timeout_ms", m.headerTimeoutMs);
  m.firstTokenTimeoutMs = get<int>(o, "first_token_timeout_ms", m.firstTokenTimeoutMs);
  m.idleTimeoutMs = get<int>(o, "idle_timeout_ms", m.idleTimeoutMs);
  m.deadlineMs = get<int>(o, "deadline_ms", m.deadlineMs);
  m.maxRetries = get<int>(o, "max_retries", m.maxRetries);
  m.continuation = get<bool>(o, "continuation", m.continuation);
  m.alwaysStreamUpstream = get<std::string>(o, "upstream_streaming", "always") == "always";
  m.tools = strings(o, "tools");
  m.maxToolSteps = get<int>(o, "max_tool_steps", m.maxToolSteps);
  m.liveToolsSet = o->has("live_tools");
  m.liveTools = strings(o, "live_tools");
  if (auto suggestions = child(o, "suggestions"))
    m.suggestions = SuggestionsConfig{get<std::string>(suggestions, "mode", ""),
                                      get<int>(suggestions, "timeout_ms", 3000)};
  if (auto trust = child(o, "trust")) {
    if (trust->has("wrap_user_text"))
      m.trust.wrapUserText = trust->getValue<bool>("wrap_user_text");
    if (trust->has("strip_invisible"))
      m.trust.stripInvisible = trust->getValue<bool>("strip_invisible");
  }
  return m;
}

// Rules that span several fields, which the schema cannot state.
void checkCrossReferences(const GatewayConfig& c, std::vector<ConfigProblem>& problems) {
  std::set<std::string> engineIds;
  for (size_t i = 0; i < c.engines.size(); ++i) {
    if (!engineIds.insert(c.engines[i].id).second)
      problems.push_back({"$.engines[" + std::to_string(i) + "].id",
                          "duplicate engine id \"" + c.engines[i].id + "\""});
    if (!c.engines[i].keyEnv.empty() && !c.engines[i].keyFile.empty())
      problems.push_back({"$.engines[" + std::to_string(i) + "].key_file",
                          "an engine takes its keys from key_env or key_file, not both"});
  }
  for (const ModeConfig& mode : c.modes) {
    for (size_t i = 0; i < mode.chain.size(); ++i) {
      if (!engineIds.count(mode.chain[i]))
        problems.push_back({"$.modes." + mode.name + ".chain[" + std::to_string(i) + "]",
                            "unknown engine \"" + mode.chain[i] + "\""});
    }
  }
  const auto knownMode = [&](const std::string& name) {
    return std::any_of(c.modes.begin(), c.modes.end(),
                       [&](const ModeConfig& m) { return m.name == name; });
  };
  if (!c.memory.extractorMode.empty() && !knownMode(c.memory.extractorMode))
    problems.push_back(
        {"$.memory.extractor_mode", "unknown mode \"" + c.memory.extractorMode + "\""});
  for (const ModeConfig& mode : c.modes)
    if (mode.suggestions && !knownMode(mode.suggestions->mode))
      problems.push_back({"$.modes." + mode.name + ".suggestions.mode",
                          "unknown mode \"" + mode.suggestions->mode + "\""});
  checkTokenSource(c.metrics, "metrics", problems);
  checkTokenSource(c.ui, "ui", problems);
  std::error_code ec;
  if (!c.plugins.directory.empty() && !std::filesystem::is_directory(c.plugins.directory, ec))
    problems.push_back(
        {"$.plugins.directory", "plugin folder \"" + c.plugins.directory + "\" does not exist"});
}

}  // namespace

ConfigLoadResult ConfigLoader::loadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return ConfigLoadResult{std::nullopt, {{"$", "cannot read config file \"" + path + "\""}}};
  std::ostringstream text;
  text << in.rdbuf();
  return loadText(text.str());
}

ConfigLoadResult ConfigLoader::loadText(const std::string& jsonText) {
  ConfigLoadResult result;
  Poco::Dynamic::Var document;
  try {
    // Insertion order keeps problems (and modes) in the order of the file.
    document = Poco::JSON::Parser(new Poco::JSON::ParseHandler(true)).parse(jsonText);
  } catch (const Poco::Exception& e) {
    result.problems.push_back({"$", "not valid JSON: " + e.displayText()});
    return result;
  }
  for (const SchemaViolation& v : configValidator().validate(document))
    result.problems.push_back({v.path, v.message});
  if (!result.problems.empty()) return result;

  const Object::Ptr root = document.extract<Object::Ptr>();
  GatewayConfig config;
  config.server = readServer(child(root, "server"));
  config.plugins = readPlugins(child(root, "plugins"));
  config.auth.masterKeyFile = get<std::string>(child(root, "auth"), "master_key_file", "");
  config.store.sqlitePath =
      get<std::string>(child(root, "store"), "sqlite_path", config.store.sqlitePath);
  config.egress = readEgress(child(root, "egress"), result.problems);
  config.breaker = readBreaker(child(root, "breaker"));
  config.promptCache = readPromptCache(child(root, "prompt_cache"));
  config.trust = readTrust(child(root, "trust"));
  config.memory = readMemory(child(root, "memory"));
  const Object::Ptr logging = child(root, "logging");
  config.logLevel = get<std::string>(logging, "level", config.logLevel);
  config.logFormat = get<std::string>(logging, "format", config.logFormat);
  config.logIncludeContent = get<bool>(logging, "include_content", config.logIncludeContent);
  config.metrics = readTokenSource(child(root, "metrics"));
  config.ui = readTokenSource(child(root, "ui"));
  config.usage.pricesFile = get<std::string>(child(root, "usage"), "prices_file", "");
  const Object::Ptr tasks = child(root, "tasks");
  config.tasks.pollMinMs = get<Poco::Int64>(tasks, "poll_min_ms", config.tasks.pollMinMs);
  config.tasks.pollMaxMs = get<Poco::Int64>(tasks, "poll_max_ms", config.tasks.pollMaxMs);
  config.tasks.webhookMaxBodyBytes =
      get<Poco::Int64>(tasks, "webhook_max_body_bytes", config.tasks.webhookMaxBodyBytes);
  config.tasks.clientWebhookRetryMs =
      get<Poco::Int64>(tasks, "client_webhook_retry_ms", config.tasks.clientWebhookRetryMs);
  config.tasks.chatFollowMs = get<Poco::Int64>(tasks, "chat_follow_ms", config.tasks.chatFollowMs);
  const Object::Ptr conversations = child(root, "conversations");
  config.conversations.enabled = get<bool>(conversations, "enabled", config.conversations.enabled);
  config.conversations.autoStart =
      get<bool>(conversations, "auto_start", config.conversations.autoStart);
  config.conversations.titleChars =
      get<Poco::Int64>(conversations, "title_chars", config.conversations.titleChars);
  if (const Object::Ptr dispatch = child(root, "dispatch"))
    for (const auto& intent : dispatch->getNames())
      config.dispatch[intent] = dispatch->getValue<std::string>(intent);
  config.tools = readTools(child(root, "tools"), result.problems);
  config.exports.maxInputBytes =
      get<Poco::Int64>(child(root, "export"), "max_input_bytes", config.exports.maxInputBytes);
  for (const auto& engine : *root->getArray("engines"))
    config.engines.push_back(readEngine(engine.extract<Object::Ptr>()));
  const Object::Ptr modes = root->getObject("modes");
  for (const auto& name : modes->getNames())
    config.modes.push_back(readMode(name, modes->getObject(name)));

  std::set<std::string> engineIds;
  for (const EngineConfig& engine : config.engines) engineIds.insert(engine.id);
  config.media = readMedia(child(root, "media"), engineIds, result.problems);
  checkCrossReferences(config, result.problems);
  if (result.problems.empty()) result.config = std::move(config);
  return result;
}

}  // namespace manifold::config
