/** What a page renders: its title, the repository its navigation belongs to, and its content. */
export interface Page {
  title: string;
  repoId?: string;
  body: Node;
}

export interface Route {
  path: string[];
  query: URLSearchParams;
}

/** `#/repos/r1/runs?status=failed` → path [repos, r1, runs] and its query. */
export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#\/?/, "");
  const [path = "", search = ""] = raw.split("?", 2) as [string?, string?];
  return {
    path: path
      .split("/")
      .filter(Boolean)
      .map((part) => decodeURIComponent(part)),
    query: new URLSearchParams(search),
  };
}

/** A link inside the dashboard; ids are encoded, so none can change the route's shape. */
export function link(...parts: string[]): string {
  return `#/${parts.map((part) => encodeURIComponent(part)).join("/")}`;
}

/** The day `days - 1` before today and today (UTC), as the insights route takes them. */
export function lastDays(days: number, now = new Date()): { from: string; to: string } {
  const to = now.toISOString().slice(0, 10);
  const from = new Date(now.getTime() - (days - 1) * 86_400_000).toISOString().slice(0, 10);
  return { from, to };
}
