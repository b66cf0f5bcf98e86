/** The JSON API, read with the session cookie the sign-in set (HttpOnly: this script never sees the token). */
export class SignedOut extends Error {}

export async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(path, { credentials: "same-origin", headers: { accept: "application/json" } });
  if (response.status === 401) throw new SignedOut("signed out");
  const body = (await response.json().catch(() => undefined)) as
    | (T & { error?: { message?: string } })
    | undefined;
  if (!response.ok || body === undefined) {
    throw new Error(body?.error?.message ?? `${path} answered ${response.status}`);
  }
  return body;
}

export interface Session {
  org: string;
  scope: string;
}

/** Trades the token for the session cookie; the token is not kept anywhere in the page. */
export async function signIn(token: string): Promise<Session> {
  const response = await fetch("/dashboard/session", {
    method: "POST",
    credentials: "same-origin",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ token }),
  });
  const body = (await response.json()) as Session & { error?: { message: string } };
  if (!response.ok) throw new Error(body.error?.message ?? `sign-in answered ${response.status}`);
  return body;
}

export async function signOut(): Promise<void> {
  await fetch("/dashboard/session/end", { method: "POST", credentials: "same-origin" });
}

/** A query string from the values that are set. */
export function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== "") search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}
