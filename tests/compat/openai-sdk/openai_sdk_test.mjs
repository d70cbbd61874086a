// The official openai client, unchanged, against a live gateway whose engines
// are fakes on loopback: OpenAI-format routes, and recorded Anthropic streams
// served through Manifold's anthropic adapter (so a request entering as
// OpenAI is served by an Anthropic engine). Usage: node openai_sdk_test.mjs BASE_URL
import assert from 'node:assert/strict';
import OpenAI from 'openai';

const client = new OpenAI({baseURL: process.argv[2], apiKey: 'unused', maxRetries: 0});
const messages = [{role: 'user', content: 'hello from the openai sdk'}];
const checks = [];
const check = (name, fn) => checks.push([name, fn]);

check('non-streaming completion', async () => {
  const completion = await client.chat.completions.create({model: 'mode/smart', messages});
  assert.equal(completion.object, 'chat.completion');
  assert.equal(completion.model, 'fake-ok', 'the model names the engine that answered');
  assert.equal(completion.choices[0].message.content, 'Hello world');
  assert.equal(completion.choices[0].message.role, 'assistant');
  assert.ok(completion.choices[0].message.content.length > 0);
  assert.equal(completion.choices[0].finish_reason, 'stop');
  assert.ok(completion.usage.completion_tokens > 0);
});

check('raw response exposes the route headers', async () => {
  const {response} = await client.chat.completions
      .create({model: 'mode/smart', messages}).withResponse();
  assert.equal(response.headers.get('x-manifold-engine'), 'fake-ok');
  assert.equal(response.headers.get('x-manifold-attempts'), '2', 'the failed step is invisible');
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
  assert.equal(text, 'Hello world');
  assert.equal(finish, 'stop');
  assert.equal(usage?.total_tokens, 9);
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
  const stream = await client.chat.completions.create({model: 'mode/cut', messages, stream: true});
  await assert.rejects(async () => { for await (const _ of stream) {} },
      (e) => e instanceof OpenAI.APIError);
});

check('models list', async () => {
  const models = await client.models.list();
  const ids = [];
  for await (const m of models) ids.push(m.id);
  assert.ok(ids.includes('fake-ok') && ids.includes('mode/smart'), ids.join(','));
  const entries = [];
  for await (const m of client.models.list()) entries.push(m);
  const claude = entries.find((m) => m.id === 'claude-text');
  assert.equal(claude.manifold.provider, 'anthropic');
  assert.equal(typeof claude.manifold.context_window, 'number');
  assert.equal(claude.manifold.capabilities.vision, true);
  assert.ok(claude.manifold.cost_band);
});

check('a conversation opted into by header carries on with only the new message', async () => {
  const opt = (id) => ({headers: {'x-manifold-conversation': id}});
  const first = await client.chat.completions.create(
      {model: 'mode/smart', messages: [{role: 'user', content: 'my name is Ada'}]}, opt('new'))
      .withResponse();
  const id = first.response.headers.get('x-manifold-conversation');
  assert.match(id ?? '', /^conv_[0-9a-f]{24}$/);
  const second = await client.chat.completions.create(
      {model: 'mode/smart', messages: [{role: 'user', content: 'what is my name?'}]}, opt(id))
      .withResponse();
  assert.equal(second.response.headers.get('x-manifold-conversation'), id);
  assert.equal(second.data.choices[0].message.content, 'Hello world');
  const kept = await (await fetch(`${process.argv[2]}/conversations/${id}`)).json();
  assert.deepEqual(kept.messages.map((m) => `${m.role}: ${m.content}`),
      ['user: my name is Ada', 'assistant: Hello world', 'user: what is my name?',
       'assistant: Hello world']);
});

const weatherTool = {type: 'function', function: {name: 'get_weather', description: 'Weather',
  parameters: {type: 'object', properties: {city: {type: 'string'}}, required: ['city']}}};

check('tools: a non-streaming tool call, then the tool result', async () => {
  const params = {model: 'mode/tools', tools: [weatherTool],
    messages: [{role: 'user', content: 'Weather in Paris?'}]};
  const completion = await client.chat.completions.create(params);
  const choice = completion.choices[0];
  assert.equal(choice.finish_reason, 'tool_calls');
  const call = choice.message.tool_calls[0];
  assert.equal(call.function.name, 'get_weather');
  assert.deepEqual(JSON.parse(call.function.arguments), {city: 'Paris'});
  const followUp = await client.chat.completions.create({...params, messages: [
    ...params.messages, choice.message, {role: 'tool', tool_call_id: call.id, content: 'sunny'}]});
  assert.equal(followUp.object, 'chat.completion');
});

check('tools: the stream helper assembles streamed tool-call deltas', async () => {
  const final = await client.chat.completions.stream({model: 'mode/tools', tools: [weatherTool],
    messages: [{role: 'user', content: 'Weather in Paris?'}]}).finalChatCompletion();
  const call = final.choices[0].message.tool_calls[0];
  assert.equal(call.function.name, 'get_weather');
  assert.deepEqual(JSON.parse(call.function.arguments), {city: 'Paris'});
});

check('Gemini and Cohere engines answer an OpenAI client', async () => {
  const gemini = await client.chat.completions.create({model: 'mode/gemini', messages});
  assert.equal(gemini.model, 'gemini-text');
  assert.equal(gemini.choices[0].message.content, 'Bonjour, ça va 👋?');
  // A prompt the provider's safety filter blocks is the client's to know
  // about: it is not retried elsewhere.
  await assert.rejects(client.chat.completions.create({model: 'mode/gemini-blocked', messages}),
      (e) => e instanceof OpenAI.BadRequestError && e.code === 'content_filter');
  let text = '';
  const stream = await client.chat.completions.create({model: 'mode/cohere', messages, stream: true});
  for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
  assert.equal(text, 'Bonjour, ça va ?\n\nOui.');
});

check('an Anthropic engine answers an OpenAI client', async () => {
  const completion = await client.chat.completions.create({model: 'mode/claude', messages});
  assert.equal(completion.model, 'claude-text');
  assert.equal(completion.choices[0].message.content, 'Bonjour, ça va 👋?');
  const final = await client.chat.completions.stream({model: 'mode/claude-tools', messages,
    tools: [weatherTool]}).finalChatCompletion();
  const names = final.choices[0].message.tool_calls.map((c) => c.function.name);
  assert.deepEqual(names, ['get_weather', 'get_time']);
  assert.equal(final.choices[0].finish_reason, 'tool_calls');
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
