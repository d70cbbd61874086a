/*
 * Manifold plugin ABI, version 1.
 *
 * This header is the whole contract between the Manifold host and a plugin.
 * It is plain C99: fixed-width integers, {ptr,len} strings, plain structs and
 * function pointers. No C++ type and no exception ever crosses it.
 *
 * Rules that hold for every declaration below:
 *  - Every struct starts with `struct_size`, set by whoever fills the struct to
 *    sizeof(the struct it was compiled against). Structs only ever grow at the
 *    end; a reader copies min(struct_size, sizeof(known struct)) bytes into a
 *    zeroed struct, so a field a peer does not know reads as zero / NULL.
 *  - Enums are int32_t constants.
 *  - Functions that can fail return MF_OK (0) on success and otherwise a
 *    non-zero value, after filling the mf_error they were given.
 *  - Ownership and lifetime are written beside every pointer. "borrowed" means
 *    the pointee stays owned by the caller and is valid only for the duration
 *    of the call; copy it if you need it later.
 *  - Threading is written beside every function. "any thread" means the host
 *    may call it from several threads at once, so the plugin must be
 *    thread-safe there.
 *
 * Compatibility: the ABI has a major and a minor version. The host refuses a
 * plugin whose major differs from its own, or whose minor is higher than its
 * own. A new capability is a new kind id or a new field at the end of a
 * struct, which bumps the minor; a changed signature bumps the major.
 */
#ifndef MANIFOLD_PLUGIN_H
#define MANIFOLD_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define MANIFOLD_ABI_MAJOR 1
#define MANIFOLD_ABI_MINOR 3

/* The one symbol a plugin exports (see manifold_plugin_entry_fn below). */
#define MANIFOLD_PLUGIN_ENTRY_SYMBOL "manifold_plugin_entry"

#if defined(_WIN32)
#define MANIFOLD_EXPORT __declspec(dllexport)
#else
#define MANIFOLD_EXPORT __attribute__((visibility("default")))
#endif

/* ------------------------------------------------------------------------ */
/* Basic types                                                               */
/* ------------------------------------------------------------------------ */

/* A UTF-8 string or byte range. Not NUL-terminated. `ptr` may be NULL only
 * when `len` is 0. Ownership is stated wherever an mf_str is passed. */
typedef struct mf_str {
  const char* ptr;
  uint64_t len;
} mf_str;

/* Builds an mf_str from a string literal. */
#define MF_STR(literal) \
  { (literal), sizeof(literal) - 1 }

/* One HTTP header. Both strings are borrowed. */
typedef struct mf_header {
  mf_str name;
  mf_str value;
} mf_header;

/* Receives a string the callee produces. The string is borrowed: valid only
 * during the call to `write`, which may be called at most once. */
typedef struct mf_string_sink {
  uint32_t struct_size;
  void* ctx; /* owned by whoever made the sink; passed back to write */
  void (*write)(void* ctx, mf_str value);
} mf_string_sink;

/* Return values. */
#define MF_OK 0
#define MF_FAILED 1
#define MF_NOT_FOUND 2

/* ------------------------------------------------------------------------ */
/* Errors                                                                    */
/* ------------------------------------------------------------------------ */

/* Error codes. The failover engine reads these fields, never message text. */
#define MF_ERR_NONE 0
#define MF_ERR_INVALID 1        /* the request itself is wrong (HTTP 400) */
#define MF_ERR_AUTH 2           /* key refused (401/403) */
#define MF_ERR_NOT_FOUND 3      /* model or resource missing (404) */
#define MF_ERR_RATE_LIMITED 4   /* 429 and friends */
#define MF_ERR_UNAVAILABLE 5    /* 5xx, overloaded, connection failure */
#define MF_ERR_TIMEOUT 6        /* upstream too slow */
#define MF_ERR_CANCELLED 7      /* the client went away */
#define MF_ERR_CONTEXT_LENGTH 8 /* prompt too long for this model */
#define MF_ERR_CONTENT_FILTER 9 /* refused by a safety filter */
#define MF_ERR_INTERNAL 10      /* a bug or an unexpected shape */

#define MF_ERROR_MESSAGE_CAPACITY 512

/* Filled by a callee that fails. The caller owns the struct and zeroes it
 * before the call (struct_size set); the callee writes fields in place. */
