/* A plugin that only extends the intent router (kind manifold.intents/1).
 * Built several times with different declarations, chosen at compile time:
 *   (default)          intent "voice": phrases and patterns for reading aloud
 *   INTENTS_V2         version 2.0.0 of the same plugin: intent "dictation"
 *   BAD_PATTERN        a pattern written as a regular expression
 *   BAD_DECLARATION    a declaration without phrases or patterns
 *   DECLARE_FAILS      declare_intents returns an error
 */
#include <manifold/plugin.h>
#include <stdio.h>
#include <string.h>

#ifndef PLUGIN_ID
#define PLUGIN_ID "test.intents-probe"
#endif

#if defined(INTENTS_V2)
#define PLUGIN_VERSION "2.0.0"
static const char kDeclarations[] =
    "[{\"intent\": \"dictation\", \"description\": \"turn speech into text\","
    " \"phrases\": [\"take a dictation\"], \"patterns\": [\"transcribe|dictate ... recording\"]}]";
#elif defined(BAD_PATTERN)
#define PLUGIN_VERSION "0.0.1"
static const char kDeclarations[] =
    "[{\"intent\": \"ocr\", \"phrases\": [\"read the scan\"],"
    " \"patterns\": [\"\\\\bocr\\\\b\"]}]";
#elif defined(BAD_DECLARATION)
#define PLUGIN_VERSION "0.0.1"
static const char kDeclarations[] = "[{\"intent\": \"eval\", \"description\": \"no phrases\"}]";
#else
#define PLUGIN_VERSION "1.0.0"
static const char kDeclarations[] =
    "[{\"intent\": \"voice\", \"description\": \"read text aloud\", \"priority\": 1,"
    " \"phrases\": [\"read this aloud\", \"read it out loud\", \"text to speech\"],"
    " \"patterns\": [\"read|say|speak ... aloud|out\", \"convert * to speech|audio*\"]},"
    " {\"intent\": \"workflow\", \"description\": \"run a saved workflow\","
    " \"phrases\": [\"run the workflow\"], \"patterns\": [\"run|start workflow *\"]}]";
#endif

static int32_t declare_intents(const mf_string_sink* out, mf_error* error) {
#if defined(DECLARE_FAILS)
  error->code = MF_ERR_INTERNAL;
  snprintf(error->message, sizeof(error->message), "%s", "no declarations today");
  (void)out;
  return MF_FAILED;
#else
  (void)error;
  mf_str text = {kDeclarations, sizeof(kDeclarations) - 1};
  out->write(out->ctx, text);
  return MF_OK;
#endif
}

static const mf_intents_api intents = {sizeof(mf_intents_api), declare_intents};

static int32_t init(const mf_host* host, mf_error* error) {
  (void)host, (void)error;
  return MF_OK;
}

static const void* get_factory(mf_str kind) {
  if (kind.len == sizeof(MF_KIND_INTENTS) - 1 && memcmp(kind.ptr, MF_KIND_INTENTS, kind.len) == 0)
    return &intents;
  return NULL;
}

static const mf_str kinds[] = {MF_STR(MF_KIND_INTENTS)};

static const mf_plugin_descriptor descriptor = {sizeof(mf_plugin_descriptor),
                                                MANIFOLD_ABI_MAJOR,
                                                MANIFOLD_ABI_MINOR,
                                                MF_STR(PLUGIN_ID),
                                                MF_STR(PLUGIN_VERSION),
                                                MF_STR("intents for router tests"),
                                                kinds,
                                                1,
                                                init,
                                                NULL,
                                                get_factory};

MANIFOLD_EXPORT const mf_plugin_descriptor* manifold_plugin_entry(void) {
  return &descriptor;
}
