// The intents of IntentsProbe.c (its default build), declared with the C++
// helper in plugin.hpp instead of a hand-written C table and JSON text. Tests
// load both and expect the router to treat them alike.
//   DECLARE_THROWS   declare() throws; the host must refuse the plugin
#include <manifold/plugin.hpp>

#include <stdexcept>

namespace {

struct ProbeIntents : manifold::Intents {
  static std::vector<manifold::Intent> declare() {
#if defined(DECLARE_THROWS)
    throw std::runtime_error("intents are not ready");
#else
    return {
        {"voice",
         1,
         {"read this aloud", "read it out loud", "text to speech"},
         {"read|say|speak ... aloud|out", "convert * to speech|audio*"},
         "read text aloud"},
        {"workflow", 0, {"run the workflow"}, {"run|start workflow *"}, "run a saved workflow"},
    };
#endif
  }
};

}  // namespace

MANIFOLD_PLUGIN("test.intents-probe", "1.0.0", "intents for router tests, from C++", ProbeIntents)