typedef struct mf_error {
  uint32_t struct_size;
  int32_t code;            /* MF_ERR_* */
  int32_t retryable;       /* 1 if the same request may succeed elsewhere or later */
  int32_t upstream_status; /* HTTP status from upstream, 0 when none */
  int64_t retry_after_ms;  /* from Retry-After and similar, -1 when unknown */
  /* NUL-terminated UTF-8, truncated to fit. Must not contain secrets. */
  char message[MF_ERROR_MESSAGE_CAPACITY];
} mf_error;

/* ------------------------------------------------------------------------ */
/* Host services: what the host offers every plugin                          */
/* ------------------------------------------------------------------------ */

#define MF_LOG_DEBUG 0
#define MF_LOG_INFO 1
#define MF_LOG_WARNING 2
#define MF_LOG_ERROR 3

/* An HTTP request a plugin asks the host to send. All fields borrowed. */
typedef struct mf_http_request {
  uint32_t struct_size;
  mf_str method;            /* "GET", "POST", ... */
  mf_str url;               /* absolute http:// or https:// URL */
  const mf_header* headers; /* borrowed array of header_count entries */
  uint64_t header_count;
  mf_str body;
  int64_t timeout_ms; /* whole exchange; 0 means the host default */
} mf_http_request;

/* Receives an HTTP response from the host. Strings and arrays are borrowed
 * for the duration of each call. Called on the thread that called fetch. */
typedef struct mf_http_response_sink {
  uint32_t struct_size;
  void* ctx; /* owned by the plugin; passed back to every callback */
  /* Called once, when status and headers have arrived. */
  void (*on_head)(void* ctx, int32_t status, const mf_header* headers, uint64_t header_count);
  /* Called with body bytes: once with the whole body for http_fetch, once
   * per received chunk for http_stream. Return non-zero to stop reading; the
   * host then closes the connection and the fetch returns MF_OK. */
  int32_t (*on_body)(void* ctx, mf_str bytes);
} mf_http_response_sink;

/* The services table. The host owns it; it stays valid from init until after
 * deinit returns. Every function may be called from any thread. */
typedef struct mf_host {
  uint32_t struct_size;
  uint32_t abi_major; /* the host's ABI version */
  uint32_t abi_minor;
  void* ctx; /* owned by the host; pass it back as the first argument */

  /* Writes one log line, attributed to this plugin. `message` borrowed. */
  void (*log)(void* ctx, int32_t level, mf_str message);

  /* Looks up this plugin's configuration value by name (a top-level key of
   * the plugin's config object). The value is written as JSON text. Returns
   * MF_OK or MF_NOT_FOUND. */
  int32_t (*get_config)(void* ctx, mf_str name, const mf_string_sink* out);

  /* Looks up a secret by name (an environment variable by default). Never
   * log what comes back. Returns MF_OK or MF_NOT_FOUND. */
  int32_t (*get_secret)(void* ctx, mf_str name, const mf_string_sink* out);

  /* Sends a request through the host's egress policy, connection pool and
   * timeouts, and delivers the whole body in one on_body call. Blocks the
   * calling thread. Returns MF_OK when a response arrived (whatever its
   * status), otherwise fills `error`. */
  int32_t (*http_fetch)(void* ctx, const mf_http_request* request,
                        const mf_http_response_sink* sink, mf_error* error);

  /* As http_fetch, but delivers the body chunk by chunk as it arrives. */
  int32_t (*http_stream)(void* ctx, const mf_http_request* request,
                         const mf_http_response_sink* sink, mf_error* error);

  /* A small persistent key-value store, private to this plugin. */
  int32_t (*kv_get)(void* ctx, mf_str key, const mf_string_sink* out); /* MF_OK / MF_NOT_FOUND */
  /* ttl_ms <= 0 keeps the value until it is deleted. */
  int32_t (*kv_put)(void* ctx, mf_str key, mf_str value, int64_t ttl_ms, mf_error* error);
  int32_t (*kv_delete)(void* ctx, mf_str key);

  /* Milliseconds since the Unix epoch. */
  int64_t (*now_unix_ms)(void* ctx);
  /* A monotonic clock in nanoseconds, for measuring durations. */
  int64_t (*monotonic_ns)(void* ctx);

  /* Returns an extension table by versioned id (e.g. "manifold.metrics/1"),
   * or NULL when the host does not offer it. The table is owned by the host
   * and lives as long as this struct. */
  const void* (*get_extension)(void* ctx, mf_str id);
} mf_host;

