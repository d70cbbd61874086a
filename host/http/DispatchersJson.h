#pragma once

#include <Poco/JSON/Array.h>

#include "tasks/DispatcherDirectory.h"

namespace manifold::http {

/// Each loaded dispatcher with its services, for /admin/plugins and
/// /admin/health: [{"id", "services": [{"service", "intents", "enabled",
/// "detail"}], "error"}]. A dispatcher that would not start, or could not
/// list its services, shows "error" and no services.
Poco::JSON::Array::Ptr dispatchersJson(tasks::DispatcherDirectory& dispatchers);

}  // namespace manifold::http
