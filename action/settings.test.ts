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
    for (const shard of ["3", "0/3", "4/3", "1/2000", "a/b"]) {
      expect(() => read({ run: "vitest {tests}", shard })).toThrow(
        `shard: "${shard}" must be I/N with 1 <= I <= N <= 1024, e.g. shard: \${{ matrix.shard }}/\${{ strategy.job-total }} with matrix.shard 1..N`,
      );
    }
    expect(() => read({ shard: "1/3" })).toThrow('shard: "1/3" needs the run input');
  });

  it("reads the shard as I/N", () => {
    expect(read({ run: "vitest {tests}", shard: "2 / 3" }).shard).toEqual({ index: 2, total: 3 });
    expect(read({ run: "vitest {tests}", shard: "1/1" }).shard).toEqual({ index: 1, total: 1 });
  });
});
