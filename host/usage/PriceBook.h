#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "config/GatewayConfig.h"
#include "usage/PriceTable.h"

namespace manifold::usage {

/// The price table in force, bound to the engines of the config in force.
/// Built at start from `usage.prices_file` and rebuilt on every config reload:
///  - at start, a file that is not set or not there leaves every cost unknown
///    (a warning says so); one that is invalid throws, like a bad config;
///  - on reload, a file that cannot be read or is invalid changes nothing:
///    the problems are logged and the table in force stays;
///  - each load warns once about the engines whose model has no price.
/// Lookups are safe from any thread and do not wait on a reload.
class PriceBook {
 public:
  /// What an engine's attempts are recorded with.
  struct EnginePrice {
    std::string model;                ///< the price-table key
    std::optional<ModelPrice> price;  ///< unset: cost unknown
  };

  /// Throws std::runtime_error when the price file is invalid.
  explicit PriceBook(const config::GatewayConfig& config);
  /// Re-reads the price file and binds the new config's engines.
  void reload(const config::GatewayConfig& config);

  /// The engine's model key and price in the config in force; an engine the
  /// config does not know gets its id as model and no price.
  EnginePrice forEngine(const std::string& engineId) const;
  /// How many models the table in force prices.
  size_t models() const;

 private:
  struct State {
    std::shared_ptr<const PriceTable> table;
    std::map<std::string, EnginePrice> engines;
  };
  /// Reads the file; nullptr with `problem` set when it is missing or invalid.
  static std::shared_ptr<const PriceTable> read(const std::string& path, std::string& problem,
                                                bool& missing);
  void bind(std::shared_ptr<const PriceTable> table, const config::GatewayConfig& config);

  mutable std::mutex mutex_;
  std::shared_ptr<const State> state_;
};

}  // namespace manifold::usage
