// http::MultipartForm parses multipart/form-data from a stream under a total
// and a per-part cap: fields and files come back byte for byte, a malformed
// body is a 400 reason, and an oversized one a 413 found without reading the
// rest of it.
#include "http/MultipartForm.h"

#include <gtest/gtest.h>

#include <sstream>
#include <streambuf>

namespace manifold::http {
namespace {

const std::string kType = "multipart/form-data; boundary=XyZ123";
const MultipartLimits kRoomy{1 << 20, 1 << 19};

std::string part(const std::string& disposition, const std::string& content,
                 const std::string& type = "") {
  std::string p = "--XyZ123\r\nContent-Disposition: form-data; " + disposition + "\r\n";
  if (!type.empty()) p += "Content-Type: " + type + "\r\n";
  return p + "\r\n" + content + "\r\n";
}

const std::string kEnd = "--XyZ123--\r\n";

std::optional<MultipartForm> parse(const std::string& body, MultipartProblem& problem,
                                   const MultipartLimits& limits = kRoomy,
                                   const std::string& type = kType) {
  std::istringstream in(body);
  return MultipartForm::parse(in, type, limits, problem);
}

// Binary bytes that look like boundaries and line ends, all 256 values.
std::string awkwardBytes() {
  std::string bytes = "\r\n--XyZ12\r\n--XyZ1234\r\n-\r\r\n\n";
  for (int i = 0; i < 256; ++i) bytes.push_back(static_cast<char>(i));
  return bytes + "\r\n";
}

TEST(MultipartFormTest, FieldsAndFilesComeBackByteForByte) {
  const std::string audio = awkwardBytes();
  MultipartProblem problem;
  const auto form = parse(part("name=\"model\"", "whisper-1") +
                              part("name=\"file\"; filename=\"hello.wav\"", audio, "audio/wav") +
                              part("name=\"language\"", "en") + kEnd,
                          problem);
  ASSERT_TRUE(form) << problem.message;
  ASSERT_NE(form->field("model"), nullptr);
  EXPECT_EQ(*form->field("model"), "whisper-1");
  EXPECT_EQ(*form->field("language"), "en");
  EXPECT_EQ(form->field("file"), nullptr);
  ASSERT_EQ(form->files().size(), 1u);
  const FormFile* file = form->file("file");
  ASSERT_NE(file, nullptr);
  EXPECT_EQ(file->filename, "hello.wav");
  EXPECT_EQ(file->contentType, "audio/wav");
  EXPECT_EQ(file->bytes, audio);
}

TEST(MultipartFormTest, AFilePartWithoutContentTypeIsOctetStream) {
  MultipartProblem problem;
  const auto form = parse(part("name=\"file\"; filename=\"x.bin\"", "abc") + kEnd, problem);
  ASSERT_TRUE(form) << problem.message;
  EXPECT_EQ(form->file("file")->contentType, "application/octet-stream");
}

TEST(MultipartFormTest, ContentTypeWithoutBoundaryIs400) {
  MultipartProblem problem;
  EXPECT_FALSE(parse(part("name=\"a\"", "b") + kEnd, problem, kRoomy, "multipart/form-data"));
  EXPECT_EQ(problem.status, 400);
  EXPECT_NE(problem.message.find("boundary"), std::string::npos) << problem.message;
}

TEST(MultipartFormTest, ContentTypeThatIsNotMultipartIs400) {
  MultipartProblem problem;
  EXPECT_FALSE(parse("{}", problem, kRoomy, "application/json"));
  EXPECT_EQ(problem.status, 400);
  EXPECT_NE(problem.message.find("multipart/form-data"), std::string::npos) << problem.message;
}

TEST(MultipartFormTest, BodyWithoutItsBoundaryIs400) {
  MultipartProblem problem;
  EXPECT_FALSE(parse("this is not a multipart body at all", problem));
  EXPECT_EQ(problem.status, 400);
  EXPECT_EQ(problem.code, "invalid_multipart");
}

TEST(MultipartFormTest, BodyCutBeforeTheClosingBoundaryIs400) {
  MultipartProblem problem;
  EXPECT_FALSE(
      parse(part("name=\"model\"", "whisper-1") +
                "--XyZ123\r\n"
                "Content-Disposition: form-data; name=\"file\"; filename=\"a.wav\"\r\n\r\nRIFF",
            problem));
  EXPECT_EQ(problem.status, 400);
  EXPECT_NE(problem.message.find("closing boundary"), std::string::npos) << problem.message;
}

TEST(MultipartFormTest, ClosingBoundaryWithoutATrailingLineEndIsComplete) {
  MultipartProblem problem;
  const auto form = parse(part("name=\"model\"", "tts-1") + "--XyZ123--", problem);
  ASSERT_TRUE(form) << problem.message;
  EXPECT_EQ(*form->field("model"), "tts-1");
}

TEST(MultipartFormTest, PartWithoutANameIs400) {
  MultipartProblem problem;
  EXPECT_FALSE(parse("--XyZ123\r\nContent-Type: text/plain\r\n\r\nhello\r\n" + kEnd, problem));
  EXPECT_EQ(problem.status, 400);
  EXPECT_NE(problem.message.find("name"), std::string::npos) << problem.message;
}

TEST(MultipartFormTest, PartOverItsCapIs413) {
  MultipartProblem problem;
  EXPECT_FALSE(parse(part("name=\"file\"; filename=\"a\"", std::string(2000, 'a')) + kEnd, problem,
                     MultipartLimits{1 << 20, 1000}));
  EXPECT_EQ(problem.status, 413);
  EXPECT_EQ(problem.code, "part_too_large");
  EXPECT_NE(problem.message.find("'file'"), std::string::npos) << problem.message;
}

TEST(MultipartFormTest, BodyExactlyAtTheCapIsAccepted) {
  const std::string body = part("name=\"a\"", "12345") + kEnd;
  MultipartProblem problem;
  EXPECT_TRUE(parse(body, problem, MultipartLimits{static_cast<int64_t>(body.size()), 100}))
      << problem.message;
  EXPECT_FALSE(parse(body, problem, MultipartLimits{static_cast<int64_t>(body.size()) - 1, 100}));
  EXPECT_EQ(problem.status, 413);
}

// An endless upload: one part whose content never ends. Counts what the
// parser pulled from it.
class EndlessUpload : public std::streambuf {
 public:
  EndlessUpload() {
    head_ =
        "--XyZ123\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.wav\"\r\n\r\n";
  }
  int64_t pulled() const { return pulled_; }

