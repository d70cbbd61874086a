#pragma once

#include "chat/ChatRequest.h"
#include "config/GatewayConfig.h"
#include "trust/BoundaryMarkers.h"

namespace manifold::trust {

/// The request as every provider sees it: the trust boundary in one place.
///
/// - Tool results (role tool) are always wrapped in boundary markers: they
///   are what an attacker most easily writes (a web page, a file, an API
///   answer) and a model must never take orders from them.
/// - User text is wrapped when trust.wrap_user_text is on (the default), and
///   always in a request with a system prompt: there the operator's
///   instructions are what the markers protect. With the switch off, a plain
///   chat with no system prompt reaches the model as the user wrote it.
/// - Every message but the system prompt is cleaned: invalid UTF-8 replaced,
///   invisible characters stripped (trust.strip_invisible), and marker
///   syntax neutralised, so no message can forge a boundary. The system
///   prompt is the operator's and is left as it is.
/// - When anything was wrapped, the system prompt gains one paragraph that
///   explains the markers (BoundaryMarkers::instruction), after the
///   operator's own text; a request without one gets a system message of its
///   own, first.
/// - Memory and webhook payloads have no place in the canonical request yet;
///   whatever adds them must wrap them with Sanitiser::wrap as
///   UntrustedKind::Memory and UntrustedKind::Webhook.
///
/// The nonce in `markers` is fresh for each request, or, when the request has
/// a cacheable prefix, the same for every turn of its conversation
/// (BoundaryMarkers::forConversation), so that the wrapped earlier turns stay
/// byte-identical and the provider's prompt cache can serve them.
/// Takes the request by value: a caller that no longer needs the original
/// moves it in, so that one request is held per stream, not two.
chat::ChatRequest guardRequest(chat::ChatRequest request, const config::TrustConfig& trust,
                               const BoundaryMarkers& markers);

/// The markers for a request: keyed to its conversation when it has a
/// cacheable prefix (BoundaryMarkers::forConversation), fresh otherwise.
BoundaryMarkers markersFor(const chat::ChatRequest& request);

}  // namespace manifold::trust
