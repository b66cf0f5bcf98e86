import { describe, expect, it } from "vitest";
import { isPatchFile, patchedPackageOfName, patchedPackagesOfText } from "./package-patches.js";

describe("the package a patch changes", () => {
  it("reads patch-package and pnpm file names", () => {
    const names = [
      "patches/left-pad+1.3.0.patch",
      "patches/@babel+core+7.24.0.patch",
      "apps/web/patches/react-native++@react-native+metro+0.73.0.patch",
      "patches/zod+3.22.0.dev.patch",
      "patches/lodash+4.17.21+001+initial.patch",
      "patches/lodash@4.17.21.patch",
      "patches/@scope__pkg@1.0.0.patch",
      "patches/0001-fix-build.patch",
      "src/patches.ts",
    ];
    expect(names.map(patchedPackageOfName)).toEqual([
      "left-pad",
      "@babel/core",
      "@react-native/metro",
      "zod",
      "lodash",
      "lodash",
      "@scope/pkg",
      undefined,
      undefined,
    ]);
    expect(
      ["patches/x.patch", "a/patches/y+1.0.0.patch", "src/x.patch", "patches/x.diff"].map(isPatchFile),
    ).toEqual([true, true, false, false]);
  });

  it("reads the node_modules paths of a patch-package diff", () => {
    const text = [
      "diff --git a/node_modules/@scope/pkg/index.js b/node_modules/@scope/pkg/index.js",
      "--- a/node_modules/@scope/pkg/index.js",
      "+++ b/node_modules/@scope/pkg/index.js",
      "--- a/node_modules/greet/lib/a.js",
      "+++ b/node_modules/greet/lib/a.js",
      "--- a/src/vendored.c",
    ].join("\n");
    expect(patchedPackagesOfText(text)).toEqual(["@scope/pkg", "greet"]);
  });
});
