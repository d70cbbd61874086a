// The host's upstream client against real servers on loopback: keep-alive
// pooling, the stale-connection retry, TLS verification, proxies, limits.
#include <gtest/gtest.h>

#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/String.h>

#include <map>
#include <thread>

#include "FakeProvider.h"
#include "support/ConnectProxy.h"
#include "upstream/HostResolver.h"
#include "upstream/PooledHttpExchange.h"

namespace manifold::upstream {
namespace {

std::string fixture(const std::string& name) {
  return std::string(MANIFOLD_SOURCE_DIR) + "/tests/fixtures/tls/" + name;
}

struct Reply {
  int status = 0;
  std::string body;
  TransportFailure failure;
};

Reply post(PooledHttpExchange& http, const std::string& url) {
  Reply reply;
  OutboundRequest request;
  request.method = "POST";
  request.url = url;
  request.body = R"({"model":"m","stream":true,"messages":[{"role":"user","content":"hi"}]})";
  ResponseHandler handler;
  handler.onHead = [&](int status, const HeaderList&) { reply.status = status; };
  handler.onChunk = [&](std::string_view chunk) {
    reply.body.append(chunk);
    return true;
  };
  reply.failure = http.send(request, handler);
  return reply;
}

// Loopback is refused by default: each test allows its own server's port, by
// address and by name, as an operator would.
config::EgressConfig egress(uint16_t port, const std::string& caFile = "") {
  config::EgressConfig e;
  e.allow = {"127.0.0.1:" + std::to_string(port), "localhost:" + std::to_string(port)};
  e.caFile = caFile;
  e.connectTimeoutMs = 2000;
  e.requestTimeoutMs = 5000;
  return e;
}

ProxySettings noProxy() {
  return ProxySettings("", "", "");
}

TEST(PooledHttpExchangeTest, KeepAliveConnectionsAreReused) {
  test::FakeProvider fake;
  PooledHttpExchange http(egress(fake.port()), noProxy());
  for (int i = 0; i < 5; ++i) {
    Reply r = post(http, fake.baseUrl("ok") + "/chat/completions");
    ASSERT_FALSE(r.failure) << r.failure.message;
    EXPECT_EQ(r.status, 200);
    EXPECT_NE(r.body.find("data: [DONE]"), std::string::npos);
  }
  EXPECT_EQ(fake.connectionsAccepted(), 1);
  EXPECT_EQ(http.idleConnections(), 1u);
}

// Answers the first request on a connection, then closes that connection
// when its second request arrives, as a server whose idle timer fired would.
class ClosingServer {
 public:
  ClosingServer() : socket_(Poco::Net::SocketAddress("127.0.0.1", 0)), thread_([this] { run(); }) {}
  ~ClosingServer() {
    socket_.close();
    thread_.join();
  }
  uint16_t port() const { return socket_.address().port(); }
  int connections() const { return connections_; }

