/* One plain-C plugin per kind table the loader must accept or refuse. It
 * provides a toolset (TOOLSET) or a dispatcher (DISPATCHER), with defects
 * chosen at compile time:
 *   PLUGIN_ID          the descriptor id (default "test.kinds")
 *   PLUGIN_ABI_MINOR   the ABI minor it claims (default the SDK's)
 *   NO_<FIELD>         leaves that function of the table NULL, e.g. NO_CALL_TOOL
 *   TABLE_SIZE         the struct_size the table claims
 *   NULL_TABLE         get_factory returns NULL for the declared kind
 *   UNKNOWN_KIND       also declares "acme.future/1", a kind no host knows
 *   PART_OF_1_2        (dispatcher) sets list_services and start_task of the
 *                      six functions ABI 1.2 adds, and no others
 */
#include <manifold/plugin.h>
#include <string.h>

#ifndef PLUGIN_ID
#define PLUGIN_ID "test.kinds"
#endif
#ifndef PLUGIN_ABI_MINOR
#define PLUGIN_ABI_MINOR MANIFOLD_ABI_MINOR
#endif
#ifndef TABLE_SIZE
#define TABLE_SIZE sizeof(TABLE_TYPE)
#endif

static void* create(const mf_host* host, mf_str config, mf_error* error) {
  (void)host, (void)config, (void)error;
  static int instance;
  return &instance;
}

static void destroy(void* instance) {
  (void)instance;
}

static void write(const mf_string_sink* out, const char* text) {
  mf_str value = {text, strlen(text)};
  out->write(out->ctx, value);
}

#if defined(TOOLSET)
#define KIND MF_KIND_TOOLSET
#define TABLE_TYPE mf_toolset_api

static int32_t list_tools(void* instance, const mf_string_sink* out, mf_error* error) {
  (void)instance, (void)error;
  write(out, "[{\"type\":\"function\",\"function\":{\"name\":\"echo\",\"parameters\":{}}}]");
  return MF_OK;
}

static int32_t call_tool(void* instance, mf_str name, mf_str args, const mf_string_sink* out,
                         mf_error* error) {
  (void)instance, (void)name, (void)error;
  out->write(out->ctx, args);
  return MF_OK;
}

static const TABLE_TYPE table = {
    .struct_size = TABLE_SIZE,
#ifndef NO_CREATE
    .create = create,
#endif
    .destroy = destroy,
#ifndef NO_LIST_TOOLS
    .list_tools = list_tools,
#endif
#ifndef NO_CALL_TOOL
    .call_tool = call_tool,
#endif
};

#elif defined(DISPATCHER)
#define KIND MF_KIND_DISPATCHER
#define TABLE_TYPE mf_dispatcher_api

static int32_t create_task(void* instance, mf_str request, const mf_string_sink* out,
                           mf_error* error) {
  (void)instance, (void)request, (void)error;
  write(out, "{\"task_id\":\"t1\",\"status\":\"running\"}");
  return MF_OK;
}

static int32_t poll_task(void* instance, mf_str id, const mf_string_sink* out, mf_error* error) {
  (void)instance, (void)id, (void)error;
  write(out, "{\"task_id\":\"t1\",\"status\":\"done\"}");
  return MF_OK;
}

static int32_t cancel_task(void* instance, mf_str id, mf_error* error) {
  (void)instance, (void)id, (void)error;
  return MF_OK;
}

static int32_t handle_webhook(void* instance, mf_str body, const mf_string_sink* out,
                              mf_error* error) {
  (void)instance, (void)error;
  out->write(out->ctx, body);
  return MF_OK;
}

#ifdef PART_OF_1_2
static int32_t list_services(void* instance, const mf_string_sink* out, mf_error* error) {
  (void)instance, (void)error;
  write(out, "[{\"service\":\"\",\"intents\":[],\"enabled\":true}]");
  return MF_OK;
}

static int32_t start_task(void* instance, mf_str service, mf_str task, const mf_string_sink* out,
                          mf_error* error) {
  (void)service;
  return create_task(instance, task, out, error);
}
#endif

static const TABLE_TYPE table = {
    .struct_size = TABLE_SIZE,
    .create = create,
    .destroy = destroy,
    .create_task = create_task,
#ifdef PART_OF_1_2
    .list_services = list_services,
    .start_task = start_task,
#endif
#ifndef NO_POLL_TASK
    .poll_task = poll_task,
#endif
#ifndef NO_CANCEL_TASK
    .cancel_task = cancel_task,
#endif
#ifndef NO_HANDLE_WEBHOOK
    .handle_webhook = handle_webhook,
#endif
};

#else
#error "define TOOLSET or DISPATCHER"
#endif

static int32_t init(const mf_host* host, mf_error* error) {
  (void)host, (void)error;
  return MF_OK;
}

static const void* get_factory(mf_str kind) {
#if defined(NULL_TABLE)
  (void)kind;
  return NULL;
#else
  if (kind.len == sizeof(KIND) - 1 && memcmp(kind.ptr, KIND, kind.len) == 0) return &table;
  return NULL;
#endif
}

#if defined(UNKNOWN_KIND)
static const mf_str kinds[] = {MF_STR("acme.future/1"), MF_STR(KIND)};
#else
static const mf_str kinds[] = {MF_STR(KIND)};
#endif

static const mf_plugin_descriptor descriptor = {sizeof(mf_plugin_descriptor),
                                                MANIFOLD_ABI_MAJOR,
                                                PLUGIN_ABI_MINOR,
                                                MF_STR(PLUGIN_ID),
                                                MF_STR("0.0.1"),
                                                MF_STR("kind table test plugin"),
                                                kinds,
                                                sizeof(kinds) / sizeof(kinds[0]),
                                                init,
                                                NULL,
                                                get_factory};

MANIFOLD_EXPORT const mf_plugin_descriptor* manifold_plugin_entry(void) {
  return &descriptor;
}
