// Manus's RSA-SHA256 webhook signatures, made by the real `openssl` command
// line with a key it generates, verified by ManusSignature: every change to
// what was signed, a stale or future timestamp and another key are refused.
#include <gtest/gtest.h>

#include "support/OpenSsl.h"
#include "support/TempDir.h"
#include "webhooks/ManusSignature.h"

namespace manifold::webhooks {
namespace {

constexpr int64_t kNow = 1'780'000'000;
const std::string kUrl = "https://gw.example.com/webhooks/manus?tenant=a";
const std::string kBody = R"({"event_type":"task_stopped","task_detail":{"task_id":"t1"}})";

using test::openssl;

std::string readFile(const std::filesystem::path& path) {
  return test::readTextFile(path.string());
}

class ManusSignatureTest : public ::testing::Test {
 protected:
  // Two RSA keys for the whole suite: making them is most of its time.
  static void SetUpTestSuite() {
    dir_ = new test::TempDir;
    for (const char* name : {"manus", "other"})
      test::makeRsaKeyPair((*dir_ / (std::string(name) + ".key")).string());
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  void SetUp() override { publicPem_ = readFile(*dir_ / "manus.key.pub"); }

  // What Manus sends in X-Webhook-Signature for this content, signed by `key`.
  std::string sign(const std::string& timestamp, const std::string& url, const std::string& body,
                   const std::string& key = "manus") {
    const std::string content = ManusSignature::signedContent(timestamp, url, body);
    std::string signature =
        openssl({"dgst", "-sha256", "-sign", (*dir_ / (key + ".key")).string()}, content);
    return openssl({"base64", "-A"}, signature);
  }

  static test::TempDir* dir_;
  std::string publicPem_;
};

test::TempDir* ManusSignatureTest::dir_ = nullptr;

TEST_F(ManusSignatureTest, TheSignedContentIsTimestampUrlAndTheBodysSha256Hex) {
  EXPECT_EQ(ManusSignature::signedContent("1704067200", "https://a.example/hook", "abc"),
            "1704067200.https://a.example/hook."
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_F(ManusSignatureTest, ASignatureOpensslMadeVerifies) {
  const ManusSignature manus(publicPem_);
  const std::string ts = std::to_string(kNow - 10);
  const Verdict v = manus.verify(sign(ts, kUrl, kBody), ts, kUrl, kBody, kNow);
  EXPECT_TRUE(v.valid) << v.reason;
}

TEST_F(ManusSignatureTest, AnyChangeToWhatWasSignedIsRefused) {
  const ManusSignature manus(publicPem_);
  const std::string ts = std::to_string(kNow);
  const std::string signature = sign(ts, kUrl, kBody);
  EXPECT_FALSE(manus.verify(signature, ts, kUrl, kBody + " ", kNow).valid) << "body changed";
  EXPECT_FALSE(
      manus.verify(signature, ts, "https://gw.example.com/webhooks/manus", kBody, kNow).valid)
      << "another URL (the query left out)";
  const std::string later = std::to_string(kNow + 1);
  EXPECT_FALSE(manus.verify(signature, later, kUrl, kBody, kNow).valid) << "timestamp changed";
  EXPECT_FALSE(manus.verify(sign(ts, kUrl, kBody, "other"), ts, kUrl, kBody, kNow).valid)
      << "signed by another key";
  const Verdict garbage = manus.verify("not base64!", ts, kUrl, kBody, kNow);
  EXPECT_FALSE(garbage.valid);
  EXPECT_NE(garbage.reason.find("base64"), std::string::npos) << garbage.reason;
}

TEST_F(ManusSignatureTest, StaleAndFutureTimestampsAreRefusedEvenWhenSigned) {
  const ManusSignature manus(publicPem_);
  const std::string stale = std::to_string(kNow - 301), future = std::to_string(kNow + 301);
  const Verdict old = manus.verify(sign(stale, kUrl, kBody), stale, kUrl, kBody, kNow);
  EXPECT_FALSE(old.valid);
  EXPECT_NE(old.reason.find("too old"), std::string::npos) << old.reason;
  const Verdict ahead = manus.verify(sign(future, kUrl, kBody), future, kUrl, kBody, kNow);
  EXPECT_FALSE(ahead.valid);
  EXPECT_NE(ahead.reason.find("future"), std::string::npos) << ahead.reason;
  EXPECT_FALSE(manus.verify("c2ln", "12ab", kUrl, kBody, kNow).valid) << "not a number";
}

TEST_F(ManusSignatureTest, AKeyThatIsNotAnRsaPublicKeyIsAConfigurationError) {
  EXPECT_THROW(ManusSignature("not a key"), std::invalid_argument);
  EXPECT_THROW(ManusSignature(""), std::invalid_argument);
}

}  // namespace
}  // namespace manifold::webhooks
