/**
 * Builds elements without HTML parsing: text goes in as text nodes, so whatever a repository or a
 * pull request wrote (test paths, failure messages, branch names) shows as text and never runs.
 * Nothing in the dashboard turns a string into markup (service/dashboard/dashboard-routes.test.ts checks).
 */
export type Child = Node | string | number | null | undefined | false;

export interface Props {
  class?: string;
  /** Only links the dashboard builds itself (`#/…`) or an http(s) address. */
  href?: string;
  title?: string;
  id?: string;
  type?: string;
  name?: string;
  value?: string;
  placeholder?: string;
  autocomplete?: string;
  for?: string;
  selected?: boolean;
  rel?: string;
  "data-testid"?: string;
}

/** A link target from data is kept only when it is http(s): never `javascript:` or `data:`. */
export function safeHref(href: string): string | undefined {
  if (href.startsWith("#/")) return href;
  try {
    const url = new URL(href);
    return url.protocol === "https:" || url.protocol === "http:" ? url.href : undefined;
  } catch {
    return undefined;
  }
}

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === false) continue;
    if (key === "href") {
      const href = safeHref(String(value));
      if (href) element.setAttribute("href", href);
      continue;
    }
    if (key === "selected") {
      (element as unknown as HTMLOptionElement).selected = Boolean(value);
      continue;
    }
    element.setAttribute(key, String(value));
  }
  append(element, children);
  return element;
}

export function append(parent: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === "string" || typeof child === "number" ? text(child) : child);
  }
}

export const text = (value: string | number) => document.createTextNode(String(value));

/** A table from a header row and rows of cells. */
export function table(
  headers: readonly string[],
  rows: readonly Child[][],
  testid?: string,
): HTMLTableElement {
  return h(
    "table",
    { "data-testid": testid },
    h("thead", {}, h("tr", {}, ...headers.map((name) => h("th", {}, name)))),
    h("tbody", {}, ...rows.map((cells) => h("tr", {}, ...cells.map((cell) => h("td", {}, cell))))),
  );
}

export function card(label: string, value: Child, detail?: Child): HTMLElement {
  return h(
    "div",
    { class: "card" },
    h("div", { class: "label" }, label),
    h("div", { class: "value" }, value),
    detail ? h("div", { class: "detail" }, detail) : null,
  );
}

export function section(title: string, ...children: Child[]): HTMLElement {
  return h("section", {}, h("h2", {}, title), ...children);
}

export const empty = (message: string) => h("p", { class: "empty" }, message);

/** Label–value pairs as a definition list. */
export function factList(rows: readonly [string, Child][], testid: string): HTMLElement {
  return h(
    "dl",
    { class: "facts", "data-testid": testid },
    ...rows.flatMap(([label, value]) => [h("dt", {}, label), h("dd", {}, value)]),
  );
}
