#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace manifold::memory {

/// One change to memory that a user's message asks for.
struct FactChange {
  enum class Kind {
    Remember,        ///< store `text` in slot `subject` ("" for a note)
    ForgetSubject,   ///< empty slot `subject`, if its fact names `value`
    ForgetMatching,  ///< forget every fact that mentions the words of `value`
  };
  Kind kind = Kind::Remember;
  std::string subject;
  std::string text;   ///< Remember: the fact as it is stored and shown to models
  std::string value;  ///< what the user said after the phrase ("Paris")
};

/// The memory rules over a user's message: word-based, case-insensitive,
/// read sentence by sentence. Questions are skipped: a sentence that ends in
/// "?" or starts with a question word (what, where, do, is, can...). Phrases
/// and what they do:
///
///   my name is X / call me X              -> slot "name": "The user's name is X."
///   my name is not X / my name isn't X    -> empties slot "name" if it says X
///   I live in X / I moved to X            -> slot "home": "The user lives in X."
///   I don't live in X (anymore) / I do not live in X / I no longer live in X
///                                         -> empties slot "home" if it says X
///   I prefer X                            -> slot "prefers:x": "The user prefers X."
///   I don't prefer X / I no longer prefer X -> empties slot "prefers:x"
///   remember that X                       -> a note: "X"
///   forget that X / forget about X        -> forgets every fact that mentions
///                                            X's words (see factMentions)
///
/// A slot holds one fact: a new "I live in Y" replaces "I live in X". The
/// value of a slot phrase ends at the sentence's end, a comma or semicolon,
/// or the word "and" or "but"; that of a note or a forget at the sentence's end.
std::vector<FactChange> readFactRules(std::string_view message);

/// Whether `factText` mentions every significant word of `words` (words of
/// three letters or more, less a few like "that" and "the"), a word counting
/// when one is a prefix of the other ("live" and "lives"). False when `words`
/// has no significant word, so "forget that" alone forgets nothing.
bool factMentions(std::string_view factText, std::string_view words);

}  // namespace manifold::memory