 protected:
  int_type underflow() override {
    if (!head_.empty()) {
      std::copy(head_.begin(), head_.end(), chunk_);
      setg(chunk_, chunk_, chunk_ + head_.size());
      pulled_ += static_cast<int64_t>(head_.size());
      head_.clear();
    } else {
      std::fill(std::begin(chunk_), std::end(chunk_), 'x');
      setg(chunk_, chunk_, chunk_ + sizeof(chunk_));
      pulled_ += sizeof(chunk_);
    }
    return traits_type::to_int_type(*gptr());
  }

 private:
  std::string head_;
  char chunk_[8192];
  int64_t pulled_ = 0;
};

TEST(MultipartFormTest, OverTheTotalCapStopsReadingAtTheCap) {
  EndlessUpload upload;
  std::istream in(&upload);
  MultipartProblem problem;
  const int64_t cap = 1 << 20;
  EXPECT_FALSE(MultipartForm::parse(in, kType, MultipartLimits{cap, cap}, problem));
  EXPECT_EQ(problem.status, 413);
  EXPECT_EQ(problem.code, "body_too_large");
  EXPECT_LE(upload.pulled(), cap + 16384);
}

TEST(MultipartFormTest, OverThePartCapStopsReadingAtThePartCap) {
  EndlessUpload upload;
  std::istream in(&upload);
  MultipartProblem problem;
  EXPECT_FALSE(MultipartForm::parse(in, kType, MultipartLimits{1 << 30, 1 << 16}, problem));
  EXPECT_EQ(problem.status, 413);
  EXPECT_EQ(problem.code, "part_too_large");
  EXPECT_LE(upload.pulled(), (1 << 16) + 32768);
}

}  // namespace
}  // namespace manifold::http
