// A fake sibling service: a real HTTP server (node:http, no framework) that
// follows schemas/task-protocol.md, for tests of the sibling dispatcher and
// of the gateway's task runtime.
//
//   node server.mjs --token SECRET [--port 0] [--host 127.0.0.1]
//                   [--webhook-secret whsec_...]...  [--steps 2] [--step-ms 0]
//                   [--immediate-intent ocr]...
//
// It prints "listening on HOST:PORT" once it serves, and runs until SIGTERM.
//
// Protocol: POST /tasks, GET /tasks/{id}, POST /tasks/{id}/cancel, each with
// "Authorization: Bearer SECRET" (401 otherwise, and nothing done). A task
// starts "running" and moves one step per advance; after --steps steps it is
// "succeeded". An intent named by --immediate-intent is done at once (200).
// The same task_id twice starts one task. Every change is sent to the task's
// webhook_url, signed with the npm standardwebhooks library under every
// --webhook-secret (several signatures, as during a rotation), retried with
// backoff up to 3 times on a non-2xx answer, keeping its webhook-id.
//
// Cues for tests (no auth):
//   POST /_advance/{id}   one step now (409 once the task is final)
//   POST /_fault          {"status": 503, "count": 1, "retry_after": "2"}: the
//                         next `count` protocol requests get that status
//   GET  /_ledger         what it received and the webhooks it sent
// --step-ms N advances every running task every N ms as well (0: never).
import http from "node:http";
import { Webhook } from "standardwebhooks";

function parseArgs(argv) {
  const opts = { host: "127.0.0.1", port: 0, token: "", webhookSecrets: [], steps: 2, stepMs: 0,
                 immediateIntents: [] };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    switch (flag) {
      case "--host": opts.host = value; break;
      case "--port": opts.port = Number(value); break;
      case "--token": opts.token = value; break;
      case "--webhook-secret": opts.webhookSecrets.push(value); break;
      case "--steps": opts.steps = Number(value); break;
      case "--step-ms": opts.stepMs = Number(value); break;
      case "--immediate-intent": opts.immediateIntents.push(value); break;
      default: throw new Error(`unknown option ${flag}`);
    }
  }
  if (!opts.token) throw new Error("--token is required");
  if (!(opts.steps >= 1)) throw new Error("--steps must be 1 or more");
  return opts;
}

const opts = parseArgs(process.argv.slice(2));
const signers = opts.webhookSecrets.map((s) => new Webhook(s));
const FINAL = new Set(["succeeded", "failed", "cancelled"]);
const tasks = new Map();       // remote id -> task
const byTaskId = new Map();    // Manifold's task_id -> remote id
const ledger = { requests: [], webhooks: [] };
let fault = { status: 0, count: 0, retryAfter: "" };
let nextId = 1;
let nextDelivery = 1;

function send(res, status, body, headers = {}) {
  const text = body === undefined ? "" : JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(text);
}

function fail(res, status, code, message, headers) {
  send(res, status, { error: { code, message } }, headers);
}

