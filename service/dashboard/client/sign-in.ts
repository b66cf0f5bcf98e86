import { signIn } from "./api.js";
import { h } from "./dom.js";

/**
 * The token goes to the service once and comes back as an HttpOnly cookie; it is never stored
 * where a script could read it (not in sessionStorage, not in the page).
 */
export function signInForm(onSignedIn: () => void): HTMLElement {
  const input = h("input", {
    type: "password",
    name: "token",
    id: "token",
    autocomplete: "off",
    placeholder: "spl_tok_…",
  });
  const error = h("p", { class: "error", "data-testid": "sign-in-error" });
  const form = h(
    "form",
    { class: "sign-in", "data-testid": "sign-in" },
    h("h2", {}, "Sign in"),
    h("p", {}, "Paste a service token (superplane token create --scope read); a read token is enough."),
    h("label", { for: "token" }, "Token "),
    input,
    h("button", { type: "submit" }, "Sign in"),
    error,
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    error.textContent = "";
    signIn(input.value.trim())
      .then(() => {
        input.value = "";
        onSignedIn();
      })
      .catch((failure: unknown) => {
        error.textContent = failure instanceof Error ? failure.message : String(failure);
      });
  });
  return form;
}
