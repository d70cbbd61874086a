#include "memory/MemoryUpdates.h"

#include <Poco/String.h>
#include <Poco/Timestamp.h>

#include "keys/Secrets.h"

namespace manifold::memory {
namespace {

int64_t nowMs() {
  return Poco::Timestamp().epochMicroseconds() / 1000;
}

int forgetSubjectNaming(MemoryStore& store, const std::string& keyId, const std::string& user,
                        const FactChange& change) {
  for (const MemoryFact& fact : store.list(keyId, user))
    if (fact.subject == change.subject &&
        Poco::toLower(fact.text).find(Poco::toLower(change.value)) != std::string::npos)
      return store.forgetSubject(keyId, user, change.subject) ? 1 : 0;
  return 0;
}

int forgetMatching(MemoryStore& store, const std::string& keyId, const std::string& user,
                   const std::string& words) {
  int forgotten = 0;
  for (const MemoryFact& fact : store.list(keyId, user))
    if (factMentions(fact.text, words) && store.forget(keyId, fact.id)) ++forgotten;
  return forgotten;
}

}  // namespace

MemoryFact newFact(const std::string& keyId, const std::string& user, const std::string& subject,
                   const std::string& text, const std::string& source) {
  MemoryFact fact;
  fact.id = "mem_" + keys::randomHex(12);
  fact.keyId = keyId;
  fact.user = user;
  fact.subject = subject;
  fact.text = text;
  fact.source = source;
  fact.createdMs = fact.updatedMs = nowMs();
  return fact;
}

MemoryFact rememberNote(MemoryStore& store, MemoryFact fact) {
  const std::string said = Poco::toLower(fact.text);
  for (const MemoryFact& kept : store.list(fact.keyId, fact.user))
    if (Poco::toLower(kept.text) == said) return kept;
  return store.remember(fact);
}

int applyFactChanges(MemoryStore& store, const std::string& keyId, const std::string& user,
                     const std::vector<FactChange>& changes, const std::string& source) {
  int changed = 0;
  for (const FactChange& change : changes) {
    switch (change.kind) {
      case FactChange::Kind::Remember: {
        MemoryFact fact = newFact(keyId, user, change.subject, change.text, source);
        if (change.subject.empty())
          rememberNote(store, std::move(fact));
        else
          store.remember(fact);
        ++changed;
        break;
      }
      case FactChange::Kind::ForgetSubject:
        changed += forgetSubjectNaming(store, keyId, user, change);
        break;
      case FactChange::Kind::ForgetMatching:
        changed += forgetMatching(store, keyId, user, change.value);
        break;
    }
  }
  return changed;
}

}  // namespace manifold::memory
