#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace manifold::chat {

/// One piece of split answer text: reasoning, or answer proper.
struct ThinkPiece {
  bool reasoning = false;
  std::string text;
};

/// Splits streamed answer text at inline <think>...</think> tags, so that the
/// reasoning a model writes into its answer reaches clients as reasoning and
/// never as answer text. Deltas may split a tag anywhere, down to one byte at
/// a time: the pieces out are the same however the text was cut.
///
/// The rules, chosen to be predictable rather than clever:
/// - Only the exact, case-sensitive tags "<think>" and "</think>" count;
///   "<thinking>", "<Think>" and "< think>" are ordinary text.
/// - The tags themselves appear in neither output. Everything around them,
///   whitespace included, is kept as it came.
/// - Spans do not nest: inside a span, a second "<think>" is reasoning text
///   and the first "</think>" ends the span. Outside a span, a stray
///   "</think>" is answer text.
/// - A span still open when the stream ends stays reasoning.
/// - Between deltas only the tail that could still become a tag is held back
///   (at most 7 bytes, "</think"); flush() releases it at the end.
///
/// A model whose chat template opens the span itself (its output starts
/// inside a span, with no "<think>") cannot be told apart from a plain answer
/// without holding back the whole answer; such engines need their server's
/// reasoning parser, which sends reasoning as a field of its own.
class ThinkTagSplitter {
 public:
  /// Splits one delta; appends the pieces ready to pass on (adjacent pieces
  /// of one kind merged, none empty).
  void feed(std::string_view delta, std::vector<ThinkPiece>& out);
  /// The end of the answer: releases the held-back tail as what it is so far.
  void flush(std::vector<ThinkPiece>& out);

  /// True when `delta` would come out unchanged as answer text: nothing is
  /// held, no span is open and it has no '<'. The common case, so a caller
  /// can pass the delta on without feeding it.
  bool passesThrough(std::string_view delta) const {
    return !inSpan_ && held_.empty() && delta.find('<') == std::string_view::npos;
  }

 private:
  bool inSpan_ = false;
  std::string held_;
};

}  // namespace manifold::chat