/* ------------------------------------------------------------------------ */
/* Canonical events                                                          */
/* ------------------------------------------------------------------------ */

#define MF_EVENT_TEXT_DELTA 1      /* text: answer text fragment */
#define MF_EVENT_REASONING_DELTA 2 /* text: reasoning fragment, never shown as answer */
#define MF_EVENT_TOOL_CALL_DELTA \
  3                       /* tool_index, tool_call_id/tool_name (first), text: args fragment */
#define MF_EVENT_USAGE 4  /* the *_tokens fields; cumulative, last known value wins */
#define MF_EVENT_FINISH 5 /* finish_reason */
#define MF_EVENT_ERROR 6  /* error_code, retryable, text: message */
#define MF_EVENT_META 7   /* text: a JSON object of provider details */

#define MF_FINISH_STOP 1
#define MF_FINISH_LENGTH 2
#define MF_FINISH_TOOL_CALLS 3
#define MF_FINISH_CONTENT_FILTER 4

/* One canonical event. Every string is borrowed for the duration of emit.
 * Fields that do not apply to `type` are zero. */
typedef struct mf_event {
  uint32_t struct_size;
  int32_t type; /* MF_EVENT_* */
  mf_str text;
  int32_t tool_index;
  mf_str tool_call_id;
  mf_str tool_name;
  int64_t prompt_tokens; /* -1 when unknown */
  int64_t completion_tokens;
  int64_t cached_tokens;
  int64_t reasoning_tokens;
  int32_t finish_reason; /* MF_FINISH_* */
  int32_t error_code;    /* MF_ERR_* */
  int32_t retryable;
  /* Since ABI 1.1: prompt tokens written to the provider's prompt cache
   * (Anthropic's cache_creation_input_tokens). -1 when unknown. Of
   * prompt_tokens, cached_tokens were read from the cache. */
  int64_t cache_write_tokens;
} mf_event;

/* Receives canonical events. Called on the thread that drives the parser or
 * the generation. `emit` returns non-zero when the host wants no more events
 * (the client went away): the plugin should stop and return promptly. */
typedef struct mf_event_sink {
  uint32_t struct_size;
  void* ctx; /* owned by the host */
  int32_t (*emit)(void* ctx, const mf_event* event);
} mf_event_sink;

/* ------------------------------------------------------------------------ */
/* Kind "manifold.provider/1": an LLM provider adapter                       */
/* ------------------------------------------------------------------------ */

#define MF_KIND_PROVIDER "manifold.provider/1"

/* The engine a request is for. All strings borrowed for the call. */
typedef struct mf_engine {
  uint32_t struct_size;
  mf_str engine_id;    /* the operator's name for this engine */
  mf_str model;        /* the upstream model id */
  mf_str base_url;     /* may be empty: the adapter's default */
  mf_str api_key;      /* a secret; may be empty. Never log it. */
  mf_str options_json; /* the engine's "options" object as JSON, "{}" when none */
} mf_engine;

/* Collects the upstream HTTP request an adapter builds. Owned by the host;
 * every string passed in is copied before the call returns. */
typedef struct mf_request_builder {
  uint32_t struct_size;
  void* ctx;
  void (*set_method)(void* ctx, mf_str method);
  void (*set_url)(void* ctx, mf_str url);
  void (*add_header)(void* ctx, mf_str name, mf_str value);
  void (*set_body)(void* ctx, mf_str body);
} mf_request_builder;

/* A provider adapter. A translator never does I/O: the host sends the request
 * it builds and feeds the response bytes back. A provider with no HTTP
 * upstream (the offline demo, an in-process model) sets `generate` instead of
 * the translator functions. Every function may be called from any thread;
 * one stream object is only ever used by one thread at a time. */
