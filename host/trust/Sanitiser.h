#pragma once

#include <string>
#include <string_view>

#include "config/GatewayConfig.h"
#include "trust/BoundaryMarkers.h"

namespace manifold::trust {

/// `text` with every ill-formed UTF-8 sequence replaced by U+FFFD.
std::string repairUtf8(std::string_view text);

/// repairUtf8(text) without the invisible characters of isInvisible():
/// zero-width, bidi, tag characters and control characters other than tab,
/// line feed and carriage return. Stripping U+200D also splits emoji joined
/// by it into their parts, the price of taking hidden joiners out.
std::string stripInvisible(std::string_view text);

/// Cleans text bound for a model and fences off text that is not the
/// operator's. One Sanitiser serves one request: its markers carry that
/// request's nonce.
class Sanitiser {
 public:
  Sanitiser(const config::TrustConfig& trust, BoundaryMarkers markers)
      : trust_(trust), markers_(std::move(markers)) {}

  const BoundaryMarkers& markers() const { return markers_; }

  /// Repaired (stripped of invisible characters unless trust.strip_invisible
  /// is off), with any marker syntax neutralised.
  std::string clean(std::string_view text) const;
  /// clean(text) between the boundary markers of its kind.
  std::string wrap(UntrustedKind kind, std::string_view text) const;

 private:
  std::string characters(std::string_view text) const;

  config::TrustConfig trust_;
  BoundaryMarkers markers_;
};

}  // namespace manifold::trust
