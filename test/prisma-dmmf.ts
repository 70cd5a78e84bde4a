import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { DMMF } from "@prisma/client/runtime/client";

// Prisma's own schema parser, to read schema.prisma exactly as `prisma generate` / `prisma migrate` do.
// `getDMMF` from @prisma/internals would be the documented route, but the registry here has no @prisma/internals
// matching the installed CLI (7.10.1). The CLI ships that parser itself, as prisma_schema_build_bg.wasm, with its
// wasm-bindgen glue bundled inside build/cli.js where nothing can import it; this is the small part of that glue
// that `get_dmmf` needs. It loads no native engine and needs no network. (For prisma/schema.prisma its datamodel was
// checked to be byte-identical to what getDMMF of @prisma/internals 7.10.0 returns.)

const require = createRequire(import.meta.url);
const prismaDir = path.dirname(require.resolve("prisma/package.json"));
const prismaVersion = (require("prisma/package.json") as { version: string }).version;

interface SchemaWasm {
  memory: WebAssembly.Memory;
  __wbindgen_externrefs: WebAssembly.Table;
  __wbindgen_start(): void;
  __wbindgen_malloc(size: number, align: number): number;
  __wbindgen_free(pointer: number, size: number, align: number): void;
  __externref_table_dealloc(index: number): void;
  /** returns [resultPointer, resultLength, errorIndex, isError] */
  get_dmmf(pointer: number, length: number): [number, number, number, number];
}

let instance: SchemaWasm | undefined;
let panicMessage: string | undefined;

function loadWasm(): SchemaWasm {
  if (instance) return instance;
  const wasmModule = new WebAssembly.Module(readFileSync(path.join(prismaDir, "build", "prisma_schema_build_bg.wasm")));
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const text = (pointer: number, length: number) =>
    decoder.decode(new Uint8Array(wasm.memory.buffer, pointer >>> 0, length >>> 0));
  // The imports carry a hash in their names that changes with each Prisma release, hence matching on the prefix.
  const implementations: [string, (...args: number[]) => unknown][] = [
    ["__wbg_Error_", (pointer, length) => new Error(text(pointer!, length!))],
    ["__wbg___wbindgen_throw_", (pointer, length) => { throw new Error(text(pointer!, length!)); }],
    ["__wbg_set_message_", (pointer, length) => void (panicMessage = text(pointer!, length!))],
    [
      "__wbindgen_init_externref_table",
      () => {
        const table = wasm.__wbindgen_externrefs;
        const base = table.grow(4);
        table.set(0, undefined);
        [undefined, null, true, false].forEach((value, offset) => table.set(base + offset, value));
      },
    ],
  ];
  const imports: Record<string, Record<string, (...args: number[]) => unknown>> = {};
  for (const { module: from, name } of WebAssembly.Module.imports(wasmModule)) {
    const implementation = implementations.find(([prefix]) => name.startsWith(prefix))?.[1];
    if (!implementation) {
      throw new Error(`prisma ${prismaVersion}'s schema wasm wants an import ${name} that test/prisma-dmmf.ts lacks`);
    }
    (imports[from] ??= {})[name] = implementation;
  }
  const wasm = new WebAssembly.Instance(wasmModule, imports).exports as unknown as SchemaWasm;
  wasm.__wbindgen_start();
  instance = wasm;
  return wasm;
}

/** The DMMF of a schema file, as `getDMMF({ datamodel })` from @prisma/internals returns it. */
export function getDMMF(schemaPath: string): DMMF.Document {
  const wasm = loadWasm();
  const input = new TextEncoder().encode(
    JSON.stringify({ prismaSchema: [[schemaPath, readFileSync(schemaPath, "utf8")]], noColor: true }),
  );
  const pointer = wasm.__wbindgen_malloc(input.length, 1) >>> 0;
  new Uint8Array(wasm.memory.buffer, pointer, input.length).set(input);
  let result: [number, number, number, number];
  try {
    result = wasm.get_dmmf(pointer, input.length);
  } catch (error) {
    throw new Error(`Prisma's schema parser crashed: ${panicMessage ?? String(error)}`);
  }
  const [resultPointer, resultLength, errorIndex, failed] = result;
  if (failed) {
    const error = wasm.__wbindgen_externrefs.get(errorIndex) as Error;
    wasm.__externref_table_dealloc(errorIndex);
    throw new Error(`${schemaPath} is not a valid Prisma schema:\n${validationMessage(error.message)}`);
  }
  try {
    const json = new TextDecoder().decode(new Uint8Array(wasm.memory.buffer, resultPointer >>> 0, resultLength >>> 0));
    return JSON.parse(json) as DMMF.Document;
  } finally {
    wasm.__wbindgen_free(resultPointer, resultLength, 1);
  }
}

function validationMessage(raw: string): string {
  try {
    return (JSON.parse(raw) as { message?: string }).message ?? raw;
  } catch {
    return raw;
  }
}