typedef struct mf_provider_api {
  uint32_t struct_size;

  /* Creates an instance for one plugin configuration. `config_json` is
   * borrowed. Returns an opaque instance owned by the host, released with
   * destroy, or NULL after filling `error`. */
  void* (*create)(const mf_host* host, mf_str config_json, mf_error* error);
  void (*destroy)(void* instance);

  /* Translates a canonical request (JSON, see schemas/) into the upstream
   * HTTP request. Pure: no I/O. The canonical "stream" field says whether to
   * ask the upstream for a streamed response. */
  int32_t (*build_request)(void* instance, const mf_engine* engine, mf_str canonical_request_json,
                           const mf_request_builder* out, mf_error* error);

  /* Opens a parser for one streamed upstream response. The sink is borrowed
   * and must stay valid until stream_close. Returns NULL after filling
   * `error`. */
  void* (*stream_open)(void* instance, const mf_engine* engine, const mf_event_sink* sink,
                       mf_error* error);
  /* Feeds raw upstream bytes, split anywhere. Emits events through the sink.
   * A malformed event fails the call with MF_ERR_INTERNAL. */
  int32_t (*stream_feed)(void* stream, mf_str bytes, mf_error* error);
  /* The upstream body ended. Emits whatever was pending (usage, finish). */
  int32_t (*stream_finish)(void* stream, mf_error* error);
  void (*stream_close)(void* stream);

  /* Translates a whole non-streamed upstream body into events. */
  int32_t (*parse_response)(void* instance, const mf_engine* engine, mf_str body,
                            const mf_event_sink* sink, mf_error* error);

  /* Classifies an upstream error response. Always fills `out`. */
  void (*classify_error)(void* instance, int32_t http_status, const mf_header* headers,
                         uint64_t header_count, mf_str body, mf_error* out);

  /* For providers without an HTTP upstream; NULL for translators. Produces
   * the answer by emitting events, blocking the calling thread, and stops
   * early when emit returns non-zero. Returns MF_OK when the answer finished,
   * otherwise fills `error` (as an upstream failure would be classified). */
  int32_t (*generate)(void* instance, const mf_engine* engine, mf_str canonical_request_json,
                      const mf_event_sink* sink, mf_error* error);

  /* Since ABI 1.3: media. A provider that makes pictures or speech, or reads
   * speech, sets both functions; NULL (or a table of an older minor) means it
   * does none of it. Like build_request they are pure: the host sends the
   * request, classifies a non-2xx answer with classify_error, and hands a 2xx
   * body to parse_media_response. `operation` is one of the MF_MEDIA_* ids;
   * schemas/media.md documents the request and result JSON of each. Binary
   * data (images, audio) travels base64-encoded inside that JSON; the
   * upstream body the builder gets may be binary (multipart, raw audio). */

  /* Translates a media request into the upstream HTTP request. Returns
   * MF_NOT_FOUND, without filling `error`, when this engine does not do
   * `operation`: the host then skips the engine, as it does a missing key. */
  int32_t (*build_media_request)(void* instance, const mf_engine* engine, mf_str operation,
                                 mf_str request_json, const mf_request_builder* out,
                                 mf_error* error);
  /* Translates a 2xx upstream body (headers borrowed) into the result JSON.
   * An answer that is a refusal (a safety block in a 200) fails with
   * MF_ERR_CONTENT_FILTER and the provider's reason; a body of the wrong
   * shape fails with MF_ERR_INTERNAL. */
  int32_t (*parse_media_response)(void* instance, const mf_engine* engine, mf_str operation,
                                  const mf_header* headers, uint64_t header_count, mf_str body,
                                  const mf_string_sink* result_json, mf_error* error);
} mf_provider_api;

/* Media operations (ABI 1.3), the `operation` of the media functions above. */
#define MF_MEDIA_IMAGE_GENERATE "image.generate"     /* text to pictures */
#define MF_MEDIA_IMAGE_EDIT "image.edit"             /* pictures and text to pictures */
#define MF_MEDIA_SPEECH "audio.speech"               /* text to speech */
#define MF_MEDIA_TRANSCRIPTION "audio.transcription" /* speech to text */

/* ------------------------------------------------------------------------ */
/* Kind "manifold.toolset/1": live tools and MCP bridges                     */
/* ------------------------------------------------------------------------ */

#define MF_KIND_TOOLSET "manifold.toolset/1"

typedef struct mf_toolset_api {
  uint32_t struct_size;
  void* (*create)(const mf_host* host, mf_str config_json, mf_error* error);
  void (*destroy)(void* instance);
  /* Writes a JSON array of tool definitions in the OpenAI "tools" shape. */
  int32_t (*list_tools)(void* instance, const mf_string_sink* out, mf_error* error);
  /* Calls a tool. `arguments_json` borrowed. Writes the result as JSON. May
   * block; may use the host's http services. */
  int32_t (*call_tool)(void* instance, mf_str tool_name, mf_str arguments_json,
                       const mf_string_sink* result_json, mf_error* error);
} mf_toolset_api;

