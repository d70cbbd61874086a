// Checks the fake upstream and the test proxy against plain Poco clients and
// raw sockets, so gateway tests can trust what they are told.

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>
#include <thread>

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/StreamCopier.h>

#include "FakeProvider.h"
#include "NamedRoutes.h"
#include "OpenAiWire.h"
#include "support/ConnectProxy.h"

namespace manifold::test {
namespace {

using namespace std::chrono_literals;

const std::string kStreamRequest = R"({"model":"m","stream":true,"messages":[]})";

std::string fixture(const std::string& name) {
  return std::string(MANIFOLD_TLS_FIXTURES) + "/" + name;
}

struct Reply {
  int status = 0;
  Poco::Net::HTTPResponse head;
  std::string body;
};

Reply post(Poco::Net::HTTPClientSession& session, const std::string& path,
           const std::string& body) {
  Poco::Net::HTTPRequest request("POST", path, Poco::Net::HTTPMessage::HTTP_1_1);
  request.setContentType("application/json");
  request.setContentLength(static_cast<std::streamsize>(body.size()));
  session.sendRequest(request) << body;
  Reply reply;
  std::istream& in = session.receiveResponse(reply.head);
  reply.status = reply.head.getStatus();
  Poco::StreamCopier::copyToString(in, reply.body);
  return reply;
}

Reply post(uint16_t port, const std::string& path, const std::string& body) {
  Poco::Net::HTTPClientSession session("127.0.0.1", port);
  session.setTimeout(Poco::Timespan(10, 0));
  return post(session, path, body);
}

/// Sends raw bytes and returns everything that comes back until the server
/// closes, so framing faults stay visible.
std::string rawExchange(uint16_t port, const std::string& bytes) {
  Poco::Net::StreamSocket socket(Poco::Net::SocketAddress("127.0.0.1", port));
  socket.setReceiveTimeout(Poco::Timespan(10, 0));
  socket.sendBytes(bytes.data(), static_cast<int>(bytes.size()));
  std::string received;
  char buffer[4096];
  try {
    for (int n; (n = socket.receiveBytes(buffer, sizeof(buffer))) > 0;) received.append(buffer, n);
  } catch (const Poco::Exception&) {
    // a reset ends the exchange as surely as a FIN
  }
  return received;
}

std::string rawPost(uint16_t port, const std::string& path, const std::string& body) {
  return rawExchange(port, "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
                               "Content-Type: application/json\r\nConnection: close\r\n" +
                               "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" +
                               body);
}

std::string chunk(const std::string& delta, const std::string& finish, bool usageNull = false) {
  return R"(data: {"id":"chatcmpl-fake-1","object":"chat.completion.chunk","created":1700000000,)"
         R"("model":"m","choices":[{"index":0,"delta":)" +
         delta + R"(,"finish_reason":)" + finish + "}]" + (usageNull ? R"(,"usage":null)" : "") +
         "}\n\n";
}

TEST(FakeProviderTest, DefaultStreamIsOpenAiByteForByte) {
  FakeProvider fake;
  const Reply reply = post(fake.port(), "/a/v1/chat/completions", kStreamRequest);

  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.head.getContentType(), "text/event-stream");
  EXPECT_TRUE(reply.head.getChunkedTransferEncoding());
  EXPECT_EQ(reply.body, chunk(R"({"role":"assistant","content":""})", "null") +
                            chunk(R"({"content":"Hello"})", "null") +
                            chunk(R"({"content":" world"})", "null") + chunk("{}", R"("stop")") +
                            "data: [DONE]\n\n");
  EXPECT_EQ(fake.requests("a"), 1);
  EXPECT_EQ(fake.bodies("a"), std::vector<std::string>{kStreamRequest});
  EXPECT_EQ(fake.requests("b"), 0);
}

TEST(FakeProviderTest, EachFrameTravelsAsItsOwnChunk) {
  FakeProvider fake;
  const std::string raw = rawPost(fake.port(), "/a/v1/chat/completions", kStreamRequest);
  EXPECT_NE(raw.find("\r\nE\r\ndata: [DONE]\n\n\r\n0\r\n\r\n"), std::string::npos) << raw;
}

TEST(FakeProviderTest, IncludeUsageEndsWithAUsageChunk) {
  FakeProvider fake;
  const Reply reply =
      post(fake.port(), "/a/v1/chat/completions",
           R"({"model":"m","stream":true,"stream_options":{"include_usage":true}})");

  EXPECT_EQ(
      reply.body.substr(0, chunk(R"({"role":"assistant","content":""})", "null", true).size()),
      chunk(R"({"role":"assistant","content":""})", "null", true));
  const std::string tail =
      chunk("{}", R"("stop")", true) +
      R"(data: {"id":"chatcmpl-fake-1","object":"chat.completion.chunk","created":1700000000,)"
      R"("model":"m","choices":[],"usage":{"prompt_tokens":7,"completion_tokens":2,)"
      R"("total_tokens":9}})"
      "\n\ndata: [DONE]\n\n";
  ASSERT_GE(reply.body.size(), tail.size());
  EXPECT_EQ(reply.body.substr(reply.body.size() - tail.size()), tail);
}

TEST(FakeProviderTest, AnswersWholeCompletionsWithUsage) {
  FakeProvider fake;
  const Reply reply = post(fake.port(), "/a/v1/chat/completions", R"({"model":"m"})");

  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.body,
            R"({"id":"chatcmpl-fake-1","object":"chat.completion","created":1700000000,)"
            R"("model":"m","choices":[{"index":0,"message":{"role":"assistant",)"
            R"("content":"Hello world"},"finish_reason":"stop"}],"usage":{"prompt_tokens":7,)"
            R"("completion_tokens":2,"total_tokens":9}})");
}

