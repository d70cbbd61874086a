// JsonEventStream, the SDK's parser for SSE streams of JSON objects: events
// split anywhere, event names, malformed and oversized events, Stop, and the
// end of the body.
#include <manifold/event_stream.hpp>

#include <gtest/gtest.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace json = manifold::json;
using manifold::sse::Flow;
using manifold::sse::JsonEventStream;

namespace {

// Records what it is given as "name=json", and "end" for onEnd(). Stops at an
// event named "stop"; accepts the data "[DONE]" as a Stop when asked to.
class RecordingStream : public JsonEventStream {
 public:
  explicit RecordingStream(size_t maxEventBytes = 1024, bool acceptDone = false)
      : JsonEventStream("test", maxEventBytes), acceptDone_(acceptDone) {}

  std::vector<std::string> seen;
  std::function<void()> atEnd;  // run by onEnd(), after recording it

 private:
  Flow onEvent(std::string_view eventName, const json::Value& data) override {
    seen.push_back(std::string(eventName) + "=" + json::stringify(data));
    return eventName == "stop" ? Flow::Stop : Flow::Continue;
  }
  std::optional<Flow> onOtherData(std::string_view /*eventName*/, std::string_view data) override {
    if (acceptDone_ && data == "[DONE]") return Flow::Stop;
    return std::nullopt;
  }
  void onEnd() override {
    seen.push_back("end");
    if (atEnd) atEnd();
  }

  bool acceptDone_;
};

// The manifold::Error that `call` throws; fails the test when it throws none.
std::optional<manifold::Error> errorOf(const std::function<void()>& call) {
  try {
    call();
  } catch (const manifold::Error& e) {
    return e;
  }
  ADD_FAILURE() << "no manifold::Error was thrown";
  return std::nullopt;
}

const std::string kThreeEvents =
    ": keep-alive\r\n"
    "event: first\r\ndata: {\"a\":1}\r\n\r\n"
    "data: {\"b\":\n"
    "data: [2, 3]}\n"
    "id: 7\n\n"
    "event: last\rdata: {}\r\r";

const std::vector<std::string> kThreeSeen = {R"(first={"a":1})", R"(={"b":[2,3]})", "last={}",
                                             "end"};

}  // namespace

TEST(JsonEventStream, DeliversTheSameEventsWhereverTheBytesAreSplit) {
  for (size_t at = 0; at <= kThreeEvents.size(); ++at) {
    RecordingStream s;
    s.feed(kThreeEvents.substr(0, at));
    s.feed(kThreeEvents.substr(at));
    s.finish();
    EXPECT_EQ(s.seen, kThreeSeen) << "split at " << at;
  }
  RecordingStream byteByByte;
  for (char c : kThreeEvents) byteByByte.feed(std::string(1, c));
  byteByByte.finish();
  EXPECT_EQ(byteByByte.seen, kThreeSeen);
}

TEST(JsonEventStream, DeliversALastEventWithoutItsBlankLineBeforeTheEnd) {
  RecordingStream s;
  s.feed("event: tail\ndata: {\"x\":true}");
  EXPECT_TRUE(s.seen.empty());
  s.finish();
  EXPECT_EQ(s.seen, (std::vector<std::string>{R"(tail={"x":true})", "end"}));
}

TEST(JsonEventStream, AnEventThatIsNotAJsonObjectFailsAsRetryableInternal) {
  for (const char* data : {"{\"cut\":", "42", "[1]", "\"s\"", "null", "", "[DONE]"}) {
    RecordingStream s;
    s.feed("data: {\"before\":1}\n\n");
    const std::optional<manifold::Error> e =
        errorOf([&] { s.feed(std::string("data: ") + data + "\n\ndata: {\"after\":1}\n\n"); });
    ASSERT_TRUE(e) << data;
    EXPECT_EQ(e->code(), MF_ERR_INTERNAL) << data;
    EXPECT_TRUE(e->retryable()) << data;
    EXPECT_STREQ(e->what(), "test: upstream sent an event that is not a JSON object");

    // Nothing more is read, and the end is not reported.
    s.feed("data: {\"later\":1}\n\n");
    s.finish();
    EXPECT_EQ(s.seen, std::vector<std::string>{R"(={"before":1})"}) << data;
  }
}

