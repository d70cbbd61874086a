// The fx toolset plugin: ECB reference exchange rates through the Frankfurter
// API. See README.md in this folder.
#include <manifold/plugin.hpp>

#include "FxToolset.h"

MANIFOLD_PLUGIN("fx", "1.0.0", "Exchange rates and conversion from the ECB reference rates",
                fx::FxToolset)
