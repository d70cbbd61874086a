// The containers toolset plugin: ISO 6346 container numbers, their carriers
// and their status from a web search. See README.md in this folder.
#include <manifold/plugin.hpp>

#include "ContainersToolset.h"

MANIFOLD_PLUGIN("containers", "1.0.0",
                "Shipping-container tracking: ISO 6346 check digits, carriers, status search",
                containers::ContainersToolset)
