#include "media/ImageFiles.h"

#include <gtest/gtest.h>

namespace manifold::media {
namespace {

using std::chrono::seconds;

class ImageFilesTest : public ::testing::Test {
 protected:
  ImageFiles::Clock::time_point now_ = ImageFiles::Clock::now();
  ImageFiles files_{10, [this] { return now_; }};
};

TEST_F(ImageFilesTest, APictureIsServedUntilItsTimeToLivePasses) {
  const std::string id = files_.put({"key-a", "image/png", "abcd"}, seconds(60));
  ASSERT_EQ(id.rfind("img_", 0), 0u);
  EXPECT_EQ(id.size(), 4u + 32u);
  now_ += seconds(59);
  ASSERT_TRUE(files_.get(id));
  EXPECT_EQ(files_.get(id)->bytes, "abcd");
  EXPECT_EQ(files_.get(id)->keyId, "key-a");
  now_ += seconds(1);
  EXPECT_FALSE(files_.get(id));
}

TEST_F(ImageFilesTest, TheOldestGoFirstWhenANewPictureDoesNotFit) {
  const std::string first = files_.put({"", "image/png", "1234"}, seconds(60));
  const std::string second = files_.put({"", "image/png", "5678"}, seconds(60));
  const std::string third = files_.put({"", "image/png", "90"}, seconds(60));
  EXPECT_TRUE(files_.get(first));  // 4 + 4 + 2 fits in 10
  const std::string fourth = files_.put({"", "image/png", "xyz"}, seconds(60));
  EXPECT_FALSE(files_.get(first));
  EXPECT_TRUE(files_.get(second));
  EXPECT_TRUE(files_.get(third));
  EXPECT_TRUE(files_.get(fourth));
  EXPECT_NE(first, second);
}

TEST_F(ImageFilesTest, APictureLargerThanTheCapIsNotKept) {
  EXPECT_EQ(files_.put({"", "image/png", std::string(11, 'x')}, seconds(60)), "");
}

}  // namespace
}  // namespace manifold::media
