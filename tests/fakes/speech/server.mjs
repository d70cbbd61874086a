// A fake of the speech upstreams on loopback, answering in each provider's
// documented shapes:
//   OpenAI (and Groq):  POST /v1/audio/speech          JSON in, audio bytes out
//                       POST /v1/audio/transcriptions  multipart in, json | verbose_json out
//   Cloudflare AI:      POST /client/v4/accounts/{account}/ai/run/@cf/myshell-ai/melotts
//                         {"prompt","lang"} -> {"result":{"audio":"<b64 mp3>"},"success":true}
//                       POST /client/v4/accounts/{account}/ai/run/@cf/openai/whisper
//                         raw audio -> {"result":{"text","word_count","words","vtt"},"success":true}
//   Gemini:             POST /v1beta/models/{model}:generateContent (responseModalities AUDIO)
//                         -> inlineData audio/L16;codec=pcm;rate=24000 (base64 PCM)
//
//   node server.mjs --audio-dir DIR --transcript "what the audio says"
//
// DIR holds what the fake speaks: speech.mp3, speech.wav, speech.opus and
// speech.pcm (24 kHz signed 16-bit little-endian mono), made by the test.
//
// Test controls (as tests/fakes/tools/fixture-server.mjs, so FakeToolServer drives it):
//   GET  /_ledger  every request: {method, path, headers, body (JSON bodies only),
//                  body_sha256, body_bytes, and for multipart: fields, file_sha256,
//                  file_bytes, filename, file_type}
//   POST /_fault   {"fault": "503" | "content-filter", "path": prefix, "times": n}
//   POST /_clear   no faults from now on
// It prints "listening PORT" once ready.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

const audioDir = option('audio-dir', '.');
const transcript = option('transcript', 'hello');
const audio = (ext) => readFileSync(join(audioDir, `speech.${ext}`));
const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');
const ledger = [];
let faults = [];

function sendJson(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function sendAudio(res, bytes, type) {
  res.writeHead(200, { 'content-type': type, 'content-length': bytes.length });
  res.end(bytes);
}

function readBody(req) {
  return new Promise((resolve) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

function jsonOf(body) {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return null;
  }
}

function takeFault(path) {
  const fault = faults.find((f) => path.startsWith(f.path ?? ''));
  if (!fault) return null;
  if (fault.times !== undefined && --fault.times <= 0) faults = faults.filter((f) => f !== fault);
  return fault;
}

const words = () => transcript.split(/\s+/).map((word, i) => ({ word, start: i * 0.4, end: i * 0.4 + 0.35 }));

const openAiTypes = { mp3: 'audio/mpeg', wav: 'audio/wav', opus: 'audio/ogg' };

async function openAiSpeech(body, res) {
  const request = jsonOf(body);
  if (!request?.model || !request?.input || !request?.voice)
    return sendJson(res, 400, { error: { message: 'model, input and voice are required', type: 'invalid_request_error' } });
  const format = request.response_format ?? 'mp3';
  if (!openAiTypes[format])
    return sendJson(res, 400, { error: { message: `unsupported format ${format}`, type: 'invalid_request_error' } });
  sendAudio(res, audio(format), openAiTypes[format]);
}

async function openAiTranscription(req, body, res, entry) {
  const form = await new Request('http://fake/', { method: 'POST', headers: { 'content-type': req.headers['content-type'] }, body }).formData();
  const file = form.get('file');
  if (!file || typeof file === 'string')
    return sendJson(res, 400, { error: { message: 'file is required', type: 'invalid_request_error' } });
  const bytes = Buffer.from(await file.arrayBuffer());
  Object.assign(entry, { file_sha256: sha256(bytes), file_bytes: bytes.length, filename: file.name, file_type: file.type,
    fields: Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === 'string')) });
  if (!form.get('model')) return sendJson(res, 400, { error: { message: 'model is required', type: 'invalid_request_error' } });
  if (form.get('response_format') === 'verbose_json')
    return sendJson(res, 200, { task: 'transcribe', language: 'english', duration: 1.5, text: transcript,
      segments: [{ id: 0, seek: 0, start: 0, end: 1.5, text: transcript, tokens: [1, 2], temperature: 0,
        avg_logprob: -0.2, compression_ratio: 1, no_speech_prob: 0.01 }], words: words() });
  sendJson(res, 200, { text: transcript });
}

