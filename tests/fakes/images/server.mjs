// A fake of the three image upstreams the gateway's image engines call, in
// their documented answer shapes (node:http, no npm packages):
//   POST /openai/v1/images/generations      OpenAI: {"created","data":[{"b64_json","revised_prompt"}],"usage"}
//   POST /openai/v1/images/edits            OpenAI, multipart (image or image[], mask, fields)
//   POST /cloudflare/client/v4/accounts/{account}/ai/run/{model}
//                                           Workers AI: {"result":{"image":b64 JPEG},"success":true}
//   POST /gemini/v1beta/models/{model}:generateContent
//                                           Gemini: candidates[0].content.parts[].inlineData
// A prompt containing "forbidden" is refused the way each provider refuses:
// OpenAI 400 content_policy_violation, Gemini promptFeedback.blockReason
// (or finishReason IMAGE_SAFETY for "forbidden picture").
// Cloudflare accounts: --cf-account ACCOUNT:TOKEN (repeatable); a token that
// is not the account's is answered 401 as Workers AI does.
// Cues: POST /_fault {"route": "openai"|"cloudflare"|"gemini", "status": 503,
// "count": 1}; GET /_ledger lists every request: route, path, authorization,
// the JSON body (or the multipart fields, and each file's sha256 and size),
// and the base64 picture it answered.
import http from 'node:http';
import crypto from 'node:crypto';

const args = process.argv.slice(2);
let port = 0;
const accounts = new Map();
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--port') port = Number(args[++i]);
  else if (args[i] === '--cf-account') {
    const [account, token] = args[++i].split(':');
    accounts.set(account, token);
  }
}

// A 2x2 red PNG and a 1x1 JPEG: real picture bytes, as the providers send.
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGP4z8AARAwQCgAf7gP9i18U1AAAAABJRU5ErkJggg==';
const JPEG = '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=';

const ledger = [];
const faults = new Map();

function send(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function sha256(buffer) {
  return crypto.createHash('sha256').update(buffer).digest('hex');
}

// Splits a multipart/form-data body into {fields, files}.
function parseMultipart(body, contentType) {
  const match = /boundary=("?)([^";]+)\1/.exec(contentType || '');
  if (!match) return null;
  const delimiter = Buffer.from('--' + match[2]);
  const fields = {};
  const files = [];
  let at = body.indexOf(delimiter);
  while (at >= 0) {
    const start = at + delimiter.length;
    if (body.slice(start, start + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, start);
    if (next < 0) return null;
    const part = body.slice(start + 2, next - 2);  // after CRLF, before CRLF
    const split = part.indexOf('\r\n\r\n');
    const head = part.slice(0, split).toString();
    const content = part.slice(split + 4);
    const name = /name="([^"]*)"/.exec(head)?.[1];
    const filename = /filename="([^"]*)"/.exec(head)?.[1];
    const type = /content-type:\s*([^\r\n]+)/i.exec(head)?.[1];
    if (filename !== undefined)
      files.push({ name, filename, type, size: content.length, sha256: sha256(content) });
    else fields[name] = content.toString();
    at = next;
  }
  return { fields, files };
}

function routeOf(path) {
  return path.split('/')[1] || '';
}

function openai(req, res, entry, body) {
  const request = entry.json || entry.form?.fields || {};
  const prompt = request.prompt || '';
  if (prompt.includes('forbidden'))
    return send(res, 400, { error: { message: 'Your request was rejected as a result of our safety system.', type: 'image_generation_user_error', param: null, code: 'content_policy_violation' } });
  const n = Number(request.n || 1);
  const data = [];
  for (let i = 0; i < n; i++) data.push({ b64_json: PNG, revised_prompt: 'revised: ' + prompt });
  entry.answered = PNG;
  send(res, 200, { created: 1700000000, data, usage: { input_tokens: 11, output_tokens: 4160, total_tokens: 4171 } });
}

function cloudflare(req, res, entry) {
  const m = /^\/cloudflare\/client\/v4\/accounts\/([^/]+)\/ai\/run\/(.+)$/.exec(entry.path);
  const token = (req.headers.authorization || '').replace(/^Bearer /, '');
  if (!m || !accounts.has(m[1]) || accounts.get(m[1]) !== token)
    return send(res, 401, { success: false, errors: [{ code: 10000, message: 'Authentication error' }], messages: [], result: null });
  if (!entry.json?.prompt)
    return send(res, 400, { success: false, errors: [{ code: 5006, message: 'Error: required properties at \'/\' are \'prompt\'' }], messages: [], result: null });
  entry.answered = JPEG;
  send(res, 200, { result: { image: JPEG }, success: true, errors: [], messages: [] });
}

function gemini(req, res, entry) {
  const parts = entry.json?.contents?.[0]?.parts || [];
  const prompt = parts.map(p => p.text || '').join('');
  if (prompt.includes('forbidden picture'))
    return send(res, 200, { candidates: [{ content: { parts: [], role: 'model' }, finishReason: 'IMAGE_SAFETY', finishMessage: 'Unable to show the generated image.' }], usageMetadata: { promptTokenCount: 9, totalTokenCount: 9 } });
  if (prompt.includes('forbidden'))
    return send(res, 200, { promptFeedback: { blockReason: 'SAFETY' }, usageMetadata: { promptTokenCount: 9, totalTokenCount: 9 } });
  entry.answered = PNG;
  send(res, 200, {
    candidates: [{ content: { parts: [{ text: 'Here is your picture.' }, { inlineData: { mimeType: 'image/png', data: PNG } }], role: 'model' }, finishReason: 'STOP', index: 0 }],
    usageMetadata: { promptTokenCount: 9, candidatesTokenCount: 1290, totalTokenCount: 1299 },
  });
}

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', c => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    const path = req.url.split('?')[0];
    if (req.method === 'GET' && path === '/_ledger') return send(res, 200, ledger);
    if (req.method === 'POST' && path === '/_fault') {
      const f = JSON.parse(body.toString());
      faults.set(f.route, { status: f.status, count: f.count ?? 1 });
      return send(res, 200, { ok: true });
    }
    const route = routeOf(path);
    const entry = { route, path, authorization: req.headers.authorization || req.headers['x-goog-api-key'] || '' };
    const type = req.headers['content-type'] || '';
    if (type.startsWith('multipart/form-data')) entry.form = parseMultipart(body, type);
    else { try { entry.json = JSON.parse(body.toString()); } catch { entry.json = null; } }
    ledger.push(entry);
    const fault = faults.get(route);
    if (fault && fault.count > 0) {
      fault.count--;
      entry.fault = fault.status;
      return send(res, fault.status, { error: { message: 'injected fault', type: 'server_error', code: null } });
    }
    if (route === 'openai' && /\/images\/(generations|edits)$/.test(path)) return openai(req, res, entry, body);
    if (route === 'cloudflare') return cloudflare(req, res, entry);
    if (route === 'gemini' && path.endsWith(':generateContent')) return gemini(req, res, entry);
    send(res, 404, { error: { message: 'fake images: no such endpoint ' + path } });
  });
});

server.listen(port, '127.0.0.1', () => {
  console.log(`listening ${server.address().port}`);
});
