import { describe, expect, it } from "vitest";
import { decl, facts, graphOf, imp } from "../../test/support/graph-fixtures.js";
import { symbolReach } from "./symbol-reach.js";

const hit = (reach: ReturnType<typeof symbolReach>, path: string) => {
  const state = reach.get(path);
  return state !== undefined && (state.fileLevel || state.locals.size > 0 || state.evaluates);
};

describe("symbolReach", () => {
  const barrel = graphOf({
    "src/a.ts": facts({ declarations: [decl("a", 1, 3), decl("a2", 4, 6)] }),
    "src/b.ts": facts({ declarations: [decl("b", 1, 3)] }),
    "src/index.ts": facts({
      imports: [
        imp("src/a.ts", "*", { kind: "reexport-all" }),
        imp("src/b.ts", ["b"], { kind: "reexport", reexports: [{ exported: "b", imported: "b" }] }),
      ],
    }),
    "test/a.test.ts": facts({ imports: [imp("src/index.ts", ["a"], { locals: ["a"] })] }),
    "test/a2.test.ts": facts({ imports: [imp("src/index.ts", ["a2"], { locals: ["a2"] })] }),
    "test/b.test.ts": facts({ imports: [imp("src/index.ts", ["b"], { locals: ["b"] })] }),
  });

  it("follows a changed name through a barrel, and only that name", () => {
    const reach = symbolReach(barrel, [{ path: "src/a.ts", fileLevel: false, locals: ["a"], exports: [] }]);
    expect(hit(reach, "test/a.test.ts")).toBe(true);
    expect(hit(reach, "test/a2.test.ts")).toBe(false);
    expect(hit(reach, "test/b.test.ts")).toBe(false);
    expect(reach.get("src/index.ts")?.exports).toEqual(new Set(["a"]));
  });

  it("a file-level change reaches every name the file exports, not the barrel's others", () => {
    const reach = symbolReach(barrel, [
      { path: "src/a.ts", fileLevel: true, evaluates: false, locals: [], exports: [] },
    ]);
    expect(hit(reach, "test/a.test.ts")).toBe(true);
    expect(hit(reach, "test/a2.test.ts")).toBe(true);
    expect(hit(reach, "test/b.test.ts")).toBe(false);
  });

  it("spreads inside a file to declarations that reference the changed one", () => {
    const graph = graphOf({
      "src/lib.ts": facts({
        declarations: [
          decl("helper", 1, 3, { exportedAs: [] }),
          decl("api", 4, 8, { references: ["helper"] }),
        ],
      }),
      "test/api.test.ts": facts({ imports: [imp("src/lib.ts", ["api"], { locals: ["api"] })] }),
    });
    const reach = symbolReach(graph, [
      { path: "src/lib.ts", fileLevel: false, locals: ["helper"], exports: [] },
    ]);
    expect(hit(reach, "test/api.test.ts")).toBe(true);
    expect(reach.get("test/api.test.ts")?.usedNames).toEqual(["api"]);
  });

  it("a top-level statement that uses an affected name makes the file file-level", () => {
    const graph = graphOf({
      "src/config.ts": facts({ declarations: [decl("load", 1, 3)] }),
      "src/app.ts": facts({
        imports: [imp("src/config.ts", ["load"], { locals: ["load"] })],
        declarations: [decl("unrelated", 5, 6)],
        statements: [{ range: { start: 8, end: 8 }, references: ["load"] }],
      }),
      "test/app.test.ts": facts({ imports: [imp("src/app.ts", ["unrelated"], { locals: ["unrelated"] })] }),
    });
    const reach = symbolReach(graph, [
      { path: "src/config.ts", fileLevel: false, locals: ["load"], exports: [] },
    ]);
    expect(reach.get("src/app.ts")?.fileLevel).toBe(true);
    expect(hit(reach, "test/app.test.ts")).toBe(true);
  });

  it("namespace imports, aliases and default exports carry names", () => {
    const graph = graphOf({
      "src/m.ts": facts({ declarations: [decl("main", 1, 2, { exportedAs: ["default"] })] }),
      "src/ns.ts": facts({
        imports: [imp("src/m.ts", ["default"], { locals: ["renamed"] })],
        declarations: [decl("wrap", 3, 5, { references: ["renamed"] })],
      }),
      "test/ns.test.ts": facts({ imports: [imp("src/ns.ts", "*", { namespaceLocal: "ns" })] }),
    });
    const reach = symbolReach(graph, [{ path: "src/m.ts", fileLevel: false, locals: ["main"], exports: [] }]);
    expect(reach.get("src/ns.ts")?.exports).toEqual(new Set(["wrap"]));
    expect(hit(reach, "test/ns.test.ts")).toBe(true);
  });

  it("a namespace import reaches a file only through the members it reads", () => {
    const graph = graphOf({
      "src/lib.ts": facts({ declarations: [decl("parse", 1, 2), decl("format", 3, 4)] }),
      "test/parse.test.ts": facts({
        imports: [imp("src/lib.ts", "*", { namespaceLocal: "lib", members: ["parse"] })],
        statements: [{ range: { start: 2, end: 2 }, references: ["lib"] }],
      }),
      "test/any.test.ts": facts({
        imports: [imp("src/lib.ts", "*", { namespaceLocal: "lib" })],
        statements: [{ range: { start: 2, end: 2 }, references: ["lib"] }],
      }),
    });
    const reach = symbolReach(graph, [
      { path: "src/lib.ts", fileLevel: false, locals: ["format"], exports: [] },
    ]);
    expect(hit(reach, "test/parse.test.ts")).toBe(false);
    expect(hit(reach, "test/any.test.ts")).toBe(true);
    const parse = symbolReach(graph, [
      { path: "src/lib.ts", fileLevel: false, locals: ["parse"], exports: [] },
    ]);
    expect(hit(parse, "test/parse.test.ts")).toBe(true);
  });

  it("inside a file, a namespace member reaches only the declarations that read it", () => {
    const graph = graphOf({
      "src/core.ts": facts({ declarations: [decl("$Str", 1, 2), decl("$Num", 3, 4)] }),
      "src/classic.ts": facts({
        imports: [imp("src/core.ts", "*", { namespaceLocal: "core", members: ["$Str", "$Num"] })],
        declarations: [
          decl("Str", 2, 4, { references: ["core.$Str"] }),
          decl("Num", 5, 7, { references: ["core.$Num"] }),
        ],
      }),
      "test/str.test.ts": facts({ imports: [imp("src/classic.ts", ["Str"], { locals: ["Str"] })] }),
      "test/num.test.ts": facts({ imports: [imp("src/classic.ts", ["Num"], { locals: ["Num"] })] }),
    });
    const reach = symbolReach(graph, [
      { path: "src/core.ts", fileLevel: false, locals: ["$Str"], exports: [] },
    ]);
    expect(reach.get("src/classic.ts")?.exports).toEqual(new Set(["Str"]));
    expect(hit(reach, "test/str.test.ts")).toBe(true);
    expect(hit(reach, "test/num.test.ts")).toBe(false);
  });

  it("a changed namespace import line reaches every declaration reading one of its members", () => {
    const graph = graphOf({
      "src/classic.ts": facts({
        imports: [imp("src/core.ts", "*", { namespaceLocal: "core", members: ["$Str", "$Num"] })],
        declarations: [
          decl("Str", 2, 4, { references: ["core.$Str"] }),
          decl("Num", 5, 7, { references: ["core.$Num"] }),
        ],
      }),
      "test/num.test.ts": facts({ imports: [imp("src/classic.ts", ["Num"], { locals: ["Num"] })] }),
    });
    const reach = symbolReach(graph, [
      { path: "src/classic.ts", fileLevel: false, locals: ["core"], exports: [] },
    ]);
    expect(reach.get("src/classic.ts")?.exports).toEqual(new Set(["Str", "Num"]));
    expect(hit(reach, "test/num.test.ts")).toBe(true);
  });

  it("a deleted export reaches its importers through the export name alone", () => {
    const graph = graphOf({
      "src/gone.ts": facts({ declarations: [decl("kept", 1, 2)] }),
      "test/gone.test.ts": facts({ imports: [imp("src/gone.ts", ["removed"], { locals: ["removed"] })] }),
      "test/kept.test.ts": facts({ imports: [imp("src/gone.ts", ["kept"], { locals: ["kept"] })] }),
    });
    const reach = symbolReach(graph, [
      { path: "src/gone.ts", fileLevel: false, locals: [], exports: ["removed"] },
    ]);
    expect(hit(reach, "test/gone.test.ts")).toBe(true);
    expect(hit(reach, "test/kept.test.ts")).toBe(false);
  });

  it("side-effect imports and import cycles", () => {
    const graph = graphOf({
      "src/x.ts": facts({
        imports: [imp("src/y.ts", ["y"], { locals: ["y"] })],
        declarations: [decl("x", 2, 4, { references: ["y"] })],
      }),
      "src/y.ts": facts({
        imports: [imp("src/x.ts", ["x"], { locals: ["x"] })],
        declarations: [decl("y", 2, 4, { references: ["x"] })],
      }),
      "test/side.test.ts": facts({ imports: [imp("src/x.ts", "*", { kind: "side-effect" })] }),
    });
    const reach = symbolReach(graph, [{ path: "src/y.ts", fileLevel: false, locals: ["y"], exports: [] }]);
    expect(reach.get("src/x.ts")?.exports).toEqual(new Set(["x"]));
    expect(reach.get("test/side.test.ts")?.fileLevel).toBe(true);
  });
});

