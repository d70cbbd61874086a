// A fake Manus API v2 (https://open.manus.ai/docs/v2/): a real HTTP server on
// loopback that follows the documented endpoints and answer shapes, so the
// Manus dispatcher plugin can be tested without the real service.
//
//   node server.mjs --key KEY --private-key FILE --public-key FILE [--steps N]
//
// It prints "listening PORT" once ready. API calls need `x-manus-api-key: KEY`.
// A task advances one step per task.detail call (or POST /_advance) and stops
// after N steps (3 by default). A prompt containing "[ask]" ends waiting for
// input, "[error]" ends in error. Webhooks registered with webhook.create are
// signed as Manus signs them: RSA-SHA256 over
// "{timestamp}.{url}.{sha256 hex of the body}", base64 in X-Webhook-Signature.
//
// Test controls (not part of the Manus API):
//   GET  /_ledger   every API request, registered webhook and delivery
//   POST /_advance  {"task_id"}: one step now; answers after its webhook
//   POST /_rotate   {"private_key": FILE, "public_key": FILE}: new signing key
//   POST /_fail     {"status", "retry_after"?, "times"?}: the next API calls fail
import { createHash, randomBytes, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  if (i >= 0 && i + 1 < process.argv.length) return process.argv[i + 1];
  if (fallback === undefined) throw new Error(`missing --${name}`);
  return fallback;
}

const apiKey = option('key');
const steps = Number(option('steps', '3'));
let privateKey = readFileSync(option('private-key'), 'utf8');
let publicKey = readFileSync(option('public-key'), 'utf8');

const tasks = new Map();
const ledger = { requests: [], webhooks: [], deliveries: [] };
let failures = null;
let sequence = 0;

const newId = (prefix) => `${prefix}${randomBytes(8).toString('hex')}`;
const nowSeconds = () => Math.floor(Date.now() / 1000);

function answer(res, status, body, headers = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

const ok = (res, body) => answer(res, 200, { ok: true, request_id: newId('req_'), ...body });
const refuse = (res, status, code, message, headers) =>
  answer(res, status, { ok: false, request_id: newId('req_'), error: { code, message } }, headers);

async function deliver(event) {
  for (const hook of ledger.webhooks) {
    const body = JSON.stringify(event);
    const timestamp = String(nowSeconds());
    const digest = createHash('sha256').update(body).digest('hex');
    const signature = sign('sha256', Buffer.from(`${timestamp}.${hook.url}.${digest}`), privateKey).toString('base64');
    const record = { url: hook.url, event_type: event.event_type, body, timestamp, signature, status: 0 };
    ledger.deliveries.push(record);
    try {
      const response = await fetch(hook.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-webhook-signature': signature, 'x-webhook-timestamp': timestamp },
        body,
      });
      record.status = response.status;
      await response.arrayBuffer();
    } catch (error) {
      record.error = String(error);
    }
  }
}

function message(type, payload) {
  return { id: newId('msg_'), type, timestamp: nowSeconds(), [type]: payload };
}

function finalText(task) {
  if (task.outcome === 'ask') return 'Which date should I book: Friday or Saturday?';
  if (task.outcome === 'error') return 'The agent could not finish: the site refused every attempt.';
  return `Done: ${task.prompt}`;
}

// One step of work; the last one stops the task. Returns the webhook event.
function advance(task) {
  if (task.status !== 'running') return null;
  task.step += 1;
  task.updated_at = nowSeconds();
  if (task.step < steps) {
    const note = `Step ${task.step} of ${steps}: working on it`;
    task.messages.push(message('assistant_message', { content: note }));
    return { event_id: newId('task_progress_'), event_type: 'task_progress',
      progress_detail: { task_id: task.id, progress_type: 'plan_update', message: note } };
  }
  const text = finalText(task);
  task.status = task.outcome === 'ask' ? 'waiting' : task.outcome === 'error' ? 'error' : 'stopped';
  task.messages.push(message('assistant_message', { content: text }));
  task.messages.push(message('status_update', { agent_status: task.status }));
  if (task.outcome === 'error') return null;  // the webhook docs name no error event
  return { event_id: newId('task_stopped_'), event_type: 'task_stopped',
    task_detail: { task_id: task.id, task_title: task.title, task_url: task.task_url, message: text,
      attachments: [], stop_reason: task.outcome === 'ask' ? 'ask' : 'finish' } };
}

function taskOf(res, id) {
  const task = tasks.get(id ?? '');
  if (!task) refuse(res, 404, 'not_found', `no task ${id}`);
  return task;
}

