// The providers this plugin knows by name. A preset is data: presets.json in
// this folder, embedded into the library at build time.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace openai_compatible {

/// How the API key is sent.
enum class AuthStyle {
  Bearer,  // Authorization: Bearer <key>, when the key is non-empty
  None,    // never sent (local servers such as Ollama)
};

struct HeaderPair {
  std::string name;
  std::string value;
};

/// One provider's defaults.
struct Preset {
  std::string name;
  std::string baseUrl;
  std::vector<HeaderPair> headers;  // sent with every request
  AuthStyle auth = AuthStyle::Bearer;
  /// Ask for a final usage chunk when streaming (stream_options.include_usage).
  bool streamUsage = true;
  /// Mark a trailing assistant message (a prefill) with "prefix": true, as
  /// Mistral and DeepSeek require for continuations.
  bool prefillPrefix = false;
  /// Send the canonical prompt_cache key as "prompt_cache_key" (OpenAI's
  /// cache routing hint). Off for providers that reject unknown fields.
  bool promptCacheKey = false;
};

/// The preset table. Immutable once built, so it is safe to share across threads.
class Presets {
 public:
  /// The table embedded from presets.json. Throws manifold::Error
  /// (MF_ERR_INTERNAL) if the embedded data is malformed, which is a build bug.
  static const Presets& builtIn();

  /// Parses a presets document: {"name": {"base_url", "auth", "headers", ...}}.
  /// Throws manifold::Error (MF_ERR_INTERNAL) naming the first bad field.
  static Presets parse(std::string_view json);

  /// Null when there is no preset of that name.
  const Preset* find(std::string_view name) const;
  /// All names, sorted, for error messages.
  std::string names() const;

 private:
  std::map<std::string, Preset, std::less<>> byName_;
};

/// The text of presets.json (generated at build time).
extern const char* const kEmbeddedPresetsJson;

}  // namespace openai_compatible
