// Logs in, then refreshes the engine table every few seconds and the usage
// charts and plugin list less often. Any 401/403 sends the user back to login.
import {AuthError, getJson, token} from './api.js';
import {sendChat} from './chat.js';
import {el} from './dom.js';
import {renderEngines} from './engines.js';
import {renderPlugins} from './plugins.js';
import {renderUsage} from './usage.js';

const ENGINES_EVERY_MS = 3000;
const USAGE_EVERY_MS = 30000;
const $ = (id) => document.getElementById(id);
let timers = [];

function showLogin(message = '') {
  timers.forEach(clearInterval);
  timers = [];
  $('dashboard').hidden = true;
  $('logout').hidden = true;
  $('login').hidden = false;
  $('login-error').textContent = message;
  $('status').textContent = '';
  $('token').focus();
}

function setStatus(text, isError = false) {
  $('status').textContent = text;
  $('status').className = isError ? 'error' : 'muted';
}

async function refresh(what) {
  try {
    await what();
  } catch (e) {
    if (e instanceof AuthError) showLogin(e.message);
    else setStatus(e.message, true);
  }
}

const refreshEngines = () => refresh(async () => {
  renderEngines($('engines'), await getJson('/admin/health'));
  $('engines-updated').textContent = `updated ${new Date().toLocaleTimeString()}`;
  setStatus('connected');
});
const refreshUsage = () => refresh(async () => {
  renderUsage(await getJson('/admin/usage'));
  renderPlugins(await getJson('/admin/plugins'));
});

// Modes for the chat box, when this token may list models (a dashboard token may not).
async function loadModes() {
  try {
    const models = await getJson('/v1/models');
    const modes = models.data.map((m) => m.id).filter((id) => id.startsWith('mode/'));
    $('chat-modes').replaceChildren(...modes.map((id) => el('option', {value: id.slice(5)})));
  } catch {
    // the chat box still takes any mode typed in
  }
}

async function start() {
  try {
    await getJson('/admin/health');  // proves the token before anything is shown
  } catch (e) {
    showLogin(e instanceof AuthError ? (token.get() ? e.message : '') : e.message);
    return;
  }
  $('login').hidden = true;
  $('dashboard').hidden = false;
  $('logout').hidden = false;
  await Promise.all([refreshEngines(), refreshUsage(), loadModes()]);
  timers = [setInterval(refreshEngines, ENGINES_EVERY_MS), setInterval(refreshUsage, USAGE_EVERY_MS)];
}

$('login-form').addEventListener('submit', (event) => {
  event.preventDefault();
  token.set($('token').value.trim());
  $('token').value = '';
  start();
});
$('logout').addEventListener('click', () => {
  token.clear();
  showLogin();
});
$('chat-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const button = event.target.querySelector('button');
  button.disabled = true;
  try {
    await sendChat({mode: $('chat-mode').value.trim(), message: $('chat-message').value});
  } catch (e) {
    $('chat-end').textContent = `the chat failed: ${e.message}`;
    $('chat-end').className = 'error';
  } finally {
    button.disabled = false;
    refreshEngines();
  }
});
start();
