#pragma once

#include <string>
#include <string_view>

namespace manifold::trust {

/// Where a piece of untrusted content came from.
enum class UntrustedKind { User, ToolResult, Memory, Webhook };

/// "user", "tool_result", "memory" or "webhook": the kind as markers name it.
const char* kindName(UntrustedKind kind);

/// The markers that fence untrusted content off from instructions:
///
///   <<untrusted:tool_result id=9c1e4f0a7b2d3e6f>>
///   ...content...
///   <</untrusted:tool_result id=9c1e4f0a7b2d3e6f>>
///
/// Two things keep content from forging or closing a boundary. The id is a
/// random nonce, fresh for every request, so no text written before the
/// request can know it. And every piece of marker syntax inside content is
/// neutralised before it is wrapped, so even a correctly guessed id cannot
/// close the boundary early: any "<<untrusted" a model reads is genuine.
///
/// The instruction that explains the markers to the model names no nonce, so
/// a system prompt stays the same from request to request (and cacheable).
class BoundaryMarkers {
 public:
  /// Markers with a given id; `fresh()` is the way to get one for a request.
  explicit BoundaryMarkers(std::string nonce) : nonce_(std::move(nonce)) {}
  /// Markers with a new random id: 64 bits from the system's secure source, as hex.
  static BoundaryMarkers fresh();
  /// Markers whose id is a keyed hash (HMAC-SHA1 under a random secret made
  /// once per process) of a conversation key: every turn of one conversation
  /// gets the same id, so earlier turns stay byte-identical and a provider's
  /// prompt cache can reuse them; outside this process the id is as
  /// unguessable as a fresh one.
  static BoundaryMarkers forConversation(std::string_view conversationKey);

  const std::string& nonce() const { return nonce_; }
  std::string open(UntrustedKind kind) const;
  std::string close(UntrustedKind kind) const;
  /// `content`, neutralised, between the markers of its kind, each on its own line.
  std::string wrap(UntrustedKind kind, std::string_view content) const;

  /// Escapes the "<<" of anything a model could read as a marker: "<<", then
  /// any spaces, slashes or invisible characters, then "untrusted" in any
  /// case (invisible characters between its letters included), becomes
  /// "&lt;&lt;" and the rest. Any other "<<" (code, heredocs) is left alone.
  static std::string neutralise(std::string_view text);

  /// The system prompt's explanation of the markers.
  static const char* instruction();

 private:
  std::string nonce_;
};

}  // namespace manifold::trust