 private:
  static bool readRequest(Poco::Net::StreamSocket& s) {
    std::string head;
    char c;
    while (head.find("\r\n\r\n") == std::string::npos)
      if (s.receiveBytes(&c, 1) != 1)
        return false;
      else
        head += c;
    const size_t at = head.find("Content-Length: ");
    const int length = at == std::string::npos ? 0 : std::stoi(head.substr(at + 16));
    std::string body(static_cast<size_t>(length), '\0');
    int got = 0;
    while (got < length) got += s.receiveBytes(body.data() + got, length - got);
    return true;
  }
  // Two connections: the first answers once and then closes on the next
  // request; the second (the client's retry) answers once.
  void run() {
    try {
      for (int i = 0; i < 2; ++i) {
        Poco::Net::StreamSocket conn = socket_.acceptConnection();
        conn.setReceiveTimeout(Poco::Timespan(5, 0));
        ++connections_;
        if (!readRequest(conn)) continue;
        const std::string ok = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
        conn.sendBytes(ok.data(), static_cast<int>(ok.size()));
        if (i == 0 && readRequest(conn)) conn.close();
      }
    } catch (const Poco::Exception&) {
    }
  }
  Poco::Net::ServerSocket socket_;
  std::atomic<int> connections_{0};
  std::thread thread_;
};

TEST(PooledHttpExchangeTest, StalePooledConnectionIsRetriedOnceOnAFreshOne) {
  ClosingServer server;
  PooledHttpExchange http(egress(server.port()), noProxy());
  const std::string url = "http://127.0.0.1:" + std::to_string(server.port()) + "/x";
  Reply first = post(http, url);
  ASSERT_FALSE(first.failure) << first.failure.message;
  Reply second = post(http, url);
  EXPECT_FALSE(second.failure) << second.failure.message;
  EXPECT_EQ(second.status, 200);
  EXPECT_EQ(second.body, "ok");
  EXPECT_EQ(server.connections(), 2);
}

test::FakeProvider::Options tlsOptions() {
  test::FakeProvider::Options o;
  o.tls = true;
  o.certFile = fixture("server.pem");
  o.keyFile = fixture("server.key");
  return o;
}

TEST(PooledHttpExchangeTest, TlsUpstreamIsVerifiedAgainstTheConfiguredCa) {
  test::FakeProvider fake(tlsOptions());
  PooledHttpExchange http(egress(fake.port(), fixture("ca.pem")), noProxy());
  Reply r = post(http, fake.baseUrl("ok", "localhost") + "/chat/completions");
  ASSERT_FALSE(r.failure) << r.failure.message;
  EXPECT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("Hello"), std::string::npos);
}

TEST(PooledHttpExchangeTest, TlsUpstreamSignedByAnUnknownCaIsRefused) {
  test::FakeProvider fake(tlsOptions());
  PooledHttpExchange http(egress(fake.port(), fixture("other-ca.pem")), noProxy());
  Reply r = post(http, fake.baseUrl("ok", "localhost") + "/chat/completions");
  EXPECT_EQ(r.failure.kind, TransportFailure::Kind::Tls) << r.failure.message;
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(fake.requests("ok"), 0);
}

TEST(PooledHttpExchangeTest, HttpsGoesThroughAConnectTunnelWhenAProxyIsSet) {
  test::FakeProvider fake(tlsOptions());
  test::ConnectProxy proxy;
  PooledHttpExchange http(egress(fake.port(), fixture("ca.pem")),
                          ProxySettings(proxy.url(), "", ""));
  Reply r = post(http, fake.baseUrl("ok", "localhost") + "/chat/completions");
  ASSERT_FALSE(r.failure) << r.failure.message;
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(proxy.tunnels(), 1);
}

TEST(PooledHttpExchangeTest, PlainHttpUsesTheHttpProxyAndNoProxyBypassesIt) {
  test::FakeProvider fake;
  test::ConnectProxy proxy;
  PooledHttpExchange viaProxy(egress(fake.port()), ProxySettings("", proxy.url(), ""));
  Reply r = post(viaProxy, fake.baseUrl("ok") + "/chat/completions");
  ASSERT_FALSE(r.failure) << r.failure.message;
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(proxy.targets().size(), 1u);

  PooledHttpExchange bypass(egress(fake.port()),
                            ProxySettings(proxy.url(), proxy.url(), "localhost,127.0.0.1"));
  Reply direct = post(bypass, fake.baseUrl("ok") + "/chat/completions");
  ASSERT_FALSE(direct.failure) << direct.failure.message;
  EXPECT_EQ(proxy.targets().size(), 1u) << "NO_PROXY hosts are reached directly";
}

TEST(ProxySettingsTest, NoProxyMatchesHostsAndDomainSuffixes) {
  ProxySettings s("http://proxy:3128", "", "internal.example, .corp.net, localhost");
  EXPECT_TRUE(s.proxyFor("https", "api.openai.com"));
  EXPECT_EQ(s.proxyFor("https", "api.openai.com").port, 3128);
  EXPECT_FALSE(s.proxyFor("https", "internal.example"));
  EXPECT_FALSE(s.proxyFor("https", "a.internal.example"));
  EXPECT_FALSE(s.proxyFor("https", "x.corp.net"));
  EXPECT_FALSE(s.proxyFor("https", "LOCALHOST"));
  EXPECT_FALSE(s.proxyFor("http", "api.openai.com")) << "HTTP_PROXY is not set";
  EXPECT_FALSE(ProxySettings("http://proxy:3128", "", "*").proxyFor("https", "any.host"));
}

TEST(PooledHttpExchangeTest, OversizedResponseHeadIsAnError) {
  Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
  std::thread server([&] {
    Poco::Net::StreamSocket conn = socket.acceptConnection();
    std::string head = "HTTP/1.1 200 OK\r\n";
    for (int i = 0; i < 2000; ++i)
      head += "X-Filler-" + std::to_string(i) + ": aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n";
    head += "\r\n";
    try {
      conn.sendBytes(head.data(), static_cast<int>(head.size()));
    } catch (const Poco::Exception&) {
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  });
  PooledHttpExchange http(egress(socket.address().port()), noProxy());
  Reply r = post(http, "http://127.0.0.1:" + std::to_string(socket.address().port()) + "/x");
  server.join();
  EXPECT_EQ(r.failure.kind, TransportFailure::Kind::Io);
  EXPECT_NE(r.failure.message.find("too large"), std::string::npos) << r.failure.message;
}

// Names under .invalid that only this table answers, counted: no system
// lookup can succeed for them, so a connection that works went to the
// address the policy checked.
class PinningResolver : public HostResolver {
 public:
  bool resolve(const std::string& name, std::vector<Poco::Net::IPAddress>& addresses,
               std::string& problem) const override {
    ++lookups_;
    if (name != "pinned.invalid") {
      problem = "host not found";
      return false;
    }
    addresses.emplace_back("127.0.0.1");
    return true;
  }
  mutable std::atomic<int> lookups_{0};
};

TEST(PooledHttpExchangeTest, TheConnectionGoesToTheCheckedAddressNotTheName) {
  test::FakeProvider fake;
  const std::string port = std::to_string(fake.port());
  auto resolver = std::make_shared<PinningResolver>();
  config::EgressConfig e = egress(fake.port());
  e.allow = {"pinned.invalid:" + port};
  PooledHttpExchange http(e, noProxy(), resolver);
  Reply r = post(http, "http://pinned.invalid:" + port + "/ok/v1/chat/completions");
  ASSERT_FALSE(r.failure) << r.failure.message;
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(resolver->lookups_, 1) << "one lookup, no second one to rebind";
  const std::vector<test::HeaderList> headers = fake.requestHeaders("ok");
  ASSERT_EQ(headers.size(), 1u);
  bool hostKept = false;
  for (const auto& [name, value] : headers[0])
    hostKept = hostKept || (Poco::icompare(name, "host") == 0 && value == "pinned.invalid:" + port);
  EXPECT_TRUE(hostKept) << "the Host header keeps the name";
}

TEST(PooledHttpExchangeTest, RefusedDestinationsAreNeverConnectedTo) {
  test::FakeProvider fake;
  const std::string port = std::to_string(fake.port());
  config::EgressConfig nothingAllowed = egress(fake.port());
  nothingAllowed.allow.clear();
  PooledHttpExchange http(nothingAllowed, noProxy());
  for (const std::string host : {"127.0.0.1", "2130706433", "0x7f000001", "127.1", "[::1]",
                                 "[::ffff:127.0.0.1]", "localhost", "LOCALHOST."}) {
    Reply r = post(http, "http://" + host + ":" + port + "/ok/v1/chat/completions");
    EXPECT_EQ(r.failure.kind, TransportFailure::Kind::Forbidden)
        << host << ": " << r.failure.message;
    EXPECT_EQ(r.failure.message.rfind("egress refused: ", 0), 0u) << r.failure.message;
  }
  EXPECT_EQ(fake.connectionsAccepted(), 0);
}

TEST(PooledHttpExchangeTest, AProxiedRequestIsScreenedBeforeTheProxyIsAsked) {
  test::ConnectProxy proxy;
  PooledHttpExchange http(egress(1), ProxySettings(proxy.url(), proxy.url(), ""));
  Reply r = post(http, "http://169.254.169.254/latest/meta-data/");
  EXPECT_EQ(r.failure.kind, TransportFailure::Kind::Forbidden) << r.failure.message;
  r = post(http, "https://0xA9FEA9FE/latest/meta-data/");
  EXPECT_EQ(r.failure.kind, TransportFailure::Kind::Forbidden) << r.failure.message;
  EXPECT_TRUE(proxy.targets().empty());
  EXPECT_EQ(proxy.tunnels(), 0);
}

}  // namespace
}  // namespace manifold::upstream