TEST(FakeProviderTest, ScriptedStatusCarriesHeadersAndAnOpenAiErrorBody) {
  FakeProvider fake;
  FakeBehaviour limited;
  limited.status = 429;
  limited.headers = {{"Retry-After", "2"}};
  fake.script("a", {limited});

  const Reply reply = post(fake.port(), "/a/v1/chat/completions", kStreamRequest);
  EXPECT_EQ(reply.status, 429);
  EXPECT_EQ(reply.head.get("Retry-After", ""), "2");
  EXPECT_EQ(reply.head.getContentType(), "application/json");
  EXPECT_EQ(reply.body, OpenAiWire::errorBody(429, "fake provider: status 429"));
  EXPECT_NE(reply.body.find(R"("code":"rate_limit_exceeded")"), std::string::npos);
}

TEST(FakeProviderTest, ScriptStepsRunInOrderAndTheLastRepeats) {
  FakeProvider fake;
  FakeBehaviour down;
  down.status = 503;
  fake.script("a", {down, FakeBehaviour{}});

  EXPECT_EQ(post(fake.port(), "/a/v1/chat/completions", kStreamRequest).status, 503);
  EXPECT_EQ(post(fake.port(), "/a/v1/chat/completions", kStreamRequest).status, 200);
  EXPECT_EQ(post(fake.port(), "/a/v1/chat/completions", kStreamRequest).status, 200);
  EXPECT_EQ(post(fake.port(), "/b/v1/chat/completions", kStreamRequest).status, 200);
  EXPECT_EQ(fake.requests("a"), 3);
}

TEST(FakeProviderTest, CutLeavesTheChunkedBodyUnterminated) {
  FakeProvider fake;
  FakeBehaviour cut;
  cut.cutAfterTokens = 1;
  fake.script("a", {cut});

  const std::string raw = rawPost(fake.port(), "/a/v1/chat/completions", kStreamRequest);
  EXPECT_NE(raw.find(R"({"content":"Hello"})"), std::string::npos) << raw;
  EXPECT_EQ(raw.find(R"( world)"), std::string::npos) << raw;
  EXPECT_EQ(raw.find("[DONE]"), std::string::npos) << raw;
  EXPECT_NE(raw.substr(raw.size() - 5), "0\r\n\r\n") << raw;
}

