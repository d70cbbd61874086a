// The official openai client, unchanged, against a live gateway whose chains
// end in the offline demo engine. Usage: node openai_sdk_test.mjs BASE_URL
import assert from 'node:assert/strict';
import OpenAI from 'openai';

const client = new OpenAI({baseURL: process.argv[2], apiKey: 'unused', maxRetries: 0});
const messages = [{role: 'user', content: 'hello from the openai sdk'}];
const checks = [];
const check = (name, fn) => checks.push([name, fn]);

check('non-streaming completion', async () => {
  const completion = await client.chat.completions.create({model: 'mode/smart', messages});
  assert.equal(completion.object, 'chat.completion');
  assert.equal(completion.model, 'demo', 'the model names the engine that answered');
  assert.equal(completion.choices[0].message.role, 'assistant');
  assert.ok(completion.choices[0].message.content.length > 0);
  assert.equal(completion.choices[0].finish_reason, 'stop');
  assert.ok(completion.usage.completion_tokens > 0);
});

check('raw response exposes the route headers', async () => {
  const {response} = await client.chat.completions
      .create({model: 'mode/smart', messages}).withResponse();
  assert.equal(response.headers.get('x-manifold-engine'), 'demo');
  assert.ok(response.headers.get('x-request-id'));
});

check('streaming with usage', async () => {
  const stream = await client.chat.completions.create(
      {model: 'mode/smart', messages, stream: true, stream_options: {include_usage: true}});
  let text = '', ids = new Set(), finish = null, usage = null, role = null;
  for await (const chunk of stream) {
    ids.add(chunk.id);
    if (chunk.usage) usage = chunk.usage;
    const choice = chunk.choices[0];
    if (!choice) continue;
    role ??= choice.delta.role;
    text += choice.delta.content ?? '';
    finish = choice.finish_reason ?? finish;
  }
  assert.equal(ids.size, 1, 'one id for the whole stream');
  assert.equal(role, 'assistant');
  assert.ok(text.length > 0);
  assert.equal(finish, 'stop');
  assert.ok(usage && usage.total_tokens > 0);
});

check('stream helper assembles the final message', async () => {
  const runner = client.chat.completions.stream({model: 'mode/fast', messages});
  const final = await runner.finalChatCompletion();
  assert.ok(final.choices[0].message.content.length > 0);
});

check('unsupported option is a BadRequestError naming the parameter', async () => {
  await assert.rejects(client.chat.completions.create({model: 'mode/smart', messages, n: 2}),
      (e) => e instanceof OpenAI.BadRequestError && e.status === 400 && e.param === 'n');
});

check('unknown mode is a NotFoundError', async () => {
  await assert.rejects(client.chat.completions.create({model: 'mode/nope', messages}),
      (e) => e instanceof OpenAI.NotFoundError && e.param === 'model');
});

check('a stream cut after the first token surfaces as an error', async () => {
  const stream = await client.chat.completions.create({
    model: 'mode/fast', messages, stream: true, metadata: {demo_fault: 'cut:2'}});
  await assert.rejects(async () => { for await (const _ of stream) {} },
      (e) => e instanceof OpenAI.APIError);
});

check('models list', async () => {
  const models = await client.models.list();
  const ids = [];
  for await (const m of models) ids.push(m.id);
  assert.ok(ids.includes('demo') && ids.includes('mode/smart'), ids.join(','));
});

let failed = 0;
for (const [name, fn] of checks) {
  try {
    await fn();
    console.log(`ok   ${name}`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${name}: ${e.stack ?? e}`);
  }
}
process.exit(failed ? 1 : 0);
