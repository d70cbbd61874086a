// The C++ helper layer: trampolines turn exceptions into error structs, and
// the registration macro yields a descriptor the host can read.
#include <gtest/gtest.h>

#include <manifold/plugin.hpp>

#include <cstring>
#include <vector>

namespace {

class ThrowingProvider : public manifold::GeneratingProvider {
 public:
  ThrowingProvider(manifold::Host, std::string_view config) {
    if (config == "refuse") throw manifold::Error(MF_ERR_AUTH, "no key");
  }
  void generate(const manifold::Engine& engine, std::string_view request,
                manifold::EventSink& sink) override {
    if (request == "classified")
      throw manifold::Error(MF_ERR_RATE_LIMITED, "slow down", true, 429, 1500);
    if (request == "std") throw std::runtime_error("plain failure");
    if (request == "odd") throw 42;
    sink.text(std::string(engine.model));
    sink.finish(MF_FINISH_STOP);
  }
};

class EchoTools : public manifold::Toolset {
 public:
  EchoTools(manifold::Host, std::string_view) {}
  std::string listTools() override { return "[]"; }
  std::string callTool(std::string_view name, std::string_view args) override {
    return "{\"" + std::string(name) + "\":" + std::string(args) + "}";
  }
};

}  // namespace

MANIFOLD_PLUGIN("test.hpp", "3.2.1", "helper test", ThrowingProvider, EchoTools)

namespace {

mf_error blank() {
  mf_error e{};
  e.struct_size = sizeof(e);
  return e;
}

struct Collected {
  std::vector<int32_t> types;
  std::string text;
};

int32_t collect(void* ctx, const mf_event* e) {
  auto* c = static_cast<Collected*>(ctx);
  c->types.push_back(e->type);
  c->text.append(e->text.ptr ? e->text.ptr : "", e->text.len);
  return 0;
}

const mf_provider_api* providerApi() {
  return static_cast<const mf_provider_api*>(
      manifold_plugin_entry()->get_factory(MF_STR(MF_KIND_PROVIDER)));
}

TEST(PluginHppTest, DescriptorDeclaresEveryKind) {
  const mf_plugin_descriptor* d = manifold_plugin_entry();
  EXPECT_EQ(d->struct_size, sizeof(mf_plugin_descriptor));
  EXPECT_EQ(d->abi_major, MANIFOLD_ABI_MAJOR);
  EXPECT_EQ(std::string(d->id.ptr, d->id.len), "test.hpp");
  EXPECT_EQ(std::string(d->version.ptr, d->version.len), "3.2.1");
  ASSERT_EQ(d->kind_count, 2u);
  EXPECT_EQ(std::string(d->kinds[1].ptr, d->kinds[1].len), MF_KIND_TOOLSET);
  EXPECT_NE(d->get_factory(MF_STR(MF_KIND_TOOLSET)), nullptr);
  EXPECT_EQ(d->get_factory(MF_STR(MF_KIND_DISPATCHER)), nullptr);
  EXPECT_EQ(d->get_factory(MF_STR("manifold.provider/2")), nullptr);
}

TEST(PluginHppTest, GeneratingProviderHasGenerateAndNoTranslatorFunctions) {
  const mf_provider_api* api = providerApi();
  EXPECT_NE(api->generate, nullptr);
  EXPECT_EQ(api->build_request, nullptr);
  EXPECT_EQ(api->stream_open, nullptr);
}

TEST(PluginHppTest, ExceptionsBecomeErrors) {
  const mf_provider_api* api = providerApi();
  mf_error error = blank();
  EXPECT_EQ(api->create(nullptr, MF_STR("refuse"), &error), nullptr);
  EXPECT_EQ(error.code, MF_ERR_AUTH);
  EXPECT_STREQ(error.message, "no key");

  error = blank();
  void* instance = api->create(nullptr, MF_STR("{}"), &error);
  ASSERT_NE(instance, nullptr);
  mf_engine engine{};
  engine.struct_size = sizeof(engine);
  engine.model = MF_STR("model-x");
  Collected got;
  mf_event_sink sink{sizeof(mf_event_sink), &got, &collect};

  EXPECT_EQ(api->generate(instance, &engine, MF_STR("classified"), &sink, &error), MF_FAILED);
  EXPECT_EQ(error.code, MF_ERR_RATE_LIMITED);
  EXPECT_EQ(error.retryable, 1);
  EXPECT_EQ(error.upstream_status, 429);
  EXPECT_EQ(error.retry_after_ms, 1500);

  error = blank();
  EXPECT_EQ(api->generate(instance, &engine, MF_STR("std"), &sink, &error), MF_FAILED);
  EXPECT_EQ(error.code, MF_ERR_INTERNAL);
  EXPECT_STREQ(error.message, "plain failure");

  error = blank();
  EXPECT_EQ(api->generate(instance, &engine, MF_STR("odd"), &sink, &error), MF_FAILED);
  EXPECT_EQ(error.code, MF_ERR_INTERNAL);

  error = blank();
  EXPECT_EQ(api->generate(instance, &engine, MF_STR("fine"), &sink, &error), MF_OK);
  EXPECT_EQ(got.text, "model-x");
  EXPECT_EQ(got.types, (std::vector<int32_t>{MF_EVENT_TEXT_DELTA, MF_EVENT_FINISH}));
  api->destroy(instance);
}

TEST(PluginHppTest, ToolsetTrampolinesWriteResults) {
  const auto* api = static_cast<const mf_toolset_api*>(
      manifold_plugin_entry()->get_factory(MF_STR(MF_KIND_TOOLSET)));
  mf_error error = blank();
  void* tools = api->create(nullptr, MF_STR("{}"), &error);
  std::string result;
  mf_string_sink out{sizeof(mf_string_sink), &result, [](void* ctx, mf_str v) {
                       static_cast<std::string*>(ctx)->assign(v.ptr, v.len);
                     }};
  EXPECT_EQ(api->call_tool(tools, MF_STR("echo"), MF_STR("[1]"), &out, &error), MF_OK);
  EXPECT_EQ(result, "{\"echo\":[1]}");
  api->destroy(tools);
}

}  // namespace
