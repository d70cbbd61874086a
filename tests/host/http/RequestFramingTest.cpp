// Request smuggling (RFC 9112 section 6.1 and 6.3): a request whose body
// length could be read two ways is refused with a 400 and its connection is
// closed, so no bytes after it are taken as another request.
#include <gtest/gtest.h>

#include <Poco/String.h>

#include "support/OpenAiAssertions.h"
#include "support/RawHttp.h"
#include "support/TestGateway.h"
#include "support/TestPaths.h"

namespace manifold::test {
namespace {

class RequestFramingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    gateway_ =
        std::make_unique<TestGateway>(demoConfig("", ""), std::vector<std::string>{demoPlugin()});
  }

  RawExchange send(const std::string& bytes) { return sendRaw(gateway_->server().port(), bytes); }

  // One 400 with the gateway's error body, then the connection closed.
  static void expectRefusedAndClosed(const RawExchange& r, const std::string& code) {
    expectOpenAiError(r.first, 400, "");
    EXPECT_EQ(parseObject(r.first.body)->getValue<std::string>("type"), "error");
    EXPECT_EQ(parseObject(r.first.body)->getObject("error")->getValue<std::string>("code"), code);
    EXPECT_EQ(Poco::toLower(r.first.header("connection")), "close");
    EXPECT_TRUE(r.closed);
    EXPECT_EQ(r.responses(), 1) << r.received;
  }

  std::unique_ptr<TestGateway> gateway_;
};

// The classic CL.TE shape: a front end that honours Content-Length would
// forward the GET as the next request; one that honours chunked sees it here.
TEST_F(RequestFramingTest, ContentLengthWithTransferEncodingIs400AndCloses) {
  const std::string smuggled = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
  const std::string chunked = "0\r\n\r\n";
  const std::string request =
      "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\n"
      "Content-Type: application/json\r\n"
      "Content-Length: " +
      std::to_string(chunked.size() + smuggled.size()) + "\r\nTransfer-Encoding: chunked\r\n\r\n" +
      chunked + smuggled;
  expectRefusedAndClosed(send(request), "ambiguous_framing");
}

TEST_F(RequestFramingTest, EvenOnAGetWithNoBody) {
  expectRefusedAndClosed(send("GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n"
                              "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
                         "ambiguous_framing");
}

TEST_F(RequestFramingTest, TwoDifferentContentLengthsAre400AndClose) {
  expectRefusedAndClosed(send("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\n"
                              "Content-Length: 2\r\nContent-Length: 40\r\n\r\n{}"),
                         "ambiguous_framing");
}

// RFC 9112 section 6.3: chunked must be the final coding, or the length is unknown.
TEST_F(RequestFramingTest, ATransferCodingOtherThanChunkedIs400AndCloses) {
  expectRefusedAndClosed(send("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\n"
                              "Transfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n"),
                         "ambiguous_framing");
}

TEST_F(RequestFramingTest, AContentLengthThatIsNotANumberIs400AndCloses) {
  for (const char* length : {"abc", "-5", "2, 2"})
    expectRefusedAndClosed(send(std::string("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\n"
                                            "Content-Length: ") +
                                length + "\r\n\r\n{}"),
                           "ambiguous_framing");
}

// Chunked after another coding is well framed, but the gateway decodes only chunked.
TEST_F(RequestFramingTest, ACodingBeforeChunkedIs501AndCloses) {
  const RawExchange r = send(
      "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\n"
      "Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n");
  expectOpenAiError(r.first, 501, "gzip");
  EXPECT_EQ(parseObject(r.first.body)->getObject("error")->getValue<std::string>("code"),
            "unsupported_transfer_coding");
  EXPECT_TRUE(r.closed);
  EXPECT_EQ(r.responses(), 1) << r.received;
}

TEST_F(RequestFramingTest, PlainChunkedAndPlainContentLengthAreServed) {
  const std::string body = chatBody("fast", false);
  char size[16];
  std::snprintf(size, sizeof(size), "%zx", body.size());
  RawExchange r = send(
      "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: "
      "application/json\r\nTransfer-Encoding: chunked\r\n\r\n" +
      std::string(size) + "\r\n" + body + "\r\n0\r\n\r\n");
  EXPECT_EQ(r.first.status, 200) << r.received.substr(0, 300);
  r = send(
      "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
      "Content-Length: " +
      std::to_string(body.size()) + "\r\n\r\n" + body);
  EXPECT_EQ(r.first.status, 200) << r.received.substr(0, 300);
  // A keep-alive connection stays open after a well-framed request.
  EXPECT_FALSE(r.closed);
}

}  // namespace
}  // namespace manifold::test
