// manifold-webhook against the Standard Webhooks reference library for
// JavaScript (npm standardwebhooks), both ways: what one signs the other
// verifies, and both refuse a tampered body, a wrong secret and a stale
// timestamp.
//   node interop.mjs PATH/TO/manifold-webhook
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { Webhook } from "standardwebhooks";

const tool = process.argv[2];
const secret = "whsec_" + Buffer.from("interop secret for manifold-webhook").toString("base64");
const otherSecret = "whsec_" + Buffer.from("some other sibling's secret").toString("base64");
const body = JSON.stringify({ type: "task.completed", data: { id: "t_1", text: "naïve ✓" } });
const now = Math.floor(Date.now() / 1000);

function run(args, input) {
  const r = spawnSync(tool, args, { input, encoding: "utf8" });
  if (r.error) throw r.error;
  return r;
}

function ourSign(secretValue, id, timestamp, payload) {
  const r = run(["sign", "--secret", secretValue, "--id", id, "--timestamp", String(timestamp)], payload);
  assert.equal(r.status, 0, r.stderr);
  const headers = Object.fromEntries(
    r.stdout.trim().split("\n").map((line) => line.split(": ")));
  assert.deepEqual(Object.keys(headers), ["webhook-id", "webhook-timestamp", "webhook-signature"]);
  return headers;
}

function ourVerify(secretValue, headers, payload) {
  return run(["verify", "--secret", secretValue, "--id", headers["webhook-id"],
              "--timestamp", headers["webhook-timestamp"],
              "--signature", headers["webhook-signature"]], payload);
}

function npmHeaders(secretValue, id, timestamp, payload) {
  return { "webhook-id": id, "webhook-timestamp": String(timestamp),
           "webhook-signature": new Webhook(secretValue).sign(id, new Date(timestamp * 1000), payload) };
}

const cases = [];
const check = (name, fn) => cases.push([name, fn]);

check("the library signs, manifold-webhook verifies", () => {
  const r = ourVerify(secret, npmHeaders(secret, "msg_lib", now, body), body);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, "valid\n");
});

check("manifold-webhook signs, the library verifies", () => {
  const headers = ourSign(secret, "msg_ours", now, body);
  assert.deepEqual(new Webhook(secret).verify(body, headers), JSON.parse(body));
});

check("both produce the same signature", () => {
  assert.equal(ourSign(secret, "msg_same", now, body)["webhook-signature"],
               npmHeaders(secret, "msg_same", now, body)["webhook-signature"]);
});

check("a tampered body is refused by both", () => {
  const tampered = body.replace("t_1", "t_2");
  const r = ourVerify(secret, npmHeaders(secret, "msg_t", now, body), tampered);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /no webhook-signature entry matches/);
  assert.throws(() => new Webhook(secret).verify(tampered, ourSign(secret, "msg_t", now, body)),
                /No matching signature found/);
});

check("a wrong secret is refused by both", () => {
  const r = ourVerify(otherSecret, npmHeaders(secret, "msg_w", now, body), body);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /no webhook-signature entry matches/);
  assert.throws(() => new Webhook(otherSecret).verify(body, ourSign(secret, "msg_w", now, body)),
                /No matching signature found/);
});

check("a stale timestamp is refused by both", () => {
  const stale = now - 600;
  const r = ourVerify(secret, npmHeaders(secret, "msg_s", stale, body), body);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /too old/);
  assert.throws(() => new Webhook(secret).verify(body, ourSign(secret, "msg_s", stale, body)),
                /timestamp too old/);
});

check("a rotated header verifies when any entry is valid, in both", () => {
  const old = npmHeaders(otherSecret, "msg_r", now, body)["webhook-signature"];
  const headers = ourSign(secret, "msg_r", now, body);
  headers["webhook-signature"] = `${old} ${headers["webhook-signature"]}`;
  assert.equal(ourVerify(secret, headers, body).status, 0);
  assert.deepEqual(new Webhook(secret).verify(body, headers), JSON.parse(body));
});

check("bad input is refused with a reason and exit status 2", () => {
  const env = { ...process.env };
  delete env.MANIFOLD_WEBHOOK_SECRET;
  const bad = [
    [["sign"], /no secret/],
    [["sign", "--secret", "whsec_not base64!"], /not base64/],
    [["sign", "--secret", secret, "--timestamp", "yesterday"], /--timestamp must be Unix seconds/],
    [["verify", "--secret", secret, "--id", "msg_x"], /needs --id, --timestamp and --signature/],
    [["verify", "--secret", secret, "--colour"], /unknown option --colour/],
    [["rotate"], /unknown command "rotate"/],
  ];
  for (const [args, message] of bad) {
    const r = spawnSync(tool, args, { input: body, encoding: "utf8", env });
    assert.equal(r.status, 2, `${args.join(" ")}: ${r.stderr}`);
    assert.match(r.stderr, message);
  }
});

let failed = 0;
for (const [name, fn] of cases) {
  try {
    fn();
    console.log(`ok - ${name}`);
  } catch (e) {
    failed++;
    console.log(`not ok - ${name}\n${e.stack}`);
  }
}
console.log(`${cases.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
