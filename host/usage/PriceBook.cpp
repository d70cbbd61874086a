#include "usage/PriceBook.h"

#include <Poco/Logger.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace manifold::usage {
namespace {

Poco::Logger& logger() {
  return Poco::Logger::get("usage");
}

}  // namespace

PriceBook::PriceBook(const config::GatewayConfig& config) {
  const std::string& path = config.usage.pricesFile;
  std::shared_ptr<const PriceTable> table;
  if (path.empty()) {
    logger().warning("no price table (usage.prices_file is not set): every cost is unknown");
  } else {
    std::string problem;
    bool missing = false;
    table = read(path, problem, missing);
    if (!table && !missing) throw std::runtime_error(problem);
    if (!table) logger().warning("%s: every cost is unknown", problem);
  }
  bind(table ? table : std::make_shared<const PriceTable>(), config);
}

void PriceBook::reload(const config::GatewayConfig& config) {
  const std::string& path = config.usage.pricesFile;
  std::shared_ptr<const PriceTable> table;
  if (path.empty()) {
    logger().warning("no price table (usage.prices_file is not set): every cost is unknown");
    table = std::make_shared<const PriceTable>();
  } else {
    std::string problem;
    bool missing = false;
    table = read(path, problem, missing);
    if (!table) {
      logger().error("%s; the price table in force is kept", problem);
      std::lock_guard<std::mutex> lock(mutex_);
      table = state_->table;
    }
  }
  bind(table, config);
}

std::shared_ptr<const PriceTable> PriceBook::read(const std::string& path, std::string& problem,
                                                  bool& missing) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    missing = true;
    problem = "cannot read price table \"" + path + "\" (usage.prices_file)";
    return nullptr;
  }
  std::ostringstream text;
  text << in.rdbuf();
  std::vector<std::string> problems;
  std::optional<PriceTable> table = PriceTable::parse(text.str(), problems);
  if (!table) {
    problem = "price table \"" + path + "\" is invalid:";
    for (const std::string& p : problems) problem += "\n  " + p;
    return nullptr;
  }
  logger().information("price table \"%s\": %z models", path, table->size());
  return std::make_shared<const PriceTable>(std::move(*table));
}

void PriceBook::bind(std::shared_ptr<const PriceTable> table, const config::GatewayConfig& config) {
  auto state = std::make_shared<State>();
  state->table = std::move(table);
  std::string unpriced;
  for (const config::EngineConfig& engine : config.engines) {
    EnginePrice entry;
    entry.model = PriceTable::keyOf(engine);
    if (const ModelPrice* price = state->table->find(entry.model))
      entry.price = *price;
    else if (state->table->size() > 0)
      unpriced += (unpriced.empty() ? "" : ", ") + engine.id + " (" + entry.model + ")";
    state->engines[engine.id] = std::move(entry);
  }
  if (!unpriced.empty())
    logger().warning("no price for %s: their cost is recorded as unknown", unpriced);
  std::lock_guard<std::mutex> lock(mutex_);
  state_ = std::move(state);
}

PriceBook::EnginePrice PriceBook::forEngine(const std::string& engineId) const {
  std::shared_ptr<const State> state;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    state = state_;
  }
  const auto it = state->engines.find(engineId);
  if (it == state->engines.end()) return EnginePrice{engineId, std::nullopt};
  return it->second;
}

size_t PriceBook::models() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return state_->table->size();
}

}  // namespace manifold::usage
