// wasm-opt -Oz over many files in one process: binaryen (from npm) is loaded once, instead of once per file
// as the wasm-opt command does (some two seconds each, over a hundred route chunks).
//   node .ci/wasm-opt-all.mjs <worker number> <workers> <file>...
// Files are taken largest first and dealt round-robin, so the workers finish together.
import { readFileSync, writeFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, '../end2end/package.json'));
const binaryen = (await import(require.resolve('binaryen'))).default;

const [worker, workers, ...files] = process.argv.slice(2);
const mine = files
  .map((file) => ({ file, size: statSync(file).size }))
  .sort((a, b) => b.size - a.size)
  .filter((_, i) => i % Number(workers) === Number(worker))
  .map((f) => f.file);

const F = binaryen.Features;
// The features the wasm build uses (the same as the flags the wasm-opt command was given).
const features = F.ReferenceTypes | F.BulkMemory | F.BulkMemoryOpt | F.NontrappingFPToInt | F.SignExt | F.MutableGlobals;
binaryen.setOptimizeLevel(2);
binaryen.setShrinkLevel(2); // -Oz
for (const file of mine) {
  const module = binaryen.readBinary(readFileSync(file));
  module.setFeatures(features);
  module.optimize();
  writeFileSync(file, module.emitBinary());
  module.dispose();
}
