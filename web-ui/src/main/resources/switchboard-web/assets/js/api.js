// The one way the app talks to the API: same origin, the session cookie, the CSRF header on writes,
// and every failure turned into an ApiError whose message is a sentence, never a JSON body.

const SAFE = new Set(['GET', 'HEAD']);

export class ApiError extends Error {
  constructor(status, message, metadata = {}) {
    super(message);
    this.status = status;
    this.metadata = metadata;
  }

  /** A link that helps with this error, if any: out of credits → the credits page. */
  get help() {
    if (this.status === 402) return { href: '/credits', text: 'Buy credits' };
    if (this.status === 401) return { href: '/login', text: 'Log in' };
    return null;
  }
}

export function xsrfToken() {
  const match = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]+)/);
  return match ? decodeURIComponent(match[1]) : '';
}

/** Headers of a request with the session: JSON, plus the CSRF token on writes. */
export function headersFor(method, hasBody) {
  const headers = { Accept: 'application/json' };
  if (hasBody) headers['Content-Type'] = 'application/json';
  if (!SAFE.has(method)) headers['X-XSRF-TOKEN'] = xsrfToken();
  return headers;
}

export async function api(path, { method = 'GET', body, signal } = {}) {
  let response;
  try {
    response = await fetch(path, {
      method,
      headers: headersFor(method, body !== undefined),
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal,
    });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, 'Could not reach Switchboard. Check your connection and try again.');
  }
  if (!response.ok) throw await errorOf(response);
  if (response.status === 204) return null;
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

export const get = (path, options) => api(path, options);
export const post = (path, body, options) => api(path, { ...options, method: 'POST', body });
export const put = (path, body) => api(path, { method: 'PUT', body });
export const patch = (path, body) => api(path, { method: 'PATCH', body });
export const del = (path) => api(path, { method: 'DELETE' });

/** Reads OpenRouter's error shape {"error":{"code","message","metadata"}} into words. */
export async function errorOf(response) {
  let message = '';
  let metadata = {};
  try {
    const body = await response.json();
    message = body?.error?.message ?? '';
    metadata = body?.error?.metadata ?? {};
  } catch {
    // not JSON: the status alone says what happened
  }
  return new ApiError(response.status, explain(response.status, message), metadata);
}

/** What a status means to a user; the server's own sentence is kept where it adds detail. */
export function explain(status, serverMessage = '') {
  const detail = serverMessage && !serverMessage.trim().startsWith('{') ? serverMessage : '';
  switch (status) {
    case 400: return detail || 'The request was not valid.';
    case 401: return 'You are not logged in, or your session has ended. Please log in.';
    case 402: return 'Out of credits — buy more to continue.' + (detail ? ` (${detail})` : '');
    case 403: return detail || 'You are not allowed to do that.';
    case 404: return detail || 'Not found.';
    case 408: return 'The request took too long. Try again.';
    case 409: return detail || 'That conflicts with something that already exists.';
    case 413: return 'That is too large to send.';
    case 429: return 'Too many requests — wait a moment and try again.' + (detail ? ` (${detail})` : '');
    case 502: return 'The model provider returned an error.' + (detail ? ` (${detail})` : '');
    case 503: return detail || 'The service is unavailable right now; try again shortly.';
    default:
      if (status >= 500) return 'Something went wrong on the server; try again shortly.';
      return detail || `The request failed (status ${status}).`;
  }
}

/** A feature another part of the platform provides may be missing on an older server: 404/405 say so. */
export function isMissingFeature(error) {
  return error instanceof ApiError && (error.status === 404 || error.status === 405);
}
