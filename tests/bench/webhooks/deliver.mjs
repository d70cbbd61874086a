// Load generator for the webhook benchmark (tests/bench/webhooks.sh): sends
// Standard Webhooks deliveries for one running task to a gateway's
// /webhooks/{dispatcher}/{service} and measures them. Node's own http and
// crypto only; every delivery is signed before any is sent, so signing is no
// part of what is measured.
//
//   node deliver.mjs latency URL SECRET TASK_ID REMOTE_ID EVENTS_URL COUNT
//     sends COUNT deliveries one at a time; each carries a progress note, and
//     the next goes once the task's event stream (EVENTS_URL, opened first)
//     has carried that note. Prints {"p50Us","p90Us","p99Us","count"}: the time
//     from sending a delivery to its event reaching the connected client.
//   node deliver.mjs throughput URL SECRET TASK_ID REMOTE_ID CONNECTIONS SECONDS
//     keeps CONNECTIONS keep-alive connections busy for SECONDS. Prints
//     {"rps","requests","errors","statuses"}. The same against a server that
//     answers 204 without verifying gives the same-run baseline.
import crypto from "node:crypto";
import http from "node:http";

const [mode, url, secret, taskId, remoteId, a, b] = process.argv.slice(2);
const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
const run = crypto.randomBytes(4).toString("hex");

function delivery(i) {
  const id = `msg_${run}_${i}`;
  const timestamp = Math.floor(Date.now() / 1000).toString();
  const progress = `bench ${run} ${i}`;
  const body = JSON.stringify({
    type: "task.updated",
    timestamp_ms: Date.now(),
    data: { id: remoteId, task_id: taskId, state: "running", progress },
  });
  const signature = crypto.createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64");
  return {
    progress,
    body,
    headers: {
      "content-type": "application/json",
      "content-length": Buffer.byteLength(body),
      "webhook-id": id,
      "webhook-timestamp": timestamp,
      "webhook-signature": `v1,${signature}`,
    },
  };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 1024 });

function send(d) {
  return new Promise((resolve) => {
    const req = http.request(url, { method: "POST", headers: d.headers, agent }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode));
    });
    req.on("error", () => resolve(0));
    req.end(d.body);
  });
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function latency(eventsUrl, count) {
  const deliveries = Array.from({ length: count }, (_, i) => delivery(i));
  const waiting = new Map();
  await new Promise((opened, failed) => {
    http.get(eventsUrl, { headers: { accept: "text/event-stream" } }, (res) => {
      if (res.statusCode !== 200) return failed(new Error(`events: HTTP ${res.statusCode}`));
      opened();
      let buffer = "";
      res.setEncoding("utf8");
      res.on("data", (chunk) => {
        buffer += chunk;
        let end;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const event = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = event.split("\n").find((line) => line.startsWith("data:"));
          if (!data) continue;
          const progress = JSON.parse(data.slice(5)).progress;
          const arrived = waiting.get(progress);
          if (arrived) arrived(process.hrtime.bigint());
        }
      });
    }).on("error", failed);
  });
  const samples = [];
  for (const d of deliveries) {
    const seen = new Promise((resolve) => waiting.set(d.progress, resolve));
    const sent = process.hrtime.bigint();
    const status = await send(d);
    if (status !== 204 && status !== 200) throw new Error(`delivery answered ${status}`);
    const at = await Promise.race([seen, new Promise((r) => setTimeout(() => r(null), 5000))]);
    if (at === null) throw new Error(`no event for ${d.progress} within 5 s`);
    waiting.delete(d.progress);
    samples.push(Number(at - sent) / 1000);
  }
  samples.sort((x, y) => x - y);
  console.log(JSON.stringify({ count: samples.length, p50Us: percentile(samples, 50),
                               p90Us: percentile(samples, 90), p99Us: percentile(samples, 99) }));
  process.exit(0);
}

async function throughput(connections, seconds) {
  // Enough signed deliveries that none repeats: a replayed id is refused.
  const perConnection = 40000;
  const until = Date.now() + seconds * 1000;
  let requests = 0, errors = 0;
  const statuses = {};
  let next = 0;
  const pool = Array.from({ length: connections * perConnection / 100 }, () => delivery(next++));
  async function worker() {
    while (Date.now() < until) {
      const d = pool.pop() ?? delivery(next++);
      const status = await send(d);
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (status === 204 || status === 200) requests++;
      else errors++;
    }
  }
  const started = Date.now();
  await Promise.all(Array.from({ length: connections }, worker));
  const elapsed = (Date.now() - started) / 1000;
  console.log(JSON.stringify({ rps: requests / elapsed, requests, errors, statuses }));
  process.exit(0);
}

if (mode === "latency") await latency(a, Number(b));
else if (mode === "throughput") await throughput(Number(a), Number(b));
else {
  console.error("usage: deliver.mjs latency|throughput URL SECRET TASK_ID REMOTE_ID ...");
  process.exit(2);
}
