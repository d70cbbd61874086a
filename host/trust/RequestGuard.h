#pragma once

#include "chat/ChatRequest.h"
#include "config/GatewayConfig.h"
#include "trust/BoundaryMarkers.h"

namespace manifold::trust {

/// The request as every provider sees it: the trust boundary for client text,
/// in one place. A gateway that rewrites prompts changes model behaviour and
/// breaks evaluations, so by default this returns the request unchanged.
///
/// Fencing client text is the operator's choice, globally or per mode:
/// - trust.wrap_user_text: user messages and the client's tool results are
///   wrapped in boundary markers, every other message but the system prompt
///   is cleaned (invalid UTF-8 replaced, marker syntax neutralised, so no
///   message can forge a boundary), and the system prompt gains one paragraph
///   that explains the markers (BoundaryMarkers::instruction), after the
///   operator's own text; a request without one gets a system message of its
///   own, first.
/// - trust.strip_invisible: invisible characters (zero-width, bidi, tag
///   characters, controls) are stripped from client text. Off by default:
///   stripping U+200D breaks emoji sequences and several scripts.
///
/// Text the gateway itself adds (tool results of its own tools, live data,
/// memory, webhook payloads) is always fenced, whatever these say: whatever
/// adds it wraps it with a Sanitiser as the matching UntrustedKind.
///
/// The nonce in `markers` is fresh for each request, or, when the request has
/// a cacheable prefix, the same for every turn of its conversation
/// (BoundaryMarkers::forConversation), so that the wrapped earlier turns stay
/// byte-identical and the provider's prompt cache can serve them.
/// Takes the request by value: a caller that no longer needs the original
/// moves it in, so that one request is held per stream, not two.
chat::ChatRequest guardRequest(chat::ChatRequest request, const config::TrustConfig& trust,
                               const BoundaryMarkers& markers);

/// Makes sure the system prompt explains the boundary markers (once): for
/// a request that carries text the gateway fenced (its tools' results, live
/// data). Adds a system message, first, when there is none.
void explainBoundaryMarkers(chat::ChatRequest& request);

/// The markers for a request: keyed to its conversation when it has a
/// cacheable prefix (BoundaryMarkers::forConversation), fresh otherwise.
BoundaryMarkers markersFor(const chat::ChatRequest& request);

}  // namespace manifold::trust