describe("symbolReach: changed code that runs on load", () => {
  const graph = graphOf({
    "src/registry.ts": facts({ declarations: [decl("register", 1, 3), decl("lookup", 4, 6)] }),
    "src/plugin.ts": facts({
      imports: [imp("src/registry.ts", ["register"], { locals: ["register"] })],
      declarations: [decl("plugin", 2, 4, { exportedAs: [] }), decl("version", 5, 5)],
      statements: [{ range: { start: 7, end: 7 }, references: ["register", "plugin"] }],
    }),
    "src/index.ts": facts({
      imports: [
        imp("src/plugin.ts", "*", { kind: "reexport-all" }),
        imp("src/registry.ts", "*", { kind: "reexport-all" }),
      ],
    }),
    "test/lookup.test.ts": facts({ imports: [imp("src/index.ts", ["lookup"], { locals: ["lookup"] })] }),
    "test/types.test.ts": facts({
      imports: [imp("src/plugin.ts", ["version"], { kind: "type", typeOnly: true, locals: ["version"] })],
    }),
  });

  it("a changed top-level statement affects every runtime importer, whatever names it takes", () => {
    const reach = symbolReach(graph, [
      { path: "src/plugin.ts", fileLevel: true, evaluates: true, locals: [], exports: [] },
    ]);
    // lookup is unchanged, but loading index.ts runs plugin.ts's changed registration.
    expect(reach.get("test/lookup.test.ts")).toMatchObject({ evaluates: true, fileLevel: false });
    expect(reach.get("test/lookup.test.ts")?.locals.size).toBe(0);
    // A type-only import runs nothing.
    expect(reach.get("test/types.test.ts")?.evaluates).toBe(false);
  });

  it("a changed declaration used by a top-level statement changes what loading runs", () => {
    const reach = symbolReach(graph, [
      { path: "src/plugin.ts", fileLevel: false, evaluates: false, locals: ["plugin"], exports: [] },
    ]);
    expect(reach.get("src/plugin.ts")?.evaluates).toBe(true);
    expect(hit(reach, "test/lookup.test.ts")).toBe(true);
  });

  it("a changed declaration nothing runs on load stays with its users", () => {
    const reach = symbolReach(graph, [
      { path: "src/registry.ts", fileLevel: false, evaluates: false, locals: ["lookup"], exports: [] },
    ]);
    expect(hit(reach, "test/lookup.test.ts")).toBe(true);
    expect(reach.get("src/plugin.ts")).toBeUndefined();
    const other = symbolReach(graph, [
      { path: "src/plugin.ts", fileLevel: false, evaluates: false, locals: ["version"], exports: [] },
    ]);
    expect(hit(other, "test/lookup.test.ts")).toBe(false);
    expect(hit(other, "test/types.test.ts")).toBe(true);
  });

  it("a declaration that runs code on load and uses an affected name changes what loading runs", () => {
    const made = graphOf({
      "src/registry.ts": facts({ declarations: [decl("register", 1, 3), decl("lookup", 4, 6)] }),
      "src/greeting.ts": facts({
        imports: [imp("src/registry.ts", ["register"], { locals: ["register"] })],
        declarations: [decl("greeting", 2, 4, { references: ["register"], runsOnLoad: true })],
      }),
      "src/index.ts": facts({
        imports: [
          imp("src/registry.ts", "*", { kind: "reexport-all" }),
          imp("src/greeting.ts", "*", { kind: "reexport-all" }),
        ],
      }),
      "test/lookup.test.ts": facts({ imports: [imp("src/index.ts", ["lookup"], { locals: ["lookup"] })] }),
    });
    const reach = symbolReach(made, [
      { path: "src/registry.ts", fileLevel: false, evaluates: false, locals: ["register"], exports: [] },
    ]);
    expect(reach.get("src/greeting.ts")?.evaluates).toBe(true);
    expect(reach.get("test/lookup.test.ts")?.evaluates).toBe(true);
  });

  it("a file tree-sitter could not read may run anything once something it imports changed", () => {
    const broken = graphOf({
      "src/a.ts": facts({ declarations: [decl("a", 1, 2)] }),
      "src/broken.ts": facts({ imports: [imp("src/a.ts", ["a"], { locals: ["a"] })], syntaxErrors: 2 }),
      "src/uses.ts": facts({
        imports: [imp("src/broken.ts", ["other"], { locals: ["other"] })],
        declarations: [decl("uses", 2, 3, { references: ["other"] })],
      }),
      "test/uses.test.ts": facts({ imports: [imp("src/uses.ts", ["unrelated"], { locals: ["unrelated"] })] }),
    });
    const reach = symbolReach(broken, [
      { path: "src/a.ts", fileLevel: false, evaluates: false, locals: ["a"], exports: [] },
    ]);
    expect(reach.get("src/broken.ts")).toMatchObject({ fileLevel: true, evaluates: true });
    expect(hit(reach, "test/uses.test.ts")).toBe(true);
  });
});

