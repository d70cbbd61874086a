// A small MCP server built on the official @modelcontextprotocol/sdk (pinned in
// package-lock.json) that misbehaves on cue, for the MCP bridge's tests. It is
// a real Streamable HTTP server on loopback.
//
//   node server.mjs      prints "listening PORT" once ready
//
// Endpoints, each a cue chosen by the path the bridge is configured with:
//   POST /mcp        the SDK's stateful transport (2025-11-25, sessions, SSE replies)
//   POST /json       the same, answering application/json instead of SSE
//   POST /stateless  a 2026-07-28 (stateless) server written from the revision's
//                    wire rules, since SDK 1.32.2 speaks up to 2025-11-25 only:
//                    server/discover, _meta on every request, Mcp-Method and
//                    Mcp-Name headers, no initialize, no session
//   POST /garbage    200 with a body that is neither JSON nor an event stream
//   POST /fail       503
//   POST /slow       like /mcp, but every answer waits 3 s first
// Tools (on /mcp and /json): echo {message}, sleep {ms} (answers after ms),
// strict {n: integer} (a JSON-RPC -32602 error otherwise), and filler tools, so
// that tools/list comes in pages of 2 tools linked by nextCursor.
// Test controls:
//   GET  /_ledger   every MCP request: path, JSON-RPC method, MCP headers, _meta
//   POST /_expire   forgets every session: the next request with one gets 404, or
//                   with {"answer": 400} the 400 "No valid session ID provided"
//                   that the SDK's example servers (and server-everything) send
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';

import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import {
  CallToolRequestSchema,
  ErrorCode,
  ListToolsRequestSchema,
  McpError,
} from '@modelcontextprotocol/sdk/types.js';

const STATELESS = '2026-07-28';
const PAGE_SIZE = 2;
const TOOLS = [
  {
    name: 'echo',
    description: 'Echoes back the message',
    inputSchema: {
      type: 'object',
      properties: { message: { type: 'string' } },
      required: ['message'],
    },
  },
  {
    name: 'sleep',
    description: 'Answers after ms milliseconds',
    inputSchema: { type: 'object', properties: { ms: { type: 'integer' } }, required: ['ms'] },
  },
  {
    name: 'strict',
    description: 'Refuses anything but an integer n with JSON-RPC -32602',
    inputSchema: { type: 'object', properties: { n: { type: 'integer' } }, required: ['n'] },
  },
  ...[1, 2, 3, 4].map((i) => ({
    name: `filler-${i}`,
    description: `Filler tool ${i}, so that tools/list has pages`,
    inputSchema: { type: 'object', properties: {} },
  })),
];

const ledger = [];
const sessions = new Map(); // session id -> transport
let unknownSessionStatus = 404;

function text(value) {
  return { content: [{ type: 'text', text: value }] };
}

async function callTool(name, args) {
  if (name === 'echo') return text(`Echo: ${args.message}`);
  if (name === 'sleep') {
    await new Promise((resolve) => setTimeout(resolve, Number(args.ms)));
    return text(`slept ${args.ms} ms`);
  }
  if (name === 'strict') {
    if (!Number.isInteger(args.n)) throw new McpError(ErrorCode.InvalidParams, 'n must be an integer');
    return text(`n is ${args.n}`);
  }
  if (name.startsWith('filler-')) return text(name);
  throw new McpError(ErrorCode.InvalidParams, `Unknown tool: ${name}`);
}

function listPage(cursor) {
  const start = cursor ? Number(cursor) : 0;
  if (!Number.isInteger(start) || start < 0 || start >= TOOLS.length)
    throw new McpError(ErrorCode.InvalidParams, `bad cursor ${cursor}`);
  const end = start + PAGE_SIZE;
  return { tools: TOOLS.slice(start, end), ...(end < TOOLS.length ? { nextCursor: String(end) } : {}) };
}

