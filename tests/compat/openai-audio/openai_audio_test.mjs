// The official openai client, unchanged, on the gateway's audio API.
//   node openai_audio_test.mjs GATEWAY_BASE_URL SPEECH_WAV FAKE_URL
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { default: OpenAI } = await import(require.resolve('openai'));
const [baseURL, wavPath, fakeUrl] = process.argv.slice(2);
const client = new OpenAI({ apiKey: 'unused-on-loopback', baseURL, maxRetries: 0 });
const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

const speech = await client.audio.speech.create({ model: 'tts-1', voice: 'alloy', input: 'Hello there.', response_format: 'wav' });
const audio = Buffer.from(await speech.arrayBuffer());
assert.equal(speech.headers.get('content-type'), 'audio/wav');
assert.equal(speech.headers.get('x-manifold-engine'), 'openai-tts');
assert.equal(audio.subarray(0, 4).toString(), 'RIFF');
assert.ok(audio.length > 1000, `${audio.length} bytes of audio`);

const text = await client.audio.transcriptions.create({ file: createReadStream(wavPath), model: 'whisper-1' });
assert.equal(text.text, 'hello from the sdk test');
const verbose = await client.audio.transcriptions.create({ file: createReadStream(wavPath), model: 'whisper-1', response_format: 'verbose_json' });
assert.equal(verbose.text, 'hello from the sdk test');
assert.equal(verbose.words.length, 5);

const ledger = await (await fetch(`${fakeUrl}/_ledger`)).json();
const whisper = ledger.filter((r) => r.path.endsWith('/@cf/openai/whisper'));
assert.equal(whisper.length, 2);
for (const r of whisper) assert.equal(r.file_sha256, sha256(readFileSync(wavPath)));
console.log('openai SDK audio.speech.create and audio.transcriptions.create: ok');
