// The official openai client's images API, unchanged, against a live gateway
// whose image engines call the fake images upstream on loopback.
// Usage: node images_sdk_test.mjs GATEWAY_BASE_URL FAKE_ORIGIN
import assert from 'node:assert/strict';
import OpenAI, {toFile} from 'openai';

const [baseURL, fake] = process.argv.slice(2);
const client = new OpenAI({baseURL, apiKey: 'unused', maxRetries: 0});
const ledger = async () => (await fetch(`${fake}/_ledger`)).json();
const checks = [];
const check = (name, fn) => checks.push([name, fn]);

check('images.generate with b64_json', async () => {
  const result = await client.images.generate(
      {model: 'gpt-image-1', prompt: 'a red fox in snow', n: 1, response_format: 'b64_json'});
  assert.equal(result.data.length, 1);
  const sent = (await ledger()).filter((e) => e.route === 'openai').at(-1);
  assert.equal(result.data[0].b64_json, sent.answered);
  assert.equal(result.data[0].revised_prompt, 'revised: a red fox in snow');
  assert.equal(Buffer.from(result.data[0].b64_json, 'base64').subarray(1, 4).toString(), 'PNG');
});

check('images.generate with a url the gateway serves', async () => {
  const result = await client.images.generate({prompt: 'a red fox in snow'});
  const url = result.data[0].url;
  assert.match(url, /\/v1\/images\/files\/img_[0-9a-f]{32}$/);
  const picture = await fetch(url);
  assert.equal(picture.status, 200);
  assert.equal(picture.headers.get('content-type'), 'image/png');
  const sent = (await ledger()).filter((e) => e.route === 'openai').at(-1);
  assert.deepEqual(Buffer.from(await picture.arrayBuffer()), Buffer.from(sent.answered, 'base64'));
});

check('images.edit uploads the picture', async () => {
  const bytes = Buffer.from('not really a png, but bytes all the same \x00\xff', 'latin1');
  const result = await client.images.edit({
    image: await toFile(bytes, 'fox.png', {type: 'image/png'}),
    prompt: 'add a hat',
    response_format: 'b64_json',
  });
  assert.equal(result.data.length, 1);
  const sent = (await ledger()).filter((e) => e.route === 'openai').at(-1);
  assert.equal(sent.path, '/openai/v1/images/edits');
  assert.equal(sent.form.files[0].size, bytes.length);
});

check('a refused prompt is a BadRequestError with content_policy_violation', async () => {
  await assert.rejects(client.images.generate({prompt: 'a forbidden fox'}),
      (e) => e instanceof OpenAI.BadRequestError && e.status === 400 &&
          e.code === 'content_policy_violation' && /safety system/.test(e.message));
  assert.equal((await ledger()).filter((e) => e.route === 'gemini').length, 0, 'no failover');
});

let failed = 0;
for (const [name, fn] of checks) {
  try {
    await fn();
    console.log(`ok - ${name}`);
  } catch (e) {
    failed++;
    console.log(`not ok - ${name}\n${e.stack}`);
  }
}
process.exit(failed ? 1 : 0);
