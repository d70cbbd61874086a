#pragma once

#include <string>
#include <utility>
#include <vector>

namespace manifold::tools {

/// What the user has said and heard so far, and the routing they asked for.
/// Each turn sends the whole history, since the gateway keeps no session.
class Conversation {
 public:
  /// "" (or "auto") leaves the choice to the gateway's router.
  void setMode(std::string mode);
  /// "" lets the mode's chain pick the engine.
  void setModel(std::string model) { model_ = std::move(model); }
  const std::string& mode() const { return mode_; }
  const std::string& model() const { return model_; }

  /// The body of POST /api/chat for the history plus `userText`.
  std::string requestBody(const std::string& userText) const;

  /// Records a turn that was answered; failed turns are not kept, so the
  /// user can simply ask again.
  void answered(std::string userText, std::string answerText);
  void clear() { history_.clear(); }
  size_t turns() const { return history_.size(); }

 private:
  std::vector<std::pair<std::string, std::string>> history_;  // user, assistant
  std::string mode_;
  std::string model_;
};

}  // namespace manifold::tools
