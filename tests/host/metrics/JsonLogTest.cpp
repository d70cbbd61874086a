// The manifold executable with logging.format json: every line it writes is
// one JSON object, request-scoped lines carry the request id as a field, and
// with logging.include_content off (the default) neither the prompt nor the
// caller's key reaches a log line or a table, even when a provider's error
// body quotes the prompt.
#include <gtest/gtest.h>

#include <Poco/Data/RecordSet.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>

#include <fstream>
#include <sstream>

#include "FakeProvider.h"
#include "logging/JsonLogFormatter.h"
#include "support/HttpTestClient.h"
#include "support/TempDir.h"
#include "support/TestGateway.h"
#include "support/TestPaths.h"

namespace manifold {
namespace {

const std::string kCanaryPrompt = "canary-prompt-7f3e9a the secret recipe";
const std::string kCanaryKey = "sk-canary-key-51c2d8";

uint16_t freePort() {
  Poco::Net::ServerSocket probe(Poco::Net::SocketAddress("127.0.0.1", 0));
  return probe.address().port();
}

std::string engineJson(const std::string& id, const std::string& baseUrl) {
  return R"({"id":")" + id + R"(","provider":"openai-compatible","model":"model-)" + id +
         R"(","base_url":")" + baseUrl + R"("})";
}

// Every text value of every row of every table in the store.
std::vector<std::string> everyStoredText(const std::string& dbPath) {
  Poco::Data::SQLite::Connector::registerConnector();
  Poco::Data::Session session("SQLite", dbPath);
  std::vector<std::string> tables;
  session << "SELECT name FROM sqlite_master WHERE type = 'table'",
      Poco::Data::Keywords::into(tables), Poco::Data::Keywords::now;
  std::vector<std::string> texts;
  for (const std::string& table : tables) {
    Poco::Data::Statement select(session);
    select << "SELECT * FROM \"" + table + "\"";
    select.execute();
    Poco::Data::RecordSet rows(select);
    for (size_t r = 0; r < rows.rowCount(); ++r)
      for (size_t c = 0; c < rows.columnCount(); ++c)
        if (!rows.value(c, r).isEmpty()) texts.push_back(rows.value(c, r).convert<std::string>());
  }
  return texts;
}

TEST(JsonLogFormatterTest, LiftsTheRequestIdPrefixAndEscapesEverything) {
  logging::JsonLogFormatter formatter;
  Poco::Message message("turn", "[ab12-7] routed to \"smart\"\n\tby \x01 rule \xff end",
                        Poco::Message::PRIO_WARNING);
  std::string line;
  formatter.format(message, line);
  Poco::JSON::Object::Ptr o = Poco::JSON::Parser().parse(line).extract<Poco::JSON::Object::Ptr>();
  EXPECT_EQ(o->getValue<std::string>("request_id"), "ab12-7");
  EXPECT_EQ(o->getValue<std::string>("message"),
            "routed to \"smart\"\n\tby \x01 rule \xEF\xBF\xBD end");
  EXPECT_EQ(o->getValue<std::string>("level"), "warning");
  EXPECT_EQ(o->getValue<std::string>("logger"), "turn");
  EXPECT_EQ(line.find('\n'), std::string::npos);

  Poco::Message plain("gateway", "[not an id!] text", Poco::Message::PRIO_INFORMATION);
  std::string second;
  formatter.format(plain, second);
  o = Poco::JSON::Parser().parse(second).extract<Poco::JSON::Object::Ptr>();
  EXPECT_FALSE(o->has("request_id"));
  EXPECT_EQ(o->getValue<std::string>("message"), "[not an id!] text");
}