describe("symbolReach, runtime only", () => {
  const graph = graphOf({
    "src/types.ts": facts({
      declarations: [decl("Options", 1, 3, { kind: "interface" }), decl("defaults", 4, 6)],
    }),
    "src/globals.d.ts": facts({ declarations: [decl("VERSION", 1, 1, { kind: "variable" })] }),
    "src/run.ts": facts({
      imports: [
        imp("src/types.ts", ["Options"], { kind: "type", typeOnly: true, locals: ["Options"] }),
        imp("src/types.ts", ["defaults"], { locals: ["defaults"], line: 2 }),
      ],
      declarations: [
        decl("run", 3, 5, { references: ["Options"] }),
        decl("reset", 6, 8, { references: ["defaults"] }),
      ],
    }),
    "test/run.test.ts": facts({ imports: [imp("src/run.ts", ["run"], { locals: ["run"] })] }),
    "test/reset.test.ts": facts({ imports: [imp("src/run.ts", ["reset"], { locals: ["reset"] })] }),
    "test/version.test.ts": facts({
      imports: [imp("src/globals.d.ts", "*", { kind: "reference", typeOnly: true })],
    }),
  });
  const seeds = [
    {
      path: "src/types.ts",
      fileLevel: false,
      evaluates: false,
      locals: ["Options"],
      exports: [],
      runtime: { locals: [], exports: [] },
    },
    { path: "src/globals.d.ts", fileLevel: true, evaluates: false, locals: [], exports: [] },
  ];

  it("a changed interface reaches its users through types, not at run time", () => {
    expect(hit(symbolReach(graph, seeds), "test/run.test.ts")).toBe(true);
    expect(hit(symbolReach(graph, seeds, { runtimeOnly: true }), "test/run.test.ts")).toBe(false);
  });

  it("nothing in a .d.ts runs", () => {
    expect(hit(symbolReach(graph, seeds), "test/version.test.ts")).toBe(true);
    expect(symbolReach(graph, seeds, { runtimeOnly: true }).has("test/version.test.ts")).toBe(false);
  });

  it("a changed value still reaches its users at run time", () => {
    const value = [
      { path: "src/types.ts", fileLevel: false, evaluates: false, locals: ["defaults"], exports: [] },
    ];
    const reach = symbolReach(graph, value, { runtimeOnly: true });
    expect(hit(reach, "test/reset.test.ts")).toBe(true);
    expect(hit(reach, "test/run.test.ts")).toBe(false);
  });
});

