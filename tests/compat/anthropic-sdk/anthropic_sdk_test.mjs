// The official @anthropic-ai/sdk client, unchanged, against a live gateway
// whose engines are fakes on loopback: OpenAI-format routes (so a request
// entering as Anthropic is served by an OpenAI engine) and recorded
// Anthropic streams served through Manifold's anthropic adapter.
// Usage: node anthropic_sdk_test.mjs BASE_URL
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';

const client = new Anthropic({baseURL: process.argv[2], apiKey: 'unused', maxRetries: 0});
const messages = [{role: 'user', content: 'hello from the anthropic sdk'}];
const weatherTool = {
  name: 'get_weather',
  description: 'Current weather for a city',
  input_schema: {type: 'object', properties: {city: {type: 'string'}}, required: ['city']},
};
const checks = [];
const check = (name, fn) => checks.push([name, fn]);

check('non-streaming message, served by an OpenAI engine after a failover', async () => {
  const {data: message, response} = await client.messages
      .create({model: 'mode/smart', max_tokens: 100, system: 'Be brief.', messages})
      .withResponse();
  assert.equal(message.type, 'message');
  assert.equal(message.role, 'assistant');
  assert.equal(message.model, 'fake-ok', 'the model names the engine that answered');
  assert.deepEqual(message.content, [{type: 'text', text: 'Hello world'}]);
  assert.equal(message.stop_reason, 'end_turn');
  assert.equal(message.usage.input_tokens, 7);
  assert.equal(message.usage.output_tokens, 2);
  assert.equal(response.headers.get('x-manifold-attempts'), '2');
});

check('streaming helper: text events and the final message', async () => {
  let text = '';
  const stream = client.messages.stream({model: 'mode/smart', max_tokens: 100, messages})
      .on('text', (delta) => { text += delta; });
  const final = await stream.finalMessage();
  assert.equal(text, 'Hello world');
  assert.equal(final.content[0].text, 'Hello world');
  assert.equal(final.stop_reason, 'end_turn');
  assert.equal(final.usage.output_tokens, 2);
});

check('raw stream: the documented event order', async () => {
  const stream = await client.messages.create(
      {model: 'mode/fast', max_tokens: 100, messages, stream: true});
  const types = [];
  for await (const event of stream) types.push(event.type);
  assert.deepEqual(types, ['message_start', 'content_block_start', 'content_block_delta',
    'content_block_delta', 'content_block_stop', 'message_delta', 'message_stop']);
});

check('tool use: non-streaming and streaming, then a tool result', async () => {
  const params = {model: 'mode/tools', max_tokens: 100, tools: [weatherTool],
    tool_choice: {type: 'tool', name: 'get_weather'}, messages: [
      {role: 'user', content: 'Weather in Paris?'}]};
  const message = await client.messages.create(params);
  assert.equal(message.stop_reason, 'tool_use');
  const use = message.content.find((b) => b.type === 'tool_use');
  assert.equal(use.name, 'get_weather');
  assert.deepEqual(use.input, {city: 'Paris'});

  const streamed = await client.messages.stream(params).finalMessage();
  const streamedUse = streamed.content.find((b) => b.type === 'tool_use');
  assert.deepEqual(streamedUse.input, {city: 'Paris'}, 'input_json_delta assembles');

  const followUp = await client.messages.create({...params, tool_choice: {type: 'auto'}, messages: [
    ...params.messages,
    {role: 'assistant', content: message.content},
    {role: 'user', content: [{type: 'tool_result', tool_use_id: use.id, content: '18°C, sunny'}]},
  ]});
  assert.equal(followUp.type, 'message');
});

check('an Anthropic engine behind Manifold streams through unchanged', async () => {
  const message = await client.messages.create(
      {model: 'mode/claude', max_tokens: 100, messages});
  assert.equal(message.model, 'claude-text');
  assert.equal(message.content[0].text, 'Bonjour, ça va 👋?');
  const final = await client.messages.stream(
      {model: 'mode/claude-tools', max_tokens: 100, tools: [weatherTool], messages}).finalMessage();
  const names = final.content.filter((b) => b.type === 'tool_use').map((b) => b.name);
  assert.deepEqual(names, ['get_weather', 'get_time']);
  assert.match(final.content.find((b) => b.type === 'tool_use').input.location, /Paris/);
  assert.equal(final.stop_reason, 'tool_use');
});

check('thinking comes back as thinking blocks when asked for', async () => {
  const final = await client.messages.stream({model: 'mode/thinking', max_tokens: 2048,
    thinking: {type: 'enabled', budget_tokens: 1024}, messages}).finalMessage();
  const kinds = final.content.map((b) => b.type);
  assert.equal(kinds[0], 'thinking');
  assert.ok(final.content[0].thinking.length > 0);
  assert.ok(kinds.includes('text'));
  const plain = await client.messages.create({model: 'mode/thinking', max_tokens: 2048, messages});
  assert.ok(plain.content.every((b) => b.type !== 'thinking'), 'not asked for, not sent');
});

check('bad input is a BadRequestError in the Anthropic shape', async () => {
  await assert.rejects(client.messages.create({model: 'mode/smart', messages}),
      (e) => e instanceof Anthropic.BadRequestError && e.status === 400 &&
          e.error?.type === 'error' && e.error?.error?.type === 'invalid_request_error');
});

check('unknown mode is a NotFoundError', async () => {
  await assert.rejects(client.messages.create({model: 'mode/nope', max_tokens: 10, messages}),
      (e) => e instanceof Anthropic.NotFoundError);
});

check('a stream cut after the first token surfaces as an error', async () => {
  const stream = await client.messages.create(
      {model: 'mode/cut', max_tokens: 10, messages, stream: true});
  await assert.rejects(async () => { for await (const _ of stream) {} },
      (e) => e instanceof Anthropic.APIError);
});

check('models list', async () => {
  const ids = [];
  for await (const m of client.models.list()) ids.push(m.id);
  assert.ok(ids.includes('claude-text') && ids.includes('mode/smart'), ids.join(','));
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
