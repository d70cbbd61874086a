#include "usage/PriceTable.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/ParseHandler.h>
#include <Poco/JSON/Parser.h>

#include "config/JsonSchemaValidator.h"
#include "usage/PricesSchema.h"

namespace manifold::usage {
namespace {

const config::JsonSchemaValidator& pricesValidator() {
  static const config::JsonSchemaValidator validator(
      Poco::JSON::Parser().parse(std::string(pricesSchemaText())));
  return validator;
}

double rate(const Poco::JSON::Object::Ptr& o, const std::string& name, double fallback) {
  return o->has(name) ? o->getValue<double>(name) : fallback;
}

}  // namespace

std::optional<PriceTable> PriceTable::parse(const std::string& text,
                                            std::vector<std::string>& problems) {
  Poco::Dynamic::Var document;
  try {
    document = Poco::JSON::Parser(new Poco::JSON::ParseHandler(true)).parse(text);
  } catch (const Poco::Exception& e) {
    problems.push_back("$: not valid JSON: " + e.displayText());
    return std::nullopt;
  }
  for (const config::SchemaViolation& v : pricesValidator().validate(document))
    problems.push_back(v.path + ": " + v.message);
  if (!problems.empty()) return std::nullopt;

  PriceTable table;
  const Poco::JSON::Object::Ptr models =
      document.extract<Poco::JSON::Object::Ptr>()->getObject("models");
  for (const std::string& key : models->getNames()) {
    const Poco::JSON::Object::Ptr m = models->getObject(key);
    ModelPrice p;
    p.input = rate(m, "input", 0);
    p.output = rate(m, "output", 0);
    p.cachedRead = rate(m, "cached_read", p.input);
    p.cacheWrite = rate(m, "cache_write", p.input);
    table.prices_[key] = p;
  }
  return table;
}

const ModelPrice* PriceTable::find(const std::string& key) const {
  const auto it = prices_.find(key);
  return it == prices_.end() ? nullptr : &it->second;
}

std::string PriceTable::keyOf(const config::EngineConfig& engine) {
  std::string vendor = engine.provider;
  try {
    const Poco::JSON::Object::Ptr options =
        Poco::JSON::Parser().parse(engine.optionsJson).extract<Poco::JSON::Object::Ptr>();
    if (options && options->has("preset") && options->get("preset").isString())
      vendor = options->getValue<std::string>("preset");
  } catch (const Poco::Exception&) {
    // options that are not an object name no preset
  }
  return vendor + "/" + engine.model;
}

}  // namespace manifold::usage
