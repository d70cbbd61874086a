#pragma once

#include <manifold/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace manifold::router {

/// The built-in modes, named as in the shipped configuration.
enum class Mode : uint8_t { Smart, Reasoner, Live, Fast, Coder, Vision, Image };
inline constexpr size_t kModeCount = 7;

/// "smart", "reasoner", ... : the name a configuration and a client use.
std::string_view modeName(Mode mode);
/// The mode with that exact name, if any.
std::optional<Mode> modeFromName(std::string_view name);

/// What the router reads of a request: the text of the last user message and
/// whether the conversation carries an image. The router reads at most the
/// first kPrefixBytes of `text`; the view must stay valid during the call.
struct RouterInput {
  static constexpr size_t kPrefixBytes = 2048;
  std::string_view text;
  bool imageAttached = false;
};

/// Where a message goes. Either a built-in mode, or a plugin intent (intent and
/// pluginId set); `mode` is always set: for a plugin intent it is the mode the
/// text would have gone to, for a caller that cannot use the plugin.
struct RouteDecision {
  Mode mode = Mode::Smart;
  std::string intent;     ///< a plugin intent, "" for a mode
  std::string pluginId;   ///< the plugin that declared `intent`
  double confidence = 0;  ///< 0..1; 1 only for an override
  /// A short, stable name for what decided: "code_fence", "kw:weather",
  /// "plugin:acme.voice/voice", "override", ...
  std::string rule;

  bool isPluginIntent() const { return !intent.empty(); }
  /// "coder", or "acme.voice/voice" for a plugin intent.
  std::string target() const;
};

/// The fields of an `auto_routed` event: mode, intent, plugin, confidence, rule.
json::Value toJson(const RouteDecision& decision);

/// A decision, or why the caller's explicit choice was refused (for a 400).
struct RouteResult {
  std::optional<RouteDecision> decision;
  std::string error;
  bool ok() const { return decision.has_value(); }
};

/// Maps a message to a mode or a plugin intent. No network call, no model
/// call; safe to call from many threads at once. It is a default, not a
/// verdict: a caller may override it.
class IntentRouter {
 public:
  virtual ~IntentRouter() = default;

  /// Routes a message. Never fails: empty text, invalid UTF-8 and huge input
  /// all get a decision (with a low confidence where the text says nothing).
  virtual RouteDecision route(const RouterInput& input) const = 0;

  /// Honours an explicit choice from a request field or header. With no
  /// choice (nullopt, "" or "auto") this is route(input). Otherwise `requested`
  /// must name a mode ("coder", or "mode/coder"), a loaded plugin's intent
  /// ("voice"), or one qualified by its plugin ("acme.voice/voice"); the
  /// decision then has rule "override" and confidence 1. An unknown name is an
  /// error whose message lists what may be asked for.
  virtual RouteResult decide(std::optional<std::string_view> requested,
                             const RouterInput& input) const = 0;

  /// Every name decide() accepts now: the modes, then "plugin/intent" names.
  virtual std::vector<std::string> knownTargets() const = 0;
};

}  // namespace manifold::router