TEST(FakeProviderTest, OmitDoneEndsTheBodyCleanlyWithoutDone) {
  FakeProvider fake;
  FakeBehaviour noDone;
  noDone.omitDone = true;
  fake.script("a", {noDone});

  const std::string raw = rawPost(fake.port(), "/a/v1/chat/completions", kStreamRequest);
  EXPECT_NE(raw.find(R"("finish_reason":"stop")"), std::string::npos) << raw;
  EXPECT_EQ(raw.find("[DONE]"), std::string::npos) << raw;
  EXPECT_EQ(raw.substr(raw.size() - 5), "0\r\n\r\n") << raw;
}

TEST(FakeProviderTest, MalformedFrameIsTheOnlyFault) {
  FakeProvider fake;
  FakeBehaviour broken;
  broken.malformedAfterTokens = 1;
  fake.script("a", {broken});

  const Reply reply = post(fake.port(), "/a/v1/chat/completions", kStreamRequest);
  EXPECT_EQ(reply.body, chunk(R"({"role":"assistant","content":""})", "null") +
                            chunk(R"({"content":"Hello"})", "null") +
                            "data: {\"choices\":[{\"delta\":{\"content\":\n\n" +
                            "data: [DONE]\n\n");
}

TEST(FakeProviderTest, ToolCallStreamsNameThenArguments) {
  FakeProvider fake;
  FakeBehaviour tool;
  tool.toolCallName = "get_weather";
  tool.tokens = {R"({"city":)", R"("Paris"})"};
  tool.keepAliveComments = true;
  fake.script("a", {tool});

  const Reply reply = post(fake.port(), "/a/v1/chat/completions", kStreamRequest);
  EXPECT_EQ(
      reply.body,
      chunk(R"({"role":"assistant","content":""})", "null") + ": keep-alive\n\n" +
          chunk(R"({"tool_calls":[{"index":0,"id":"call_1","type":"function",)"
                R"("function":{"name":"get_weather","arguments":""}}]})",
                "null") +
          chunk(R"({"tool_calls":[{"index":0,"function":{"arguments":"{\"city\":"}}]})", "null") +
          chunk(R"({"tool_calls":[{"index":0,"function":{"arguments":"\"Paris\"}"}}]})", "null") +
          chunk("{}", R"("tool_calls")") + "data: [DONE]\n\n");
}

TEST(FakeProviderTest, ResetBeforeHeadersSendsNothing) {
  FakeProvider fake;
  FakeBehaviour reset;
  reset.resetBeforeHeaders = true;
  fake.script("a", {reset});

  EXPECT_EQ(rawPost(fake.port(), "/a/v1/chat/completions", kStreamRequest), "");
  EXPECT_EQ(fake.requests("a"), 1);
}

TEST(FakeProviderTest, OtherPathsAndUnknownNamedRoutesAnswer404) {
  FakeProvider fake;
  EXPECT_EQ(post(fake.port(), "/a/v1/embeddings", "{}").status, 404);
  EXPECT_EQ(fake.requests("a"), 0);

  FakeProvider::Options options;
  options.unscripted = [](const std::string& route) { return namedRoute(route); };
  FakeProvider named(options);
  EXPECT_EQ(post(named.port(), "/ok/v1/chat/completions", kStreamRequest).status, 200);
  EXPECT_EQ(post(named.port(), "/fail503/v1/chat/completions", kStreamRequest).status, 503);
  EXPECT_EQ(post(named.port(), "/nonsense/v1/chat/completions", kStreamRequest).status, 404);
}

TEST(FakeProviderTest, NamedRoutesParse) {
  const auto stream = namedRoute("stream-3x25");
  ASSERT_TRUE(stream);
  EXPECT_EQ(stream->tokens.size(), 3u);
  EXPECT_EQ(stream->tokenDelayMs, 25);
  EXPECT_EQ(namedRoute("slowfirst-400")->firstTokenDelayMs, 400);
  EXPECT_EQ(namedRoute("fail503")->status, 503);
  EXPECT_FALSE(namedRoute("stream-3"));
  EXPECT_FALSE(namedRoute("slowfirst-x"));
  EXPECT_FALSE(namedRoute("stream--1x5"));
  EXPECT_EQ(namedRoute("tools")->toolCallName, "get_weather");
  EXPECT_EQ(namedRoute("cut-2")->cutAfterTokens, 2);
  EXPECT_FALSE(namedRoute("cut-"));
}

