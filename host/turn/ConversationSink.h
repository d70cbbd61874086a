#pragma once

#include <string>
#include <vector>

#include "chat/ChatRequest.h"
#include "failover/AnswerSink.h"

namespace manifold::turn {

/// One message of an answer, as a conversation keeps it.
struct AnswerMessage {
  chat::ChatMessage message;
  std::string reasoning;  ///< an assistant's reasoning, kept apart from its text
  bool fenced = false;    ///< a gateway tool's result, inside boundary markers
};

/// Tees the answer a client gets into the messages its conversation keeps.
/// It stands outermost, in front of the client's sink, so it sees what the
/// client sees: the committed answer's text and reasoning, the client's
/// tool calls, and the gateway's own tool calls and results (which it asks
/// the tool loop for even when the client's API does not show them). It
/// also names the conversation in the route the client's sink begins with
/// (the x-manifold-conversation header, the native backend event).
class ConversationSink : public failover::AnswerSink {
 public:
  ConversationSink(failover::AnswerSink& client, std::string conversationId, int historyTurns)
      : client_(client), conversationId_(std::move(conversationId)), historyTurns_(historyTurns) {}

  bool streaming() const override { return client_.streaming(); }
  bool begin(const failover::RouteInfo& route) override;
  bool event(const chat::CanonicalEvent& event) override;
  void end(const chat::AnswerAccumulator& answer) override;
  void abort(const mf_error& error) override;
  bool streamsTaskEvents() const override { return client_.streamsTaskEvents(); }
  bool taskEvent(const char* type, const std::string& fields) override {
    return client_.taskEvent(type, fields);
  }
  bool streamsToolEvents() const override { return true; }
  bool toolEvent(const char* type, const std::string& fields) override;
  bool streamsImageEvents() const override { return client_.streamsImageEvents(); }
  bool imageEvent(const std::string& fields) override;
  bool streamsFollowUps() const override { return client_.streamsFollowUps(); }
  bool followUpEvent(const char* type, const std::string& fields) override {
    return client_.followUpEvent(type, fields);
  }

  /// Whether the client's answer began (something was sent).
  bool begun() const { return begun_; }
  /// Whether the whole answer arrived (end()), as opposed to an abort or nothing.
  bool ended() const { return ended_; }
  /// The engine that answered, "" when none began.
  const std::string& engineId() const { return engineId_; }
  /// The answer's messages in order; after an abort, what arrived of it.
  std::vector<AnswerMessage> messages() const;

 private:
  void flushAssistant();

  failover::AnswerSink& client_;
  const std::string conversationId_;
  const int historyTurns_;
  std::string engineId_;
  bool begun_ = false;
  bool ended_ = false;
  bool sawDeltas_ = false;
  std::vector<AnswerMessage> done_;
  AnswerMessage pending_;  ///< the assistant message being assembled
};

}  // namespace manifold::turn