/* ------------------------------------------------------------------------ */
/* Kind "manifold.dispatcher/1": long-running tasks handed to agents         */
/* ------------------------------------------------------------------------ */

#define MF_KIND_DISPATCHER "manifold.dispatcher/1"

typedef struct mf_dispatcher_api {
  uint32_t struct_size;
  void* (*create)(const mf_host* host, mf_str config_json, mf_error* error);
  void (*destroy)(void* instance);
  /* Starts a task from a canonical request. Writes a JSON object with at
   * least {"task_id": "...", "status": "..."}. */
  int32_t (*create_task)(void* instance, mf_str canonical_request_json,
                         const mf_string_sink* task_json, mf_error* error);
  /* Writes the task's current state as a JSON object. */
  int32_t (*poll_task)(void* instance, mf_str task_id, const mf_string_sink* task_json,
                       mf_error* error);
  int32_t (*cancel_task)(void* instance, mf_str task_id, mf_error* error);
  /* Turns a webhook body, already verified by the host, into a task update
   * JSON object like poll_task's. */
  int32_t (*handle_webhook)(void* instance, mf_str verified_body, const mf_string_sink* task_json,
                            mf_error* error);

  /* Since ABI 1.2: services, and webhooks the host verifies.
   *
   * A dispatcher serves one or more services (a sibling plugin serves every
   * sibling declared in its config; Manus is one service). The host keeps the
   * task: its id, owner, state and events. The plugin only talks to the remote
   * service, through the host's http_fetch (so the egress policy applies).
   *
   * A task update is a JSON object; every field is optional:
   *   {"remote_id": "...",                   the task's id at the service
   *    "state": "queued" | "running" | "waiting_input" | "succeeded" | "failed" | "cancelled",
   *    "progress": "...",                     a short note for humans
   *    "result": {...},                       with "succeeded"
   *    "error": {"code": "...", "message": "..."},   with "failed"
   *    "poll_after_ms": 5000,                 a hint for the host's next poll
   *    "ignore": true}                        (webhooks only) nothing to apply
   * A delivery names its task by "remote_id", or by "task_id" (the host's id,
   * which start_task received).
   *
   * A 1.2 dispatcher sets all six functions below. The four 1.1 functions
   * above stay required, so a 1.1 host still loads the plugin; they act on
   * the service "". A 1.1 dispatcher (struct_size up to handle_webhook) gets
   * its tasks polled and no webhooks, since it names no scheme. */

  /* Writes a JSON array of the services this instance serves, each
   *   {"service": "rag",            [a-z0-9][a-z0-9._-]*, or "" for a plugin's only one
   *    "intents": ["rag"],          the router intents it takes
   *    "enabled": true,
   *    "detail": "..."}             why it is disabled, or a status note
   * Called at load and whenever /admin shows the plugin. */
  int32_t (*list_services)(void* instance, const mf_string_sink* services_json, mf_error* error);
  /* Starts a task. `task_json` is {"task_id", "intent", "input", "metadata",
   * "webhook_url"} (webhook_url is the absolute URL the host verifies
   * deliveries at, or "" without server.public_url). Writes a task update;
   * it must hold remote_id unless the state is final. */
  int32_t (*start_task)(void* instance, mf_str service, mf_str task_json,
                        const mf_string_sink* update_json, mf_error* error);
  /* Reads a task's state at the service. Writes a task update. */
  int32_t (*check_task)(void* instance, mf_str service, mf_str remote_id,
                        const mf_string_sink* update_json, mf_error* error);
  /* Asks the service to stop a task. */
  int32_t (*stop_task)(void* instance, mf_str service, mf_str remote_id, mf_error* error);
  /* Names how deliveries to /webhooks/{plugin}/{service} are verified, as
   *   {"scheme": "standard-webhooks", "secrets": ["whsec_...", ...]}
   *   {"scheme": "manus-rsa", "public_key_pem": "-----BEGIN PUBLIC KEY-----..."}
   *   {"scheme": "none"}        deliveries are refused
   * The host does the cryptography. `refresh` is 1 after a delivery failed
   * verification with what was named before: fetch a cached key again. */
  int32_t (*webhook_verifier)(void* instance, mf_str service, int32_t refresh,
                              const mf_string_sink* verifier_json, mf_error* error);
  /* Turns a delivery the host has verified into a task update. Headers and
   * body borrowed. Never called with an unverified body. */
  int32_t (*apply_webhook)(void* instance, mf_str service, const mf_header* headers,
                           uint64_t header_count, mf_str verified_body,
                           const mf_string_sink* update_json, mf_error* error);
} mf_dispatcher_api;