TEST(FakeProviderTest, RawFixtureRoutesServeRecordedBytesOnAnyPathAndStayInTheirFolder) {
  const std::string fixtures = std::string(MANIFOLD_FAKES_FIXTURES_DIR);
  const auto raw = namedRoute("raw.anthropic.text.sse", fixtures);
  ASSERT_TRUE(raw);
  EXPECT_NE(raw->rawBody.find("event: message_start"), std::string::npos);
  EXPECT_FALSE(namedRoute("raw.anthropic.text.sse")) << "no folder, no raw routes";
  EXPECT_FALSE(namedRoute("raw.anthropic.missing.sse", fixtures));
  EXPECT_FALSE(namedRoute("raw.anthropic...%2f..%2fsecret", fixtures));
  EXPECT_FALSE(namedRoute("raw.anthropic", fixtures));

  FakeProvider::Options options;
  options.unscripted = [fixtures](const std::string& route) { return namedRoute(route, fixtures); };
  FakeProvider named(options);
  const auto answer = post(named.port(), "/raw.anthropic.text.sse/v1/messages", "{}");
  EXPECT_EQ(answer.status, 200);
  EXPECT_EQ(answer.body, raw->rawBody);
  EXPECT_EQ(named.requests("raw.anthropic.text.sse"), 1);
}

TEST(FakeProviderTest, KeepAliveReusesOneConnection) {
  FakeProvider fake;
  Poco::Net::HTTPClientSession session("127.0.0.1", fake.port());
  session.setKeepAlive(true);
  session.setTimeout(Poco::Timespan(10, 0));
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(post(session, "/a/v1/chat/completions", kStreamRequest).status, 200);
  }
  EXPECT_EQ(fake.connectionsAccepted(), 1);
  EXPECT_EQ(post(fake.port(), "/a/v1/chat/completions", kStreamRequest).status, 200);
  EXPECT_EQ(fake.connectionsAccepted(), 2);
}

TEST(FakeProviderTest, ClientLeavingDuringAStallCountsAsAbandoned) {
  FakeProvider fake;
  FakeBehaviour stall;
  stall.stallAfterTokens = 1;
  stall.stallMs = 60'000;
  fake.script("a", {stall});
  {
    Poco::Net::StreamSocket socket(Poco::Net::SocketAddress("127.0.0.1", fake.port()));
    const std::string request =
        "POST /a/v1/chat/completions HTTP/1.1\r\nHost: x\r\n"
        "Content-Length: " +
        std::to_string(kStreamRequest.size()) + "\r\n\r\n" + kStreamRequest;
    socket.sendBytes(request.data(), static_cast<int>(request.size()));
    socket.setReceiveTimeout(Poco::Timespan(10, 0));
    std::string seen;
    char buffer[4096];
    while (seen.find("Hello") == std::string::npos) {
      const int n = socket.receiveBytes(buffer, sizeof(buffer));
      ASSERT_GT(n, 0);
      seen.append(buffer, n);
    }
  }  // the client hangs up mid-stall
  EXPECT_TRUE(fake.waitAbandoned("a", 1, 5s));
  EXPECT_EQ(fake.abandoned("a"), 1);
}

Reply get(uint16_t port, const std::string& path) {
  Poco::Net::HTTPClientSession session("127.0.0.1", port);
  session.setTimeout(Poco::Timespan(10, 0));
  Poco::Net::HTTPRequest request("GET", path, Poco::Net::HTTPMessage::HTTP_1_1);
  session.sendRequest(request);
  Reply reply;
  std::istream& in = session.receiveResponse(reply.head);
  reply.status = reply.head.getStatus();
  Poco::StreamCopier::copyToString(in, reply.body);
  return reply;
}

