// A load client for MCP tools/call over Streamable HTTP, with the official
// TypeScript SDK (the pinned one of tests/fakes/mcp): CONCURRENCY clients,
// each with its own connection and session, call TOOL REQUESTS times in all,
// one call at a time each, and the latency of every call is measured from
// callTool() to its result.
//   node load.mjs --url URL --tool NAME [--args JSON] [--concurrency N]
//                 [--requests N] [--token BEARER] [--warmup N]
// Prints one JSON line: {"requests","failures","p50Us","p90Us","p99Us","maxUs"}.
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const sdk = join(dirname(fileURLToPath(import.meta.url)), '../../fakes/mcp/node_modules',
                 '@modelcontextprotocol/sdk/dist/esm');
const { Client } = await import(pathToFileURL(join(sdk, 'client/index.js')));
const { StreamableHTTPClientTransport } =
    await import(pathToFileURL(join(sdk, 'client/streamableHttp.js')));

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  if (i >= 0 && i + 1 < process.argv.length) return process.argv[i + 1];
  if (fallback === undefined) throw new Error(`missing --${name}`);
  return fallback;
}

const url = new URL(option('url'));
const tool = option('tool');
const args = JSON.parse(option('args', '{"message":"hello"}'));
const concurrency = Number(option('concurrency', '1'));
const requests = Number(option('requests', '200'));
const warmup = Number(option('warmup', '20'));
const token = option('token', '');

async function connect() {
  const headers = token ? { Authorization: `Bearer ${token}` } : {};
  const client = new Client({ name: 'manifold-bench', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(url, { requestInit: { headers } }));
  return client;
}

const clients = await Promise.all(Array.from({ length: concurrency }, connect));
for (const client of clients)
  for (let i = 0; i < Math.ceil(warmup / concurrency); ++i)
    await client.callTool({ name: tool, arguments: args });

const latencies = [];
let failures = 0;
let next = 0;
async function worker(client) {
  while (next < requests) {
    ++next;
    const start = process.hrtime.bigint();
    try {
      const result = await client.callTool({ name: tool, arguments: args });
      if (result.isError) ++failures;
    } catch {
      ++failures;
    }
    latencies.push(Number(process.hrtime.bigint() - start) / 1000);
  }
}
await Promise.all(clients.map(worker));
await Promise.all(clients.map((c) => c.close()));

latencies.sort((a, b) => a - b);
const at = (q) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]);
console.log(JSON.stringify({ requests: latencies.length, failures, p50Us: at(0.5), p90Us: at(0.9),
                             p99Us: at(0.99), maxUs: Math.round(latencies[latencies.length - 1]) }));
process.exit(failures ? 1 : 0);