function cloudflare(model, body, res, entry) {
  if (model === '@cf/myshell-ai/melotts') {
    const request = jsonOf(body);
    if (!request?.prompt) return sendJson(res, 400, { success: false, errors: [{ code: 5006, message: 'prompt required' }] });
    return sendJson(res, 200, { result: { audio: audio('mp3').toString('base64') }, success: true, errors: [], messages: [] });
  }
  if (model === '@cf/openai/whisper') {
    entry.file_sha256 = sha256(body);
    entry.file_bytes = body.length;
    return sendJson(res, 200, { result: { text: transcript, word_count: words().length, words: words(),
      vtt: `WEBVTT\n\n00:00.000 --> 00:01.500\n${transcript}\n` }, success: true, errors: [], messages: [] });
  }
  sendJson(res, 404, { success: false, errors: [{ code: 7000, message: 'No route for that URI' }] });
}

function geminiSpeech(body, res) {
  const request = jsonOf(body);
  if (!request?.generationConfig?.responseModalities?.includes('AUDIO'))
    return sendJson(res, 400, { error: { code: 400, message: 'not a TTS request', status: 'INVALID_ARGUMENT' } });
  sendJson(res, 200, { candidates: [{ content: { role: 'model', parts: [{ inlineData: {
    mimeType: 'audio/L16;codec=pcm;rate=24000', data: audio('pcm').toString('base64') } }] }, finishReason: 'STOP', index: 0 }],
    usageMetadata: { promptTokenCount: 8, candidatesTokenCount: 40, totalTokenCount: 48 }, modelVersion: 'gemini-2.5-flash-preview-tts' });
}

function inject(fault, res) {
  if (fault.fault === '503')
    return sendJson(res, 503, { error: { message: 'The server is overloaded', type: 'server_error', code: 'overloaded' } });
  if (fault.fault === 'content-filter')
    return sendJson(res, 400, { error: { message: 'Your request was rejected by the safety system', type: 'invalid_request_error', code: 'content_policy_violation' } });
  return sendJson(res, 500, { error: { message: `unknown fault ${fault.fault}` } });
}

const server = createServer(async (req, res) => {
  const url = new URL(req.url, 'http://127.0.0.1');
  const body = await readBody(req);
  if (url.pathname === '/_ledger') return sendJson(res, 200, ledger);
  if (url.pathname === '/_fault') {
    faults.push(jsonOf(body));
    return sendJson(res, 200, { faults });
  }
  if (url.pathname === '/_clear') {
    faults = [];
    return sendJson(res, 200, { faults });
  }
  const entry = { method: req.method, path: url.pathname, headers: req.headers, body_sha256: sha256(body), body_bytes: body.length };
  if ((req.headers['content-type'] ?? '').startsWith('application/json')) entry.body = body.toString('utf8');
  ledger.push(entry);
  const fault = takeFault(url.pathname);
  if (fault) return inject(fault, res);
  try {
    const path = url.pathname;
    const run = path.match(/^\/client\/v4\/accounts\/([^/]+)\/ai\/run\/(.+)$/);
    if (path.endsWith('/audio/speech')) return await openAiSpeech(body, res);
    if (path.endsWith('/audio/transcriptions')) return await openAiTranscription(req, body, res, entry);
    if (run) return cloudflare(run[2], body, res, entry);
    if (/^\/v1beta\/models\/[^/]+:generateContent$/.test(path)) return geminiSpeech(body, res);
    sendJson(res, 404, { error: { message: `no route ${path}` } });
  } catch (e) {
    sendJson(res, 400, { error: { message: `the fake could not read the request: ${e.message}` } });
  }
});
server.listen(0, '127.0.0.1', () => console.log(`listening ${server.address().port}`));
