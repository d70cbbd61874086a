// The token lives in sessionStorage: this tab only, gone when it closes, and
// never sent by the browser on its own (no cookie), so no other site can
// make requests with it.
const KEY = 'manifold.token';

export class AuthError extends Error {}

export const token = {
  get: () => sessionStorage.getItem(KEY) ?? '',
  set: (value) => sessionStorage.setItem(KEY, value),
  clear: () => sessionStorage.removeItem(KEY),
};

export function authHeaders() {
  const t = token.get();
  return t ? {Authorization: `Bearer ${t}`} : {};
}

// The message of an OpenAI-shaped error body, or the status line.
export async function errorMessage(response) {
  try {
    const body = await response.json();
    return body?.error?.message ?? `${response.status} ${response.statusText}`;
  } catch {
    return `${response.status} ${response.statusText}`;
  }
}

export async function getJson(path) {
  const response = await fetch(path, {headers: authHeaders(), cache: 'no-store'});
  if (response.status === 401 || response.status === 403)
    throw new AuthError(await errorMessage(response));
  if (!response.ok) throw new Error(`${path}: ${await errorMessage(response)}`);
  return response.json();
}
