#pragma once

#include <string>

#include "chat/ChatRequest.h"
#include "router/IntentRouter.h"

namespace manifold::router {

/// What the router reads of a canonical request: the text of the last user
/// message (its text parts joined by newlines, at most the prefix the router
/// reads) and whether any message carries an image, since every later engine
/// must then see images too. The system prompt is not read. The returned
/// input points into `request`, or into `scratch` when the last user message
/// has several text parts; both must outlive it.
RouterInput routerInputFor(const chat::ChatRequest& request, std::string& scratch);

}  // namespace manifold::router
