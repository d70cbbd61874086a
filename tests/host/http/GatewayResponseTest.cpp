// GatewayResponse writes its own response head: Poco's headers and the
// gateway's, in one piece. These tests read the bytes it puts on a real
// loopback socket, for a body of known length (where Poco first measures the
// head) and for a chunked stream.
#include <gtest/gtest.h>

#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerSession.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/StreamSocket.h>

#include <string>

#include "http/GatewayResponse.h"

namespace manifold::http {
namespace {

class GatewayResponseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    client_.connect(listener_.address());
    server_ = listener_.acceptConnection();
    params_ = new Poco::Net::HTTPServerParams;
  }

  // Everything the server side sent; its session closed the socket.
  std::string received() {
    std::string out;
    char buffer[4096];
    int n;
    while ((n = client_.receiveBytes(buffer, sizeof(buffer))) > 0) out.append(buffer, n);
    return out;
  }

  Poco::Net::ServerSocket listener_{Poco::Net::SocketAddress("127.0.0.1", 0)};
  Poco::Net::StreamSocket client_, server_;
  Poco::Net::HTTPServerParams::Ptr params_;
};

TEST_F(GatewayResponseTest, AKnownLengthBodyFollowsAHeadWithBothKindsOfHeaders) {
  {
    Poco::Net::HTTPServerSession session(server_, params_);
    GatewayResponse response(session);
    response.set("x-request-id", "req-1");
    response.setFast("x-manifold-engine", "first");
    response.setFast("x-ratelimit-limit-requests", "60");
    response.setFast("X-Manifold-Engine", "second");  // replaces, ASCII case ignored
    response.setContentType("application/json");
    response.setContentLength(11);
    response.send() << R"({"ok":true})";
  }
  EXPECT_EQ(received(),
            "HTTP/1.0 200 OK\r\n"
            "x-request-id: req-1\r\n"
            "Content-Type: application/json\r\n"
            "Content-Length: 11\r\n"
            "x-manifold-engine: second\r\n"
            "x-ratelimit-limit-requests: 60\r\n"
            "\r\n"
            R"({"ok":true})");
}

TEST_F(GatewayResponseTest, AChunkedStreamGetsTheSameHead) {
  {
    Poco::Net::HTTPServerSession session(server_, params_);
    GatewayResponse response(session);
    response.setVersion(Poco::Net::HTTPMessage::HTTP_1_1);
    response.setStatusAndReason(Poco::Net::HTTPResponse::HTTP_TOO_MANY_REQUESTS);
    response.setFast("Retry-After", "2");
    response.setChunkedTransferEncoding(true);
    std::ostream& body = response.send();
    body << "data: 1\n\n";
    body.flush();
  }
  EXPECT_EQ(received(),
            "HTTP/1.1 429 Too Many Requests\r\n"
            "Transfer-Encoding: chunked\r\n"
            "Retry-After: 2\r\n"
            "\r\n"
            "9\r\ndata: 1\n\n\r\n"
            "0\r\n\r\n");
}

TEST_F(GatewayResponseTest, SetGatewayHeaderFallsBackToSetOnOtherResponses) {
  Poco::Net::HTTPServerSession session(server_, params_);
  Poco::Net::HTTPServerResponseImpl plain(session);
  setGatewayHeader(plain, "x-manifold-mode", "fast");
  EXPECT_EQ(plain.get("x-manifold-mode", ""), "fast");
  GatewayResponse gateway(session);
  setGatewayHeader(gateway, "x-manifold-mode", "fast");
  EXPECT_FALSE(gateway.has("x-manifold-mode")) << "kept apart from Poco's list";
}

}  // namespace
}  // namespace manifold::http
