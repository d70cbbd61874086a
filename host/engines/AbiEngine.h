#pragma once

#include <manifold/plugin.h>

#include "engines/EngineCatalog.h"
#include "plugins/AbiStrings.h"

namespace manifold::engines {

/// The engine as a provider plugin sees it; views valid while `engine` lives.
inline mf_engine toAbiEngine(const ResolvedEngine& engine) {
  mf_engine e{};
  e.struct_size = sizeof(e);
  e.engine_id = plugins::toAbi(engine.config->id);
  e.model = plugins::toAbi(engine.config->model);
  e.base_url = plugins::toAbi(engine.config->baseUrl);
  e.api_key = plugins::toAbi(engine.apiKey);
  e.options_json = plugins::toAbi(engine.config->optionsJson);
  return e;
}

}  // namespace manifold::engines
