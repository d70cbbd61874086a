#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "chat/ChatRequest.h"
#include "memory/MemoryFact.h"
#include "trust/BoundaryMarkers.h"

namespace manifold::memory {

/// Gives a model what the gateway remembers: `facts` (most recent first),
/// invisible characters stripped, as a list between the request's memory
/// boundary markers, in one system message placed right after the client's
/// own system messages (at the front when there are none). The message
/// explains the markers itself, so the client's messages stay as they were.
/// Facts are taken in order while their characters (UTF-8 code points) fit
/// in `budgetChars`; the first that does not fit ends the list. Returns how
/// many facts were given; with none the request is left exactly as it was.
size_t injectMemory(chat::ChatRequest& chat, const std::vector<MemoryFact>& facts,
                    int64_t budgetChars, const trust::BoundaryMarkers& markers);

}  // namespace manifold::memory
