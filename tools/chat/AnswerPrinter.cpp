#include "AnswerPrinter.h"

#include <manifold/json.hpp>

namespace manifold::tools {
namespace {

constexpr const char* kDim = "\x1b[2m";
constexpr const char* kReset = "\x1b[0m";

}  // namespace

void AnswerPrinter::write(std::string_view text, Style style) {
  if (text.empty()) return;
  if (colour_ && style != current_) out_ << (style == Style::Dim ? kDim : kReset);
  current_ = style;
  out_ << text;
  atLineStart_ = text.back() == '\n';
  out_.flush();
}

void AnswerPrinter::onEvent(std::string_view name, std::string_view data) {
  const std::optional<json::Value> parsed = json::parse(data);
  if (!parsed || !parsed->isObject()) return;
  const json::Value& event = *parsed;
  const std::string type = name.empty() ? event["type"].asString() : std::string(name);

  if (type == "token") {
    if (current_ == Style::Dim && !atLineStart_) write("\n", Style::Dim);
    answer_ += event["text"].asString();
    write(event["text"].asString(), Style::Plain);
  } else if (type == "thinking") {
    write(event["text"].asString(), Style::Dim);
  } else if (type == "auto_routed") {
    mode_ = event["mode"].asString();
    if (event["intent"].isString())
      routedBy_ = "intent " + event["intent"].asString();
    else if (event["rule"].asString() != "override")
      routedBy_ = "auto";
  } else if (type == "backend") {
    engine_ = event["engine"].asString();
    attempts_ = event["attempts"].asInt();
    if (event["mode"].isString() && !event["mode"].asString().empty())
      mode_ = event["mode"].asString();
  } else if (type == "tool_call") {
    if (event["name"].isString())
      write("\n[tool call " + event["name"].asString() + "] ", Style::Dim);
    write(event["arguments"].asString(), Style::Dim);
  } else if (type == "tool_result") {
    write("\n[tool result " + event["name"].asString() + "] " + event["content"].asString() + "\n",
          Style::Dim);
  } else if (type == "sources") {
    for (const json::Value& item : event["items"].asArray())
      write("\n[source] " + item["url"].asString(), Style::Dim);
  } else if (type == "image") {
    write("\n[image] " + (event["url"].isString() ? event["url"].asString()
                                                  : event["mime_type"].asString() + " inline"),
          Style::Dim);
  } else if (type == "done") {
    done_ = true;
  } else if (type == "error") {
    error_ = event["message"].asString();
    if (error_.empty()) error_ = "the gateway reported an error";
    if (event["code"].isString()) error_ += " (" + event["code"].asString() + ")";
  }
}

bool AnswerPrinter::finish() {
  if (!atLineStart_) write("\n", current_);
  if (colour_ && current_ != Style::Plain) out_ << kReset;
  current_ = Style::Plain;
  out_.flush();
  return done_;
}

std::string AnswerPrinter::routeLine() const {
  std::string line = "[";
  if (!mode_.empty()) {
    line += "mode " + mode_;
    if (!routedBy_.empty()) line += " (" + routedBy_ + ")";
    line += " \xC2\xB7 ";
  }
  line += "engine " + (engine_.empty() ? std::string("none") : engine_);
  line += " \xC2\xB7 " + std::to_string(attempts_) + (attempts_ == 1 ? " attempt]" : " attempts]");
  return line;
}

}  // namespace manifold::tools