TEST(JsonEventStream, AMalformedLastEventFailsAtFinish) {
  RecordingStream s;
  s.feed("data: {\"cut");
  const std::optional<manifold::Error> e = errorOf([&] { s.finish(); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->code(), MF_ERR_INTERNAL);
  EXPECT_TRUE(s.seen.empty());
}

TEST(JsonEventStream, OnOtherDataCanAcceptDataThatIsNotJson) {
  RecordingStream s(1024, /*acceptDone=*/true);
  s.feed("data: {\"a\":1}\n\ndata: [DONE]\n\ndata: not json\n\n");
  s.finish();
  EXPECT_EQ(s.seen, std::vector<std::string>{R"(={"a":1})"});

  RecordingStream other(1024, /*acceptDone=*/true);
  const std::optional<manifold::Error> e = errorOf([&] { other.feed("data: [NOT DONE]\n\n"); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->code(), MF_ERR_INTERNAL);
}

TEST(JsonEventStream, AnEventLargerThanTheCapFailsAsRetryableInternal) {
  struct Case {
    size_t cap;
    const char* shown;
  };
  for (const Case& c : {Case{100, "100 bytes"}, Case{2048, "2 KiB"}, Case{3 << 20, "3 MiB"}}) {
    RecordingStream s(c.cap);
    s.feed("data: {\"ok\":1}\n\n");
    // One event, still open, across many feeds.
    std::optional<manifold::Error> e = errorOf([&] {
      s.feed("data: {\"x\":\"");
      for (size_t sent = 0; sent <= c.cap; sent += 64) s.feed(std::string(64, 'a'));
    });
    ASSERT_TRUE(e) << c.cap;
    EXPECT_EQ(e->code(), MF_ERR_INTERNAL);
    EXPECT_TRUE(e->retryable());
    EXPECT_EQ(e->what(), std::string("test: upstream sent an event larger than ") + c.shown);
    s.finish();
    EXPECT_EQ(s.seen, std::vector<std::string>{R"(={"ok":1})"}) << c.cap;
  }

  // The same cap counts the data lines of one event together.
  RecordingStream lines(100);
  std::string event;
  for (int i = 0; i < 5; ++i) event += "data: " + std::string(30, ' ') + "\n";
  const std::optional<manifold::Error> e = errorOf([&] { lines.feed(event); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->code(), MF_ERR_INTERNAL);

  // Under the cap is an ordinary event.
  RecordingStream under(100);
  under.feed("data: {\"x\":\"" + std::string(80, 'b') + "\"}\n\n");
  under.finish();
  EXPECT_EQ(under.seen,
            (std::vector<std::string>{R"(={"x":")" + std::string(80, 'b') + "\"}", "end"}));
}

TEST(JsonEventStream, StopEndsTheStreamWithoutReportingTheEnd) {
  RecordingStream s;
  s.feed("data: {\"a\":1}\n\nevent: stop\ndata: {}\n\ndata: {\"b\":2}\n\n");
  s.feed("data: not json, and never read\n\n");
  s.finish();
  s.finish();
  EXPECT_EQ(s.seen, (std::vector<std::string>{R"(={"a":1})", "stop={}"}));

  // The same when the Stop comes from a last event that finish() delivers.
  RecordingStream last;
  last.feed("event: stop\ndata: {}");
  last.finish();
  EXPECT_EQ(last.seen, std::vector<std::string>{"stop={}"});
}

TEST(JsonEventStream, OnEndIsCalledOnceAndWhatItThrowsPassesThrough) {
  RecordingStream s;
  s.atEnd = [] { throw manifold::Error(MF_ERR_UNAVAILABLE, "test: the stream was cut", true); };
  s.feed("data: {\"a\":1}\n\n");
  const std::optional<manifold::Error> e = errorOf([&] { s.finish(); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->code(), MF_ERR_UNAVAILABLE);
  EXPECT_STREQ(e->what(), "test: the stream was cut");
  s.finish();
  s.feed("data: {\"late\":1}\n\n");
  EXPECT_EQ(s.seen, (std::vector<std::string>{R"(={"a":1})", "end"}));

  RecordingStream empty;
  empty.finish();
  empty.finish();
  EXPECT_EQ(empty.seen, std::vector<std::string>{"end"});
}
