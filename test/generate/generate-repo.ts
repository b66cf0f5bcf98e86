import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { seeded } from "./random.js";

export interface GenerateOptions {
  /** Source and test files in all (manifests and configs come on top). */
  files: number;
  tests: number;
  packages: number;
  /** Modules per directory; each directory has a barrel index.ts. */
  perDir?: number;
  seed?: number;
}

export interface GeneratedRepo {
  dir: string;
  /** Every source module, as repository paths. */
  modules: string[];
  tests: string[];
  bytes: number;
}

interface Module {
  pkg: number;
  dirIndex: number;
  index: number;
  path: string;
}

const pkgName = (p: number) => `@gen/pkg-${p}`;

function moduleSource(m: Module, deps: { spec: string; name: string; type: string }[]): string {
  const lines = deps.map((d) => `import { ${d.name}, type ${d.type} } from "${d.spec}";`);
  const id = `${m.pkg}_${m.dirIndex}_${m.index}`;
  lines.push(
    "",
    `export interface Shape${id} {`,
    "  id: string;",
    "  weight: number;",
    `  tags: readonly string[];`,
    "}",
    "",
    `export type Input${id} = Partial<Shape${id}> & { source?: string };`,
    "",
    `export function make${id}(input: Input${id}): Shape${id} {`,
    `  const tags = (input.tags ?? []).filter((tag) => tag.length > 0);`,
    ...deps.map((d) => `  tags.push(String(${d.name}({} as ${d.type}).id));`),
    `  return { id: input.id ?? "${id}", weight: input.weight ?? ${m.index}, tags };`,
    "}",
    "",
    `export function score${id}(shape: Shape${id}): number {`,
    "  let total = shape.weight;",
    "  for (const tag of shape.tags) total += tag.length * 3;",
    "  return total > 100 ? total / 2 : total;",
    "}",
    "",
    `export const DEFAULT_${id} = make${id}({ id: "default" });`,
    "",
  );
  return lines.join("\n");
}

function testSource(targets: { spec: string; name: string }[], typeTest: boolean): string {
  const imports = targets.map((t) => `import { ${t.name} } from "${t.spec}";`);
  const body = targets.map((t) =>
    typeTest ? `  expectTypeOf(${t.name}).toBeFunction();` : `  expect(${t.name}({ id: "x" }).id).toBe("x");`,
  );
  const runner = typeTest ? "describe, it, expectTypeOf" : "describe, expect, it";
  return [
    `import { ${runner} } from "vitest";`,
    ...imports,
    "",
    'describe("generated", () => {',
    '  it("works", () => {',
    ...body,
    "  });",
    "});",
    "",
  ].join("\n");
}

/**
 * A workspace monorepo of TypeScript packages with barrels, tsconfig path aliases, package
 * exports pointing at build output, cross-package imports and tests, committed with real git.
 */
