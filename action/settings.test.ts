import { describe, expect, it } from "vitest";
import { InputError, readSettings } from "./settings.js";

const read = (inputs: Record<string, string>) =>
  readSettings((name) => inputs[name] ?? "", { GITHUB_WORKSPACE: "/home/runner/work/web" });

describe("readSettings", () => {
  it("fills the defaults and drops empty inputs", () => {
    expect(read({})).toEqual({
      policy: ".superplane/policy.yml",
      junit: [],
      workspace: "/home/runner/work/web",
    });
  });

  it("reads every input, trimmed; junit globs by line or comma", () => {
    expect(
      read({
        "api-url": " https://sp.example.com/v1/ ",
        token: "spl_tok_x",
        policy: "./ci/superplane.yml",
        base: "origin/main",
        head: "HEAD",
        "confidence-threshold": "0.9",
        run: "npx vitest run {tests}",
        junit: "reports/a.xml,\nreports/b/*.xml\n",
        "github-token": "ghs_x",
      }),
    ).toEqual({
      apiUrl: "https://sp.example.com/v1",
      token: "spl_tok_x",
      policy: "ci/superplane.yml",
      base: "origin/main",
      head: "HEAD",
      threshold: 0.9,
      run: "npx vitest run {tests}",
      junit: ["reports/a.xml", "reports/b/*.xml"],
      githubToken: "ghs_x",
      workspace: "/home/runner/work/web",
    });
  });

  it("names the input and the fix when one is wrong", () => {
    expect(() => read({ "api-url": "sp.example.com" })).toThrow(
      new InputError('api-url: "sp.example.com" is not a URL (e.g. https://superplane.example.com/v1)'),
    );
    expect(() => read({ "api-url": "ftp://sp.example.com/v1" })).toThrow("must be an http(s) URL");
    expect(() => read({ "confidence-threshold": "85%" })).toThrow(
      'confidence-threshold: "85%" must be a number from 0 to 1 (e.g. 0.85)',
    );
    expect(() => read({ "confidence-threshold": "1.5" })).toThrow(InputError);
    expect(() => read({ policy: "../other/policy.yml" })).toThrow("must be a path inside the repository");
    expect(() => read({ policy: "/etc/policy.yml" })).toThrow(InputError);
    expect(() => read({ run: "npm test" })).toThrow("names no tests; put {tests}");
  });
});