function mcpServer() {
  const server = new Server({ name: 'manifold-test-peer', version: '1.0.0' }, { capabilities: { tools: {} } });
  server.setRequestHandler(ListToolsRequestSchema, async (request) => listPage(request.params?.cursor));
  server.setRequestHandler(CallToolRequestSchema, async (request) =>
    callTool(request.params.name, request.params.arguments ?? {}));
  return server;
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res, status, body, headers = {}) {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function record(path, req, message) {
  ledger.push({
    path,
    method: message?.method ?? null,
    id: message?.id ?? null,
    headers: {
      authorization: req.headers.authorization ?? null,
      'mcp-session-id': req.headers['mcp-session-id'] ?? null,
      'mcp-protocol-version': req.headers['mcp-protocol-version'] ?? null,
      'mcp-method': req.headers['mcp-method'] ?? null,
      'mcp-name': req.headers['mcp-name'] ?? null,
    },
    meta: message?.params?._meta ?? null,
  });
}

async function sessioned(req, res, message, jsonReplies) {
  const id = req.headers['mcp-session-id'];
  if (id) {
    const transport = sessions.get(id);
    if (!transport && unknownSessionStatus === 400)
      return sendJson(res, 400, { jsonrpc: '2.0', id: null,
        error: { code: -32000, message: 'Bad Request: No valid session ID provided' } });
    if (!transport)
      return sendJson(res, 404, { jsonrpc: '2.0', id: null, error: { code: -32001, message: 'Session not found' } });
    return transport.handleRequest(req, res, message);
  }
  if (message?.method !== 'initialize')
    return sendJson(res, 400, { jsonrpc: '2.0', id: null, error: { code: -32000, message: 'Server not initialized' } });
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: () => randomUUID(),
    enableJsonResponse: jsonReplies,
    onsessioninitialized: (sid) => sessions.set(sid, transport),
  });
  await mcpServer().connect(transport);
  return transport.handleRequest(req, res, message);
}

// The 2026-07-28 revision: every request stands alone.
async function stateless(req, res, message) {
  const reply = (body) => sendJson(res, 200, { jsonrpc: '2.0', id: message.id, ...body });
  const error = (code, text) => reply({ error: { code, message: text } });
  if (req.headers['mcp-protocol-version'] !== STATELESS)
    return sendJson(res, 400, { jsonrpc: '2.0', id: message.id ?? null,
      error: { code: -32022, message: 'Unsupported protocol version', data: { supported: [STATELESS] } } });
  if (req.headers['mcp-method'] !== message.method)
    return sendJson(res, 400, { jsonrpc: '2.0', id: message.id ?? null,
      error: { code: -32600, message: 'Mcp-Method header does not match the body' } });
  const meta = message.params?._meta ?? {};
  if (meta['io.modelcontextprotocol/protocolVersion'] !== STATELESS ||
      typeof meta['io.modelcontextprotocol/clientCapabilities'] !== 'object')
    return error(-32602, '_meta lacks the protocol version or the client capabilities');
  try {
    switch (message.method) {
      case 'server/discover':
        return reply({ result: { resultType: 'complete', supportedVersions: [STATELESS],
          capabilities: { tools: {} }, _meta: { 'io.modelcontextprotocol/serverInfo': { name: 'manifold-stateless-peer', version: '1.0.0' } } } });
      case 'tools/list':
        return reply({ result: { resultType: 'complete', ...listPage(message.params?.cursor) } });
      case 'tools/call':
        if (req.headers['mcp-name'] !== message.params?.name)
          return error(-32600, 'Mcp-Name header does not match the tool');
        return reply({ result: { resultType: 'complete',
          ...(await callTool(message.params.name, message.params.arguments ?? {})) } });
      default:
        return error(-32601, `Method not found: ${message.method}`);
    }
  } catch (e) {
    return error(e.code ?? -32603, e.message);
  }
}

const server = createServer(async (req, res) => {
  try {
    const path = new URL(req.url, 'http://localhost').pathname;
    if (req.method === 'GET' && path === '/_ledger') return sendJson(res, 200, ledger);
    if (req.method === 'POST' && path === '/_expire') {
      unknownSessionStatus = JSON.parse((await readBody(req)) || '{}').answer === 400 ? 400 : 404;
      sessions.clear();
      return sendJson(res, 200, { expired: true });
    }
    if (req.method !== 'POST') {
      res.writeHead(405).end();
      return;
    }
    const body = await readBody(req);
    let message = null;
    try {
      message = JSON.parse(body);
    } catch {
      return sendJson(res, 400, { jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error' } });
    }
    record(path, req, message);
    if (path === '/mcp') return await sessioned(req, res, message, false);
    if (path === '/json') return await sessioned(req, res, message, true);
    if (path === '/slow') {
      await new Promise((resolve) => setTimeout(resolve, 3000));
      return await sessioned(req, res, message, false);
    }
    if (path === '/stateless') return await stateless(req, res, message);
    if (path === '/garbage') {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      return res.end('<html><body>this is not JSON-RPC</body></html>');
    }
    if (path === '/fail') return sendJson(res, 503, { error: 'overloaded' });
    res.writeHead(404).end();
  } catch (e) {
    console.error(e);
    if (!res.headersSent) sendJson(res, 500, { error: String(e) });
  }
});

server.listen(0, '127.0.0.1', () => {
  console.log(`listening ${server.address().port}`);
});
