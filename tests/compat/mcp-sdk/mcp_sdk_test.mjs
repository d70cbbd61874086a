// The official MCP TypeScript client (@modelcontextprotocol/sdk, pinned in
// package-lock.json), unchanged, against the gateway's /mcp: it connects
// over Streamable HTTP (initialize, session, MCP-Protocol-Version), lists
// the tools and calls fx__convert, whose fx toolset answers from the fake
// Frankfurter on loopback.
//   node mcp_sdk_test.mjs MCP_URL MASTER_KEY FAKE_FX_URL
import assert from 'node:assert/strict';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

const [url, masterKey, fakeFxUrl] = process.argv.slice(2);
let passed = 0;
let failed = 0;

async function check(name, body) {
  try {
    await body();
    passed += 1;
    console.log(`ok - ${name}`);
  } catch (error) {
    failed += 1;
    console.log(`not ok - ${name}\n  ${error.stack ?? error}`);
  }
}

function connect(key) {
  const client = new Client({ name: 'manifold-interop', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(url), {
    requestInit: { headers: { Authorization: `Bearer ${key}` } },
  });
  return { client, transport, ready: client.connect(transport) };
}

const { client, transport, ready } = connect(masterKey);
await ready;

await check('initialize negotiated 2025-11-25 and opened a session', async () => {
  assert.equal(transport.protocolVersion, '2025-11-25');
  assert.match(transport.sessionId ?? '', /^[0-9a-f]{32}$/);
  assert.equal(client.getServerVersion()?.name, 'manifold');
  assert.ok(client.getServerCapabilities()?.tools);
});

await check('tools/list names the fx tools with their schemas', async () => {
  const { tools } = await client.listTools();
  const convert = tools.find((t) => t.name === 'fx__convert');
  assert.ok(convert, `fx__convert in ${tools.map((t) => t.name).join(', ')}`);
  assert.equal(convert.inputSchema.type, 'object');
  assert.ok(convert.inputSchema.properties.amount, JSON.stringify(convert.inputSchema));
  assert.ok(tools.every((t) => /^[A-Za-z0-9_-]+__[A-Za-z0-9_-]+$/.test(t.name)));
});

await check('tools/call fx__convert answers from the ECB rates of the fake', async () => {
  const result = await client.callTool({
    name: 'fx__convert',
    arguments: { amount: 100, from: 'EUR', to: 'USD' },
  });
  assert.notEqual(result.isError, true, JSON.stringify(result));
  const answer = JSON.parse(result.content[0].text);
  assert.equal(answer.date, '2024-11-29');
  assert.ok(Math.abs(answer.result - 105.6) < 1e-9, JSON.stringify(answer));
  assert.deepEqual(result.structuredContent, answer);
  const ledger = await (await fetch(`${fakeFxUrl}/_ledger`)).json();
  assert.ok(
    ledger.some((r) => r.path === '/latest'),
    `the fake was asked: ${JSON.stringify(ledger)}`,
  );
});

await check('a tool error reaches the client as isError with its message', async () => {
  const result = await client.callTool({
    name: 'fx__convert',
    arguments: { amount: 1, from: 'EUR', to: 'XYZ' },
  });
  assert.equal(result.isError, true, JSON.stringify(result));
  assert.match(result.content[0].text, /XYZ/);
});

await check('an unknown tool is a JSON-RPC error', async () => {
  await assert.rejects(
    client.callTool({ name: 'fx__nope', arguments: {} }),
    (error) => error.code === -32602 && /fx__nope/.test(error.message),
  );
});

await check('a key limited to fx.convert sees only that tool', async () => {
  const created = await fetch(new URL('/admin/keys', url), {
    method: 'POST',
    headers: { Authorization: `Bearer ${masterKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: 'interop', allowed_tools: ['fx.convert'] }),
  });
  assert.equal(created.status, 201);
  const limited = connect((await created.json()).secret);
  await limited.ready;
  const { tools } = await limited.client.listTools();
  assert.deepEqual(
    tools.map((t) => t.name),
    ['fx__convert'],
  );
  await limited.client.close();
});

await check('the session ends, and the client can open another', async () => {
  await transport.terminateSession();
  assert.equal(transport.sessionId, undefined);
  await client.close();
  const again = connect(masterKey);
  await again.ready;
  assert.ok((await again.client.listTools()).tools.length > 0);
  await again.client.close();
});

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