function statusOf(task) {
  const s = { id: task.id, task_id: task.task_id, state: task.state, progress: task.progress,
              updated_at_ms: task.updatedAtMs };
  if (task.result) s.result = task.result;
  if (task.error) s.error = task.error;
  return s;
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

// Deliveries of one task go out in order: each waits for the one before.
function notify(task) {
  if (!task.webhookUrl || signers.length === 0) return;
  const payload = JSON.stringify({ type: "task.updated", timestamp_ms: Date.now(), data: statusOf(task) });
  const webhookId = `msg_fake_${nextDelivery++}`;
  task.deliveries = task.deliveries.then(() => deliver(task.webhookUrl, webhookId, payload));
}

async function deliver(url, webhookId, payload) {
  const entry = { url, webhook_id: webhookId, body: payload, attempts: 0, status: 0 };
  ledger.webhooks.push(entry);
  for (let attempt = 0; attempt < 3; ++attempt) {
    if (attempt > 0) await new Promise((r) => setTimeout(r, 100 * 2 ** attempt));
    const at = new Date();
    const signature = signers.map((w) => w.sign(webhookId, at, payload)).join(" ");
    entry.attempts = attempt + 1;
    try {
      const answer = await fetch(url, {
        method: "POST", body: payload,
        headers: { "content-type": "application/json", "webhook-id": webhookId,
                   "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
                   "webhook-signature": signature } });
      entry.status = answer.status;
      await answer.arrayBuffer();
      if (answer.ok) return;
    } catch (e) {
      entry.error = String(e.message || e);
    }
  }
}

function change(task, fields) {
  Object.assign(task, fields, { updatedAtMs: Date.now() });
  notify(task);
}

function advance(task) {
  if (FINAL.has(task.state)) return false;
  const step = task.step + 1;
  if (step >= opts.steps) {
    change(task, { step, state: "succeeded", progress: `step ${step} of ${opts.steps}`,
                   result: { answer: `done: ${task.intent}`, task_id: task.task_id, steps: step } });
  } else {
    change(task, { step, state: "running", progress: `step ${step} of ${opts.steps}` });
  }
  return true;
}

function create(body, res) {
  let request;
  try {
    request = JSON.parse(body);
  } catch {
    return fail(res, 400, "invalid_json", "the body is not JSON");
  }
  if (typeof request?.task_id !== "string" || !request.task_id || typeof request.input !== "object")
    return fail(res, 400, "invalid_request", "task_id and input are required");
  const earlier = byTaskId.get(request.task_id);
  if (earlier) {
    const task = tasks.get(earlier);
    return send(res, task.createdStatus, statusOf(task));
  }
  const task = { id: `rem-${nextId++}`, task_id: request.task_id, intent: request.intent ?? "",
                 input: request.input, metadata: request.metadata ?? {},
                 webhookUrl: request.webhook_url ?? "", step: 0, state: "running",
                 progress: `step 0 of ${opts.steps}`, updatedAtMs: Date.now(),
                 deliveries: Promise.resolve() };
  tasks.set(task.id, task);
  byTaskId.set(task.task_id, task.id);
  if (opts.immediateIntents.includes(task.intent)) {
    task.createdStatus = 200;
    change(task, { step: opts.steps, state: "succeeded", progress: "done at once",
                   result: { answer: `done at once: ${task.intent}`, task_id: task.task_id } });
  } else {
    task.createdStatus = 202;
    notify(task);
  }
  send(res, task.createdStatus, statusOf(task));
}

async function handle(req, res) {
  const url = new URL(req.url, "http://fake");
  const path = url.pathname;
  const body = await readBody(req);

  if (path === "/_ledger" && req.method === "GET") return send(res, 200, ledger);
  if (path === "/_fault" && req.method === "POST") {
    const f = JSON.parse(body || "{}");
    fault = { status: f.status ?? 503, count: f.count ?? 1, retryAfter: f.retry_after ?? "" };
    return send(res, 204);
  }
  const advanceMatch = path.match(/^\/_advance\/([^/]+)$/);
  if (advanceMatch && req.method === "POST") {
    const task = tasks.get(decodeURIComponent(advanceMatch[1]));
    if (!task) return fail(res, 404, "not_found", "no such task");
    if (!advance(task)) return fail(res, 409, "final", `the task is already ${task.state}`);
    return send(res, 200, statusOf(task));
  }

  const authorized = req.headers.authorization === `Bearer ${opts.token}`;
  ledger.requests.push({ method: req.method, path, authorized, body, at_ms: Date.now() });
  if (!authorized) return fail(res, 401, "unauthorized", "missing or wrong bearer token");
  if (fault.count > 0) {
    fault.count -= 1;
    const headers = fault.retryAfter ? { "retry-after": fault.retryAfter } : {};
    return fail(res, fault.status, "injected", `fault injected: ${fault.status}`, headers);
  }

  if (path === "/tasks" && req.method === "POST") return create(body, res);
  const taskMatch = path.match(/^\/tasks\/([^/]+)(\/cancel)?$/);
  if (taskMatch) {
    const task = tasks.get(decodeURIComponent(taskMatch[1]));
    const cancel = taskMatch[2] !== undefined;
    if ((cancel && req.method === "POST") || (!cancel && req.method === "GET")) {
      if (!task) return fail(res, 404, "not_found", "no such task");
      if (cancel && !FINAL.has(task.state)) change(task, { state: "cancelled", progress: "cancelled" });
      return send(res, 200, statusOf(task));
    }
    return fail(res, 405, "method_not_allowed", `${req.method} is not allowed here`);
  }
  return fail(res, 404, "not_found", `no route ${path}`);
}

const server = http.createServer((req, res) => {
  handle(req, res).catch((e) => fail(res, 500, "fake_error", String(e.message || e)));
});
server.listen(opts.port, opts.host, () => {
  const { address, port } = server.address();
  console.log(`listening on ${address}:${port}`);
});
if (opts.stepMs > 0)
  setInterval(() => { for (const task of tasks.values()) advance(task); }, opts.stepMs).unref();
process.on("SIGTERM", () => server.close(() => process.exit(0)));
process.on("SIGINT", () => server.close(() => process.exit(0)));
