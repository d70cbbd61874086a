// One plugin with every kind the host knows, each declared with plugin.hpp's
// helpers, so a test can check the tables the helpers fill pass the loader's
// checks for every kind.
#include <manifold/plugin.hpp>

namespace {

class Provider : public manifold::GeneratingProvider {
 public:
  Provider(manifold::Host, std::string_view) {}
  void generate(const manifold::Engine&, std::string_view, manifold::EventSink& sink) override {
    sink.text("ok");
    sink.finish(MF_FINISH_STOP);
  }
};

class Tools : public manifold::Toolset {
 public:
  Tools(manifold::Host, std::string_view) {}
  std::string listTools() override {
    return R"([{"type":"function","function":{"name":"echo","parameters":{"type":"object"}}}])";
  }
  std::string callTool(std::string_view, std::string_view args) override {
    return std::string(args);
  }
};

class Tasks : public manifold::Dispatcher {
 public:
  Tasks(manifold::Host, std::string_view) {}
  std::string createTask(std::string_view) override {
    return R"({"task_id":"t1","status":"running"})";
  }
  std::string pollTask(std::string_view) override { return R"({"task_id":"t1","status":"done"})"; }
  void cancelTask(std::string_view) override {}
  std::string handleWebhook(std::string_view body) override { return std::string(body); }
};

struct Intents : manifold::Intents {
  static std::vector<manifold::Intent> declare() {
    return {{"agent-task", 0, {"hand this to an agent"}, {}, "a long agent task"}};
  }
};

}  // namespace

MANIFOLD_PLUGIN("test.all-kinds", "1.0.0", "every kind, from plugin.hpp", Provider, Tools, Tasks,
                Intents)
