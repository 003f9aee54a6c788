// Streams a chat completion with the browser's session: POST with stream:true, then the body is read
// as server-sent events. Each `data:` event is handed on parsed; comments (": SWITCHBOARD
// PROCESSING") are keep-alives and skipped. Aborting the signal cancels the request, which the
// gateway turns into an upstream cancel (charged for what was generated).
import { headersFor, errorOf, ApiError } from './api.js';

export async function streamChat(body, { signal, onEvent }) {
  let response;
  try {
    response = await fetch('/api/v1/chat/completions', {
      method: 'POST',
      headers: { ...headersFor('POST', true), Accept: 'text/event-stream' },
      body: JSON.stringify({ ...body, stream: true }),
      credentials: 'same-origin',
      signal,
    });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, 'Could not reach Switchboard. Check your connection and try again.');
  }
  if (!response.ok) throw await errorOf(response);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let end;
    while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
      const data = block.split(/\r?\n/).filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trimStart()).join('\n');
      if (!data) continue;
      if (data === '[DONE]') return;
      onEvent(JSON.parse(data));
    }
  }
}
