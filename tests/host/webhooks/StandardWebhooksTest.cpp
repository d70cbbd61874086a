// The Standard Webhooks scheme against the specification's published test
// vector, plus every way a delivery must be refused.
#include <gtest/gtest.h>

#include <stdexcept>

#include "webhooks/StandardWebhooks.h"

namespace manifold::webhooks {
namespace {

// From the Standard Webhooks specification's reference libraries.
constexpr const char* kSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
constexpr const char* kId = "msg_p5jXN8AQM9LWM0D4loKWxJek";
constexpr int64_t kTimestamp = 1614265330;
constexpr const char* kBody = R"({"test": 2432232314})";
constexpr const char* kSignature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

TEST(StandardWebhooksTest, SignsTheSpecificationTestVector) {
  EXPECT_EQ(StandardWebhooks(kSecret).sign(kId, kTimestamp, kBody), kSignature);
}

TEST(StandardWebhooksTest, TheSecretMayOmitItsPrefix) {
  EXPECT_EQ(StandardWebhooks("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").sign(kId, kTimestamp, kBody),
            kSignature);
}

TEST(StandardWebhooksTest, VerifiesTheTestVector) {
  const Verdict v =
      StandardWebhooks(kSecret).verify(kId, "1614265330", kSignature, kBody, kTimestamp);
  EXPECT_TRUE(v.valid) << v.reason;
}

TEST(StandardWebhooksTest, AnyValidEntryOfARotatedHeaderIsEnough) {
  const StandardWebhooks hooks(kSecret);
  const std::string rotated = std::string("v1,bm90IHRoZSByaWdodCBvbmU= v1a,xyz ") + kSignature;
  EXPECT_TRUE(hooks.verify(kId, "1614265330", rotated, kBody, kTimestamp).valid);
}

TEST(StandardWebhooksTest, RefusesATamperedBodyIdOrTimestamp) {
  const StandardWebhooks hooks(kSecret);
  const Verdict body =
      hooks.verify(kId, "1614265330", kSignature, R"({"test": 2432232315})", kTimestamp);
  EXPECT_FALSE(body.valid);
  EXPECT_NE(body.reason.find("no webhook-signature entry matches"), std::string::npos)
      << body.reason;
  EXPECT_FALSE(hooks.verify("msg_other", "1614265330", kSignature, kBody, kTimestamp).valid);
  EXPECT_FALSE(hooks.verify(kId, "1614265331", kSignature, kBody, kTimestamp).valid);
}

TEST(StandardWebhooksTest, RefusesAnotherSecret) {
  const StandardWebhooks other(
      "whsec_"
      "c2VjcmV0LXRoYXQtaXMtbm90LXRoZS1yaWdodC1vbmU=");
  EXPECT_FALSE(other.verify(kId, "1614265330", kSignature, kBody, kTimestamp).valid);
}

TEST(StandardWebhooksTest, RefusesTimestampsOutsideTheTolerance) {
  const StandardWebhooks hooks(kSecret);
  EXPECT_TRUE(hooks.verify(kId, "1614265330", kSignature, kBody, kTimestamp + 300).valid);
  EXPECT_TRUE(hooks.verify(kId, "1614265330", kSignature, kBody, kTimestamp - 300).valid);

  const Verdict old = hooks.verify(kId, "1614265330", kSignature, kBody, kTimestamp + 301);
  EXPECT_FALSE(old.valid);
  EXPECT_NE(old.reason.find("too old"), std::string::npos) << old.reason;
  const Verdict future = hooks.verify(kId, "1614265330", kSignature, kBody, kTimestamp - 301);
  EXPECT_FALSE(future.valid);
  EXPECT_NE(future.reason.find("future"), std::string::npos) << future.reason;
  EXPECT_TRUE(hooks.verify(kId, "1614265330", kSignature, kBody, kTimestamp + 3600, 3600).valid);
}

TEST(StandardWebhooksTest, RefusesMalformedHeaders) {
  const StandardWebhooks hooks(kSecret);
  for (const char* timestamp : {"", "abc", "1614265330x", "-5", "1.5e9"}) {
    const Verdict v = hooks.verify(kId, timestamp, kSignature, kBody, kTimestamp);
    EXPECT_FALSE(v.valid) << timestamp;
    EXPECT_FALSE(v.reason.empty()) << timestamp;
  }
  EXPECT_FALSE(hooks.verify("", "1614265330", kSignature, kBody, kTimestamp).valid);
  const Verdict noV1 = hooks.verify(
      kId, "1614265330", "v2,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", kBody, kTimestamp);
  EXPECT_FALSE(noV1.valid);
  EXPECT_EQ(noV1.reason, "webhook-signature has no v1 entry");
  EXPECT_FALSE(hooks
                   .verify(kId, "1614265330", "g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", kBody,
                           kTimestamp)
                   .valid);
}

TEST(StandardWebhooksTest, RefusesSecretsThatAreNotBase64) {
  for (const char* secret : {"", "whsec_", "whsec_not base64!", "whsec_abc"}) {
    try {
      StandardWebhooks hooks(secret);
      ADD_FAILURE() << "accepted secret \"" << secret << "\"";
    } catch (const std::invalid_argument& e) {
      EXPECT_NE(std::string(e.what()).find("webhook secret"), std::string::npos) << e.what();
    }
  }
}

}  // namespace
}  // namespace manifold::webhooks