describe("symbolReach through names used only as types", () => {
  const graph = graphOf({
    "src/schema.ts": facts({ declarations: [decl("Schema", 1, 5, { kind: "class" })] }),
    "src/parse.ts": facts({
      imports: [imp("src/schema.ts", ["Schema"], { locals: ["Schema"] })],
      declarations: [
        decl("parse", 2, 4, { typeReferences: ["Schema"] }),
        decl("build", 5, 7, { references: ["Schema"] }),
      ],
    }),
    "test/parse.test.ts": facts({ imports: [imp("src/parse.ts", ["parse"], { locals: ["parse"] })] }),
    "test/build.test.ts": facts({ imports: [imp("src/parse.ts", ["build"], { locals: ["build"] })] }),
  });
  const seeds = [
    { path: "src/schema.ts", fileLevel: false, evaluates: false, locals: ["Schema"], exports: [] },
  ];

  it("a changed class reaches a function that only names it as a type through types alone", () => {
    expect(hit(symbolReach(graph, seeds, { runtimeOnly: true }), "test/parse.test.ts")).toBe(false);
    expect(hit(symbolReach(graph, seeds, { runtimeOnly: true }), "test/build.test.ts")).toBe(true);
    expect(hit(symbolReach(graph, seeds), "test/parse.test.ts")).toBe(true);
  });
});

describe("symbolReach with CommonJS modules", () => {
  it("a file-level change affects every name taken from it, read or not", () => {
    const graph = graphOf({
      "src/legacy.cjs": facts({ statements: [{ range: { start: 1, end: 3 }, references: [] }] }),
      "test/legacy.test.ts": facts({
        imports: [imp("src/legacy.cjs", ["helper"], { kind: "require", locals: ["helper"] })],
      }),
    });
    const reach = symbolReach(graph, [{ path: "src/legacy.cjs", fileLevel: true, locals: [], exports: [] }]);
    expect(hit(reach, "test/legacy.test.ts")).toBe(true);
  });
});
