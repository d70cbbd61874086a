// Where one engine's requests go: its preset, refined by the engine's own
// base_url and options.
#pragma once

#include <manifold/plugin.hpp>

#include <string>
#include <vector>

#include "Presets.h"

namespace openai_compatible {

/// The upstream endpoint and request settings for one engine.
struct EngineTarget {
  std::string presetName;
  std::string baseUrl;              // trailing slashes trimmed
  std::string url;                  // baseUrl + path
  std::vector<HeaderPair> headers;  // preset headers, overridden by options.headers
  AuthStyle auth = AuthStyle::Bearer;
  bool streamUsage = true;
  bool prefillPrefix = false;
  bool promptCacheKey = false;

  /// Resolves an engine. Its options_json may hold
  ///   {"preset": "groq", "headers": {...}, "path": "/chat/completions", "stream_usage": bool,
  ///    "prompt_cache_key": bool}
  /// The preset defaults to "openai"; a non-empty engine base_url overrides
  /// the preset's. Throws manifold::Error (MF_ERR_INVALID) for an unknown
  /// preset or malformed options.
  static EngineTarget resolve(const manifold::Engine& engine, const Presets& presets);
};

}  // namespace openai_compatible
