// The test chat: POST /api/chat, read as a stream of server-sent events
// (schemas/stream-events.schema.json), showing the route, each attempt and
// the tokens as they arrive. Unknown event types are ignored, as the schema asks.
import {authHeaders, errorMessage} from './api.js';
import {el} from './dom.js';

// Splits a byte stream into parsed `data:` objects, one per SSE event.
async function* events(body) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const {value, done} = await reader.read();
    if (done) return;
    buffer += value;
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = block.split('\n').filter((l) => l.startsWith('data:'))
                        .map((l) => l.slice(5).trimStart()).join('\n');
      if (data) yield JSON.parse(data);
    }
  }
}

function describe(event) {
  switch (event.type) {
    case 'auto_routed':
      return `routed to mode ${event.mode} by rule ${event.rule} (confidence ${event.confidence})` +
             (event.intent ? `, intent ${event.intent} of ${event.plugin}` : '');
    case 'attempt':
      return `attempt: ${event.engine} ${event.outcome}${event.reason ? `: ${event.reason}` : ''}`;
    case 'backend':
      return `answered by ${event.engine} (${event.provider}@${event.provider_version}) ` +
             `in mode ${event.mode || '–'} after ${event.attempts} attempt${event.attempts === 1 ? '' : 's'}`;
    default:
      return null;
  }
}

export async function sendChat({mode, message}) {
  const route = document.getElementById('chat-route');
  const answer = document.getElementById('chat-answer');
  const end = document.getElementById('chat-end');
  route.replaceChildren();
  answer.textContent = '';
  end.textContent = 'waiting for the first token…';
  end.className = 'muted';
  const response = await fetch('/api/chat', {
    method: 'POST',
    headers: {'Content-Type': 'application/json', ...authHeaders()},
    body: JSON.stringify({mode, report_attempts: true, messages: [{role: 'user', content: message}]}),
  });
  if (!response.ok) {
    end.textContent = `refused: ${await errorMessage(response)}`;
    end.className = 'error';
    return;
  }
  let finished = false;
  for await (const event of events(response.body)) {
    const line = describe(event);
    if (line) route.append(el('li', {'data-event': event.type}, line));
    if (event.type === 'token') answer.textContent += event.text;
    if (event.type === 'usage')
      end.textContent = `${event.prompt_tokens} prompt and ${event.completion_tokens} completion tokens`;
    if (event.type === 'done') {
      finished = true;
      end.textContent = `done (${event.finish_reason})${end.textContent.includes('tokens') ? `, ${end.textContent}` : ''}`;
    }
    if (event.type === 'error') {
      finished = true;
      end.textContent = `failed after the answer began: ${event.message}`;
      end.className = 'error';
    }
  }
  if (!finished) {
    end.textContent = 'the stream ended without done: the answer is incomplete';
    end.className = 'error';
  }
}