const api = {
  'POST /v2/task.create': (req, res, body) => {
    const text = (body?.message?.content ?? []).filter((p) => p.type === 'text').map((p) => p.text).join('\n');
    if (!text) return refuse(res, 400, 'invalid_argument', 'message.content needs a text part');
    const id = newId('T');
    const outcome = text.includes('[ask]') ? 'ask' : text.includes('[error]') ? 'error' : 'finish';
    const task = { id, prompt: text, outcome, status: 'running', step: 0, title: text.slice(0, 40),
      task_url: `https://manus.im/app/${id}`, created_at: nowSeconds(), updated_at: nowSeconds(), credit_usage: 0,
      messages: [message('user_message', { content: text }), message('status_update', { agent_status: 'running' })] };
    tasks.set(id, task);
    ok(res, { task_id: id, task_title: task.title, task_url: task.task_url, share_url: '', share_visibility: 'private' });
    setImmediate(() => deliver({ event_id: newId('task_created_'), event_type: 'task_created',
      task_detail: { task_id: id, task_title: task.title, task_url: task.task_url } }));
  },
  'GET /v2/task.detail': (req, res, body, query) => {
    const task = taskOf(res, query.get('task_id'));
    if (!task) return;
    const event = advance(task);
    task.credit_usage += 1;
    ok(res, { task: { id: task.id, status: task.status, created_at: task.created_at, updated_at: task.updated_at,
      task_type: 'standard', share_visibility: 'private', title: task.title, credit_usage: task.credit_usage,
      task_url: task.task_url } });
    if (event) setImmediate(() => deliver(event));
  },
  'GET /v2/task.listMessages': (req, res, body, query) => {
    const task = taskOf(res, query.get('task_id'));
    if (!task) return;
    const limit = Number(query.get('limit') ?? '50');
    const ordered = query.get('order') === 'desc' ? [...task.messages].reverse() : task.messages;
    ok(res, { messages: ordered.slice(0, limit), has_more: ordered.length > limit });
  },
  'POST /v2/task.stop': (req, res, body) => {
    const task = taskOf(res, body?.task_id);
    if (!task) return;
    task.status = 'stopped';
    task.stopped = true;
    ok(res, {});
  },
  'POST /v2/webhook.create': (req, res, body) => {
    if (typeof body?.url !== 'string' || !/^https?:\/\//.test(body.url))
      return refuse(res, 400, 'invalid_argument', 'url must be an http(s) URL');
    if (ledger.webhooks.some((w) => w.url === body.url))
      return refuse(res, 409, 'already_exists', 'a webhook with this url exists');
    const webhook = { id: newId('wh_'), url: body.url, status: 'active', created_at: nowSeconds() };
    ledger.webhooks.push(webhook);
    ok(res, { webhook });
  },
  'GET /v2/webhook.publicKey': (req, res) => ok(res, { public_key: publicKey, algorithm: 'RSA-SHA256' }),
};

const controls = {
  'GET /_ledger': (req, res) => answer(res, 200, { ...ledger, tasks: [...tasks.values()].map(({ messages, ...t }) => t) }),
  'POST /_advance': async (req, res, body) => {
    const task = taskOf(res, body?.task_id);
    if (!task) return;
    const event = advance(task);
    if (event) await deliver(event);
    answer(res, 200, { status: task.status, step: task.step });
  },
  'POST /_rotate': (req, res, body) => {
    privateKey = readFileSync(body.private_key, 'utf8');
    publicKey = readFileSync(body.public_key, 'utf8');
    answer(res, 200, { rotated: true });
  },
  'POST /_fail': (req, res, body) => {
    failures = { status: body.status, retryAfter: body.retry_after, times: body.times ?? 1 };
    answer(res, 200, { armed: true });
  },
};

createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', async () => {
    const url = new URL(req.url, 'http://fake');
    const route = `${req.method} ${url.pathname}`;
    const raw = Buffer.concat(chunks).toString('utf8');
    let body = null;
    try { body = raw ? JSON.parse(raw) : null; } catch { return refuse(res, 400, 'invalid_argument', 'body is not JSON'); }
    if (controls[route]) return controls[route](req, res, body, url.searchParams);
    ledger.requests.push({ seq: ++sequence, method: req.method, path: url.pathname, query: url.search,
      api_key: req.headers['x-manus-api-key'] ?? null, body });
    if (req.headers['x-manus-api-key'] !== apiKey) return refuse(res, 401, 'unauthorized', 'invalid API key');
    if (failures && failures.times > 0) {
      failures.times -= 1;
      const headers = failures.retryAfter !== undefined ? { 'retry-after': String(failures.retryAfter) } : {};
      return refuse(res, failures.status, 'injected', `injected HTTP ${failures.status}`, headers);
    }
    if (!api[route]) return refuse(res, 404, 'not_found', `no route ${route}`);
    api[route](req, res, body, url.searchParams);
  });
}).listen(0, '127.0.0.1', function () {
  console.log(`listening ${this.address().port}`);
});
