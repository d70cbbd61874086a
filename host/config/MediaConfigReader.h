#pragma once

#include <Poco/JSON/Object.h>

#include <set>
#include <string>
#include <vector>

#include "config/ConfigLoader.h"
#include "config/MediaConfig.h"

namespace manifold::config {

/// Reads the "media" section (schema-checked), and checks what the schema
/// cannot: every engine its chains name is declared.
MediaConfig readMedia(const Poco::JSON::Object::Ptr& media, const std::set<std::string>& engineIds,
                      std::vector<ConfigProblem>& problems);

}  // namespace manifold::config
