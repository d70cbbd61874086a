#pragma once

#include <string>
#include <vector>

namespace manifold::test {

/// One labelled message of the router's corpus (tests/fixtures/intents/).
struct CorpusMessage {
  std::string file;  ///< "corpus.jsonl", "holdout.jsonl" or "unseen.jsonl"
  std::string text;
  std::string mode;  ///< the label
  bool image = false;
};

/// Every message of the three corpus files, in order. A line that is not a
/// labelled message fails the calling test.
std::vector<CorpusMessage> readIntentCorpus();

}  // namespace manifold::test
