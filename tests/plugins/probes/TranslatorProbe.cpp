// A minimal translator provider for host tests: it lets the host's upstream
// path (build, send, stream-feed, classify) run against a loopback fake.
// Upstream "protocol": POST {base_url}; a stream of "data: <text>\n" lines
// ended by "data: [DONE]"; errors carry Retry-After in seconds.
#include <manifold/plugin.hpp>

#include <cstdlib>
#include <string>

namespace {

class LineParser : public manifold::StreamParser {
 public:
  explicit LineParser(manifold::EventSink sink) : sink_(sink) {}
  void feed(std::string_view bytes) override {
    pending_.append(bytes);
    for (size_t end; (end = pending_.find('\n')) != std::string::npos; pending_.erase(0, end + 1)) {
      const std::string line = pending_.substr(0, end);
      if (line == "data: [DONE]")
        sink_.finish(MF_FINISH_STOP);
      else if (line.rfind("data: ", 0) == 0)
        sink_.text(line.substr(6));
    }
  }
  void finish() override {}

 private:
  manifold::EventSink sink_;
  std::string pending_;
};

class TranslatorProbe : public manifold::TranslatorProvider {
 public:
  TranslatorProbe(manifold::Host, std::string_view) {}

  void buildRequest(const manifold::Engine& engine, std::string_view request,
                    manifold::RequestBuilder& out) override {
    out.method("POST");
    out.url(engine.baseUrl);
    out.header("Content-Type", "application/json");
    out.body(request);
  }
  std::unique_ptr<manifold::StreamParser> openStream(const manifold::Engine&,
                                                     manifold::EventSink sink) override {
    return std::make_unique<LineParser>(sink);
  }
  void parseResponse(const manifold::Engine&, std::string_view body,
                     manifold::EventSink& sink) override {
    sink.text(body);
    sink.finish(MF_FINISH_STOP);
  }
  manifold::Error classifyError(int32_t status, const std::vector<manifold::HeaderView>& headers,
                                std::string_view body) override {
    int64_t retryAfterMs = -1;
    for (const auto& h : headers)
      if (h.name == "Retry-After") retryAfterMs = std::atoll(std::string(h.value).c_str()) * 1000;
    return manifold::classifyStatus(status, std::string(body), retryAfterMs);
  }
};

}  // namespace

MANIFOLD_PLUGIN("test.translator-probe", "0.0.1", "translator for host tests", TranslatorProbe)
