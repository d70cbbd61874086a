#pragma once

#include <string>
#include <string_view>

namespace news {

/// The topic a chat message asks news about, "" when it asks for the news in
/// general. "any news about the Rust compiler today?" -> "Rust compiler";
/// "what are today's top headlines" -> "". The words after the last
/// "about", "on", "regarding" or "concerning" are the topic when there are
/// any; otherwise the message's words without the words of asking for news.
std::string newsTopicIn(std::string_view message);

}  // namespace news
