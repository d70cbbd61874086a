// SIGTERM to the manifold executable while 100 streams are in flight: it
// stops taking new connections, answers /readyz with 503 on the open ones,
// lets every stream finish, writes every answer's usage row, and exits 0.
#include <Poco/Data/RecordSet.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>
#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <set>
#include <thread>

#include "support/HttpTestClient.h"
#include "support/OpenAiAssertions.h"
#include "support/TempDir.h"
#include "support/TestGateway.h"
#include "support/TestPaths.h"

namespace manifold::test {
namespace {

uint16_t freePort() {
  Poco::Net::ServerSocket probe(Poco::Net::SocketAddress("127.0.0.1", 0));
  return probe.address().port();
}

int statusOn(Poco::Net::HTTPClientSession& session, const std::string& path) {
  Poco::Net::HTTPRequest request("GET", path, Poco::Net::HTTPMessage::HTTP_1_1);
  session.sendRequest(request);
  Poco::Net::HTTPResponse response;
  std::istream& body = session.receiveResponse(response);
  std::string ignored;
  Poco::StreamCopier::copyToString(body, ignored);
  return response.getStatus();
}

std::set<std::string> answeredRequestIds(const std::string& db) {
  Poco::Data::SQLite::Connector::registerConnector();
  Poco::Data::Session session("SQLite", db);
  Poco::Data::Statement select(session);
  select << "SELECT request_id FROM attempts WHERE outcome = 'answered' AND billed = 1";
  select.execute();
  Poco::Data::RecordSet rows(select);
  std::set<std::string> ids;
  for (size_t i = 0; i < rows.rowCount(); ++i) ids.insert(rows.value(0, i).convert<std::string>());
  return ids;
}

TEST(DrainTest, SigtermLetsEveryStreamFinishAndKeepsItsUsage) {
  TempDir dir, plugins;
  installFile(demoPlugin(), plugins / "demo.so");
  const uint16_t port = freePort();
  const std::string db = (dir / "manifold.db").string();
  std::ofstream(dir / "manifold.json")
      << R"({"server":{"host":"127.0.0.1","port":)" << port
      << R"(,"max_threads":256,"drain_timeout_ms":20000},"plugins":{"directory":")" << plugins.str()
      << R"("},"store":{"sqlite_path":")" << db
      << R"("},"engines":[{"id":"demo","provider":"demo","model":"demo-1",)"
      << R"("options":{"token_delay_ms":60}}],"modes":{"smart":{"chain":["demo"]}}})";
  Poco::Pipe outPipe;
  Poco::ProcessHandle handle = Poco::Process::launch(
      MANIFOLD_BINARY, {"--config", (dir / "manifold.json").string()}, nullptr, &outPipe, &outPipe);
  HttpTestClient client(port);
  ASSERT_TRUE(eventually(
      [&] {
        try {
          return client.get("/readyz").status == 200;
        } catch (...) {
          return false;
        }
      },
      std::chrono::seconds(10)));
  Poco::Net::HTTPClientSession probe("127.0.0.1", port);
  probe.setKeepAlive(true);
  ASSERT_EQ(statusOn(probe, "/readyz"), 200);

  constexpr int kStreams = 100;
  std::vector<HttpResult> results(kStreams);
  std::atomic<int> streaming{0};  // streams whose first bytes arrived
  std::vector<std::thread> streams;
  for (int i = 0; i < kStreams; ++i)
    streams.emplace_back([&, i] {
      bool first = true;
      try {
        results[i] = client.postStreaming("/v1/chat/completions", chatBody("mode/smart", true),
                                          [&](const std::string&) {
                                            if (first) ++streaming;
                                            first = false;
                                          },
                                          {{"x-request-id", "drain-" + std::to_string(i)}});
      } catch (const Poco::Exception& e) {
        results[i].body = e.displayText();  // counted below as not finished
      }
    });
  // SIGTERM only once every stream is under way, however slow the machine.
  EXPECT_TRUE(eventually([&] { return streaming == kStreams; }, std::chrono::seconds(30)))
      << streaming << " of " << kStreams << " streams started";
  Poco::Process::requestTermination(handle.id());
  EXPECT_TRUE(eventually([&] { return statusOn(probe, "/readyz") == 503; }))
      << "a draining gateway is not ready";
  for (std::thread& t : streams) t.join();

  Poco::PipeInputStream out(outPipe);
  std::string log;
  Poco::StreamCopier::copyToString(out, log);
  EXPECT_EQ(handle.wait(), 0) << log;
  const size_t draining = log.find("draining: ");
  ASSERT_NE(draining, std::string::npos) << log;
  EXPECT_GT(std::stoi(log.substr(draining + 10)), 0) << "SIGTERM came with streams in flight";

  const std::set<std::string> recorded = answeredRequestIds(db);
  int finished = 0;
  for (int i = 0; i < kStreams; ++i) {
    const std::vector<std::string> payloads = ssePayloads(results[i].body);
    if (results[i].status != 200 || payloads.empty() || payloads.back() != "[DONE]") continue;
    ++finished;
    EXPECT_TRUE(recorded.count("drain-" + std::to_string(i))) << "no usage row for stream " << i;
  }
  EXPECT_EQ(finished, kStreams) << "every stream in flight finished within the drain";
}

}  // namespace
}  // namespace manifold::test
