#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "config/GatewayConfig.h"
#include "usage/ModelPrice.h"

namespace manifold::usage {

/// The price table of packaging/config/prices.json: list prices per model,
/// keyed "<vendor>/<model id>" (see keyOf). Immutable once parsed.
class PriceTable {
 public:
  PriceTable() = default;  ///< no prices: every cost is unknown

  /// Parses and validates (schemas/prices.schema.json) a price file's text.
  /// When it is invalid, returns nullopt and says why in `problems`, each
  /// with its JSON path.
  static std::optional<PriceTable> parse(const std::string& text,
                                         std::vector<std::string>& problems);

  /// The price of a model key, or null when the table has none.
  const ModelPrice* find(const std::string& key) const;
  size_t size() const { return prices_.size(); }

  /// An engine's key in the table: "<vendor>/<model>", where the vendor is
  /// the engine's options.preset when it has one (groq, openai, mistral...)
  /// and its provider plugin id otherwise (anthropic, gemini, cohere, demo).
  /// The same model costs differently at different vendors, so the provider
  /// plugin id alone ("openai-compatible") would not do.
  static std::string keyOf(const config::EngineConfig& engine);

 private:
  std::map<std::string, ModelPrice> prices_;
};

}  // namespace manifold::usage
