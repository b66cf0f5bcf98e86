/**
 * A 10,000-file monorepo for the resolver alone: 20 workspace packages with tsconfig aliases,
 * exports maps and deep folders, and five imports per file (relative, alias, workspace root,
 * workspace subpath, external). Shared by the resolver's scale test and its benchmark.
 */
export function resolverRepo(): { files: Record<string, string>; imports: [string, string][] } {
  const files: Record<string, string> = {
    "package.json": JSON.stringify({
      name: "root",
      workspaces: ["packages/*"],
      dependencies: { react: "*" },
    }),
    "tsconfig.base.json": JSON.stringify({ compilerOptions: { paths: { "@/*": ["./src/*"] } } }),
  };
  const imports: [string, string][] = [];
  const packages = 20;
  const perPackage = 10_000 / packages - 2;
  for (let p = 0; p < packages; p++) {
    const dir = `packages/p${p}`;
    files[`${dir}/package.json`] = JSON.stringify({
      name: `@gen/p${p}`,
      exports: { ".": "./dist/index.js", "./*": "./dist/*.js" },
    });
    files[`${dir}/tsconfig.json`] = JSON.stringify({
      extends: "../../tsconfig.base.json",
      compilerOptions: { baseUrl: "." },
    });
    for (let i = 0; i < perPackage; i++) {
      const path = i === 0 ? `${dir}/src/index.ts` : `${dir}/src/m${i % 25}/f${i}.ts`;
      files[path] = "";
      // The next file in the package, wrapping to f1 (f0 is the index).
      const n = i + 1 < perPackage ? i + 1 : 1;
      const sibling = i + 25 < perPackage ? `./f${i + 25}.js` : "../index.js";
      imports.push(
        [i === 0 ? "./m1/f1.js" : sibling, path],
        [`@/m${n % 25}/f${n}`, path],
        [`@gen/p${(p + 1) % packages}`, path],
        [`@gen/p${(p + 3) % packages}/m${n % 25}/f${n}`, path],
        [i % 2 === 0 ? "react" : "node:path", path],
      );
    }
  }
  return { files, imports };
}
