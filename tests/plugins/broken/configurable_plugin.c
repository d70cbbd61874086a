/* One plain-C provider plugin whose defects are chosen at compile time, so
 * each refusal case of the loader has a real library to be refused:
 *   PLUGIN_ID          the descriptor id (default "test.valid")
 *   PLUGIN_ABI_MAJOR   / PLUGIN_ABI_MINOR   the ABI it claims
 *   PLUGIN_STRUCT_SIZE the descriptor struct_size it claims
 *   NO_ENTRY           export a misspelt entry symbol instead of the real one
 *   NULL_ENTRY         the entry returns NULL
 *   INIT_FAILS         init returns an error
 *   PROVIDER_TABLE_SIZE the provider table's struct_size; its media functions
 *                      (ABI 1.3) are always set, so a smaller size must hide them
 */
#include <manifold/plugin.h>
#include <stdio.h>
#include <string.h>

#ifndef PLUGIN_ID
#define PLUGIN_ID "test.valid"
#endif
#ifndef PLUGIN_ABI_MAJOR
#define PLUGIN_ABI_MAJOR MANIFOLD_ABI_MAJOR
#endif
#ifndef PLUGIN_ABI_MINOR
#define PLUGIN_ABI_MINOR MANIFOLD_ABI_MINOR
#endif
#ifndef PLUGIN_STRUCT_SIZE
#define PLUGIN_STRUCT_SIZE sizeof(mf_plugin_descriptor)
#endif

static void* create(const mf_host* host, mf_str config, mf_error* error) {
  (void)host, (void)config, (void)error;
  static int instance;
  return &instance;
}

static void destroy(void* instance) {
  (void)instance;
}

static int32_t generate(void* instance, const mf_engine* engine, mf_str request,
                        const mf_event_sink* sink, mf_error* error) {
  (void)instance, (void)engine, (void)request, (void)error;
  mf_event e;
  memset(&e, 0, sizeof(e));
  e.struct_size = sizeof(e);
  e.type = MF_EVENT_TEXT_DELTA;
  e.text.ptr = "ok";
  e.text.len = 2;
  sink->emit(sink->ctx, &e);
  e.type = MF_EVENT_FINISH;
  e.text.ptr = NULL;
  e.text.len = 0;
  e.finish_reason = MF_FINISH_STOP;
  sink->emit(sink->ctx, &e);
  return MF_OK;
}

#ifndef PROVIDER_TABLE_SIZE
#define PROVIDER_TABLE_SIZE sizeof(mf_provider_api)
#endif

/* Media: POST the request as it is to the engine's base URL; the answer is
 * the result. */
static int32_t build_media_request(void* instance, const mf_engine* engine, mf_str operation,
                                   mf_str request, const mf_request_builder* out, mf_error* error) {
  (void)instance, (void)operation, (void)error;
  out->set_method(out->ctx, (mf_str)MF_STR("POST"));
  out->set_url(out->ctx, engine->base_url);
  out->set_body(out->ctx, request);
  return MF_OK;
}

static int32_t parse_media_response(void* instance, const mf_engine* engine, mf_str operation,
                                    const mf_header* headers, uint64_t header_count, mf_str body,
                                    const mf_string_sink* result, mf_error* error) {
  (void)instance, (void)engine, (void)operation, (void)headers, (void)header_count, (void)error;
  result->write(result->ctx, body);
  return MF_OK;
}

static const mf_provider_api provider = {PROVIDER_TABLE_SIZE,
                                         create,
                                         destroy,
                                         NULL,
                                         NULL,
                                         NULL,
                                         NULL,
                                         NULL,
                                         NULL,
                                         NULL,
                                         generate,
                                         build_media_request,
                                         parse_media_response};

static int32_t init(const mf_host* host, mf_error* error) {
  (void)host;
#ifdef INIT_FAILS
  error->code = MF_ERR_INTERNAL;
  snprintf(error->message, sizeof(error->message), "%s", "test plugin refuses to start");
  return MF_FAILED;
#else
  (void)error;
  return MF_OK;
#endif
}

static const void* get_factory(mf_str kind) {
  if (kind.len == sizeof(MF_KIND_PROVIDER) - 1 && memcmp(kind.ptr, MF_KIND_PROVIDER, kind.len) == 0)
    return &provider;
  return NULL;
}

static const mf_str kinds[] = {MF_STR(MF_KIND_PROVIDER)};

static const mf_plugin_descriptor descriptor = {PLUGIN_STRUCT_SIZE,
                                                PLUGIN_ABI_MAJOR,
                                                PLUGIN_ABI_MINOR,
                                                MF_STR(PLUGIN_ID),
                                                MF_STR("0.0.1"),
                                                MF_STR("loader test plugin"),
                                                kinds,
                                                1,
                                                init,
                                                NULL,
                                                get_factory};

#if defined(NO_ENTRY)
MANIFOLD_EXPORT const mf_plugin_descriptor* manifold_plugin_entry_misspelt(void) {
  return &descriptor;
}
#elif defined(NULL_ENTRY)
MANIFOLD_EXPORT const mf_plugin_descriptor* manifold_plugin_entry(void) {
  return NULL;
}
#else
MANIFOLD_EXPORT const mf_plugin_descriptor* manifold_plugin_entry(void) {
  return &descriptor;
}
#endif