export function generateRepo(dir: string, options: GenerateOptions): GeneratedRepo {
  const rnd = seeded(options.seed ?? 42);
  const perDir = options.perDir ?? 20;
  const sources = options.files - options.tests;
  const files = new Map<string, string>();
  files.set(
    "package.json",
    JSON.stringify(
      { name: "gen-root", private: true, workspaces: ["packages/*"], devDependencies: { vitest: "*" } },
      null,
      2,
    ),
  );
  files.set(
    "tsconfig.base.json",
    JSON.stringify({ compilerOptions: { strict: true, module: "NodeNext" } }, null, 2),
  );
  const modules: Module[] = [];
  for (let i = 0; i < sources; i++) {
    const pkg = i % options.packages;
    const local = Math.floor(i / options.packages);
    modules.push({ pkg, dirIndex: Math.floor(local / perDir), index: local % perDir, path: "" });
  }
  for (const m of modules) m.path = `packages/pkg-${m.pkg}/src/dir-${m.dirIndex}/mod-${m.index}.ts`;
  const idOf = (m: Module) => `${m.pkg}_${m.dirIndex}_${m.index}`;
  for (let p = 0; p < options.packages; p++) {
    const root = `packages/pkg-${p}`;
    const deps = p > 0 ? { [pkgName(p - 1)]: "*" } : {};
    files.set(
      `${root}/package.json`,
      JSON.stringify(
        { name: pkgName(p), type: "module", exports: { ".": "./dist/index.js" }, dependencies: deps },
        null,
        2,
      ),
    );
    files.set(
      `${root}/tsconfig.json`,
      JSON.stringify(
        {
          extends: "../../tsconfig.base.json",
          compilerOptions: { baseUrl: ".", paths: { "@/*": ["./src/*"] }, outDir: "dist", rootDir: "src" },
        },
        null,
        2,
      ),
    );
  }
  const byDir = new Map<string, Module[]>();
  for (const m of modules) {
    const key = `${m.pkg}/${m.dirIndex}`;
    byDir.set(key, [...(byDir.get(key) ?? []), m]);
  }
  for (const [key, members] of byDir) {
    const [pkg, dirIndex] = key.split("/");
    files.set(
      `packages/pkg-${pkg}/src/dir-${dirIndex}/index.ts`,
      `${members.map((m) => `export * from "./mod-${m.index}.js";`).join("\n")}\n`,
    );
  }
  for (let p = 0; p < options.packages; p++) {
    const dirs = [...byDir.keys()].filter((k) => k.startsWith(`${p}/`)).map((k) => k.split("/")[1]);
    files.set(
      `packages/pkg-${p}/src/index.ts`,
      `${dirs.map((d) => `export * from "./dir-${d}/index.js";`).join("\n")}\n`,
    );
  }
  for (const m of modules) {
    const deps: { spec: string; name: string; type: string }[] = [];
    const sameDir = byDir.get(`${m.pkg}/${m.dirIndex}`)!.filter((o) => o.index < m.index);
    if (sameDir.length > 0) {
      const o = rnd.pick(sameDir);
      deps.push({ spec: `./mod-${o.index}.js`, name: `make${idOf(o)}`, type: `Input${idOf(o)}` });
    }
    const lowerDirs = byDir.get(`${m.pkg}/${m.dirIndex - 1}`) ?? [];
    if (lowerDirs.length > 0 && rnd.next() < 0.7) {
      const o = rnd.pick(lowerDirs);
      deps.push({ spec: `@/dir-${o.dirIndex}/index.js`, name: `make${idOf(o)}`, type: `Input${idOf(o)}` });
    }
    if (m.pkg > 0 && m.index === 0 && rnd.next() < 0.5) {
      const others = byDir.get(`${m.pkg - 1}/0`) ?? [];
      if (others.length > 0) {
        const o = rnd.pick(others);
        deps.push({ spec: pkgName(m.pkg - 1), name: `make${idOf(o)}`, type: `Input${idOf(o)}` });
      }
    }
    files.set(m.path, moduleSource(m, deps));
  }
  const tests: string[] = [];
  for (let t = 0; t < options.tests; t++) {
    const m = modules[rnd.int(modules.length)]!;
    const typeTest = t % 10 === 9;
    const viaBarrel = rnd.next() < 0.3;
    const spec = viaBarrel
      ? `../src/dir-${m.dirIndex}/index.js`
      : `../src/dir-${m.dirIndex}/mod-${m.index}.js`;
    const path = `packages/pkg-${m.pkg}/test/t-${t}.${typeTest ? "test-d" : "test"}.ts`;
    files.set(path, testSource([{ spec, name: `make${idOf(m)}` }], typeTest));
    tests.push(path);
  }
  let bytes = 0;
  for (const [path, text] of files) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
    bytes += Buffer.byteLength(text);
  }
  commitAll(dir, "generated repository");
  return { dir, modules: modules.map((m) => m.path), tests, bytes };
}

export function git(dir: string, args: string[]): string {
  return execFileSync("git", args, { cwd: dir, encoding: "utf8", maxBuffer: 1 << 30 });
}

export function commitAll(dir: string, message: string): void {
  git(dir, ["init", "-q", "-b", "main"]);
  git(dir, ["-c", "user.name=gen", "-c", "user.email=gen@example.com", "add", "-A"]);
  git(dir, [
    "-c",
    "user.name=gen",
    "-c",
    "user.email=gen@example.com",
    "commit",
    "-qm",
    message,
    "--no-gpg-sign",
  ]);
}