/* ------------------------------------------------------------------------ */
/* Kind "manifold.intents/1" (since ABI 1.1): intents for the router         */
/* ------------------------------------------------------------------------ */

#define MF_KIND_INTENTS "manifold.intents/1"

/* Lets a plugin (typically a dispatcher or a toolset) extend the host's
 * intent router without touching host code.
 *
 * The router reads the first 2 KB of the last user message as words: runs of
 * letters and digits, lower-cased, Latin accents folded ("Météo" reads
 * "meteo"), every other character a separator, so "What's up?" is the three
 * words "what s up".
 * Phrases and patterns are matched against those words, never against
 * characters, which keeps routing in the microseconds whatever plugins add.
 *
 *  - A phrase is literal text, read the same way: "read this aloud" matches
 *    the three words in a row, whatever the case and punctuation around them.
 *  - A pattern is a list of elements separated by spaces:
 *      word        that word ("ocr")
 *      a|b|c       any one of these words ("transcribe|dictate")
 *      word*       any word starting with this prefix, 2+ characters ("translat*")
 *      *           any one word
 *      ...         zero to three words
 *    e.g. "read|say ... aloud|out". A pattern has at most 8 elements and starts
 *    with a word or a|b list (the router indexes patterns by their first
 *    word); ... sits between two elements. Any other character (\ ( [ ? + and
 *    the like) makes the pattern malformed: these are not regular expressions.
 *  - A plugin intent that matches wins over the built-in modes. Between plugin
 *    intents: higher priority, then a phrase over a pattern, then the match
 *    naming more words, then the earlier one.
 */
typedef struct mf_intents_api {
  uint32_t struct_size;
  /* Writes a JSON array of intent declarations, each
   *   {"intent": "voice",                      [a-z0-9][a-z0-9._-]*, not a mode name
   *    "description": "...",
   *    "phrases": ["read this aloud", ...],   see above
   *    "patterns": ["read|say ... aloud", ...],
   *    "priority": 0}                          -1000..1000, higher wins
   * At least one phrase or pattern. Called once, on the loader thread, after
   * init. The host compiles every phrase and pattern then, and refuses the
   * plugin, with a reason naming the culprit, when one is malformed. */
  int32_t (*declare_intents)(const mf_string_sink* out, mf_error* error);
} mf_intents_api;

/* ------------------------------------------------------------------------ */
/* The plugin descriptor and entry point                                     */
/* ------------------------------------------------------------------------ */

/* Static data describing a plugin. Owned by the plugin; must stay valid and
 * unchanged until the library is unloaded. */
typedef struct mf_plugin_descriptor {
  uint32_t struct_size;
  uint32_t abi_major;  /* MANIFOLD_ABI_MAJOR the plugin was built with */
  uint32_t abi_minor;  /* MANIFOLD_ABI_MINOR the plugin was built with */
  mf_str id;           /* unique, stable, e.g. "acme.provider.foo" */
  mf_str version;      /* the plugin's own version, e.g. "1.4.2" */
  mf_str description;  /* one line for humans */
  const mf_str* kinds; /* array of kind_count kind ids the plugin provides */
  uint64_t kind_count;

  /* Called once after the ABI check, before any factory is used. `host` is
   * valid until deinit returns. Called on the host's loader thread. */
  int32_t (*init)(const mf_host* host, mf_error* error);
  /* Called once after the last instance has been destroyed. May be NULL. */
  void (*deinit)(void);
  /* Returns the API table for a kind id (e.g. MF_KIND_PROVIDER), or NULL.
   * The table is static: owned by the plugin, valid until unload. */
  const void* (*get_factory)(mf_str kind_id);
} mf_plugin_descriptor;

/* The entry function. Must not do any work beyond returning a pointer to a
 * static descriptor; it may be called more than once. */
typedef const mf_plugin_descriptor* (*manifold_plugin_entry_fn)(void);

#ifdef __cplusplus
}
#endif

#endif /* MANIFOLD_PLUGIN_H */