TEST(FakeProviderTest, LedgerQueriesTellWhenARequestWasAdmittedAndAbandoned) {
  FakeProvider fake;
  FakeBehaviour slow;
  slow.firstTokenDelayMs = 60'000;
  fake.script("a", {slow});
  EXPECT_EQ(get(fake.port(), "/_ledger/a").body, R"({"route":"a","requests":0,"abandoned":0})");
  EXPECT_EQ(get(fake.port(), "/_ledger/a/abandoned/1?wait_ms=20").status, 504);

  Poco::Net::StreamSocket socket(Poco::Net::SocketAddress("127.0.0.1", fake.port()));
  const std::string request =
      "POST /a/v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Length: " +
      std::to_string(kStreamRequest.size()) + "\r\n\r\n" + kStreamRequest;
  socket.sendBytes(request.data(), static_cast<int>(request.size()));
  EXPECT_EQ(get(fake.port(), "/_ledger/a/requests/1?wait_ms=5000").status, 200);
  EXPECT_EQ(get(fake.port(), "/_ledger/a/requests/2?wait_ms=20").status, 504);
  const auto closed = std::chrono::steady_clock::now();
  socket.close();

  const Reply abandoned = get(fake.port(), "/_ledger/a/abandoned/1?wait_ms=5000");
  EXPECT_EQ(abandoned.status, 200);
  const size_t at = abandoned.body.find("\"abandonedNs\":");
  ASSERT_NE(at, std::string::npos) << abandoned.body;
  const auto seen = std::chrono::steady_clock::time_point(
      std::chrono::nanoseconds(std::stoll(abandoned.body.substr(at + 14))));
  EXPECT_GE(seen, closed);
  EXPECT_LT(seen - closed, 1s);  // seen on the close itself, not at the 60 s token
  EXPECT_EQ(get(fake.port(), "/_ledger/a/nonsense/1").status, 404);
}

TEST(FakeProviderTest, StopsPromptlyWhileAHandlerStalls) {
  auto fake = std::make_unique<FakeProvider>();
  FakeBehaviour silent;
  silent.headerDelayMs = 60'000;
  fake->script("a", {silent});
  std::thread client([port = fake->port()] { rawPost(port, "/a/v1/chat/completions", "{}"); });
  while (fake->requests("a") == 0) std::this_thread::sleep_for(5ms);

  const auto start = std::chrono::steady_clock::now();
  fake.reset();
  EXPECT_LT(std::chrono::steady_clock::now() - start, 10s);  // far below the 60 s delay
  client.join();
}

TEST(FakeProviderTest, ServesTlsWithTheTestCa) {
  FakeProvider::Options options;
  options.tls = true;
  options.certFile = fixture("server.pem");
  options.keyFile = fixture("server.key");
  FakeProvider fake(options);
  EXPECT_EQ(fake.baseUrl("a"), "https://127.0.0.1:" + std::to_string(fake.port()) + "/a/v1");

  for (const std::string host : {"127.0.0.1", "localhost"}) {
    Poco::Net::Context::Ptr trusting =
        new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "", "", fixture("ca.pem"),
                               Poco::Net::Context::VERIFY_RELAXED);
    Poco::Net::HTTPSClientSession session(host, fake.port(), trusting);
    session.setTimeout(Poco::Timespan(10, 0));
    const Reply reply = post(session, "/a/v1/chat/completions", kStreamRequest);
    EXPECT_EQ(reply.status, 200) << host;
    EXPECT_NE(reply.body.find("data: [DONE]"), std::string::npos) << host;
  }

  Poco::Net::Context::Ptr stranger =
      new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "", "", fixture("other-ca.pem"),
                             Poco::Net::Context::VERIFY_RELAXED);
  Poco::Net::HTTPSClientSession session("127.0.0.1", fake.port(), stranger);
  EXPECT_THROW(post(session, "/a/v1/chat/completions", kStreamRequest), Poco::Exception);
}

TEST(FakeProviderTest, SeesATlsClientLeaveMidStream) {
  FakeProvider::Options options;
  options.tls = true;
  options.certFile = fixture("server.pem");
  options.keyFile = fixture("server.key");
  FakeProvider fake(options);
  FakeBehaviour slow;
  slow.tokens.assign(200, "tok ");
  slow.tokenDelayMs = 5;
  fake.script("a", {slow});
  {
    Poco::Net::Context::Ptr trusting =
        new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "", "", fixture("ca.pem"),
                               Poco::Net::Context::VERIFY_RELAXED);
    Poco::Net::HTTPSClientSession session("localhost", fake.port(), trusting);
    Poco::Net::HTTPRequest request("POST", "/a/v1/chat/completions",
                                   Poco::Net::HTTPMessage::HTTP_1_1);
    request.setContentLength(static_cast<std::streamsize>(kStreamRequest.size()));
    session.sendRequest(request) << kStreamRequest;
    Poco::Net::HTTPResponse response;
    std::istream& in = session.receiveResponse(response);
    std::string line;
    while (line.find("tok") == std::string::npos && std::getline(in, line)) {
    }
    session.abort();
  }
  EXPECT_TRUE(fake.waitAbandoned("a", 1, 5s));
}

