// The news toolset plugin: top and searched headlines (Hacker News by
// default, NewsAPI.org with a key). See README.md in this folder.
#include <manifold/plugin.hpp>

#include "NewsToolset.h"

MANIFOLD_PLUGIN("news", "1.0.0", "Top and searched news headlines (Hacker News, NewsAPI.org)",
                news::NewsToolset)