TEST(JsonLogTest, EveryLineIsJsonWithTheRequestIdAndNoPromptOrKey) {
  test::FakeProvider fake;
  test::FakeBehaviour quoting;  // an upstream error body that quotes the prompt
  quoting.status = 503;
  quoting.body = R"({"error":{"message":"overloaded while reading ')" + kCanaryPrompt +
                 R"('","type":"server_error"}})";
  fake.script("a", {quoting});

  test::TempDir dir, plugins;
  test::installFile(test::pluginOutputDir() + "/openai-compatible.so",
                    plugins / "openai-compatible.so");
  const uint16_t port = freePort();
  const std::string db = (dir / "manifold.db").string();
  std::ofstream(dir / "manifold.json")
      << R"({"server":{"host":"127.0.0.1","port":)" << port << R"(},"plugins":{"directory":")"
      << plugins.str() << R"("},"store":{"sqlite_path":")" << db
      << R"("},"egress":{"allow":["127.0.0.1:)" << fake.port()
      << R"("]},"logging":{"level":"debug","format":"json"},"engines":[)"
      << engineJson("a", fake.baseUrl("a")) << "," << engineJson("b", fake.baseUrl("b"))
      << R"(],"modes":{"smart":{"chain":["a","b"]}}})";

  Poco::Pipe outPipe;
  Poco::ProcessHandle handle = Poco::Process::launch(
      MANIFOLD_BINARY, {"--config", (dir / "manifold.json").string()}, nullptr, &outPipe, &outPipe);
  test::HttpTestClient client(port);
  const bool up = test::eventually(
      [&] {
        try {
          return client.get("/readyz").status == 200;
        } catch (...) {
          return false;
        }
      },
      std::chrono::seconds(10));
  EXPECT_TRUE(up);
  if (up) {
    const std::string body = R"({"model":"mode/smart","messages":[{"role":"user","content":")" +
                             kCanaryPrompt + R"("}]})";
    const test::HttpResult answered =
        client.post("/v1/chat/completions", body,
                    {{"Authorization", "Bearer " + kCanaryKey}, {"x-request-id", "json-log-1"}});
    EXPECT_EQ(answered.status, 200) << answered.body;
    const test::HttpResult rejected =
        client.post("/v1/chat/completions", "{\"messages\": 7}", {{"x-api-key", kCanaryKey}});
    EXPECT_EQ(rejected.status, 400);
  }
  Poco::Process::requestTermination(handle.id());
  Poco::PipeInputStream out(outPipe);
  std::string log;
  Poco::StreamCopier::copyToString(out, log);
  EXPECT_EQ(handle.wait(), 0) << log;

  std::istringstream lines(log);
  std::string line;
  int count = 0, withId = 0;
  bool failoverLogged = false;
  while (std::getline(lines, line)) {
    ++count;
    Poco::JSON::Object::Ptr o;
    try {
      o = Poco::JSON::Parser().parse(line).extract<Poco::JSON::Object::Ptr>();
    } catch (const Poco::Exception& e) {
      ADD_FAILURE() << "not a JSON object: " << line << " (" << e.displayText() << ")";
      continue;
    }
    for (const char* field : {"time", "level", "logger", "message"})
      EXPECT_TRUE(o->has(field) && o->get(field).isString()) << field << " in " << line;
    if (o->has("request_id") && o->getValue<std::string>("request_id") == "json-log-1") {
      ++withId;
      EXPECT_NE(o->getValue<std::string>("message").rfind("[", 0), 0u) << line;
      if (o->getValue<std::string>("message").find("upstream status 503") != std::string::npos)
        failoverLogged = true;
    }
    EXPECT_EQ(line.find("canary-prompt-7f3e9a"), std::string::npos) << line;
    EXPECT_EQ(line.find("sk-canary-key"), std::string::npos) << line;
  }
  EXPECT_GT(count, 3) << log;
  EXPECT_GE(withId, 2) << log;  // routed, and the failed first attempt
  EXPECT_TRUE(failoverLogged) << log;

  for (const std::string& text : everyStoredText(db)) {
    EXPECT_EQ(text.find("canary-prompt-7f3e9a"), std::string::npos) << text;
    EXPECT_EQ(text.find("sk-canary-key"), std::string::npos) << text;
  }
}

}  // namespace
}  // namespace manifold
