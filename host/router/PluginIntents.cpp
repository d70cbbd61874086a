#include "router/PluginIntents.h"

#include <manifold/json.hpp>

#include "plugins/AbiStrings.h"
#include "router/IntentRouter.h"

namespace manifold::router {
namespace {

bool validIntentName(const std::string& name) {
  if (name.empty() || name.size() > 64) return false;
  for (size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (!alnum && (i == 0 || (c != '.' && c != '_' && c != '-'))) return false;
  }
  return true;
}

// Reads an optional array of strings; false (with `error`) when it is not one.
bool readStrings(const json::Value& declaration, const char* key, const std::string& where,
                 std::vector<std::string>& out, std::string& error) {
  const json::Value* value = declaration.find(key);
  if (!value || value->isNull()) return true;
  if (!value->isArray()) {
    error = where + ": \"" + key + "\" is not an array of strings";
    return false;
  }
  for (const json::Value& item : value->asArray()) {
    if (!item.isString()) {
      error = where + ": \"" + key + "\" has an entry that is not a string";
      return false;
    }
    if (item.asString().size() > PluginIntents::kMaxStringBytes) {
      error = where + ": \"" + key + "\" has an entry longer than " +
              std::to_string(PluginIntents::kMaxStringBytes) + " bytes";
      return false;
    }
    out.push_back(item.asString());
  }
  return true;
}

bool compileDeclaration(const json::Value& d, size_t index, IntentDeclaration& out,
                        std::string& error) {
  std::string where = "intent declaration #" + std::to_string(index + 1);
  if (!d.isObject()) {
    error = where + " is not an object";
    return false;
  }
  const json::Value* intent = d.find("intent");
  if (!intent || !intent->isString() || !validIntentName(intent->asString())) {
    error = where + ": \"intent\" must be a lower-case name ([a-z0-9][a-z0-9._-]*, at most 64)";
    return false;
  }
  out.intent = intent->asString();
  where = "intent \"" + out.intent + "\"";
  if (modeFromName(out.intent) || out.intent == "auto") {
    error = where + " has the name of a built-in mode";
    return false;
  }
  if (const json::Value* description = d.find("description")) {
    if (!description->isString() && !description->isNull()) {
      error = where + ": \"description\" is not a string";
      return false;
    }
    out.description = description->asString();
  }
  if (const json::Value* priority = d.find("priority"); priority && !priority->isNull()) {
    if (!priority->isInt() || priority->asInt() < -1000 || priority->asInt() > 1000) {
      error = where + ": \"priority\" is not an integer in -1000..1000";
      return false;
    }
    out.priority = static_cast<int>(priority->asInt());
  }
  std::vector<std::string> phrases, patterns;
  if (!readStrings(d, "phrases", where, phrases, error) ||
      !readStrings(d, "patterns", where, patterns, error))
    return false;
  if (phrases.empty() && patterns.empty()) {
    error = where + " has neither phrases nor patterns";
    return false;
  }
  if (phrases.size() + patterns.size() > PluginIntents::kMaxEntriesPerIntent) {
    error = where + " has more than " + std::to_string(PluginIntents::kMaxEntriesPerIntent) +
            " phrases and patterns";
    return false;
  }
  std::string problem;
  for (const std::string& phrase : phrases) {
    auto compiled = WordPattern::phrase(phrase, problem);
    if (!compiled) {
      error = where + " has a malformed phrase \"" + phrase + "\": it " + problem;
      return false;
    }
    out.phrases.push_back(std::move(*compiled));
  }
  for (const std::string& pattern : patterns) {
    auto compiled = WordPattern::pattern(pattern, problem);
    if (!compiled) {
      error = where + " has a malformed pattern \"" + pattern + "\": it " + problem;
      return false;
    }
    out.patterns.push_back(std::move(*compiled));
  }
  return true;
}

}  // namespace

std::shared_ptr<const PluginIntents> PluginIntents::compile(const std::string& pluginId,
                                                            std::string_view declarationsJson,
                                                            std::string& error) {
  json::ParseError parseError;
  const std::optional<json::Value> parsed = json::parse(declarationsJson, &parseError);
  if (!parsed) {
    error = "intent declarations are not valid JSON (" + parseError.message + " at byte " +
            std::to_string(parseError.offset) + ")";
    return nullptr;
  }
  if (!parsed->isArray()) {
    error = "intent declarations are not a JSON array";
    return nullptr;
  }
  if (parsed->size() > kMaxIntents) {
    error = "declares more than " + std::to_string(kMaxIntents) + " intents";
    return nullptr;
  }
  auto out = std::make_shared<PluginIntents>();
  out->pluginId_ = pluginId;
  for (size_t i = 0; i < parsed->size(); ++i) {
    IntentDeclaration declaration;
    if (!compileDeclaration((*parsed)[i], i, declaration, error)) return nullptr;
    for (const IntentDeclaration& earlier : out->intents_) {
      if (earlier.intent == declaration.intent) {
        error = "intent \"" + declaration.intent + "\" is declared twice";
        return nullptr;
      }
    }
    out->intents_.push_back(std::move(declaration));
  }
  return out;
}

std::shared_ptr<const PluginIntents> PluginIntents::fromPlugin(const std::string& pluginId,
                                                               const mf_intents_api& api,
                                                               std::string& error) {
  if (!api.declare_intents) {
    error = "intents table lacks declare_intents";
    return nullptr;
  }
  std::string declarations;
  bool written = false;
  mf_string_sink sink{sizeof(mf_string_sink), nullptr, nullptr};
  struct Target {
    std::string* text;
    bool* written;
  } target{&declarations, &written};
  sink.ctx = &target;
  sink.write = [](void* ctx, mf_str value) {
    auto* t = static_cast<Target*>(ctx);
    *t->text = plugins::fromAbi(value);
    *t->written = true;
  };
  mf_error failure = plugins::blankError();
  int32_t rc = MF_FAILED;
  try {
    rc = api.declare_intents(&sink, &failure);
  } catch (...) {
    error = "declare_intents threw an exception";
    return nullptr;
  }
  if (rc != MF_OK) {
    error = "declare_intents failed: " + plugins::errorMessage(failure);
    return nullptr;
  }
  if (!written) {
    error = "declare_intents wrote nothing";
    return nullptr;
  }
  return compile(pluginId, declarations, error);
}

}  // namespace manifold::router
