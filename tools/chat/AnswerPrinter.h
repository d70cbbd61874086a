#pragma once

#include <ostream>
#include <string>
#include <string_view>

namespace manifold::tools {

/// Shows one answer's native events as they arrive: answer text as it is,
/// thinking dimmed (when colour is on), tool calls, sources and images on
/// lines of their own. Collects what the route line and the history need.
class AnswerPrinter {
 public:
  AnswerPrinter(std::ostream& out, bool colour) : out_(out), colour_(colour) {}

  /// One server-sent event of POST /api/chat. Unknown types are ignored, as
  /// the stream's schema asks of every client.
  void onEvent(std::string_view name, std::string_view data);

  /// Ends the answer's text; returns whether the stream ended with `done`.
  bool finish();

  /// e.g. "[mode smart · engine demo · 2 attempts]".
  std::string routeLine() const;

  const std::string& answerText() const { return answer_; }
  /// The error event's message, or "" when there was none.
  const std::string& error() const { return error_; }

 private:
  enum class Style { Plain, Dim };
  void write(std::string_view text, Style style);

  std::ostream& out_;
  bool colour_;
  Style current_ = Style::Plain;
  bool atLineStart_ = true;
  std::string answer_;
  std::string mode_;
  std::string routedBy_;
  std::string engine_;
  long long attempts_ = 0;
  bool done_ = false;
  std::string error_;
};

}  // namespace manifold::tools
