#include "support/IntentCorpus.h"

#include <gtest/gtest.h>

#include <manifold/json.hpp>

#include <fstream>

namespace manifold::test {

std::vector<CorpusMessage> readIntentCorpus() {
  std::vector<CorpusMessage> out;
  for (const char* file : {"corpus.jsonl", "holdout.jsonl", "unseen.jsonl"}) {
    const std::string path = std::string(MANIFOLD_SOURCE_DIR) + "/tests/fixtures/intents/" + file;
    std::ifstream in(path);
    EXPECT_TRUE(in) << "cannot open " << path;
    std::string line;
    size_t read = 0;
    for (size_t number = 1; std::getline(in, line); ++number) {
      if (line.empty()) continue;
      const std::optional<json::Value> v = json::parse(line);
      if (!v || !(*v)["text"].isString() || !(*v)["mode"].isString()) {
        ADD_FAILURE() << path << ":" << number << ": not a labelled message";
        continue;
      }
      out.push_back(
          {file, (*v)["text"].asString(), (*v)["mode"].asString(), (*v)["image"].asBool()});
      ++read;
    }
    EXPECT_GT(read, 0u) << path;
  }
  return out;
}

}  // namespace manifold::test