TEST(ConnectProxyTest, TunnelsConnectToTheTarget) {
  FakeProvider fake;
  ConnectProxy proxy;
  const std::string target = "127.0.0.1:" + std::to_string(fake.port());

  const std::string raw = rawExchange(
      proxy.port(), "CONNECT " + target + " HTTP/1.1\r\nHost: " + target + "\r\n\r\n" +
                        "POST /a/v1/chat/completions HTTP/1.1\r\nHost: " + target +
                        "\r\nConnection: close\r\nContent-Length: " +
                        std::to_string(kStreamRequest.size()) + "\r\n\r\n" + kStreamRequest);

  EXPECT_EQ(raw.rfind("HTTP/1.1 200 Connection established\r\n\r\nHTTP/1.1 200 OK\r\n", 0), 0u)
      << raw;
  EXPECT_NE(raw.find("data: [DONE]"), std::string::npos) << raw;
  EXPECT_EQ(proxy.tunnels(), 1);
  EXPECT_EQ(proxy.targets(), std::vector<std::string>{target});
  EXPECT_EQ(fake.requests("a"), 1);
  EXPECT_EQ(proxy.url(), "http://127.0.0.1:" + std::to_string(proxy.port()));
}

TEST(ConnectProxyTest, TunnelsTlsForAPocoClient) {
  FakeProvider::Options options;
  options.tls = true;
  options.certFile = fixture("server.pem");
  options.keyFile = fixture("server.key");
  FakeProvider fake(options);
  ConnectProxy proxy;

  Poco::Net::Context::Ptr trusting =
      new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "", "", fixture("ca.pem"),
                             Poco::Net::Context::VERIFY_RELAXED);
  Poco::Net::HTTPSClientSession session("localhost", fake.port(), trusting);
  session.setProxy("127.0.0.1", proxy.port());
  session.setTimeout(Poco::Timespan(10, 0));
  EXPECT_EQ(post(session, "/a/v1/chat/completions", kStreamRequest).status, 200);
  EXPECT_EQ(proxy.tunnels(), 1);
  EXPECT_EQ(proxy.targets(), std::vector<std::string>{"localhost:" + std::to_string(fake.port())});
}

TEST(ConnectProxyTest, ForwardsAbsoluteFormPlainRequests) {
  FakeProvider fake;
  ConnectProxy proxy;
  Poco::Net::HTTPClientSession session("127.0.0.1", fake.port());
  session.setProxy("127.0.0.1", proxy.port());
  session.setTimeout(Poco::Timespan(10, 0));

  const Reply reply = post(session, "/a/v1/chat/completions", kStreamRequest);
  EXPECT_EQ(reply.status, 200);
  EXPECT_NE(reply.body.find("data: [DONE]"), std::string::npos);
  EXPECT_EQ(fake.requests("a"), 1);
  EXPECT_EQ(proxy.tunnels(), 0);
  EXPECT_EQ(proxy.targets(), std::vector<std::string>{"127.0.0.1:" + std::to_string(fake.port())});
}

TEST(ConnectProxyTest, AnswersBadGatewayWhenTheTargetIsDown) {
  ConnectProxy proxy;
  Poco::Net::ServerSocket closed(Poco::Net::SocketAddress("127.0.0.1", 0));
  const std::string target = "127.0.0.1:" + std::to_string(closed.address().port());
  closed.close();
  const std::string raw =
      rawExchange(proxy.port(), "CONNECT " + target + " HTTP/1.1\r\nHost: " + target + "\r\n\r\n");
  EXPECT_EQ(raw.rfind("HTTP/1.1 502", 0), 0u) << raw;
  EXPECT_EQ(proxy.tunnels(), 0);
}

}  // namespace
}  // namespace manifold::test
